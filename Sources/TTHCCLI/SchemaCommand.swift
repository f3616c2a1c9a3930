import ArgumentParser
import Records

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "In JSON Schema của phần thông tin đầu tệp. (Print the record's JSON Schema.)")

    func run() {
        printOutput(JSONSchema.procedure().json(pretty: true))
    }
}
