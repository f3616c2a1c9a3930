import Catalog
import Foundation
import Markdown
import Records
import Testing

/// Issue 14, point 4: no value of an export can crash sync or make it write a record that
/// `tthc check` refuses (`ExportValues`, `ExportRepair`, `SyncProperty`).
@Suite struct ExportBoundaryTests {
    let sync = SyncTests()
    let birth = "content/thu-tuc/1.001193.md"

    /// Every seed of the sync fuzz target, and every input it once failed on, keeps the promise:
    /// readable (no seed is "damaged JSON"), and whatever sync would write passes check.
    @Test func everySyncFuzzSeedKeepsThePromise() throws {
        let folder = Repository.fixture("fuzz/sync")
        let crashes = folder.appendingPathComponent("crashes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0) }
            + ((try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? []).sorted().map { crashes.appendingPathComponent($0) }
        #expect(files.count >= 20)
        for file in files {
            let export = try NationalExport(data: Data(contentsOf: file))
            for entry in export.entries {
                #expect(!entry.malformed, "\(file.lastPathComponent): entry \(entry.position) read as damaged JSON")
                guard let data = entry.data, case .success(let mapped) = CatalogMapping.map(data, position: entry.position) else { continue }
                #expect(SyncProperty.violation(of: mapped) == nil, "\(file.lastPathComponent): \(SyncProperty.violation(of: mapped) ?? "")")
            }
        }
    }

    // MARK: - Exports with one hostile value

    /// The fixture export with one value of an entry's data set: `raw` is put into the JSON text
    /// as it is, so it may be what no JSON writer makes (1e400, `"\ud800"`). `path` is keys and
    /// list indices: `executionMethods.0.fees.0.value`.
    func export(setting path: String, to raw: String, code: String = "1.001193") throws -> Data {
        let placeholder = "@@RAW@@"
        func set(_ node: Any, _ keys: ArraySlice<Substring>) -> Any {
            guard let key = keys.first else { return placeholder }
            if var list = node as? [Any], let index = Int(key), list.indices.contains(index) {
                list[index] = set(list[index], keys.dropFirst())
                return list
            }
            var object = node as? [String: Any] ?? [:]
            object[String(key)] = set(object[String(key)] as Any, keys.dropFirst())
            return object
        }
        let entries = try sync.entries().map { entry -> [String: Any] in
            guard let data = entry["data"] as? [String: Any], data["code"] as? String == code else { return entry }
            var changed = entry
            changed["data"] = set(data, path.split(separator: ".")[...])
            return changed
        }
        let text = String(decoding: try sync.export(entries), as: UTF8.self)
        #expect(text.contains("\"\(placeholder)\""), "\(path) is not in \(code)")
        return Data(text.replacingOccurrences(of: "\"\(placeholder)\"", with: raw).utf8)
    }

    /// A value as JSON text, for `export(setting:to:)`.
    static func json(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: [value]))
            .map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "null"
    }

    static func steps(_ text: String) -> String { json([["name": "", "description": text]]) }

    static let fee = "executionMethods.0.fees.0.value", time = "executionMethods.0.processingTime"
    static let originals = "executionCases.0.profileComponents.0.originalQty"
    static let copies = "executionCases.0.profileComponents.0.copyQty"
    static let decision = "procedureProposal.decisionDate"

