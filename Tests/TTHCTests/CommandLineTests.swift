import Foundation
import Testing

/// `tthc` as CI and staff run it: a subprocess, its exit status, its output streams.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
        /// Killed after the time allowed: a hang, whatever the status says.
        var timedOut = false
    }

    /// The `tthc` built beside the tests (`swift build --build-tests` builds it too).
    static let executable: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let beside = products.appendingPathComponent("tthc")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Repository.root.appendingPathComponent(".build/debug/tthc")
    }()

    /// Both streams go to files: a pipe read one after the other deadlocks once the unread one
    /// fills (a dry run prints hundreds of kilobytes of diffs).
    /// `program`: another executable than tthc (`/bin/sh`, to run a command line as printed).
    func tthc(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
              killAfter seconds: Double = 600, program: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = program ?? Self.executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("out"), errorURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL), errors = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A hang guard, not a speed check: a process still running this long is stuck.
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Run(status: process.terminationStatus,
                   output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                   errors: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self), timedOut: timedOut)
    }

    func brokenSite() throws -> TemporarySite {
        let frontMatter = SampleRecord.frontMatter
            .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: hieu luc")
            .replacingOccurrences(of: "don_vi: ngay_lam_viec", with: "don_vi: khac")
        return try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(frontMatter: frontMatter))
    }

    @Test func checkOnACleanSiteExitsZero() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let run = try tthc(["check"], in: site.folder)
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.output == "0 lỗi, 0 cảnh báo.\n")
    }

    @Test func checkJSONIsOneArrayAndNothingElse() throws {
        let site = try brokenSite()
        defer { site.remove() }
        let run = try tthc(["check", "--format", "json", "--site", site.folder.path])
        #expect(run.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        let error = try #require(array.first)
        #expect(Set(error.keys) == ["file", "line", "column", "severity", "code", "message", "suggestion", "origin"])
        #expect(error["origin"] as? String == "unit", "a record the unit wrote itself: its own content")
        #expect(error["file"] as? String == "content/thu-tuc/1.001193.md")
        #expect(error["line"] as? Int == 9)
        #expect(error["column"] as? Int == 13)
        #expect(error["severity"] as? String == "error")
        #expect(error["code"] as? String == "not-in-vocabulary")
        #expect((error["message"] as? String)?.hasPrefix("Giá trị `hieu luc` của `trang_thai` không hợp lệ") == true)
        #expect(error["suggestion"] as? String == "Có phải ý bạn là `hieu_luc`?")
        #expect(array.last?["severity"] as? String == "warning")
        #expect(array.last?["suggestion"] != nil)
    }

    @Test func checkInEnglishStrictAndForGitHub() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(
            frontMatter: SampleRecord.frontMatter.replacingOccurrences(of: "don_vi: ngay_lam_viec", with: "don_vi: khac")))
        defer { site.remove() }
        let lenient = try tthc(["check", "--lang", "en"], in: site.folder)
        #expect(lenient.status == 0)
        #expect(lenient.output.contains("content/thu-tuc/1.001193.md:20:15: warning [duration-without-description]"))
        let strict = try tthc(["check", "--strict", "--format", "github"], in: site.folder)
        #expect(strict.status == 1)
        #expect(strict.output.hasPrefix(
            "::error file=content/thu-tuc/1.001193.md,line=20,col=15,title=duration-without-description::"))
    }

    /// GitHub places an annotation by its path from the repository's root, where the workflow
    /// runs: a site in a sub-folder (a province's repository) prefixes its paths.
    @Test func githubPathsAreRelativeToTheWorkingFolder() throws {
        let site = try brokenSite()
        defer { site.remove() }
        let repository = site.folder.deletingLastPathComponent().appendingPathComponent("repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("don-vi"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.copyItem(at: site.folder, to: repository.appendingPathComponent("don-vi/xa-a"))
        let fromRoot = try tthc(["check", "--format", "github", "--site", "don-vi/xa-a"], in: repository)
        #expect(fromRoot.output.hasPrefix("::error file=don-vi/xa-a/content/thu-tuc/1.001193.md,line="), "\(fromRoot.output)")
        let inside = try tthc(["check", "--format", "github"], in: repository.appendingPathComponent("don-vi/xa-a"))
        #expect(inside.output.hasPrefix("::error file=content/thu-tuc/1.001193.md,line="), "\(inside.output)")
    }

    @Test func checkQuotesTheOffendingLineWithACaret() throws {
        let site = try brokenSite()
        defer { site.remove() }
        let run = try tthc(["check"], in: site.folder)
        #expect(run.output.contains("""
            content/thu-tuc/1.001193.md:9:13: lỗi [not-in-vocabulary] Giá trị `hieu luc` của `trang_thai` không hợp lệ; chỉ được dùng: `hieu_luc`, `da_sua_doi`, `bai_bo`.
                9 | trang_thai: hieu luc
                  |             ^
                → Có phải ý bạn là `hieu_luc`?

            """))
        // Decomposed text: the combining marks before the column take no cell, so the caret
        // still stands under the key.
        let prefix = "linh_vuc: {ma: G15-TP07, ten: Hộ tịch, "
        let flow = (prefix + "sai: 1}").decomposedStringWithCanonicalMapping
        let record = SampleRecord.text(frontMatter: SampleRecord.frontMatter
            .replacingOccurrences(of: "linh_vuc:\n  ma: G15-TP07\n  ten: Hộ tịch", with: flow))
        try site.write("content/thu-tuc/1.001193.md", record)
        let nfd = try tthc(["check", "--lang", "en"], in: site.folder)
        #expect(nfd.output.contains("    6 | \(flow)\n      | \(String(repeating: " ", count: prefix.count))^\n"), "\(nfd.output)")
    }

    @Test func checkThatCannotRunExitsTwo() throws {
        let run = try tthc(["check", "--site", "/nonexistent/tthc-site"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("site.yml"))
    }

    @Test func usageErrorsExitTwo() throws {
        let run = try tthc(["check", "--lang", "fr"])
        #expect(run.status == 2)
        #expect(run.errors.contains("--lang"))
        #expect(try tthc(["build", "--no-such-option"]).status == 2)
    }

    @Test func buildWithErrorsWritesNothingAndExitsOne() throws {
        let site = try brokenSite()
        defer { site.remove() }
        let run = try tthc(["build"], in: site.folder)
        #expect(run.status == 1)
        #expect(run.errors.contains("content/thu-tuc/1.001193.md:9:13: lỗi [not-in-vocabulary]"))
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    @Test func buildToAnOutputFolderWithABaseURL() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let run = try tthc(["build", "--output", site.url("out").path, "--base-url", "https://a.invalid/x/"], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(try site.read("out/sitemap.xml").contains("<loc>https://a.invalid/x/thu-tuc/1.001193/</loc>"))
    }

    @Test func syncImportsThenChangesNoByteOnASecondRun() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = Repository.fixture("export-sample.json").path
        let first = try tthc(["sync", "--catalog", export], in: site.folder, environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.hasPrefix("Tạo mới                     3\nCập nhật                    0\n"))
        let written = try site.read("content/thu-tuc/1.001193.md")
        #expect(written.contains("dong_bo_luc: \"2026-11-18T"))
        let second = try tthc(["sync", "--catalog", export, "--format", "json"], in: site.folder)
        #expect(second.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any])
        #expect((report["unchanged"] as? [String])?.count == 3)
        #expect((report["files_to_write"] as? [String])?.isEmpty == true)
        #expect(try site.read("content/thu-tuc/1.001193.md") == written)
        #expect(try tthc(["check"], in: site.folder).status == 0)
        let bookkeeping = try FileManager.default.contentsOfDirectory(atPath: site.url("content/.dong-bo").path).sorted()
        #expect(bookkeeping == ["bao-cao.jsonl", "co-so", "nhat-ky.jsonl", "tep.tsv"], "no staging folder is left behind")
    }

    @Test func syncOfAnUnreadableExportWritesNothingAndExitsTwo() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let full = try String(contentsOf: Repository.fixture("export-sample.json"), encoding: .utf8)
        try site.write("truncated.json", String(full.prefix(full.count / 2)))
        try site.write("empty.json", "")
        for name in ["truncated.json", "empty.json", "missing.json"] {
            let run = try tthc(["sync", "--catalog", site.url(name).path], in: site.folder)
            #expect(run.status == 2, "\(name)")
            #expect(run.errors.contains("tthc sync"), "\(name): \(run.errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    @Test func syncReportsABadRecordAndWritesTheOthers() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let lines = """
            {"code":"OK","data":{"code":"1.0011","name":"Mã sai"}}
            {"code":"1.000001","name":"Thủ tục mẫu","isWard":true,"type":"STANDARD","state":"ACTIVE","category":{"code":"X","name":"Lĩnh vực mẫu"}}
            """
        try site.write("export.jsonl", lines)
        let run = try tthc(["sync", "--catalog", site.url("export.jsonl").path, "--lang", "en"], in: site.folder)
        #expect(run.status == 1)
        #expect(run.output.contains("error: record 1 (code 1.0011): malformed procedure code"))
        #expect(FileManager.default.fileExists(atPath: site.url("content/thu-tuc/1.000001.md").path))
    }

    /// Every file under `content/`, to prove a command wrote nothing.
    func contentFiles(_ site: TemporarySite) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = site.url("content")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) { files[url.path] = data }
        }
        return files
    }

    @Test func dryRunAndCheckWriteNothing() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = Repository.fixture("export-sample.json").path
        let fresh = try tthc(["sync", "--catalog", export, "--check"], in: site.folder)
        #expect(fresh.status == 1, "a site that lacks the catalog's records has drifted")
        let dry = try tthc(["sync", "--catalog", export, "--dry-run"], in: site.folder)
        #expect(dry.status == 0)
        #expect(dry.output.contains("+++ b/content/thu-tuc/1.001193.md\n"))
        #expect(dry.output.contains("\n+ten: Thủ tục đăng ký khai sinh\n"))
        #expect(try contentFiles(site).keys.filter { $0.hasSuffix(".md") }.isEmpty)

        #expect(try tthc(["sync", "--catalog", export], in: site.folder).status == 0)
        let before = try contentFiles(site)
        #expect(try tthc(["sync", "--catalog", export, "--check"], in: site.folder).status == 0)
        // A deliberate local override is reported, not failed.
        let path = "content/thu-tuc/1.001193.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "\nten: Thủ tục đăng ký khai sinh", with: "\nten: Đăng ký khai sinh"))
        let override = try tthc(["sync", "--catalog", export, "--check", "--lang", "en"], in: site.folder)
        #expect(override.status == 0, "\(override.output)")
        #expect(override.output.contains("= content/thu-tuc/1.001193.md: national part edited here"))
        // A catalog change is drift: --check fails, --dry-run shows the diff, neither writes.
        let changed = try String(contentsOf: Repository.fixture("export-sample.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\": \"Xóa ghi nợ tiền sử dụng đất", with: "\"name\": \"Xóa nợ tiền sử dụng đất")
        try site.write("changed.json", changed)
        let edited = try contentFiles(site)
        #expect(try tthc(["sync", "--catalog", site.url("changed.json").path, "--check"], in: site.folder).status == 1)
        let diff = try tthc(["sync", "--catalog", site.url("changed.json").path, "--dry-run"], in: site.folder)
        #expect(diff.output.contains("-ten: Xóa ghi nợ tiền sử dụng đất"))
        #expect(diff.output.contains("+ten: Xóa nợ tiền sử dụng đất"))
        #expect(try contentFiles(site) == edited)
        #expect(before.count == edited.count)
    }

    @Test func badExportsAndMassAbolitionExitTwoAndChangeNothing() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = Repository.fixture("export-sample.json")
        #expect(try tthc(["sync", "--catalog", export.path], in: site.folder).status == 0)
        let before = try contentFiles(site)
        let text = try String(contentsOf: export, encoding: .utf8)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]).first
        let object = String(decoding: try JSONSerialization.data(withJSONObject: try #require(first), options: [.prettyPrinted]), as: UTF8.self)
        let oneLine = String(decoding: try JSONSerialization.data(withJSONObject: try #require(first)), as: UTF8.self)
        for (name, content) in [("truncated.json", String(text.prefix(text.count / 3))), ("empty.json", ""),
                                ("object.json", object), ("one-record.jsonl", oneLine)] {
            try site.write(name, content)
            let run = try tthc(["sync", "--catalog", site.url(name).path], in: site.folder)
            #expect(run.status == 2, "\(name): \(run.errors)")
            #expect(try contentFiles(site) == before, "\(name) changed a file")
        }
        let forced = try tthc(["sync", "--catalog", site.url("one-record.jsonl").path, "--force"], in: site.folder)
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(try site.read("content/thu-tuc/1.001193.md").contains("trang_thai: bai_bo\n"))
    }

    @Test func aConflictIsShownWithItsRemedyAndTheRemedyWorks() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = Repository.fixture("export-sample.json")
        #expect(try tthc(["sync", "--catalog", export.path], in: site.folder).status == 0)
        let path = "content/thu-tuc/1.001193.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "\nten: Thủ tục đăng ký khai sinh\n", with: "\nten: Khai sinh (xã sửa)\n"))
        try site.write("changed.json", try String(contentsOf: export, encoding: .utf8)
            .replacingOccurrences(of: "\"name\": \"Thủ tục đăng ký khai sinh\", \"decisionNo\"",
                                  with: "\"name\": \"Đăng ký khai sinh\", \"decisionNo\""))
        let edited = try site.read(path)
        let conflict = try tthc(["sync", "--catalog", site.url("changed.json").path], in: site.folder)
        #expect(conflict.status == 1)
        #expect(conflict.output.contains("    tại chỗ (bản của đơn vị):\n      ten: Khai sinh (xã sửa)\n"), "\(conflict.output)")
        #expect(conflict.output.contains("    quốc gia (tệp xuất này):\n      ten: Đăng ký khai sinh\n"))
        #expect(try site.read(path) == edited)
        // Made equal to the catalog's by hand (the printed commands are ConflictTests'): the next sync is clean.
        try site.write(path, edited.replacingOccurrences(of: "\nten: Khai sinh (xã sửa)\n", with: "\nten: Đăng ký khai sinh\n"))
        #expect(try tthc(["sync", "--catalog", site.url("changed.json").path], in: site.folder).status == 0)
        #expect(try tthc(["sync", "--catalog", site.url("changed.json").path, "--check"], in: site.folder).status == 0)
    }

    @Test func schemaIsJSON() throws {
        let run = try tthc(["schema"])
        #expect(run.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}
