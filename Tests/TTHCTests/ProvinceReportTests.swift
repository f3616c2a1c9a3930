import Foundation
import Testing

/// `tthc bao-cao` and `tthc build` at a province's folder (issue 18 at a province): every unit's
/// report from the pool read once, the province's totals as sums, `--don-vi`, the gate, the page.
@Suite struct ProvinceReportTests {
    let cli = CommandLineTests()
    let day = ["--ngay", "2026-11-24"]

    func json(_ run: CommandLineTests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.status) \(run.errors)")
    }

    func figure(_ object: [String: Any], _ code: String) throws -> [String: Any] {
        let list = try #require(object["chi_so"] as? [[String: Any]])
        return try #require(list.first { $0["ma"] as? String == code }, "no \(code)")
    }

    func unit(_ report: [String: Any], _ slug: String) throws -> [String: Any] {
        let units = try #require(report["don_vi"] as? [[String: Any]])
        return try #require(units.first { $0["thu_muc"] as? String == slug }, "no \(slug)")
    }

    func fraction(_ figure: [String: Any]) -> String {
        "\(figure["tu_so"].map { "\($0)" } ?? "nil")/\(figure["mau_so"].map { "\($0)" } ?? "nil")"
    }

    // MARK: - Figures

    @Test func eachUnitAndTheProvinceHaveTheirKnownFigures() throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao", "--format", "json"] + day, in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        let report = try json(run)
        #expect(report["tinh"] as? String == "Tỉnh Lai Châu" && report["ngay"] as? String == "2026-11-24")
        let expected: [(String, String, String)] = [("xa-a", "3/4", "2/4"), ("xa-b", "3/3", "2/3"), ("xa-c", "0/1", "0/1"), ("xa-d", "0/0", "0/0")]
        for (slug, dayDu, online) in expected {
            let object = try unit(report, slug)
            #expect(fraction(try figure(object, "day_du")) == dayDu, "\(slug)")
            #expect(fraction(try figure(object, "dvctt")) == online, "\(slug)")
            // The single-unit object's own keys, as `tthc bao-cao` writes them for a site.
            for key in ["don_vi", "cap", "ma_tinh", "ngay", "chi_so", "viec_can_lam"] { #expect(object[key] != nil, "\(slug) \(key)") }
        }
        // The empty selection is "không áp dụng", never 0 %.
        #expect(try figure(try unit(report, "xa-d"), "day_du")["trang_thai"] as? String == "khong_ap_dung")
        let totals = try #require(report["toan_tinh"] as? [String: Any])
        let dayDu = try figure(totals, "day_du"), online = try figure(totals, "dvctt")
        #expect(fraction(dayDu) == "6/8" && dayDu["ti_le"] as? Double == 0.75)
        #expect(fraction(online) == "4/8" && online["ti_le"] as? Double == 0.5)
        #expect(dayDu["so_don_vi_chua_dat"] as? Int == 2)
        // Worst first: xa-c fails both by the most, then xa-a, then xa-b.
        let ranked = try #require(report["xep_hang"] as? [String])
        let order = ["xa-c", "xa-a", "xa-b"].compactMap { ranked.firstIndex(of: $0) }
        #expect(order == order.sorted() && order.count == 3, "\(ranked)")
    }

    @Test func theTextIsATableOfUnitsWorstFirstThenTheProvince() throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao"] + day, in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        let rows = ["xa-c UBND xã C", "xa-a UBND xã A", "xa-b UBND xã B"].compactMap { name in lines.firstIndex { $0.contains(name) } }
        #expect(rows.count == 3 && rows == rows.sorted(), "\(run.output)")
        let province = try #require(lines.firstIndex { $0.hasPrefix("Toàn tỉnh") })
        #expect(rows.allSatisfy { $0 < province })
        #expect(lines.contains { $0.contains("day_du") && $0.contains("6/8 = 75,00 %") }, "\(run.output)")
        #expect(lines.contains { $0.contains("dvctt") && $0.contains("4/8 = 50,00 %") })
    }

    @Test func oneUnitAloneIsItsObjectInTheWhole() throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        let whole = try json(try cli.tthc(["bao-cao", "--format", "json"] + day, in: site.folder))
        for slug in ["xa-a", "xa-c", "xa-d"] {
            let run = try cli.tthc(["bao-cao", "--format", "json", "--don-vi", slug] + day, in: site.folder)
            #expect(run.status == 0, "\(run.errors)")
            let alone = try json(run)
            #expect(NSDictionary(dictionary: alone).isEqual(to: try unit(whole, slug)), "\(slug)")
        }
        let text = try cli.tthc(["bao-cao", "--don-vi", "xa-a"] + day, in: site.folder)
        #expect(text.status == 0 && text.output.contains("3/4 = 75,00 %") && text.output.hasPrefix("Đơn vị xa-a (don-vi/xa-a/site.yml)"))
        let unknown = try cli.tthc(["bao-cao", "--don-vi", "xa-e"], in: site.folder)
        #expect(unknown.status == 2 && unknown.errors.contains("Tỉnh không có đơn vị xa-e"), "\(unknown.errors)")
        let malformed = try cli.tthc(["bao-cao", "--don-vi", "../xa-a"], in: site.folder)
        #expect(malformed.status == 2 && malformed.output.isEmpty)
        let single = try TemporarySite()
        defer { single.remove() }
        let notProvince = try cli.tthc(["bao-cao", "--don-vi", "xa-a"], in: single.folder)
        #expect(notProvince.status == 2 && notProvince.errors.contains("--don-vi chỉ dùng trong thư mục của một tỉnh"))
    }

    // MARK: - The gate

    @Test func theGateFailsWhenAnyUnitIsBelowNamingIt() throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        let below = try cli.tthc(["bao-cao", "--nguong", "day_du=0.7", "--format", "github"] + day, in: site.folder)
        #expect(below.status == 1, "\(below.errors)")
        // xa-c's failure at its own site.yml, and the procedure it fails at the pool's record, naming the unit.
        #expect(below.output.contains("::error file=don-vi/xa-c/site.yml,line=1,col=1,title=below-threshold::[day_du] xa-c:"), "\(below.output)")
        #expect(below.output.contains("::error file=content/thu-tuc/1.000002.md,line=1,col=1,title=below-threshold::[day_du] xa-c: 1.000002:"))
        // xa-a (75 %) and xa-b (100 %) meet 70 %: nothing about them.
        #expect(!below.output.contains("xa-a") && !below.output.contains("xa-b"))
        #expect(below.errors.contains("Dưới ngưỡng: xa-c (day_du)."), "\(below.errors)")
        #expect(try cli.tthc(["bao-cao", "--nguong", "day_du=0%"] + day, in: site.folder).status == 0)
        #expect(try cli.tthc(["bao-cao", "--nguong", "day_du=1", "--don-vi", "xa-b"] + day, in: site.folder).status == 0)
        #expect(try cli.tthc(["bao-cao", "--nguong", "day_du=1", "--don-vi", "xa-a"] + day, in: site.folder).status == 1)
        // The empty unit never fails a gate (0/0 is not applicable).
        #expect(try cli.tthc(["bao-cao", "--nguong", "day_du=1", "--don-vi", "xa-d"] + day, in: site.folder).status == 0)
        let table = try json(try cli.tthc(["bao-cao", "--nguong", "bang", "--format", "json"] + day, in: site.folder))
        #expect(table["dat_nguong"] as? Bool == false)
        let typo = try cli.tthc(["bao-cao", "--nguong", "day_duu=1"], in: site.folder)
        #expect(typo.status == 2 && typo.errors.contains("day_du"))
    }

    // MARK: - The page

    @Test func theBuildWritesTheProvincesPageWorstFirstLinkingEachUnit() throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        let page = try site.read("public/bao-cao/index.html")
        let rows = ["xa-c", "xa-a", "xa-b"].compactMap { page.range(of: "id=\"don-vi-\($0)\"")?.lowerBound }
        #expect(rows.count == 3 && rows == rows.sorted())
        for slug in ["xa-a", "xa-b", "xa-c", "xa-d"] {
            #expect(page.contains("<a href=\"../\(slug)/bao-cao/\">"), "\(slug)")
            #expect(FileManager.default.fileExists(atPath: site.url("public/\(slug)/bao-cao/index.html").path))
        }
        #expect(page.contains("<svg class=\"bar-chart\""))
        #expect(page.contains("Toàn tỉnh") && page.contains("75,00 %, chưa đạt (2 đơn vị chưa đạt)"), "\(page)")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../assets/style.css\">"))
        #expect(try site.read("public/index.html").contains("<a href=\"bao-cao/\">"))
        // The same figures as each unit's own page shows.
        #expect(try site.read("public/xa-a/bao-cao/index.html").contains("3/4 = 75,00 %"))
    }

    @Test func aReportThatIsNotPublicStaysOffThePortal() throws {
        // The province's: no page, no link; `--html` writes it into a folder of its own, with absolute links.
        let site = try HandProvince.make(tinh: HandProvince.tinh + "\nbao_cao:\n  cong_khai: false")
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.url("public/bao-cao").path))
        #expect(!(try site.read("public/index.html")).contains("bao-cao/"))
        let folder = site.url("bao-cao-noi-bo")
        let run = try cli.tthc(["bao-cao", "--html", folder.path] + day, in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"https://laichau.invalid/tthc/xa-a/bao-cao/\">"))
        #expect(page.contains("href=\"assets/style.css\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("assets/style.css").path))
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("bao-cao.json"))) as? [String: Any]
        #expect((written?["don_vi"] as? [Any])?.count == 4)
        // A folder of other files is never replaced; the province's own folders neither.
        try site.write("tai-lieu/ghi-chu.txt", "của văn phòng")
        #expect(try cli.tthc(["bao-cao", "--html", site.url("tai-lieu").path], in: site.folder).status == 2)
        #expect(try site.read("tai-lieu/ghi-chu.txt") == "của văn phòng")
        for own in ["content", "don-vi", "templates", "."] {
            #expect(try cli.tthc(["bao-cao", "--html", site.url(own).path], in: site.folder).status == 2, "\(own)")
        }
        #expect(FileManager.default.fileExists(atPath: site.url("don-vi/xa-a/site.yml").path))
    }

    @Test func aUnitThatKeepsItsReportPrivateIsListedWithoutItsFigures() throws {
        let site = try HandProvince.make(HandProvince.unit("xa-c", name: "UBND xã C", leavingOut: ["1.000001", "1.000003", "1.000004"],
                                                           extra: "bao_cao:\n  cong_khai: false"))
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let page = try site.read("public/bao-cao/index.html")
        #expect(!page.contains("../xa-c/bao-cao/") && page.contains("không công khai báo cáo"))
        #expect(!FileManager.default.fileExists(atPath: site.url("public/xa-c/bao-cao").path))
        let row = try #require(page.range(of: "id=\"don-vi-xa-c\"").map { String(page[$0.lowerBound...].prefix { $0 != "\n" }) })
        #expect(!row.contains("0,00 %"), "\(row)")
        // Its procedures still count in the province's figure.
        #expect(page.contains("75,00 %, chưa đạt"))
    }
}