    /// A number or date out of its domain: the record is reported with its code, its position
    /// and the field, nothing of it is written, the other records are, the site passes check,
    /// and the same code imports as soon as the catalog is fixed (never blocked).
    @Test(arguments: [
        (fee, "9223372036854775808", "`executionMethods[1].fees[1].value` = 9223372036854775808: cần một số nguyên từ 0 đến 999 999 999 999 999"),
        (fee, "-20000", "`executionMethods[1].fees[1].value` = -20000: cần một số nguyên"),
        (originals, "1e400", "`executionCases[1].profileComponents[1].originalQty` = 1e400: cần một số nguyên"),
        (copies, "-1", "`executionCases[1].profileComponents[1].copyQty` = -1: cần một số nguyên"),
        (copies, "1.5", "`executionCases[1].profileComponents[1].copyQty` = 1.5: cần một số nguyên"),
        (originals, "true", "`executionCases[1].profileComponents[1].originalQty` là giá trị đúng/sai, cần một số nguyên"),
        (originals, "\"2\"", "`executionCases[1].profileComponents[1].originalQty` là văn bản, cần một số nguyên"),
        (time, "-5", "`executionMethods[1].processingTime` = -5: cần một số không âm"),
        (time, "\"-5\"", "`executionMethods[1].processingTime` = -5: cần một số không âm"),
        (time, "1e16", "`executionMethods[1].processingTime` = 1e+16: cần một số không âm viết được dạng thập phân"),
        (time, "0.00001", "`executionMethods[1].processingTime` = 1e-05: cần một số không âm viết được dạng thập phân"),
        (time, "1e400", "`executionMethods[1].processingTime` = 1e400: cần một số không âm viết được dạng thập phân"),
        (decision, "1e20", "`procedureProposal.decisionDate` = 1e+20: cần một ngày từ năm 1900 đến 2100"),
        (decision, "-1e20", "`procedureProposal.decisionDate` = -1e+20: cần một ngày từ năm 1900 đến 2100"),
        (decision, "-2300000000000", "`procedureProposal.decisionDate` = -2300000000000: cần một ngày từ năm 1900 đến 2100"),
        (decision, "\"2026-01-16\"", "`procedureProposal.decisionDate` là văn bản, cần một ngày từ năm 1900 đến 2100"),
        ("name", "5", "tên thủ tục (`name`) phải là văn bản, ở đây là một số"),
        ("name", json("\u{3000}\u{FFFF}"), "không có tên thủ tục"),
        ("state", json("DELETED"), "tình trạng `DELETED` không rõ"),
        ("category.name", "null", "lĩnh vực không có tên"),
    ])
    func aValueOutOfItsDomainRefusesOnlyItsRecord(path: String, raw: String, message: String) throws {
        let label = "\(path) = \(raw)"
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("export.json", try export(setting: path, to: raw))
        let cli = CommandLineTests()
        let run = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(run.status == 1, "\(label): \(run.output)")
        #expect(run.output.contains("lỗi: bản ghi thứ 2 (mã 1.001193): \(message)"), "\(label): \(run.output)")
        #expect(!FileManager.default.fileExists(atPath: site.url(birth).path), "\(label): nothing of it is written")
        #expect(!FileManager.default.fileExists(atPath: site.url("content/.dong-bo/co-so/1.001193.md").path))
        #expect(FileManager.default.fileExists(atPath: site.url("content/thu-tuc/1.000080.md").path), "\(label): the others are")
        let check = try cli.tthc(["check"], in: site.folder, killAfter: 60)
        #expect(check.status == 0, "\(label): \(check.output)\(check.errors)")
        let english = try cli.tthc(["sync", "--catalog", "export.json", "--lang", "en"], in: site.folder, killAfter: 60)
        #expect(english.output.contains("error: record 2 (code 1.001193): "), "\(label): \(english.output)")
        // Fixed in the catalog: imported at once.
        try site.write("export.json", try sync.export(try sync.entries()))
        #expect(try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.url(birth).path), "\(label): never blocked")
    }

