import Foundation
import Markdown
import Records
import Testing
@testable import Site

/// Issue 8's corpus (Tests/Fixtures/hostile/): records, files and exports made to break tthc or
/// to put script on a government page. Each must end in a clear error at its place, an untouched
/// site and nothing that runs; `scripts/hostile-check` opens the built pages in Chromium.
@Suite struct HostileInputTests {
    static let rejectedFolder = Repository.fixture("hostile/rejected")

    struct Expectation: Sendable, CustomStringConvertible {
        var file: String, code: String, line: Int, column: Int
        var description: String { "\(file) \(code) \(line):\(column)" }
    }

    /// `expected.tsv`: file, code, line:column.
    static let expectations: [Expectation] = {
        let text = (try? String(contentsOf: rejectedFolder.appendingPathComponent("expected.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { row in
            let fields = row.split(separator: "\t").map(String.init)
            let place = fields.count == 3 ? fields[2].split(separator: ":").compactMap { Int($0) } : []
            guard place.count == 2 else { return nil }
            return Expectation(file: fields[0], code: fields[1], line: place[0], column: place[1])
        }
    }()

    static var rejectedFiles: [String] { Array(Set(expectations.map(\.file))).sorted() }

    @Test func theCorpusTableIsReadAndCoversEveryFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.rejectedFolder.path).filter { $0.hasSuffix(".md") }
        #expect(Set(files) == Set(Self.rejectedFiles), "every file in hostile/rejected has a line in expected.tsv")
        #expect(Self.expectations.count >= 30)
    }

    /// `tthc build` on a site holding the file: exit 1, each expected error at its place, and no
    /// output folder made.
    @Test(arguments: rejectedFiles) func aRejectedRecordEndsInItsErrorsAndBuildsNothing(file: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("content/thu-tuc/\(file)", Data(contentsOf: Self.rejectedFolder.appendingPathComponent(file)))
        let run = try CommandLineTests().tthc(["build"], in: site.folder, killAfter: 60)
        #expect(!run.timedOut)
        #expect(run.status == 1, "\(run.output)\(run.errors)")
        let report = run.output + run.errors
        for expected in Self.expectations where expected.file == file {
            #expect(report.contains("content/thu-tuc/\(file):\(expected.line):\(expected.column): lỗi [\(expected.code)]"),
                    "\(expected) in:\n\(report.prefix(3000))")
        }
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    // MARK: - Content that must build, and run nothing

    /// The hostile site: every text field, the body and the unit's name carry payloads that would
    /// set `window.__tthcPwned`. It builds (with raw-HTML warnings), and no page holds an element or
    /// attribute that runs, other than the theme's own scripts.
    @Test func hostileTextBuildsIntoPagesThatRunNothing() throws {
        let site = try copyOfHostileSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (outcome, files) = try SiteBuild(site: site).render()
        #expect(!outcome.diagnostics.contains { $0.severity == .error }, "\(outcome.diagnostics.filter { $0.severity == .error })")
        // Codes, sector codes and agency names with `../`, `/`, U+2028 and U+202E (1.900030) name no file outside
        // the output (NUL and other controls are errors now: `rejected/control-escapes.md`).
        for file in try #require(files) {
            #expect(!file.path.hasPrefix("/") && !file.path.split(separator: "/").contains("..") && !file.path.contains("\0"), "\(file.path)")
        }
        // site.yml's keys and the change log's lines carry payloads too: the feed, the sitemap, the
        // API, the search index and robots.txt read back as what they are (ForgedOutputTests).
        let outputs = ForgedOutputTests.problems(in: try #require(files), root: "https://example.invalid/")
        #expect(outputs.isEmpty, "\(outputs)")
        let pages = try #require(files).filter { $0.path.hasSuffix(".html") }
        #expect(pages.count >= 20)
        for page in pages {
            let html = String(decoding: page.data, as: UTF8.self)
            #expect(Self.executableParts(of: html).isEmpty, "\(page.path): \(Self.executableParts(of: html))")
        }
        let procedure = try #require(pages.first { $0.path == "thu-tuc/1.900020/index.html" })
        let html = String(decoding: procedure.data, as: UTF8.self)
        #expect(html.contains("&lt;script&gt;window.__tthcPwned=&quot;script&quot;&lt;/script&gt;"), "the payload is shown as text")
        // JSON-LD keeps the text as data and cannot be closed from inside.
        let opening = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let closing = try #require(html[opening.upperBound...].range(of: "</script>"))
        let jsonLD = try #require(try JSONSerialization.jsonObject(with: Data(html[opening.upperBound..<closing.lowerBound].utf8)) as? [String: Any])
        #expect(jsonLD["name"] as? String == "Thủ tục thử <script>window.__tthcPwned=\"script\"</script>")
    }

