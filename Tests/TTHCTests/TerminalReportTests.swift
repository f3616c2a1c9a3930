import Editor
import Foundation
import Records
import Testing
@testable import TTHCCLI

/// Issue 14, point 5: what tthc prints on a terminal or in CI quotes records, file names and
/// exports; none of it can move the cursor, recolour or clear the screen, rewind a line, read
/// backwards, or start a line of its own that GitHub Actions runs as a workflow command.
@Suite struct TerminalReportTests {
    /// What a stream may not hold raw: every scalar `TerminalText` escapes but the line feeds
    /// between tthc's own lines.
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { $0 != "\n" && TerminalTextTests.mustBeEscaped($0) }
            .map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Lines the runner would take for a workflow command (it trims white space first).
    static func commandLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.drop(while: \.isWhitespace).hasPrefix("::") }
    }

    /// Records that quote hostile text in their diagnostics: a raw ESC in the front matter (a YAML
    /// error whose line is quoted), raw HTML with ESC, BEL and CR in the body (a warning, quoted),
    /// values with U+2028, bidirectional overrides and `::` in messages, an unknown key written
    /// backwards, and a file whose name holds ESC, a line feed and a workflow command.
    static func hostileSite() throws -> TemporarySite {
        let names = SampleRecord.files(names: ["Thủ tục một", "Thủ tục hai", "Thủ tục ba"])
        let site = try TemporarySite(names)
        let one = SampleRecord.text().replacingOccurrences(of: "\"1.001193\"", with: "\"1.000001\"")
        try site.write("content/thu-tuc/1.000001.md",
                       one.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Thủ tục \u{1B}[2J\u{1B}[31mđỏ\""))
        let two = SampleRecord.text().replacingOccurrences(of: "\"1.001193\"", with: "\"1.000002\"")
        try site.write("content/thu-tuc/1.000002.md", two + "\n<b>\u{1B}]0;pwned\u{7}</b>\rGHI ĐÈ\n\n<i>x</i> ::error file=site.yml,line=1::giả\n")
        let three = SampleRecord.text().replacingOccurrences(of: "\"1.001193\"", with: "\"1.000003\"")
            .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: \"\\L::warning file=site.yml::giả\\u202E\"")
            .replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: trung_uong\n\"\\u202Eten\": x")
        try site.write("content/thu-tuc/1.000003.md", three)
        try site.write("content/thu-tuc/\u{1B}[31m\n::error file=site.yml::giả.md", "không có phần đầu\n")
        return site
    }

    @Test(arguments: [["check"], ["check", "--lang", "en"], ["check", "--strict"], ["build"]])
    func theTextReportShowsControlsAndStartsNoLineFromOutside(arguments: [String]) throws {
        let site = try Self.hostileSite()
        defer { site.remove() }
        let run = try CommandLineTests().tthc(arguments + ["--site", site.folder.path])
        let printed = run.output + run.errors
        #expect(run.status == 1, "\(printed)")
        #expect(Self.rawControls(printed).isEmpty, "\(Self.rawControls(printed))")
        #expect(Self.commandLines(printed).isEmpty, "\(Self.commandLines(printed))")
        for shown in [#"\u{1B}[2J"#, #"\u{1B}]0;pwned\u{7}"#, #"\u{D}GHI ĐÈ"#, #"\u{2028}::warning"#, #"\u{202E}ten"#, #"\u{1B}[31m\u{A}::error"#] {
            #expect(printed.contains(shown), "\(shown) in \(printed.prefix(4000))")
        }
    }

    @Test func theGithubFormatIsOneAnnotationPerLineAndNothingElse() throws {
        let site = try Self.hostileSite()
        defer { site.remove() }
        // As CI runs it, from the site's folder (paths are relative to the working folder).
        let run = try CommandLineTests().tthc(["check", "--format", "github"], in: site.folder)
        #expect(run.status == 1)
        #expect(Self.rawControls(run.output).isEmpty, "\(Self.rawControls(run.output))")
        let annotation = try Regex(#"^::(error|warning) file=content/thu-tuc/[^,:\n]+,line=\d+,col=\d+,title=[a-z-]+::[^\n]*$"#)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count >= 6)
        for line in lines { #expect(line.wholeMatch(of: annotation) != nil, "\(line)") }
        // The file holding a line feed and `::` in its name is one annotation, its name escaped.
        #expect(run.output.contains(#"file=content/thu-tuc/\u{1B}[31m\u{A}%3A%3Aerror file=site.yml%3A%3Agiả.md,"#), "\(run.output)")
    }

    @Test func theJSONFormatKeepsTheTextAsDataAndNoControlRaw() throws {
        let site = try Self.hostileSite()
        defer { site.remove() }
        let run = try CommandLineTests().tthc(["check", "--format", "json", "--site", site.folder.path])
        #expect(Self.rawControls(run.output).isEmpty)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(report.contains { ($0["file"] as? String) == "content/thu-tuc/\u{1B}[31m\n::error file=site.yml::giả.md" })
        #expect(report.contains { ($0["message"] as? String)?.contains("\u{2028}::warning file=site.yml::giả\u{202E}") == true })
    }

    /// A raw ESC before the column of an error: the caret stays under the character it points at,
    /// counting the cells of `\u{1B}`.
    @Test func theCaretCountsTheEscapesBeforeIt() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text()
            .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: \"\u{1B}[1m\" # x\u{1B}\nx: y"))
        defer { site.remove() }
        let run = try CommandLineTests().tthc(["check", "--site", site.folder.path])
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let quoted = try #require(lines.firstIndex { $0.hasPrefix("    9 | ") }, "\(run.output)")
        let caret = try #require(lines[quoted + 1].firstIndex(of: "^"))
        let column = lines[quoted + 1].distance(from: lines[quoted + 1].startIndex, to: caret)
        let text = lines[quoted]
        #expect(text == "    9 | trang_thai: \"\\u{1B}[1m\" # x\\u{1B}", "\(run.output)")
        // libyaml stops at the first ESC: the caret is under its backslash.
        #expect(text.dropFirst(column).hasPrefix("\\u{1B}[1m"), "\(text)\n\(lines[quoted + 1])")
    }

    /// swift-argument-parser quotes the value it refused: its line break cannot start a command.
    @Test(arguments: [["check", "--format"], ["check", "--lang"], ["build", "--strict", "--site", ".", "--bogus"]])
    func aRefusedOptionValueIsQuotedWithoutStartingALine(arguments: [String]) throws {
        let run = try CommandLineTests().tthc(arguments + ["x\n::error file=site.yml::giả\u{1B}[2J\r"])
        #expect(run.status == 2)
        #expect(Self.rawControls(run.errors).isEmpty && Self.commandLines(run.errors).isEmpty, "\(run.errors)")
    }

    // MARK: - Sync

    /// Catalog text with a workflow command and a bidirectional override, imported, then changed
    /// near it: the dry run's diff shows it as a context line, which starts with a space.
    @Test func syncDiffsAndConflictsShowCatalogAndLocalTextEscaped() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let sync = SyncTests()
        func withConditions(_ entries: [[String: Any]], _ text: String) -> [[String: Any]] {
            entries.map { entry in
                guard var data = entry["data"] as? [String: Any], data["code"] as? String == "1.001193" else { return entry }
                data["requirementsAndConditions"] = text
                data["updatedAt"] = (data["updatedAt"] as? Int ?? 0) + 1
                var changed = entry
                changed["data"] = data
                return changed
            }
        }
        let first = withConditions(try sync.entries(), "Dòng một\nDòng hai\n::error file=site.yml,line=1::giả \u{202E}mạo\u{202C}\nDòng ba")
        try synchronize(site, with: try sync.export(first))
        // Edited here and changed there: a conflict that quotes both values.
        let paternity = try site.read(sync.paternity)
        try site.write(sync.paternity, paternity.replacingOccurrences(of: #"(?m)^ten: .*$"#, with: #"ten: "Thủ tục \\u202Egnẹđ\\u202C ::add-mask::x""#,
                                                                      options: .regularExpression))
        let second = sync.renamed(withConditions(first, "Dòng một\nDòng hai\n::error file=site.yml,line=1::giả \u{202E}mạo\u{202C}\nDòng ba mới"),
                                  code: "1.000080", to: "::stop-commands::tthc\u{2028}Tên mới")
        try site.write("moi.json", try sync.export(second))
        let run = try CommandLineTests().tthc(["sync", "--site", site.folder.path, "--catalog", site.url("moi.json").path, "--dry-run"])
        #expect(run.status == 1, "\(run.errors)")
        // The report is on standard output (ConflictTests); nothing on either stream is raw.
        #expect(Self.rawControls(run.output + run.errors).isEmpty, "\(Self.rawControls(run.output + run.errors))")
        #expect(Self.commandLines(run.output + run.errors).isEmpty, "\(Self.commandLines(run.output + run.errors))")
        // Conflicting values are shown as YAML, escaped (`\u{202E}`); the catalog's line separator became a space.
        // (The export's bidirectional override itself is dropped at the export boundary, ExportValues.)
        for shown in [#" \u{3A}:error file=site.yml,line=1::giả mạo"#, #"+Dòng ba mới"#,
                      #"      ten: Thủ tục \u{202E}gnẹđ\u{202C} ::add-mask::x"#, #"      ten: "::stop-commands::tthc Tên mới""#] {
            #expect(run.output.contains(shown), "\(shown) in \(run.output)")
        }
    }

    // MARK: - tthc serve

    @Test func servesErrorPanelShowsControlsAndEscapesMarkup() {
        let problem = Problem.brokenLink("\u{202E}<script>window.__tthcPwned=1</script>\u{1B}[2J", suggestion: "ten\u{2028}")
        let panel = LivePreview.panel([Diagnostic(file: "content/thu-tuc/a\u{202E}dm.exe\n.md", line: 3, column: 1, problem: problem)],
                                       language: .vi)
        #expect(Self.rawControls(panel).isEmpty, "\(panel)")
        #expect(!panel.contains("<script") && panel.contains("&lt;script&gt;"))
        #expect(panel.contains(#"<code>content/thu-tuc/a\u{202E}dm.exe\u{A}.md</code>"#))
        #expect(panel.contains(#"\u{202E}&lt;script&gt;window.__tthcPwned=1&lt;/script&gt;\u{1B}[2J"#), "\(panel)")
        #expect(LivePreview.panel(message: "Mẫu trang lỗi: {{\u{1B}[2J}}").contains(#"{{\u{1B}[2J}}"#))
    }
}
