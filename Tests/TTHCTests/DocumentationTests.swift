import Foundation
import Records
import Testing

/// What a user's clone holds: the documentation the README sends a reader to, and a record format
/// page that says what `tthc check` enforces.
@Suite struct DocumentationTests {
    static let markdownFiles = ["README.md"] + ((try? FileManager.default.contentsOfDirectory(
        atPath: Repository.root.appendingPathComponent("docs").path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }

    func text(_ path: String) throws -> String {
        try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theRecordFormatPageHoldsTheSchemaAsTheValidatorHasIt() throws {
        let page = try text("docs/record-format.md")
        let start = try #require(page.range(of: "<!-- generated: tthc schema --format markdown -->\n"))
        let end = try #require(page.range(of: "\n<!-- end generated -->", range: start.upperBound..<page.endIndex))
        let run = try CommandLineTests().tthc(["schema", "--format", "markdown"])
        #expect(run.status == 0)
        #expect(String(page[start.upperBound..<end.lowerBound]) + "\n" == run.output,
                "docs/record-format.md is out of date: run scripts/record-format-doc")
    }

    /// A user's clone has no `../shared`: nothing a reader is sent to may live there.
    @Test(arguments: markdownFiles) func everyLinkLeadsToAFileOfTheRepository(_ path: String) throws {
        let page = try text(path)
        #expect(!page.contains("../shared/design"), "\(path) sends readers to ../shared/design, which a user's clone does not have")
        // Examples in code are not links.
        let prose = page.replacing(try Regex("(?s)```.*?```"), with: "").replacing(try Regex("`[^`\n]*`"), with: "")
        let folder = Repository.root.appendingPathComponent(path).deletingLastPathComponent()
        let links = try Regex(#"\]\(([^)\s#]+)(#[^)\s]*)?\)"#)
        for match in prose.matches(of: links) {
            guard let target = match.output[1].substring.map(String.init),
                  !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
            let resolved = folder.appendingPathComponent(target).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: resolved.path), "\(path) links to \(target), which is not in the repository")
        }
    }

    /// Every diagnostic a clerk can meet is explained on the record format page.
    @Test func everyDiagnosticCodeIsExplained() throws {
        let page = try text("docs/record-format.md")
        let missing = Problem.Code.allCases.map(\.rawValue).filter { !page.contains("`\($0)`") }
        #expect(missing.isEmpty, "docs/record-format.md does not explain: \(missing)")
    }
}
