import Foundation
import Records
import Site
import Testing

/// Issue 16, point 1: what is published is what `site.yml` selects, at build time, whatever
/// `content/thu-tuc/` holds. Variants: a code added to `bo`, a corrected `tinh.ma`, a record of
/// another level copied in, a field filter, a related procedure left out; and the unit's own
/// record, which answers to `bo` only. Then `new --catalog` and sync as a subprocess.
@Suite struct SelectionTests {
    static let laiChau = """
        nguon:
          he_thong: csdlqg
          co_quan_cong_bo:
            ma: H35
            ten: UBND tỉnh Lai Châu
        """

    /// A site of three catalog records (khai sinh, a Lai Châu procedure, a province-level one) and the unit's own.
    func site(configuration: String = TemporarySite.configuration) throws -> TemporarySite {
        func record(_ code: String, _ name: String, level: String = "xa", origin: String = "trung_uong", source: String = "nguon:\n  he_thong: csdlqg",
                    extra: String = "") -> String {
            let front = SampleRecord.frontMatter
                .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
                .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(name)")
                .replacingOccurrences(of: "cap_thuc_hien:\n  - xa", with: "cap_thuc_hien:\n  - \(level)")
                .replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: \(origin)")
            return "-- content/thu-tuc/\(code).md --\n" + SampleRecord.text(frontMatter: front + "\n" + extra + source)
        }
        return try TemporarySite(
            record("1.001193", "Thủ tục đăng ký khai sinh", extra: "lien_quan: [\"1.000003\"]\n")
            + record("1.000002", "Xóa ghi nợ tiền sử dụng đất", origin: "dac_thu_dia_phuong", source: Self.laiChau)
            + record("1.000003", "Cấp giấy phép xây dựng", level: "tinh")
            + record("1.000004", "Xác nhận của xã", level: "tinh", origin: "dac_thu_dia_phuong", source: "nguon:\n  he_thong: dia_phuong"),
            configuration: configuration)
    }

    func built(_ site: TemporarySite) throws -> (paths: Set<String>, diagnostics: [Diagnostic]) {
        let (outcome, files) = try SiteBuild(site: site.folder).render()
        return (Set((files ?? []).map(\.path)), outcome.diagnostics)
    }

    @Test func aCatalogRecordOutsideTheSelectionHasNoPageAndIsReportedAtItsCode() throws {
        let site = try site()
        defer { site.remove() }
        let (paths, diagnostics) = try built(site)
        #expect(paths.contains("thu-tuc/1.001193/index.html"))
        #expect(paths.contains("thu-tuc/1.000002/index.html"), "Lai Châu's own procedure in a Lai Châu commune")
        #expect(!paths.contains("thu-tuc/1.000003/index.html"))
        #expect(!paths.contains("api/thu-tuc/1.000003.json"))
        #expect(paths.contains("thu-tuc/1.000004/index.html"), "the unit's own record answers to bo only")
        let left = diagnostics.filter { $0.code == "not-selected" }
        #expect(left.map(\.file) == ["content/thu-tuc/1.000003.md"])
        #expect(left.first?.line == 2 && left.first?.severity == .warning)
        #expect(left.first?.message(.vi) == "Thủ tục 1.000003 không được đăng: thủ tục thực hiện ở cấp tinh, không thuộc `chon.cap_thuc_hien` [xa].")
        // Khai sinh names it as related: no link, and said so at the line that names it.
        let related = diagnostics.filter { $0.code == "unpublished-related" }
        #expect(related.map(\.file) == ["content/thu-tuc/1.001193.md"])
        let page = try #require(try SiteBuild(site: site.folder).render().files?.first { $0.path == "thu-tuc/1.001193/index.html" })
        #expect(!String(decoding: page.data, as: UTF8.self).contains("thu-tuc/1.000003/"))
    }

    @Test func aCodeAddedToBoLeavesTheSiteAtTheNextBuild() throws {
        let site = try site(configuration: TemporarySite.configuration + "\n  bo: [\"1.001193\", \"1.000004\"]")
        defer { site.remove() }
        let (paths, diagnostics) = try built(site)
        #expect(!paths.contains("thu-tuc/1.001193/index.html"))
        #expect(!paths.contains("thu-tuc/1.000004/index.html"))
        let index = try #require(try SiteBuild(site: site.folder).render().files?.first { $0.path == "api/thu-tuc.json" })
        #expect(!String(decoding: index.data, as: UTF8.self).contains("1.001193"))
        let messages = diagnostics.filter { $0.code == "not-selected" }.map { $0.message(.en) }
        #expect(messages.contains("Procedure 1.001193 is not published: it is in `chon.bo` of site.yml."))
        #expect(messages.contains("Procedure 1.000004 is not published: it is in `chon.bo` of site.yml."))
    }

