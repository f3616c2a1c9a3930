import Foundation
import Testing

/// `tthc bao-cao` as CI and a chairman's staff run it: a subprocess, its exit status, what it prints
/// and what it leaves on disk, on the demo site and on small sites where the answer is known.
@Suite struct ReportCommandTests {
    let cli = CommandLineTests()

    func json(_ run: CommandLineTests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.errors)")
    }

    func indicator(_ report: [String: Any], _ code: String) throws -> [String: Any] {
        let list = try #require(report["chi_so"] as? [[String: Any]])
        return try #require(list.first { $0["ma"] as? String == code }, "no \(code)")
    }

    /// Two records: one complete, one without documents (component d).
    func twoRecordSite(configuration: String = TemporarySite.configuration, extra: String = "") throws -> TemporarySite {
        var incomplete = SampleRecord.frontMatter.replacingOccurrences(of: "\"1.001193\"", with: "\"1.000002\"")
        if let documents = incomplete.range(of: "thanh_phan_ho_so:"), let next = incomplete.range(of: "can_cu_phap_ly:") {
            incomplete.removeSubrange(documents.lowerBound..<next.lowerBound)
        }
        return try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text())
            -- content/thu-tuc/1.000002.md --
            \(SampleRecord.text(frontMatter: incomplete))
            \(extra)
            """, configuration: configuration)
    }

    // MARK: - The demo site

    @Test func theDemoReportHasTheIssuesKeysAndItsFigures() throws {
        let run = try cli.tthc(["bao-cao", "--format", "json", "--site", Repository.root.path])
        #expect(run.status == 0, "\(run.errors)")
        let report = try json(run)
        for key in ["don_vi", "ngay", "chi_so"] { #expect(report[key] != nil, "\(key)") }
        #expect(report["don_vi"] as? String == "UBND xã Hoa Ban (đơn vị mẫu)")
        #expect(report["ngay"] as? String == "2026-11-24", "the last sync's day, never the clock")
        for item in try #require(report["chi_so"] as? [[String: Any]]) {
            for key in ["ma", "ten", "tu_so", "mau_so", "ti_le", "nguong", "dat", "chi_tiet"] {
                #expect(item.keys.contains(key), "\(item["ma"] ?? "?") lacks \(key)")
            }
            for detail in try #require(item["chi_tiet"] as? [[String: Any]]) {
                #expect(detail["ma_thu_tuc"] != nil && detail["ly_do"] is String)
            }
        }
        let dayDu = try indicator(report, "day_du")
        #expect(dayDu["tu_so"] as? Int == 64 && dayDu["mau_so"] as? Int == 71 && dayDu["ti_le"] as? Double == 0.9014)
        #expect(dayDu["dat"] as? Bool == false && dayDu["nguong"] as? Int == 1)
        // The 7: six Đất đai records without documents, one whose processing time is "3, khac" without words.
        let missing = try #require(dayDu["chi_tiet"] as? [[String: Any]]).map { ($0["ma_thu_tuc"] as? String ?? "", $0["thieu"] as? [String] ?? []) }
        #expect(missing.filter { $0.1 == ["d"] }.count == 6)
        #expect(missing.filter { $0.1 == ["đ"] }.map(\.0) == ["1.001022"])
        let online = try indicator(report, "dvctt")
        #expect(online["tu_so"] as? Int == 65 && online["mau_so"] as? Int == 71 && online["dat"] as? Bool == true)
        // Not computable and not applicable are null, never 0.
        let announced = try indicator(report, "cong_bo_dung_han")
        #expect(announced["ti_le"] is NSNull && announced["tu_so"] is NSNull && announced["trang_thai"] as? String == "chua_tinh_duoc")
        let timely = try indicator(report, "kip_thoi")
        #expect(timely["ti_le"] is NSNull && timely["mau_so"] as? Int == 0 && timely["trang_thai"] as? String == "khong_ap_dung")
        let published = try indicator(report, "cong_khai_dung_han")
        #expect(published["mau_so"] as? Int == 24 && (published["khong_tinh"] as? [Any])?.count == 39)
        #expect(try indicator(report, "trang_don_vi")["tu_so"] as? Int == 1)
    }

    @Test func theDemoAgainstTheNationalSampleIsFullyCovered() throws {
        guard Repository.hasNationalSample else {
            print("SKIPPED: no ../shared national sample")
            return
        }
        let run = try cli.tthc(["bao-cao", "--format", "json", "--site", Repository.root.path, "--catalog", Repository.nationalSample.path])
        #expect(run.status == 0, "\(run.errors)")
        let coverage = try indicator(try json(run), "bao_phu")
        #expect(coverage["tu_so"] as? Int == 71 && coverage["mau_so"] as? Int == 71 && coverage["dat"] as? Bool == true)
    }

    // MARK: - The gate

    @Test func theGateExitsOneBelowAThresholdWithAnAnnotationPerProcedure() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        let below = try cli.tthc(["bao-cao", "--site", site.folder.path, "--nguong", "day_du=0.95,dvctt=0.8", "--format", "github"])
        #expect(below.status == 1, "\(below.errors)")
        let annotations = below.output.split(separator: "\n").map(String.init)
        #expect(annotations.first?.hasPrefix("::error file=\(site.folder.path)/site.yml,line=1,col=1,title=below-threshold::[day_du]") == true
                || annotations.first?.hasPrefix("::error file=site.yml,line=1,col=1,title=below-threshold::[day_du]") == true,
                "\(annotations)")
        #expect(annotations.contains { $0.contains("content/thu-tuc/1.000002.md,line=1,col=1,title=below-threshold::[day_du] 1.000002: thiếu d") })
        #expect(!annotations.contains { $0.contains("[day_du] 1.001193") }, "a complete record is not annotated")
        // Neither record says whether it is offered online: both fail dvctt, each at its file.
        #expect(annotations.contains { $0.contains("content/thu-tuc/1.001193.md,line=1,col=1,title=below-threshold::[dvctt] 1.001193") })
        #expect(below.errors.contains("Dưới ngưỡng: day_du, dvctt."))
        let met = try cli.tthc(["bao-cao", "--site", site.folder.path, "--nguong", "day_du=50%"])
        #expect(met.status == 0)
        #expect(met.output.contains("Mọi chỉ số được kiểm tra đều đạt ngưỡng."))
        let json = try cli.tthc(["bao-cao", "--site", site.folder.path, "--nguong", "bang", "--format", "json"])
        #expect(json.status == 1)
        #expect(try self.json(json)["dat_nguong"] as? Bool == false)
    }

    @Test func withoutNguongNothingFails() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path])
        #expect(run.status == 0)
        #expect(run.output.contains("[CHƯA ĐẠT] day_du"))
        #expect(run.output.contains("1/2 = 50,00 %, ngưỡng 100,00 %, 1,00/2,00 điểm"))
    }

    @Test func englishWithLangEn() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.output.contains("[NOT MET] day_du: Procedures published with every component"))
        #expect(run.output.contains("missing d: documents (`thanh_phan_ho_so`)"))
        #expect(run.output.contains("1/2 = 50.00 %"))
    }

    // MARK: - Cannot run: exit 2, nothing written

    @Test(arguments: [
        (["--nguong", "day_duu=0.9"], "có phải ý bạn là `day_du`"),
        (["--nguong", "day_du=1.5"], "từ 0 đến 1"),
        (["--ngay", "30/11/2026"], "Viết `2026-11-30`."),
        (["--ngay", "2026-02-30"], "không phải ngày dạng YYYY-MM-DD"),
        (["--catalog", "/nonexistent/xuat.json"], "không đọc được /nonexistent/xuat.json"),
        (["--format", "pdf"], "pdf"),
    ])
    func badOptionsCannotRun(_ arguments: [String], _ said: String) throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path] + arguments)
        #expect(run.status == 2, "\(arguments): \(run.errors)")
        #expect(run.errors.contains(said), "\(run.errors)")
        #expect(run.output.isEmpty)
    }

    @Test func anExportThatIsNotJSONCannotRun() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        try site.write("xuat.json", "[{\"code\": \"1.000001\", ")
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--catalog", site.url("xuat.json").path])
        #expect(run.status == 2)
        #expect(run.errors.contains("xuat.json"))
    }

    @Test func noSiteCannotRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try cli.tthc(["bao-cao", "--site", folder.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("Không tìm thấy tệp cấu hình"), "\(run.errors)")
    }

    @Test(arguments: ["tab-indent.yml", "unknown-measure.yml", "rate-above-one.yml", "duplicate-code.yml", "not-utf8.yml"])
    func aBrokenTableStopsTheReportTheBuildAndTheCheck(_ fixture: String) throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        try site.write("chi-so.yml", try Data(contentsOf: Repository.fixture("chi-so/\(fixture)")))
        let expected = try #require(IndicatorTableTests.cases.first { $0.file == fixture })
        let report = try cli.tthc(["bao-cao", "--site", site.folder.path, "--html", site.url("bao-cao-rieng").path])
        #expect(report.status == 2)
        #expect(report.errors.contains("chi-so.yml:\(expected.position): lỗi [\(expected.code)]"), "\(report.errors)")
        #expect(report.errors.contains("bảng chỉ số có lỗi, không lập được báo cáo."))
        #expect(!FileManager.default.fileExists(atPath: site.url("bao-cao-rieng").path))
        let build = try cli.tthc(["build", "--site", site.folder.path])
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        let check = try cli.tthc(["check", "--site", site.folder.path, "--format", "json"])
        #expect(check.status == 1)
        #expect(check.output.contains("\"file\": \"chi-so.yml\""))
    }

    // MARK: - The page in a folder of its own

    @Test func htmlWritesAFolderOfItsOwnAndNeverOverAnotherFolder() throws {
        let site = try twoRecordSite(configuration: TemporarySite.configuration + "\nbao_cao:\n  cong_khai: false")
        defer { site.remove() }
        let folder = site.url("bao-cao-noi-bo")
        let first = try cli.tthc(["bao-cao", "--site", site.folder.path, "--html", folder.path])
        #expect(first.status == 0, "\(first.errors)")
        let page = try site.read("bao-cao-noi-bo/index.html")
        #expect(page.contains("<h1>Báo cáo công khai, minh bạch thủ tục hành chính</h1>"))
        // Its links lead to the public site; its styles are beside it; no navigation of a site it is not in.
        #expect(page.contains("href=\"https://example.invalid/thu-tuc/1.000002/\""))
        #expect(page.contains("href=\"assets/style.css\""))
        #expect(!page.contains("aria-label=\"Điều hướng chính\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("assets/style.css").path))
        #expect(try site.read("bao-cao-noi-bo/bao-cao.json").contains("\"don_vi\": \"UBND xã Thử Nghiệm\""))
        // Again: its own folder is replaced.
        #expect(try cli.tthc(["bao-cao", "--site", site.folder.path, "--html", folder.path]).status == 0)
        // A folder of other files is never overwritten.
        try site.write("tai-lieu/ghi-chu.txt", "của cán bộ")
        let refused = try cli.tthc(["bao-cao", "--site", site.folder.path, "--html", site.url("tai-lieu").path])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("Không ghi trang vào"), "\(refused.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("tai-lieu").path) == ["ghi-chu.txt"])
        try site.write("mot-tep", "x")
        #expect(try cli.tthc(["bao-cao", "--site", site.folder.path, "--html", site.url("mot-tep").path]).status == 2)
        #expect(try site.read("mot-tep") == "x")
    }

    // MARK: - Odd input

    /// Five empty sites: each reports, nothing applies, nothing is 0 %.
    @Test(arguments: ["no-folder", "empty-folder", "internal-only", "broken-only", "abolished-only"])
    func anEmptySiteReportsNothingApplicable(_ kind: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        switch kind {
        case "no-folder": try FileManager.default.removeItem(at: site.url("content"))
        case "internal-only":
            try site.write("content/thu-tuc/1.001193.md", SampleRecord.text(frontMatter: SampleRecord.frontMatter
                .replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: noi_bo")))
        case "broken-only": try site.write("content/thu-tuc/1.001193.md", "---\nma_thu_tuc: [\n---\n")
        case "abolished-only":
            try site.write("content/thu-tuc/1.001193.md", SampleRecord.text(frontMatter: SampleRecord.frontMatter
                .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: bai_bo")))
        default: break
        }
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json", "--nguong", "day_du=1,dvctt=0.8,trang_thu_tuc=1"])
        #expect(run.status == 0, "\(kind): \(run.errors)")
        let report = try json(run)
        for code in ["day_du", "dvctt", "trang_thu_tuc", "kip_thoi"] {
            let item = try indicator(report, code)
            #expect(item["trang_thai"] as? String == "khong_ap_dung" && item["ti_le"] is NSNull, "\(kind) \(code)")
        }
        #expect(report["ngay"] is NSNull || kind == "abolished-only" || kind == "internal-only" || kind == "broken-only")
        if kind == "broken-only" || kind == "internal-only" {
            #expect((report["ho_so_loi"] as? [Any])?.count == 1, "a record with errors is listed, not counted")
        }
        // The page builds too, for a site with something to publish.
        if kind == "empty-folder" || kind == "abolished-only" {
            #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
            #expect(try site.read("public/bao-cao/index.html").contains("Không áp dụng"))
        }
    }

    /// Odd records: each is counted the way its content says, or listed as unreadable; none stops the report.
    @Test func oddRecordsAreCountedOrListedNeverFatal() throws {
        func record(_ code: String, _ change: (String) -> String = { $0 }, body: String = SampleRecord.body) -> String {
            SampleRecord.text(frontMatter: change(SampleRecord.frontMatter.replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")), body: body)
        }
        let site = try TemporarySite("""
            -- content/thu-tuc/1.000001.md --
            \(record("1.000001"))
            -- content/thu-tuc/1.000002.md --
            \(record("1.000002") { $0.replacingOccurrences(of: "ten: Thủ tục", with: "ten: [Thủ tục") })
            -- content/thu-tuc/1.000003.md --
            \(record("1.000001"))
            -- content/thu-tuc/1.000004.md --
            \(record("1.000004", body: "\n## Trình tự thực hiện\n\n   \n## Ghi chú\n\nChỉ có ghi chú.\n"))
            -- content/thu-tuc/1.000005.md --
            \(record("1.000005") { $0 + "\nnguon:\n  he_thong: dia_phuong" })
            -- content/thu-tuc/1.000006.md --
            \(record("1.000006") { $0.replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: noi_bo") })
            """)
        defer { site.remove() }
        // Saved on Windows (BOM, CRLF) and typed in decomposed Unicode: read the same.
        let windows = "\u{FEFF}" + record("1.000007").replacingOccurrences(of: "\n", with: "\r\n").decomposedStringWithCanonicalMapping
        try site.write("content/thu-tuc/1.000007.md", windows)
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let report = try json(run)
        // Counted: 1.000001, 1.000004, 1.000005, 1.000007. Listed: the YAML error, the second 1.000001, the internal one.
        #expect(report["so_thu_tuc"] as? Int == 4)
        let unreadable = try #require(report["ho_so_loi"] as? [[String: Any]]).compactMap { $0["tep"] as? String }
        #expect(unreadable == ["content/thu-tuc/1.000002.md", "content/thu-tuc/1.000003.md", "content/thu-tuc/1.000006.md"])
        let dayDu = try indicator(report, "day_du")
        #expect(dayDu["tu_so"] as? Int == 3 && dayDu["mau_so"] as? Int == 4, "blank steps are missing steps")
        let missing = try #require(dayDu["chi_tiet"] as? [[String: Any]])
        #expect(missing.map { $0["ma_thu_tuc"] as? String } == ["1.000004"] && missing.first?["thieu"] as? [String] == ["b"])
        // The unit's own procedure has no page on the national portal.
        let pages = try #require(try indicator(report, "trang_thu_tuc")["chi_tiet"] as? [[String: Any]])
        #expect(pages.contains { $0["ma_thu_tuc"] as? String == "1.000005" && ($0["thieu"] as? [String])?.contains("cong_dvc") == true })
    }

    /// A change log with junk lines: each is skipped and named, the rest counts.
    @Test func aChangeLogWithJunkLinesIsReadAroundThem() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        try site.write("content/.dong-bo/nhat-ky.jsonl", [
            #"{"ngay":"2026-03-02T09:00:00+07:00","ma":"1.001193","thay_doi":"tao_moi"}"#,
            "<<<<<<< HEAD",
            #"{"ngay":"2026-03-06T08:00:00+07:00"}"#,
            #"{"ngay":"2026-03-06T08:00:00+07:00","ma":"1.001193","thay_doi":"xoa"}"#,
            #"{"ngay":"2026"#,
            "",
            #"{"ngay":"hôm qua","ma":"1.000002","thay_doi":"cap_nhat"}"#,
            #"{"ngay":"2026-02-30T08:00:00+07:00","ma":"1.000002","thay_doi":"cap_nhat"}"# + "\r",
            #"{"ngay":"2026-03-09T08:00:00+07:00","ma":"1.000002","thay_doi":"cap_nhat"}"#,
        ].joined(separator: "\n"))
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let report = try json(run)
        let warnings = try #require(report["canh_bao"] as? [String])
        // A line whose date is not an instant (ChangeLog: "hôm qua", 30 February) is skipped with the rest.
        #expect(warnings.contains { $0.contains("nhat-ky.jsonl) có dòng không đọc được, không tính: dòng 2, 3, 4, 5, 7, 8.") }, "\(warnings)")
        #expect(report["ngay"] as? String == "2026-03-09", "the last readable sync")
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
    }

    /// Dates that cannot be parsed, where the report meets them.
    @Test func datesThatCannotBeReadAreSaidAndLeftOut() throws {
        let site = try twoRecordSite()
        defer { site.remove() }
        try site.write("content/.dong-bo/nhat-ky.jsonl", #"{"ngay":"2026-03-02T09:00:00+07:00","ma":"1.001193","thay_doi":"tao_moi"}"# + "\n")
        try site.write("content/.dong-bo/bao-cao.jsonl", [
            #"{"ngay":"2026-13-01T09:00:00+07:00","chi_so":[]}"#,
            #"{"ngay":"2026-03-02T09:00:00+07:00","chi_so":[{"ma":"day_du","tu_so":1,"mau_so":2,"ti_le":0.5}]}"#,
            #"{"ngay":"2026-03-05T09:00:00+07:00","chi_so":[{"ma":"day_du","tu_so":1,"mau_so":2,"ti_le":7}]}"#,
            "không phải JSON",
        ].joined(separator: "\n") + "\n")
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "abc"])
        #expect(run.status == 0, "\(run.errors)")
        let report = try json(run)
        let warnings = try #require(report["canh_bao"] as? [String])
        #expect(warnings.contains("SOURCE_DATE_EPOCH=abc không phải số giây: lấy ngày đồng bộ gần nhất."), "\(warnings)")
        #expect(warnings.contains { $0.contains("bao-cao.jsonl) có dòng không đọc được, bỏ qua: dòng 1, 4.") }, "\(warnings)")
        #expect(report["ngay"] as? String == "2026-03-02")
        let epoch = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(try json(epoch)["ngay"] as? String == "2026-11-18")
        let given = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json", "--ngay", "2026-12-01"],
                                 environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(try json(given)["ngay"] as? String == "2026-12-01", "--ngay before SOURCE_DATE_EPOCH")
    }

    // MARK: - History

    @Test func aSyncThatChangesTheSiteKeepsItsReportLine() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = Repository.fixture("export-sample.json").path
        let environment = ["SOURCE_DATE_EPOCH": "1795000000"]
        #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", export], environment: environment).status == 0)
        let lines = try site.read("content/.dong-bo/bao-cao.jsonl").split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(line["ngay"] as? String == "2026-11-18T18:06:40+07:00")
        let figures = try #require(line["chi_so"] as? [[String: Any]])
        #expect(figures.contains { $0["ma"] as? String == "day_du" && $0["mau_so"] as? Int == 3 })
        #expect(!figures.contains { $0["ma"] as? String == "cong_bo_dung_han" }, "what cannot be computed is not kept")
        // Nothing changed: nothing appended. A dry run or a check writes nothing either.
        #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", export], environment: environment).status == 0)
        #expect(try cli.tthc(["sync", "--dry-run", "--site", site.folder.path, "--catalog", export]).status == 0)
        #expect(try site.read("content/.dong-bo/bao-cao.jsonl").split(separator: "\n").count == 1)
    }
}