    /// A `"` followed by a combining mark is one grapheme cluster: escaping by `Character` would
    /// miss it (PITFALLS.md). In an attribute it must still come out as `&quot;`.
    @Test func aQuoteWithACombiningMarkCannotLeaveAnAttribute() throws {
        let site = try copyOfHostileSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (_, files) = try SiteBuild(site: site).render()
        let page = try #require(files?.first { $0.path == "thu-tuc/1.900023/index.html" })
        let html = String(decoding: page.data, as: UTF8.self)
        let escaped = "&quot;\u{301} autofocus onfocus=&quot;", raw = "\"\u{301} autofocus"
        #expect(html.contains(escaped))
        // Outside JSON-LD (where it is the JSON string escape `\"`), no `"` is written raw before the mark.
        let withoutJSONLD = html.replacingOccurrences(of: #"<script type="application/ld\+json">[^<]*</script>"#, with: "", options: .regularExpression)
        #expect(withoutJSONLD.count < html.count)
        #expect(!withoutJSONLD.contains(raw))
    }

    /// A partial named with `../` finds nothing: templates come only from `templates/*.mustache`.
    @Test func aTemplateCannotIncludeAFileOutsideTemplates() throws {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh"]))
        defer { site.remove() }
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-secret-\(UUID().uuidString).mustache")
        try "BÍ MẬT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let relative = String(repeating: "../", count: 12) + secret.path.dropFirst().dropLast(".mustache".count)
        let template = try site.read("templates/thu-tuc.mustache")
        try site.write("templates/thu-tuc.mustache", template.replacingOccurrences(of: "<h1>", with: "{{> \(relative)}}<h1>"))
        let (_, files) = try SiteBuild(site: site.folder).render()
        let page = try #require(files?.first { $0.path == "thu-tuc/1.000001/index.html" })
        #expect(!String(decoding: page.data, as: UTF8.self).contains("BÍ MẬT"))
    }

    // MARK: - Files that are not what they seem

    @Test func aSymbolicLinkOutOfTheSiteIsNotRead() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-outside-\(UUID().uuidString).md")
        try SampleRecord.text().write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: site.url("content/thu-tuc/1.001193.md"), withDestinationURL: outside)
        let run = try CommandLineTests().tthc(["build"], in: site.folder, killAfter: 60)
        #expect(run.status == 1)
        #expect((run.output + run.errors).contains("content/thu-tuc/1.001193.md:1:1: lỗi [outside-site]"), "\(run.output)\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    /// A link to a file inside the site is fine (a province may share records between its sites).
    @Test func aSymbolicLinkWithinTheSiteIsRead() throws {
        let site = try TemporarySite("-- shared/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("content/thu-tuc/1.001193.md").path,
                                                   withDestinationPath: "../../shared/1.001193.md")
        let run = try CommandLineTests().tthc(["build"], in: site.folder, killAfter: 60)
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/thu-tuc/1.001193/index.html").path))
    }