    /// A record already on the site keeps its file when the catalog's new version is refused.
    @Test func aRefusedUpdateLeavesTheRecordAsItWas() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try synchronize(site, with: try sync.export(try sync.entries()))
        let before = try sync.files(site)
        let plan = try synchronize(site, with: try export(setting: Self.fee, to: "-20000"), at: "2026-12-01T09:00:00+07:00")
        #expect(plan.failures.map(\.code) == ["1.001193"])
        #expect(plan.writes.isEmpty)
        #expect(try sync.files(site) == before)
    }

    /// The crash of the issue: one integer ≥ 2^63 (or 1e400, a lone surrogate, an absurd date)
    /// in a procedure the unit does not publish changes nothing: exit 0, the published records written.
    @Test(arguments: [(fee, "9223372036854775808"), (fee, "1e400"), ("name", #""\ud800""#), (decision, "-1e20"),
                      ("name", "5"), ("state", "null"), ("categoriesDetails.0.name", "[]"), (copies, "-1")])
    func aHostileValueInAProcedureTheUnitDoesNotPublishChangesNothing(path: String, raw: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("export.json", try export(setting: path, to: raw, code: "1.014792"))
        let run = try CommandLineTests().tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(run.status == 0, "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).sorted()
                == ["1.000080.md", "1.001193.md", "1.115563.md"])
    }

    /// Text is normalized, never refused: what carries no meaning goes, the record is written and
    /// passes check, and a second sync changes nothing. (`expected` is in the file, `absent` not.)
    @Test(arguments: [
        ("name", json("Thủ tục đăng ký\u{FFFF} khai sinh\u{FFFE}"), "\nten: Thủ tục đăng ký khai sinh\n", "\u{FFFF}"),
        ("name", #""Thủ tục \ud800 khai sinh""#, "\nten: Thủ tục \u{FFFD} khai sinh\n", "\\ud800"),
        ("name", #""Thủ tục \udc00\ud800x khai sinh""#, "\nten: Thủ tục \u{FFFD}\u{FFFD}x khai sinh\n", "\\udc00"),
        ("name", json("Thủ tục \u{202E}đăng ký\u{202C} khai sinh\u{2067}"), "\nten: Thủ tục đăng ký khai sinh\n", "\u{202E}"),
        ("name", json("Thủ tục\u{3000}đăng ký khai sinh\u{2003}"), "\nten: Thủ tục đăng ký khai sinh\n", "\u{3000}"),
        // Swift refuses U+FDD0 and U+10FFFF in a literal: written as JSON escapes.
        ("name", #""Thủ tục đăng ký khai sinh\udbff\udfff\ufdd0""#, "\nten: Thủ tục đăng ký khai sinh\n", "\u{FFFD}"),
        ("executionSteps", steps("Bước 1\u{0000}: nộp\u{001B}[31m hồ sơ\u{0007}"), "Bước 1: nộp\\[31m hồ sơ\n", "\u{001B}"),
        ("executionSteps", steps("Dòng một\u{2028}dòng hai\u{0085}dòng ba"), "Dòng một\n\ndòng hai\n\ndòng ba\n", "\u{2028}"),
        ("executionSteps", steps("[x](javascript:alert(1)) <javascript:alert(1)> [a](../khong-co) <b onclick=x>"),
         "\\[x\\](javascript:alert(1)) \\<javascript:alert(1)\\> \\[a\\](../khong-co) \\<b onclick=x\\>\n", "\n[x]"),
        ("executionSteps", "[{\"name\": \"\", \"description\": \"Bước\t1\u{01} nộp\"}]", "Bước\t1 nộp\n", "\u{01}"),
        ("category.name", json("Hộ\u{2028}tịch\u{2029}"), "\n  ten: Hộ tịch\n", "\u{2028}"),
        (time, json("NaN"), "      mo_ta: NaN\n", "so: nan"),
        (time, json("Infinity"), "      mo_ta: Infinity\n", "so: inf"),
        ("updatedAt", json("9999-99-99"), "\n  url: ", "cap_nhat_nguon"),
        ("updatedAt", "1e20", "\n  url: ", "cap_nhat_nguon"),
        ("updatedAt", "-5000000000000", "\n  url: ", "cap_nhat_nguon"),  // 1811
        ("id", json("a b\"<x>"), "url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/a%20b%22%3Cx%3E\n", "a b\"<x>/"),
        ("keywords", json("a\u{0000}, ,\u{2028}b,\u{FEFF}c"), "tu_khoa:\n  - a\n  - b\n  - c\n", "\u{FEFF}"),
        ("dossierReceivingAddresses", json("Tầng 1\n  cap_nhat_nguon: 2020\ndong_bo_luc: x"), "  cap_nhat_nguon: 2020\n", "\u{0}"),
        ("ghiChu", String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "\nten: Thủ tục đăng ký khai sinh\n", "ghiChu"),
    ])
    func textIsNormalizedAndTheRecordPassesCheck(path: String, raw: String, expected: String, absent: String) throws {
        let label = "\(path) = \(raw.prefix(80))"
        let site = try TemporarySite()
        defer { site.remove() }
        let export = try export(setting: path, to: raw)
        let plan = try synchronize(site, with: export)
        #expect(plan.failures.isEmpty && plan.unreadableEntry == nil, "\(label): \(plan.failures)")
        let text = try site.read(birth)
        #expect(text.contains(expected), "\(label): \(text)")
        #expect(!text.contains(absent), "\(label)")
        let record = Record.read(bytes: Array(text.utf8), path: birth)
        #expect(!record.diagnostics.hasErrors, "\(label): \(record.diagnostics)")
        let links = record.body.sections.flatMap { MarkdownOutline($0.markdown).links }
        #expect(links.isEmpty, "\(label): \(links)")
        let again = try synchronize(site, with: export, at: "2026-12-01T09:00:00+07:00")
        #expect(again.writes.isEmpty, "\(label): a second sync changes nothing")
    }

    /// Every hostile text at once, then `tthc check` and `tthc build` as CI runs them.
    @Test func aSiteSynchronizedFromHostileTextChecksAndBuilds() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        var entries = try sync.entries()
        var data = try #require(entries[1]["data"] as? [String: Any])
        #expect(data["code"] as? String == "1.001193")
        data["name"] = "Thủ tục\u{FFFF} \u{202E}đăng ký\u{2028} khai sinh \u{0000}\u{001B}[2J"
        data["executionSteps"] = [["name": "<script>alert(1)</script>", "description": "[x](javascript:alert(1))\u{2029}<javascript:x>"]]
        data["id"] = "../\"><script>"
        data["keywords"] = "a\u{0000}, ,\u{2028}b,\u{FEFF}c"
        entries[1]["data"] = data
        try site.write("export.json", try sync.export(entries))
        let cli = CommandLineTests()
        let run = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(run.status == 0, "\(run.errors)")
        let check = try cli.tthc(["check", "--format", "json"], in: site.folder, killAfter: 60)
        #expect(check.status == 0, "\(check.output)")
        #expect(!check.output.contains("\"raw-html\"") && !check.output.contains("\"unsafe-link\""), "\(check.output)")
        let build = try cli.tthc(["build"], in: site.folder, killAfter: 120)
        #expect(build.status == 0, "\(build.errors)")
        #expect(!(try site.read("public/thu-tuc/1.001193/index.html")).contains("<script>alert"))
    }

    // MARK: - Texts over the record limits

    /// A 300 KB step (over the body's 256 KB) or 300,000 documents (over 1 MB): reported, not
    /// written, so they never block their code; fixed in the catalog, the record is imported.
    @Test(arguments: ["executionSteps", "executionCases"])
    func aRecordOverTheLimitsIsReportedNotWritten(path: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let raw = path == "executionSteps"
            ? Self.steps(String(repeating: "Nộp hồ sơ tại bộ phận một cửa. ", count: 10_000))
            : Self.json([["name": "Giấy tờ phải nộp", "profileComponents": (0..<300_000).map { index in
                ["name": "Giấy tờ \(index)", "originalQty": 1, "copyQty": 0] as [String: Any]
            }] as [String: Any]])
        let plan = try synchronize(site, with: try export(setting: path, to: raw))
        let failure = try #require(plan.failures.first)
        #expect(failure.code == "1.001193" && failure.position == 2)
        #expect(failure.reason.vi.hasPrefix("bản ghi sẽ viết ra không hợp lệ nên không ghi: "), "\(failure.reason.vi)")
        let limit = path == "executionSteps" ? "The Markdown body is too long" : "File too large"
        #expect(failure.reason.en.contains(limit) && failure.reason.en.contains(path == "executionSteps" ? "256 KB" : "1024 KB"), "\(failure.reason.en)")
        #expect(!FileManager.default.fileExists(atPath: site.url(birth).path))
        try synchronize(site, with: try sync.export(try sync.entries()), at: "2026-12-01T09:00:00+07:00")
        #expect(FileManager.default.fileExists(atPath: site.url(birth).path))
    }

    // MARK: - What check calls a link

    /// The escapes sync writes are text for check as for CommonMark: `\](` and `\<` start no
    /// link or tag; after an even number of backslashes they still do.
    @Test(arguments: [
        (#"\[x\](javascript:alert(1))"#, nil as Problem.Code?),
        (#"\\[x](javascript:alert(1))"#, .unsafeLink),
        (#"\<javascript:alert(1)\>"#, nil),
        (#"\\<javascript:alert(1)>"#, .unsafeLink),
        (#"\\\<javascript:alert(1)\>"#, nil),
        (#"\<b onclick=x\>"#, nil),
        (#"\\<b onclick=x>"#, .rawHTML),
        (#"[x](javascript:alert(1))"#, .unsafeLink),
    ])
    func escapedBracketsAndAnglesAreText(line: String, expected: Problem.Code?) throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(body: SampleRecord.body + "\n\n" + line))
        defer { site.remove() }
        let run = try CommandLineTests().tthc(["check", "--format", "json"], in: site.folder, killAfter: 60)
        let codes = ["unsafe-link", "raw-html", "broken-link"].filter { run.output.contains("\"\($0)\"") }
        #expect(codes == (expected.map { [$0.rawValue] } ?? []), "\(line): \(run.output)")
    }
}
