import ArgumentParser
import Records

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "In định dạng hồ sơ: JSON Schema, hoặc bảng Markdown. (Print the record format.)")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(help: "json (JSON Schema của phần đầu tệp) hoặc markdown (bảng các khóa của hồ sơ và site.yml).")
    var format: Format = .json

    func run() {
        switch format {
        case .json:
            printOutput(JSONSchema.procedure().json(pretty: true))
        case .markdown:
            printOutput("### Hồ sơ thủ tục (`content/thu-tuc/<ma_thu_tuc>.md`)\n")
            printOutput(SchemaReference.markdown(Schema.procedure))
            printOutput("### `site.yml`\n")
            printOutput(SchemaReference.markdown(Schema.site), terminator: "")
        }
    }
}
