import Foundation
import Testing

/// A province's pool holds the national records once: their gaps are the pool's, reported as the
/// national record's for the whole province, and the advice sends each unit to its own overlay.
@Suite struct NationalFindingsInProvinceTests {
    let cli = CommandLineTests()

    static let tinh = """
        ma: H35
        ten: Tỉnh Lai Châu
        base_url: https://example.invalid/
        """

    @Test func thePoolsGapsAreNationalAndTheAdviceNamesTheUnitsOverlay() throws {
        let site = try TemporarySite("""
            -- don-vi/xa-a/site.yml --
            ten_don_vi: UBND xã A
            cap: xa
            chon:
              cap_thuc_hien: [xa]
            """, configuration: Self.tinh, configurationFile: "tinh.yml")
        defer { site.remove() }
        let export = site.url("export.json")
        try Data(contentsOf: National.fixture).write(to: export)
        #expect(try cli.tthc(["sync", "--catalog", export.path], in: site.folder).status == 0)

        let check = try cli.tthc(["check", "--strict"], in: site.folder)
        #expect(check.status == 0, "--strict is about the units' content: \(check.output)")
        #expect(check.output.hasSuffix("0 lỗi, 0 cảnh báo; 7 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).\n"), "\(check.output)")
        let findings = try National.findings(site)
        #expect(findings.count == 7 && findings.allSatisfy { $0["origin"] as? String == "national" })
        let duration = try #require(findings.first { $0["file"] as? String == National.paternity })
        #expect((duration["suggestion"] as? String)?.hasSuffix("Ở tỉnh, mỗi đơn vị ghi trong tệp phần riêng `don-vi/<tên>/thu-tuc/1.000080.md` của mình: hai dòng `dia_phuong:` và `  thoi_han: \"Không quá … ngày làm việc\"` giữa hai dòng `---` (không sửa tệp `content/thu-tuc/1.000080.md` của kho chung).") == true,
                "\(duration)")

        // Followed: the unit's overlay, the pool untouched; the build is strict-clean and shows the time.
        try site.write("don-vi/xa-a/thu-tuc/1.000080.md", "---\ndia_phuong:\n  thoi_han: \"Không quá 05 ngày làm việc\"\n---\n")
        let build = try cli.tthc(["build", "--strict"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        let page = try site.read("public/xa-a/thu-tuc/1.000080/index.html")
        #expect(page.contains("<dt>Thời hạn giải quyết</dt><dd class=\"pre\">Không quá 05 ngày làm việc</dd>"))

        let changed = National.later(try National.entries(), "1.000080") { National.methods(&$0) { $0["processingTime"] = 8 } }
        try JSONSerialization.data(withJSONObject: changed).write(to: export)
        let sync = try cli.tthc(["sync", "--catalog", export.path], in: site.folder)
        #expect(sync.status == 0, "an update, not a conflict: \(sync.output)\(sync.errors)")
        #expect(try site.read(National.paternity).contains("so: 8"))
        #expect(try site.read("don-vi/xa-a/thu-tuc/1.000080.md") == "---\ndia_phuong:\n  thoi_han: \"Không quá 05 ngày làm việc\"\n---\n")
    }
}