    /// A named pipe would block a reader forever; a folder named like a record cannot be read.
    @Test func aPipeOrAFolderNamedLikeARecordIsReportedNotOpened() throws {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh"]))
        defer { site.remove() }
        #expect(mkfifo(site.url("content/thu-tuc/1.000002.md").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: site.url("content/thu-tuc/1.000003.md"), withIntermediateDirectories: false)
        let run = try CommandLineTests().tthc(["check"], in: site.folder, killAfter: 60)
        #expect(!run.timedOut)
        #expect(run.status == 1)
        #expect(run.output.contains("content/thu-tuc/1.000002.md:1:1: lỗi [not-a-file]"), "\(run.output)")
        #expect(run.output.contains("content/thu-tuc/1.000003.md:1:1: lỗi [not-a-file]"), "\(run.output)")
    }

    // MARK: - Limits (README, "Limits")

    @Test func aFiftyMegabyteRecordIsRefusedWithoutBeingRead() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let text = SampleRecord.text() + String(repeating: "Nội dung dán lặp lại. ", count: 50 << 20 / 24)
        try site.write("content/thu-tuc/1.001193.md", text)
        let run = try CommandLineTests().tthc(["check"], in: site.folder, killAfter: 60)
        #expect(run.status == 1)
        #expect(run.output.contains("content/thu-tuc/1.001193.md:1:1: lỗi [too-large]"), "\(run.output.prefix(500))")
    }

    @Test func aBodyOverItsLimitIsItsOwnError() throws {
        let body = SampleRecord.body + "\n\n" + String(repeating: "Bước tiếp theo của thủ tục. ", count: Record.maximumBodySize / 20)
        let record = SampleRecord.read(SampleRecord.text(body: body))
        let problem = try #require(record.diagnostics(.tooMuchText).first)
        let frontMatterLines = SampleRecord.frontMatter.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problem.line == frontMatterLines + 3, "the body's first line")
        #expect(record.procedure == nil)
    }

    @Test func moreRecordsThanTheLimitAreRefusedBeforeAnyIsRead() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        for index in 0...Record.maximumRecords {
            FileManager.default.createFile(atPath: site.url(String(format: "content/thu-tuc/9.%06d.md", index)).path, contents: nil)
        }
        let run = try CommandLineTests().tthc(["check"], in: site.folder, killAfter: 120)
        #expect(run.status == 1)
        #expect(run.output.contains("content/thu-tuc:1:1: lỗi [too-many-records]"), "\(run.output.prefix(500))")
        #expect(run.output.contains("1 lỗi"), "one error, not one per file")
    }

    /// An export of 100,000 procedures is refused in the time of one byte scan, and nothing is written.
    @Test func anExportOverTheLimitIsRefusedAndNothingWritten() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        var lines = ""
        for index in 0..<100_000 { lines += "{\"code\":\"1.\(String(format: "%06d", index))\",\"name\":\"Thủ tục \(index)\"}\n" }
        try site.write("export.jsonl", lines)
        let run = try CommandLineTests().tthc(["sync", "--catalog", "export.jsonl"], in: site.folder, killAfter: 120)
        #expect(run.status == 2)
        #expect(run.errors.contains("100000 thủ tục, quá giới hạn 50000"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    /// Exports from `hostile/exports/`: every field of a real entry given the wrong type (with and
    /// without a usable code), and an entry with bytes that are not UTF-8. Each is reported by
    /// position and code, with what is wrong, and no record is written.
    @Test(arguments: [
        ("wrong-types.json", Int32(1), "lỗi: bản ghi thứ 1 (mã 1.000080): tên thủ tục (`name`) phải là văn bản, ở đây là một số"),
        ("code-not-text.json", Int32(1), "lỗi: bản ghi thứ 1 (mã ?): mã thủ tục (`code`) phải là văn bản, ở đây là một số"),
        ("not-utf8.json", Int32(2), "bản ghi 1 có byte không phải UTF-8 ở vị trí 8122 của tệp"),
    ])
    func aHostileExportIsReportedAndWritesNothing(file: String, status: Int32, message: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("export.json", Data(contentsOf: Repository.fixture("hostile/exports/\(file)")))
        let run = try CommandLineTests().tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(run.status == status, "\(run.output)\(run.errors)")
        #expect((run.output + run.errors).contains(message), "\(run.output)\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    /// An export saved as UTF-16 or UTF-32 (PowerShell's `>` on Windows writes UTF-16LE with a
    /// mark), with or without the byte-order mark, is named as such with the way to convert it,
    /// never called truncated, and nothing is written.
    @Test(arguments: [("utf-16", "UTF-16LE"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"),
                      ("utf-32", "UTF-32LE"), ("utf-32-be", "UTF-32BE"), ("utf-32-le", "UTF-32LE")])
    func anExportInUTF16OrUTF32IsNamedAsSuch(encoding: String, named: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let text = String(decoding: try Data(contentsOf: Repository.fixture("export-sample.json")), as: UTF8.self)
        let wide: String.Encoding = switch encoding {
        case "utf-16": .utf16
        case "utf-16-le": .utf16LittleEndian
        case "utf-16-be": .utf16BigEndian
        case "utf-32": .utf32LittleEndian
        case "utf-32-be": .utf32BigEndian
        default: .utf32LittleEndian
        }
        var bytes = try #require(text.data(using: wide))
        if encoding == "utf-32" { bytes = Data([0xFF, 0xFE, 0x00, 0x00]) + bytes }
        try site.write("export.json", bytes)
        let before = Tree.of(site.folder)
        let run = try CommandLineTests().tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(run.status == 2, "\(run.output)\(run.errors)")
        #expect(run.errors.contains("tệp xuất được lưu ở mã \(named)"), "\(run.errors)")
        #expect(run.errors.contains("iconv -f \(named) -t UTF-8"), "\(run.errors)")
        #expect(!run.errors.contains("cắt cụt"), "\(run.errors)")
        #expect(Tree.of(site.folder) == before)
    }

    /// A whole number beyond what an integer holds (found by the validator's fuzzer: it stopped
    /// the build) is read as the number it is, and the page says it as written.
    @Test func aNumberTooLargeForAnIntegerIsStillANumber() throws {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "so: 1\n", with: "so: 1000000000000000000000000000000\n")
        #expect(frontMatter != SampleRecord.frontMatter)
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(frontMatter: frontMatter))
        defer { site.remove() }
        let (outcome, files) = try SiteBuild(site: site.folder).render()
        #expect(!outcome.diagnostics.contains { $0.severity == .error })
        let page = try #require(files?.first { $0.path == "thu-tuc/1.001193/index.html" })
        #expect(String(decoding: page.data, as: UTF8.self).contains("1e+30 ngày làm việc"))
    }

    // MARK: - The fuzzers' corpus, replayed

    /// Every seed and every input that once crashed a fuzzer (Tests/Fixtures/fuzz/) still meets
    /// the fuzzers' checks, without the fuzzer: diagnostics inside the file, HTML that runs nothing.
    @Test func theFuzzCorpusStillPasses() throws {
        let fuzz = Repository.fixture("fuzz")
        for target in ["record", "validator"] {
            for file in try corpus(fuzz.appendingPathComponent(target)) {
                var bytes = try [UInt8](Data(contentsOf: file))
                if target == "validator" {
                    if let yaml = String(validating: bytes, as: UTF8.self) {
                        #expect(YAMLReaders.scannerAgreesWithLibyaml(yaml), "\(file.lastPathComponent): the block scanner and libyaml disagree")
                    }
                    bytes = Array("---\n".utf8) + bytes + Array("\n---\n\n## Trình tự thực hiện\n\nBước 1.\n".utf8)
                }
                let lines = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                    .split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.count
                let record = Record.read(bytes: bytes, path: "content/thu-tuc/1.000001.md")
                for diagnostic in record.diagnostics {
                    #expect(diagnostic.line >= 1 && diagnostic.line <= lines + 1 && diagnostic.column >= 1, "\(file.lastPathComponent): \(diagnostic)")
                }
            }
        }
        for file in try corpus(fuzz.appendingPathComponent("markdown")) {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let rendered = MarkdownRenderer.render(text, anchor: { _ in "h" })
            #expect(ExecutableHTML.find(in: rendered.html) == nil, "\(file.lastPathComponent)")
            #expect(rendered.outline.positionOutside(text) == nil, "\(file.lastPathComponent)")
            #expect(rendered.outline == MarkdownOutline(text), "\(file.lastPathComponent)")
        }
    }

    /// The renderer's own promise, on the worst links Markdown can spell.
    @Test func markdownLinksThatWouldRunAreRenderedHarmless() throws {
        let markdown = try String(contentsOf: Repository.fixture("fuzz/markdown/links.md"), encoding: .utf8)
        let html = MarkdownRenderer.render(markdown, anchor: { $0 }).html
        #expect(ExecutableHTML.find(in: html) == nil, "\(html)")
        #expect(!html.lowercased().contains("href=\"javascript") && !html.lowercased().contains("src=\"javascript"))
        // And the check itself notices what it must.
        #expect(ExecutableHTML.find(in: "<p><a href=\"java&#x73;cript:x\">a</a></p>") != nil)
        #expect(ExecutableHTML.find(in: "<p><img src=\"x\" onerror=\"y\" /></p>") != nil)
        #expect(ExecutableHTML.find(in: "<script>x</script>") != nil)
    }

    // MARK: - Helpers

    private func copyOfHostileSite() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-hostile-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repository.fixture("hostile/site"), to: site)
        try FileManager.default.copyItem(at: Repository.templates, to: site.appendingPathComponent("templates"))
        return site
    }

    private func corpus(_ folder: URL) throws -> [URL] {
        let crashes = folder.appendingPathComponent("crashes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "crashes" && !$0.hasPrefix(".") }
        let crashNames = (try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? []
        return names.map { folder.appendingPathComponent($0) } + crashNames.map { crashes.appendingPathComponent($0) }
    }

    /// Tags of a whole page that would run: any `on…` attribute, a `javascript:` address, and any
    /// script but the theme's own (`assets/*.js`) and JSON-LD. Text `<` is always escaped in
    /// tthc's output, so every `<` starts a real tag.
    static func executableParts(of html: String) -> [String] {
        var found: [String] = []
        let tag = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>"#)
        let attribute = try! NSRegularExpression(pattern: #"\s([a-zA-Z-:]+)(?:="([^"]*)")?"#)
        for match in tag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!]).lowercased()
            let attributes = String(html[Range(match.range(at: 2), in: html)!])
            // The report's charts are SVG tthc draws (shapes and text only): any other SVG, or any SVG
            // element that can run, load or link, is a finding.
            let chart = name == "svg" && attributes.range(of: #"^ class="(bar|trend)-chart" "#, options: .regularExpression) != nil
            if ["iframe", "object", "embed", "svg", "math", "base"].contains(name), !chart { found.append(name) }
            if ["foreignobject", "animate", "set", "use", "handler"].contains(name) || attributes.contains("xlink:href") {
                found.append("\(name)\(attributes)")
            }
            if name == "script", !attributes.contains("type=\"application/ld+json\""),
               attributes.range(of: #"src="[./]*assets/[a-z-]+\.js""#, options: .regularExpression) == nil {
                found.append("script\(attributes)")
            }
            for part in attribute.matches(in: attributes, range: NSRange(attributes.startIndex..., in: attributes)) {
                let key = String(attributes[Range(part.range(at: 1), in: attributes)!]).lowercased()
                let value = Range(part.range(at: 2), in: attributes).map { String(attributes[$0]) } ?? ""
                if key.hasPrefix("on") { found.append("\(name) \(key)") }
                if ["href", "src", "action"].contains(key), ExecutableHTML.runnableScheme(value) != nil { found.append("\(name) \(key)=\(value)") }
            }
        }
        return found
    }
}