    @Test func aCorrectedProvinceCodeLeavesTheOtherProvincesProcedureOut() throws {
        let site = try site(configuration: TemporarySite.configuration.replacingOccurrences(of: "ma: H35", with: "ma: H24"))
        defer { site.remove() }
        let (paths, diagnostics) = try built(site)
        #expect(!paths.contains("thu-tuc/1.000002/index.html"))
        let left = try #require(diagnostics.first { $0.code == "not-selected" && $0.file == "content/thu-tuc/1.000002.md" })
        #expect(left.message(.vi).contains("đặc thù của tỉnh có mã H35, không phải của tỉnh H24"))
        #expect(left.suggestion(.vi) == "Kiểm tra `tinh.ma` của site.yml; nếu đúng, xóa tệp này (thủ tục của tỉnh khác).")
    }

    @Test func aFieldFilterAndAnAddedCodeDecideTogether() throws {
        let site = try site(configuration: TemporarySite.configuration + "\n  linh_vuc: [G15-TP99]\n  them: [\"1.000003\"]")
        defer { site.remove() }
        let (paths, diagnostics) = try built(site)
        #expect(!paths.contains("thu-tuc/1.001193/index.html"))
        #expect(paths.contains("thu-tuc/1.000003/index.html"), "them adds a code of another level")
        #expect(diagnostics.contains { $0.code == "not-selected" && $0.message(.en).contains("in the field G15-TP07, which is not in `chon.linh_vuc`") })
        // The unit's own record is not filtered by field.
        #expect(paths.contains("thu-tuc/1.000004/index.html"))
    }

    @Test func aLinkToAProcedureLeftOutIsABrokenLink() throws {
        let site = try site()
        defer { site.remove() }
        let path = "content/thu-tuc/1.001193.md"
        try site.write(path, try site.read(path) + "\nXem [giấy phép](/thu-tuc/1.000003/).\n")
        let (paths, diagnostics) = try built(site)
        #expect(paths.isEmpty)
        #expect(diagnostics.contains { $0.code == "broken-link" && $0.file == path })
    }

    // MARK: - Commands

    @Test func newFromTheCatalogRefusesAProcedureOutsideTheSelection() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("export.json", try Data(contentsOf: SyncTests.fixture))
        let cli = CommandLineTests()
        // 1.014792 is specific to the province H24; the site is in H35.
        let refused = try cli.tthc(["new", "1.014792", "--catalog", "export.json"], in: site.folder)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("tthc new: Thủ tục 1.014792 không được đăng: đây là thủ tục đặc thù của tỉnh có mã H24"))
        #expect(refused.errors.contains("Không ghi gì"))
        #expect(!FileManager.default.fileExists(atPath: site.url("content/thu-tuc/1.014792.md").path))
        #expect(!FileManager.default.fileExists(atPath: site.url("content/.dong-bo").path))
        // One the unit publishes is still imported.
        let imported = try cli.tthc(["new", "1.001193", "--catalog", "export.json"], in: site.folder)
        #expect(imported.status == 0)
        #expect(FileManager.default.fileExists(atPath: site.url("content/thu-tuc/1.001193.md").path))
    }

    @Test func syncReportsAProcedureThatMovedOutOfTheSelection() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("export.json", try Data(contentsOf: SyncTests.fixture))
        let cli = CommandLineTests()
        #expect(try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder).status == 0)
        let record = try site.read("content/thu-tuc/1.001193.md")
        try site.write("site.yml", TemporarySite.configuration + "\n  bo: [\"1.001193\"]")
        let again = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder)
        #expect(again.status == 0)
        #expect(again.output.contains("  − content/thu-tuc/1.001193.md: Thủ tục 1.001193 không được đăng: mã này có trong `chon.bo` của site.yml. Tệp được giữ nhưng không còn được đồng bộ."))
        #expect(try site.read("content/thu-tuc/1.001193.md") == record, "kept byte for byte, never deleted")
        let json = try cli.tthc(["sync", "--catalog", "export.json", "--dry-run", "--format", "json", "--lang", "en"], in: site.folder)
        #expect(json.output.contains("\"outside_selection\""))
        #expect(json.output.contains("Procedure 1.001193 is not published: it is in `chon.bo` of site.yml."))
        let check = try cli.tthc(["check"], in: site.folder)
        #expect(check.status == 0)
        #expect(check.output.contains("content/thu-tuc/1.001193.md:2:13: cảnh báo [not-selected]"))
    }
}
