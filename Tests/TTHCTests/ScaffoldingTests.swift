import Escaping
import Foundation
@testable import Site
import Testing
import Yams

/// `tthc init` and `tthc new`, as a clerk starting a site would run them.
@Suite struct ScaffoldingTests {
    let cli = CommandLineTests()

    func emptyFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tthc-init-\(UUID().uuidString)")
    }

    @Test func initThenBuildWorksInAnEmptyFolder() throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try cli.tthc(["init", folder.path, "--ten", "UBND xã Thử Nghiệm"])
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.errors.contains("Đã tạo trang mới"))
        let built = try cli.tthc(["build", "--site", folder.path])
        #expect(built.status == 0, "\(built.errors)")
        let home = try String(contentsOf: folder.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(home.contains("UBND xã Thử Nghiệm"))
        let again = try cli.tthc(["init", folder.path])
        #expect(again.status == 2, "a folder with files is never written into")
        #expect(again.errors.contains("đã có tệp"))
    }

    @Test func newWritesARecordThatPassesCheckOnceFilledIn() throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try cli.tthc(["init", folder.path])
        let new = try cli.tthc(["new", "1.999001", "--site", folder.path])
        #expect(new.status == 0, "\(new.errors)")
        let path = folder.appendingPathComponent("content/thu-tuc/1.999001.md")
        let skeleton = try String(contentsOf: path, encoding: .utf8)
        #expect(skeleton.contains("ma_thu_tuc: \"1.999001\""))
        #expect(skeleton.contains("# tên thủ tục (bắt buộc)\nten: \"\""))
        #expect(skeleton.contains("# ngay_hieu_luc: \"\""), "optional keys are laid out as comments")
        let unfilled = try cli.tthc(["check", "--site", folder.path])
        #expect(unfilled.status == 1)
        #expect(unfilled.output.contains("lỗi [empty-value] `ten` đang để trống."))

        let filled = skeleton
            .replacingOccurrences(of: "ngay: \"\"", with: "ngay: 2026-01-16")
            .replacingOccurrences(of: ": \"\"", with: ": \"Nội dung điền thử\"")
            .replacingOccurrences(of: "- \"\"", with: "- \"Nội dung điền thử\"")
        try filled.write(to: path, atomically: true, encoding: .utf8)
        let checked = try cli.tthc(["check", "--site", folder.path])
        #expect(checked.status == 0, "\(checked.output)")
        let again = try cli.tthc(["new", "1.999001", "--site", folder.path])
        #expect(again.status == 2, "an existing record is never overwritten")
    }

    /// One procedure from a national export; one the unit's levels do not select only once
    /// `chon.them` adds it (issue 16: what is published is what site.yml selects).
    @Test func newFromTheCatalogImportsThatOneProcedure() throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try cli.tthc(["init", folder.path])
        let export = Repository.fixture("export-sample.json").path
        let refused = try cli.tthc(["new", "1.000578", "--catalog", export, "--site", folder.path])
        #expect(refused.status == 2 && refused.errors.contains("không thuộc `chon.cap_thuc_hien` [xa]"))
        let configuration = folder.appendingPathComponent("site.yml")
        let scaffolded = try String(contentsOf: configuration, encoding: .utf8)
        #expect(scaffolded.contains("  # them: [\"1.000001\"]"))
        try Data(scaffolded.replacingOccurrences(of: "  # them: [\"1.000001\"]", with: "  them: [\"1.000578\"]  #").utf8).write(to: configuration)
        let imported = try cli.tthc(["new", "1.000578", "--catalog", export, "--site", folder.path])
        #expect(imported.status == 0, "\(imported.errors)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("content/thu-tuc").path)
        #expect(names.filter { $0.hasSuffix(".md") } == ["1.000578.md"])
        let text = try String(contentsOf: folder.appendingPathComponent("content/thu-tuc/1.000578.md"), encoding: .utf8)
        #expect(text.contains("he_thong: csdlqg"))
        let missing = try cli.tthc(["new", "1.999999", "--catalog", export, "--site", folder.path])
        #expect(missing.status == 2)
    }

    /// The editor task reads `check --format github` lines; the workflow runs what `make test` runs.
    @Test func editorTaskAndWorkflowReadWhatTthcWrites() throws {
        let files = Dictionary(uniqueKeysWithValues: SiteScaffold.files(unitName: "UBND xã A", provinceCode: "H35", provinceName: "Tỉnh B", baseURL: "https://x.invalid/").map { ($0.path, $0.text) })
        let tasks = try #require(try JSONSerialization.jsonObject(with: Data(files[".vscode/tasks.json", default: ""].utf8)) as? [String: Any])
        let task = try #require((tasks["tasks"] as? [[String: Any]])?.first { ($0["command"] as? String)?.contains("--watch") == true })
        let matcher = try #require(task["problemMatcher"] as? [String: Any])
        let pattern = try #require((matcher["pattern"] as? [String: Any])?["regexp"] as? String)
        let line = "::error file=content/thu-tuc/1.001193.md,line=7,col=13,title=not-in-vocabulary::`trang_thai` không có giá trị `hieu luc`."
        let regex = try NSRegularExpression(pattern: pattern)
        let match = try #require(regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)))
        #expect((line as NSString).substring(with: match.range(at: 2)) == "content/thu-tuc/1.001193.md")
        #expect((line as NSString).substring(with: match.range(at: 3)) == "7")

        let workflow = try #require(try Yams.load(yaml: files[".github/workflows/tthc.yml", default: ""]) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let steps = try #require((jobs["kiem-tra"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        for command in ["tthc sync --check --catalog", "tthc check --format github", "tthc build"] {
            #expect(commands.contains { $0.contains(command) }, "\(command)")
        }
    }

    /// The theme inside the binary is the one in `templates/` (scripts/embed-theme writes it).
    @Test func embeddedThemeIsTheTemplatesFolder() throws {
        let folder = Repository.templates
        var onDisk: [String: String] = [:]
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true, !url.lastPathComponent.hasPrefix(".") else { continue }
            onDisk[String(url.path.dropFirst(folder.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: DefaultTheme.files.map { ($0.path, $0.text) })
        #expect(embedded == onDisk, "run scripts/embed-theme after changing templates/")
    }

    /// `check --watch`, as the editor task runs it: a report after every save.
    @Test func checkWatchReportsAgainAfterASave() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let output = site.url("watch.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["check", "--watch", "--format", "github"]
        // As the editor task runs it: in the site's folder, which VS Code's matcher reads paths from.
        process.currentDirectoryURL = site.folder
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // SIGKILL: a child started from a test thread inherits its blocked signals, SIGTERM among them.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        func waitFor(_ reports: Int) throws -> String {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                let text = try String(contentsOf: output, encoding: .utf8)
                if text.components(separatedBy: "tthc: kiểm tra xong").count - 1 >= reports { return text }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return try String(contentsOf: output, encoding: .utf8)
        }
        let first = try waitFor(1)
        #expect(first.hasPrefix("tthc: đang kiểm tra"))
        #expect(!first.contains("::error"))
        let broken = SampleRecord.text().replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: hieu luc")
        try site.write("content/thu-tuc/1.001193.md", broken)
        let second = try waitFor(2)
        #expect(second.contains("::error file=content/thu-tuc/1.001193.md,line="), "\(second)")
    }

    /// Whatever the clerk types for the unit, `init` writes a site.yml that reads back as typed,
    /// or refuses before writing anything.
    @Test(arguments: [#"UBND xã "Hòa" Phú"#, #"UBND xã Hoà \ Bình"#, "UBND xã # Một: hai", "- UBND xã [Mới]", "'UBND' xã {A}"])
    func initWritesANameThatReadsBackAsTyped(_ name: String) throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try cli.tthc(["init", folder.path, "--ten=\(name)", "--tinh-ten=\(name)"])
        #expect(created.status == 0, "\(created.errors)")
        let checked = try cli.tthc(["check", "--site", folder.path])
        #expect(checked.status == 0, "\(checked.output)")
        let built = try cli.tthc(["build", "--site", folder.path])
        #expect(built.status == 0, "\(built.errors)")
        let home = try String(contentsOf: folder.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(home.contains(HTML.escape(name)), "the unit's name as typed, escaped once")
    }

    @Test(arguments: [["--ten", "UBND\nxã"], ["--base-url", "example.gov.vn"], ["--base-url", "ftp://example.gov.vn/"],
                      ["--tinh-ma", ""], ["--ten", ""]])
    func initRefusesValuesItsOwnCheckWouldRejectAndWritesNothing(_ options: [String]) throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try cli.tthc(["init", folder.path] + options)
        #expect(created.status == 2)
        #expect(created.errors.contains("không ghi gì") || created.errors.contains("không dùng được"), "\(created.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing written")
    }

    /// A code is ASCII digits: a regular expression's `\d` takes Arabic-Indic or full-width digits,
    /// and its `$` a trailing line break (a code pasted from a spreadsheet).
    @Test(arguments: ["1.000124\n", "١.٠٠٠١٢٣", "１.０００１２３", " 1.000124", "1.000124 ", "1.0001245", "1,000124"])
    func newRefusesACodeThatIsNotSixASCIIDigits(_ code: String) throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try cli.tthc(["init", folder.path])
        let new = try cli.tthc(["new", code, "--site", folder.path])
        #expect(new.status == 2)
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("content/thu-tuc").path)
        #expect(records.filter { !$0.hasPrefix(".") }.isEmpty, "\(records)")
    }

    /// The skeleton's placeholders cannot be published unnoticed: every guess it would otherwise
    /// make (an amount, a duration, the steps) is left empty, and an empty one is a warning; even
    /// its commented lines, uncommented, hold only values of their vocabularies.
    @Test func theSkeletonHoldsNoPlaceholderThatCheckWouldLetThrough() throws {
        let folder = emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try cli.tthc(["init", folder.path])
        _ = try cli.tthc(["new", "1.999002", "--site", folder.path])
        let path = folder.appendingPathComponent("content/thu-tuc/1.999002.md")
        let skeleton = try String(contentsOf: path, encoding: .utf8)
        #expect(!skeleton.contains("so: 1"))
        #expect(!skeleton.contains("so_tien: 0"))
        // Filled in as a hurried clerk would: every "" given a text, the date written, nothing else.
        let filled = skeleton.replacingOccurrences(of: "ngay: \"\"", with: "ngay: 2026-01-16")
            .replacingOccurrences(of: ": \"\"", with: ": \"Nội dung điền thử\"")
            .replacingOccurrences(of: "- \"\"", with: "- \"Nội dung điền thử\"")
        try filled.write(to: path, atomically: true, encoding: .utf8)
        let checked = try cli.tthc(["check", "--site", folder.path])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(!checked.output.contains("[comment-in-value]"), "the skeleton's own hints are not values' comments")
        #expect(checked.output.contains("[amount-without-description]"), "\(checked.output)")
        #expect(checked.output.contains("thiếu trình tự thực hiện"), "\(checked.output)")
        let strict = try cli.tthc(["check", "--strict", "--site", folder.path])
        #expect(strict.status == 1, "under --strict the placeholders stop the build")

        // Every commented key uncommented: no value outside its vocabulary (a decision's `loai`
        // once held a fee's `le_phi`).
        let uncommented = filled.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let hash = line.firstIndex(of: "#") else { return String(line) }
            let after = line[line.index(after: hash)...].drop { $0 == " " }
            let isKey = after.first.map { $0.isLetter || $0 == "-" } == true && after.contains(":")
                && !after.hasPrefix("Hồ sơ") && !after.hasPrefix("Dòng") && !after.hasPrefix("Ghi")
            return isKey ? String(line[..<hash]) + String(after) : String(line)
        }.joined(separator: "\n")
        try uncommented.write(to: path, atomically: true, encoding: .utf8)
        let all = try cli.tthc(["check", "--site", folder.path])
        #expect(!all.output.contains("[not-in-vocabulary]"), "\(all.output)")
    }

    @Test func versionIsPrinted() throws {
        let run = try cli.tthc(["--version"])
        #expect(run.status == 0)
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(run.output)")
    }
}
