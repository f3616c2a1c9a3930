import Foundation
import Testing

/// Where the national record's gaps go instead of the clerk's list: `tthc bao-cao` lists them for
/// the bodies that announced the procedures, in the words of `tthc check`, and the components
/// indicator says which of its failures are the national record's. The page shows the unit's answer.
@Suite struct NationalGapReportTests {
    let cli = CommandLineTests()

    func report(_ site: TemporarySite) throws -> [String: Any] {
        let run = try cli.tthc(["bao-cao", "--format", "json"], in: site.folder)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)\(run.errors)")
    }

    func gaps(_ report: [String: Any]) throws -> [String: [[String: Any]]] {
        let list = try #require(report["thieu_sot_du_lieu_quoc_gia"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["ma_thu_tuc"] as? String ?? "", $0["thieu_sot"] as? [[String: Any]] ?? []) })
    }

    func completeness(_ report: [String: Any]) throws -> [String: [String: Any]] {
        let figures = try #require(report["chi_so"] as? [[String: Any]])
        let dayDu = try #require(figures.first { $0["ma"] as? String == "day_du" })
        return Dictionary(uniqueKeysWithValues: (dayDu["chi_tiet"] as? [[String: Any]] ?? []).map { ($0["ma_thu_tuc"] as? String ?? "", $0) })
    }

    @Test func theReportListsTheGapsByAnnouncingBody() throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let report = try report(site)
        let gaps = try gaps(report)
        #expect(Set(gaps.keys) == ["1.000080", "1.001193", "1.115563"])
        let paternity = try #require(gaps["1.000080"]?.first)
        #expect(paternity["ma"] as? String == "duration-without-description")
        #expect(paternity["loai"] as? String == "thời hạn giải quyết có đơn vị `khac` mà không có mô tả")
        #expect(paternity["so_cho"] as? Int == 3)
        #expect(paternity["don_vi_bo_sung"] is NSNull)
        #expect(gaps["1.115563"]?.first?["loai"] as? String
                == "thiếu thành phần, số lượng hồ sơ (`thanh_phan_ho_so`) (thành phần d, Điều 8 Nghị định 63/2010/NĐ-CP)")
        let list = try #require(report["thieu_sot_du_lieu_quoc_gia"] as? [[String: Any]])
        #expect(list.map { $0["co_quan_cong_bo"] as? String ?? "" } == ["Bộ Tư pháp", "Bộ Tư pháp", "UBND tỉnh Lai Châu"])

        // The components indicator says the same of the same record: missing d, in the national record.
        let land = try #require(try completeness(report)["1.115563"])
        #expect(land["thieu"] as? [String] == ["d"])
        #expect(land["du_lieu_quoc_gia"] as? Bool == true)
        #expect((land["ly_do"] as? String)?.hasSuffix("(thiếu trong dữ liệu quốc gia: cơ quan công bố bổ sung)") == true)

        let text = try cli.tthc(["bao-cao"], in: site.folder).output
        #expect(text.contains("""
            Thiếu sót của dữ liệu quốc gia (3 thủ tục; đơn vị không sửa được, báo cơ quan công bố bổ sung trên CSDL quốc gia):
              Bộ Tư pháp (2 thủ tục):
                - 1.000080 Thủ tục đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tạ…: thời hạn giải quyết có đơn vị `khac` mà không có mô tả (3 chỗ)
                - 1.001193 Thủ tục đăng ký khai sinh: thời hạn giải quyết có đơn vị `khac` mà không có mô tả (3 chỗ)
              UBND tỉnh Lai Châu (1 thủ tục):
                - 1.115563 Xóa ghi nợ tiền sử dụng đất, lệ phí trước bạ trên Giấy ch…: thiếu thành phần, số lượng hồ sơ (`thanh_phan_ho_so`) (thành phần d, Điều 8 Nghị định 63/2010/NĐ-CP)

            """), "\(text)")
    }

    /// A gap the unit answered for citizens stays a gap of the national record, said answered;
    /// a record the unit edited is its own, and so is what it lacks.
    @Test func answeredGapsStayAndEditedRecordsAreTheUnits() throws {
        let entries = National.changing(try National.entries(), "1.001193") { data in
            National.methods(&data) { $0["processingTime"] = NSNull() }
            data["cases"] = []
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        try National.insert(["dia_phuong:", "  thoi_han: \"Không quá 05 ngày làm việc\""],
                            above: try National.closingLine(National.birth, of: site), in: National.birth, of: site)
        let text = try site.read(National.land)
        try site.write(National.land, text.replacingOccurrences(of: "\nten: Xóa ghi nợ", with: "\nten: Thủ tục xóa ghi nợ"))
        let report = try report(site)
        let gaps = try gaps(report)
        #expect(gaps["1.001193"]?.first?["don_vi_bo_sung"] as? String == "dia_phuong.thoi_han")
        #expect(gaps["1.115563"] == nil, "edited by the unit: its own content")
        let findings = try completeness(report)
        let birth = try #require(findings["1.001193"])
        #expect(birth["thieu"] as? [String] == ["đ"])
        #expect((birth["ly_do"] as? String)?.hasSuffix("(thiếu trong dữ liệu quốc gia: cơ quan công bố bổ sung; đơn vị đã ghi thời hạn ở `dia_phuong.thoi_han`)") == true,
                "\(birth)")
        let land = try #require(findings["1.115563"])
        #expect(land["du_lieu_quoc_gia"] == nil)
        #expect(land["ly_do"] as? String == "thiếu d: thành phần, số lượng hồ sơ (`thanh_phan_ho_so`)")
        let check = try National.check(site)
        #expect(check.output.contains("content/thu-tuc/1.115563.md:2:1: cảnh báo [incomplete] Hồ sơ thủ tục chưa đầy đủ: thiếu thành phần, số lượng hồ sơ"))
    }

    /// `dia_phuong.thoi_han` on the page: first in the summary box, and in the channels table
    /// wherever the national time says nothing; a time the national record gives stays.
    @Test func thePageShowsTheUnitsTime() throws {
        let entries = National.changing(try National.entries(), "1.115563") { data in
            National.methods(&data) { if $0["submissionMethod"] as? String == "ONLINE" { $0["processingTimeUnit"] = "OTHER" } }
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        try National.insert(["dia_phuong:", "  thoi_han: \"Không quá 10 giờ làm việc\""],
                            above: try National.closingLine(National.land, of: site), in: National.land, of: site)
        let build = try cli.tthc(["build", "--strict"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        let page = try site.read("public/thu-tuc/1.115563/index.html")
        #expect(page.contains("<dt>Thời hạn giải quyết</dt><dd class=\"pre\">Không quá 10 giờ làm việc</dd>"))
        let cells = page.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { String($0.prefix(while: { $0 != "\n" })) }
        #expect(cells.count == 3)
        #expect(cells.filter { $0.contains("<td><p class=\"pre\">Không quá 10 giờ làm việc</p>") }.count == 1, "\(cells)")
        #expect(cells.filter { $0.contains("<td><p class=\"pre\">15 giờ</p>") }.count == 2)
        #expect(try National.findings(site).filter { $0["file"] as? String == National.land && $0["code"] as? String == "duration-without-description" }.isEmpty,
                "answered by dia_phuong.thoi_han")
    }
}
