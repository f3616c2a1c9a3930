import Foundation

/// A hand-made province whose report is known (ProvinceReportTests): four records in the pool,
///
/// | code     | components    | online     |
/// |----------|---------------|------------|
/// | 1.000001 | all a–g       | một phần   |
/// | 1.000002 | no document d | none given |
/// | 1.000003 | all a–g       | toàn trình |
/// | 1.000004 | all a–g       | none given |
///
/// and four units: `xa-a` publishes all four (day_du 3/4, dvctt 2/4), `xa-b` leaves out 1.000002
/// (3/3, 2/3), `xa-c` publishes 1.000002 alone (0/1, 0/1), `xa-d` selects nothing (0/0, 0/0).
/// The province: day_du 6/8 = 75 %, dvctt 4/8 = 50 %.
enum HandProvince {
    static let tinh = """
        ma: H35
        ten: Tỉnh Lai Châu
        base_url: https://laichau.invalid/tthc/
        """

    static func record(_ code: String, documents: Bool = true, online: String? = nil) -> String {
        var frontMatter = SampleRecord.frontMatter
            .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
            .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục \(code)")
        if !documents, let start = frontMatter.range(of: "thanh_phan_ho_so:"), let end = frontMatter.range(of: "can_cu_phap_ly:") {
            frontMatter.removeSubrange(start.lowerBound..<end.lowerBound)
        }
        if let online { frontMatter += "\ndvc_truc_tuyen:\n  muc_do: \(online)" }
        return "-- content/thu-tuc/\(code).md --\n" + SampleRecord.text(frontMatter: frontMatter)
    }

    static func unit(_ slug: String, name: String, leavingOut codes: [String] = [], extra: String = "") -> String {
        let bo = codes.isEmpty ? "" : "\n  bo: [\(codes.map { "\"\($0)\"" }.joined(separator: ", "))]"
        return """
            -- don-vi/\(slug)/site.yml --
            ten_don_vi: \(name)
            cap: xa
            chon:
              cap_thuc_hien: [xa]\(bo)
            \(extra)
            """
    }

    static let files = [
        record("1.000001", online: "mot_phan"), record("1.000002", documents: false),
        record("1.000003", online: "toan_trinh"), record("1.000004"),
        unit("xa-a", name: "UBND xã A"),
        unit("xa-b", name: "UBND xã B", leavingOut: ["1.000002"]),
        unit("xa-c", name: "UBND xã C", leavingOut: ["1.000001", "1.000003", "1.000004"]),
        unit("xa-d", name: "UBND xã D", leavingOut: ["1.000001", "1.000002", "1.000003", "1.000004"]),
    ].joined(separator: "\n")

    /// The province, with `extra` files written after (and over) its own.
    static func make(_ extra: String = "", tinh: String = tinh) throws -> TemporarySite {
        try TemporarySite(files + "\n" + extra, configuration: tinh, configurationFile: "tinh.yml")
    }
}
