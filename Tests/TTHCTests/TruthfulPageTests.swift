import Catalog
import Foundation
import Records
import Site
import Testing

/// Issue 16, point 8: dates and names a citizen sees are true. A first import does not make
/// every procedure "newly announced" on the day of the import, a procedure that left the catalog
/// is not said to be abolished on a day nobody knows, catalog text keeps its lines, and no two
/// things of a site share one address or one anchor.
@Suite struct TruthfulPageTests {
    let sync = SyncTests()

    func built(_ site: TemporarySite) throws -> SiteBuild.Outcome {
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error }.map { $0.message(.en) })")
        return outcome
    }

    /// The fixture export with `code`'s entry changed by `change`.
    func export(changing code: String, _ change: (inout [String: Any]) -> Void) throws -> Data {
        try sync.export(try sync.entries().map { entry in
            guard var data = entry["data"] as? [String: Any], data["code"] as? String == code else { return entry }
            change(&data)
            var changed = entry
            changed["data"] = data
            return changed
        })
    }

    // MARK: - Dates

    /// Variants: a first import (the decision's date, not the import's), a procedure without a
    /// decision (the day the site published it, said so), an update (the day of the sync), a
    /// procedure the catalog dropped (missing since the sync that noticed), and one that came back.
    @Test func theChangeLogIsShownWithTheDateThatIsTrue() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let undated = try export(changing: "1.000080") { $0["procedureProposal"] = NSNull() }
        try synchronize(site, with: undated, at: "2026-11-22T09:00:00+07:00")
        _ = try built(site)
        var home = try site.read("public/index.html")
        #expect(home.contains("<a href=\"thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a> <span class=\"date\">Công bố mới 16/01/2026</span>"))
        #expect(home.contains("<span class=\"date\">Công bố mới 20/06/2026</span>"), "the Lai Châu decision")
        #expect(home.contains("có yếu tố nước ngoài tại khu vực biên giới</a> <span class=\"date\">Đăng lên trang 22/11/2026</span>"),
                "no decision: the day it was put on the site, and said so")
        #expect(!home.contains("Công bố mới 22/11/2026"))
        let recent = try #require(home.range(of: "id=\"moi-cap-nhat\""))
        let order = ["1.000080", "1.115563", "1.001193"].compactMap { home.range(of: "thu-tuc/\($0)/\"", range: recent.upperBound..<home.endIndex)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "one import: the most recent date told first")
        var feed = try site.read("public/feed.xml")
        #expect(feed.contains("""
            <title>Công bố mới: Thủ tục đăng ký khai sinh</title>
            <id>https://example.invalid/thu-tuc/1.001193/#tao_moi-2026-11-22T09:00:00+07:00</id>
            <link rel="alternate" type="text/html" href="https://example.invalid/thu-tuc/1.001193/"/>
            <published>2026-01-16T00:00:00+07:00</published>
            <updated>2026-11-22T09:00:00+07:00</updated>
            <summary>Công bố mới ngày 16/01/2026: Thủ tục đăng ký khai sinh (mã 1.001193).</summary>
            """), "\(feed)")

        // The catalog renames one procedure and drops another a week later.
        var later = try sync.entries()
        later = sync.renamed(later, code: "1.001193", to: "Đăng ký khai sinh")
        later.removeAll { ($0["data"] as? [String: Any])?["code"] as? String == "1.115563" }
        try synchronize(site, with: try sync.export(later), at: "2026-11-29T09:00:00+07:00")
        _ = try built(site)
        home = try site.read("public/index.html")
        #expect(home.contains("<a href=\"thu-tuc/1.001193/\">Đăng ký khai sinh</a> <span class=\"date\">Cập nhật 29/11/2026</span>"))
        #expect(home.contains("<span class=\"date\">Không còn trong CSDL quốc gia từ 29/11/2026</span>"), "\(home)")
        #expect(!home.contains("Bãi bỏ 29/11/2026"))
        feed = try site.read("public/feed.xml")
        // Two changes of one sync told on one date: the later in the log first, on the home page as in the feed.
        for text in [home, feed] {
            let abolished = try #require(text.range(of: "thu-tuc/1.115563/")), updated = try #require(text.range(of: "thu-tuc/1.001193/"))
            #expect(abolished.lowerBound < updated.lowerBound)
        }
        #expect(feed.contains("<title>Không còn trong CSDL quốc gia: Xóa ghi nợ tiền sử dụng đất"))
        #expect(feed.contains("<summary>Không còn trong CSDL quốc gia từ ngày 29/11/2026: Xóa ghi nợ tiền sử dụng đất"))
        let page = try site.read("public/thu-tuc/1.115563/index.html")
        #expect(page.contains("<strong>Thủ tục này không còn trong Cơ sở dữ liệu quốc gia về thủ tục hành chính từ ngày 29/11/2026</strong>"))
        #expect(!(try site.read("content/thu-tuc/1.115563.md")).contains("ngay_bai_bo"))

        // Back in the catalog: updated, in force, no notice.
        try synchronize(site, with: try sync.export(try sync.entries()), at: "2026-12-06T09:00:00+07:00")
        _ = try built(site)
        let back = try site.read("public/thu-tuc/1.115563/index.html")
        #expect(!back.contains("class=\"notice\""))
        #expect(try site.read("public/index.html").contains("<span class=\"date\">Cập nhật 06/12/2026</span>"))
    }

    /// Variants of an abolished record: marked by an older tthc (`ngay_bai_bo` the day of that
    /// sync, which the log also names), abolished by the unit with its true date, with no date
    /// at all, a record of the unit's own, and a date the log contradicts.
    @Test func anAbolitionIsDatedOnlyWhenItsDateIsKnown() throws {
        func record(_ code: String, _ extra: String, source: Bool) -> String {
            let frontMatter = SampleRecord.frontMatter
                .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
                .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: bai_bo")
                + extra + (source ? "\nnguon:\n  he_thong: csdlqg\n  dong_bo_luc: \"2026-10-01T09:00:00+07:00\"" : "")
            return "-- content/thu-tuc/\(code).md --\n" + SampleRecord.text(frontMatter: frontMatter) + "\n"
        }
        let site = try TemporarySite(
            record("1.000001", "\nngay_bai_bo: \"2026-10-01\"", source: true)
            + record("1.000002", "\nngay_bai_bo: \"2026-07-01\"", source: true)
            + record("1.000003", "", source: true)
            + record("1.000004", "", source: false)
            + record("1.000005", "\nngay_bai_bo: \"2026-10-01\"", source: false)
            + "-- content/.dong-bo/nhat-ky.jsonl --\n"
            + "{\"ngay\":\"2026-10-01T09:00:00+07:00\",\"ma\":\"1.000001\",\"thay_doi\":\"bai_bo\"}")
        defer { site.remove() }
        _ = try built(site)
        func notice(_ code: String) throws -> String {
            let page = try site.read("public/thu-tuc/\(code)/index.html")
            let start = try #require(page.range(of: "<div class=\"notice\" role=\"note\">"))
            let end = try #require(page.range(of: "</div>", range: start.upperBound..<page.endIndex))
            return page[start.upperBound..<end.lowerBound].split(separator: "\n").joined(separator: "\n")
        }
        #expect(try notice("1.000001") == "<p><strong>Thủ tục này không còn trong Cơ sở dữ liệu quốc gia về thủ tục hành chính từ ngày 01/10/2026</strong> (ngày trang này đồng bộ và nhận thấy); chưa rõ ngày bãi bỏ chính thức.</p>")
        #expect(try notice("1.000002") == "<p><strong>Thủ tục này đã bị bãi bỏ từ ngày 01/07/2026</strong> và không còn được thực hiện.</p>")
        #expect(try notice("1.000003") == "<p><strong>Thủ tục này đã bị bãi bỏ</strong> và không còn được thực hiện.</p>",
                "abolished here without a date, and no sync noticed it missing: no date is made up")
        #expect(try notice("1.000004") == "<p><strong>Thủ tục này đã bị bãi bỏ</strong> và không còn được thực hiện.</p>")
        #expect(try notice("1.000005") == "<p><strong>Thủ tục này đã bị bãi bỏ từ ngày 01/10/2026</strong> và không còn được thực hiện.</p>")
    }

    // MARK: - Line breaks

    /// Variants: a fee's description, a duration's, a document's name, a legal basis's summary, a
    /// case, the unit's contact (summary box), and a catalog entry's text carried by sync.
    @Test func catalogTextKeepsItsLinesInCellsListsAndFees() throws {
        let frontMatter = SampleRecord.frontMatter
            .replacingOccurrences(of: "      so: 1\n      don_vi: ngay_lam_viec",
                                  with: "      so: 1\n      don_vi: ngay_lam_viec\n      mo_ta: |-\n        Trực tiếp: 1 ngày\n        Bưu chính: 3 ngày")
            .replacingOccurrences(of: "        so_tien: 0", with: "        so_tien: 0\n        mo_ta: |-\n          Miễn cho:\n          - trẻ em\n          - người cao tuổi")
            .replacingOccurrences(of: "      - ten: Tờ khai đăng ký khai sinh", with: "      - ten: |-\n          Tờ khai đăng ký khai sinh\n          (theo mẫu)")
            .replacingOccurrences(of: "    trich_yeu: Luật Hộ tịch", with: "    trich_yeu: |-\n      Luật Hộ tịch\n      (Điều 16)")
            + "\ntruong_hop:\n  - ma: \"1.001193.01\"\n    ten: |-\n      Khai sinh đúng hạn\n      (trong 60 ngày)"
            + "\ndia_phuong:\n  lien_he: |-\n    0213 3 876 543\n    motcua@xa.example"
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(frontMatter: frontMatter))
        defer { site.remove() }
        _ = try built(site)
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        for shown in [
            "<p class=\"pre\">Lệ phí: 0 đồng. Miễn cho:\n- trẻ em\n- người cao tuổi</p>",
            "<td><p class=\"pre\">1 ngày làm việc. Trực tiếp: 1 ngày\nBưu chính: 3 ngày</p>",
            "<dd class=\"pre\">1 ngày làm việc. Trực tiếp: 1 ngày\nBưu chính: 3 ngày</dd>",
            "<li><span class=\"pre\">Tờ khai đăng ký khai sinh\n(theo mẫu)</span>",
            "<li class=\"pre\"><strong>60/2014/QH13</strong>: Luật Hộ tịch\n(Điều 16)</li>",
            "<li class=\"pre\">Khai sinh đúng hạn\n(trong 60 ngày) (mã 1.001193.01)",
            "<dt>Liên hệ</dt><dd class=\"pre\">0213 3 876 543\nmotcua@xa.example</dd>",
        ] {
            #expect(page.contains(shown), "\(shown.debugDescription)")
        }
        #expect(try site.read("public/assets/style.css").contains(".pre { white-space: pre-line; }"))

        // From the catalog: a fee described on two lines stays on two lines, through sync and build.
        let imported = try TemporarySite()
        defer { imported.remove() }
        try synchronize(imported, with: try export(changing: "1.001193") { data in
            var methods = data["executionMethods"] as? [[String: Any]] ?? []
            var fees = methods[0]["fees"] as? [[String: Any]] ?? []
            fees[0]["description"] = "Miễn phí.\nThu 8.000 đồng nếu cấp bản sao."
            methods[0]["fees"] = fees
            data["executionMethods"] = methods
        })
        _ = try built(imported)
        #expect(try imported.read("public/thu-tuc/1.001193/index.html").contains("Miễn phí.\nThu 8.000 đồng nếu cấp bản sao.</p>"))
    }

    // MARK: - One page per field

    /// Variants: names that differ only in case, codes that differ only in case, a field whose own
    /// slug is the one a duplicate would get, two agencies alike but for case, and the same site
    /// built by two processes (each hashes differently: no dictionary order may leak into a slug).
    @Test func fieldsAlikeButForCaseGetPagesOfTheirOwn() throws {
        let fields = [("1.000001", "G15-TP07", "Hộ tịch"), ("1.000002", "G15-TP07", "HỘ TỊCH"),
                      ("1.000003", "g15-tp07", "Hộ tịch"), ("1.000004", "G15-TP07-2", "Hộ tịch")]
        let files = fields.map { code, sectorCode, name in
            let frontMatter = SampleRecord.frontMatter
                .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
                .replacingOccurrences(of: "  ma: G15-TP07\n  ten: Hộ tịch", with: "  ma: \(sectorCode)\n  ten: \(name)")
                .replacingOccurrences(of: "    - Ủy ban nhân dân cấp xã", with: code == "1.000002" ? "    - ỦY BAN NHÂN DÂN CẤP XÃ" : "    - Ủy ban nhân dân cấp xã")
            return "-- content/thu-tuc/\(code).md --\n" + SampleRecord.text(frontMatter: frontMatter) + "\n"
        }.joined()
        let site = try TemporarySite(files)
        defer { site.remove() }
        _ = try built(site)
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.url("public/linh-vuc").path).filter { !$0.hasSuffix(".html") }.sorted()
        #expect(pages == ["ho-tich-g15-tp07", "ho-tich-g15-tp07-2", "ho-tich-g15-tp07-3", "ho-tich-g15-tp07-4"])
        #expect(try site.read("public/thu-tuc/1.000004/index.html").contains("<a href=\"../../linh-vuc/ho-tich-g15-tp07-2/\">Hộ tịch</a>"),
                "a field keeps its own slug when a duplicate would take it")
        // Each procedure's field page lists it, and only the procedures of that very field.
        for (code, _, name) in fields {
            let page = try site.read("public/thu-tuc/\(code)/index.html")
            let link = try #require(page.range(of: "<p class=\"breadcrumb\"><a href=\"../../thu-tuc/\">Thủ tục</a> › <a href=\"../../linh-vuc/"))
            let slug = String(page[link.upperBound...].prefix { $0 != "/" })
            let list = try site.read("public/linh-vuc/\(slug)/index.html")
            #expect(list.contains("<h1>Lĩnh vực \(name)</h1>"), "\(code) → \(slug)")
            #expect(list.contains("thu-tuc/\(code)/"))
            #expect(list.components(separatedBy: "<span class=\"meta\">").count - 1 == 1, "\(slug) lists one procedure")
        }
        let agencies = try FileManager.default.contentsOfDirectory(atPath: site.url("public/co-quan").path).filter { !$0.hasSuffix(".html") }.sorted()
        #expect(agencies == ["uy-ban-nhan-dan-cap-xa", "uy-ban-nhan-dan-cap-xa-2"])

        // Built again by two processes: the same slugs, byte for byte the same pages.
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            let folder = site.url("out\(run)")
            let result = try CommandLineTests().tthc(["build", "--output", folder.path], in: site.folder, killAfter: 120)
            #expect(result.status == 0, "\(result.errors)")
            outputs.append(try SiteTests().files(under: folder))
        }
        #expect(outputs[0] == outputs[1])
    }

    // MARK: - One element per id

    /// Variants: a local heading named like a section of the page, like the page's main element,
    /// two local sections with one name, a heading inside the steps like a later section, and a
    /// theme that writes an id of its own.
    @Test func headingsOfTheRecordNeverTakeAnIdOfThePage() throws {
        let body = """

            ## Trình tự thực hiện

            Bước một.

            ### Hồ sơ

            Xem [tóm tắt của xã](#tom-tat-2).

            ## Tóm tắt

            Tóm tắt của xã.

            ## Nội dung

            Nội dung khác.

            ## Ghi chú

            Một.

            ## Ghi chú

            Hai.

            ## Liên hệ

            Gọi bộ phận một cửa.
            """
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text(body: body))
        defer { site.remove() }
        let template = try site.read("templates/thu-tuc.mustache")
        try site.write("templates/thu-tuc.mustache", template.replacingOccurrences(
            of: "<footer class=\"provenance\">", with: "<p id=\"lien-he\">Liên hệ đơn vị.</p>\n<footer class=\"provenance\">"))
        let outcome = try built(site)
        #expect(!outcome.diagnostics.contains { $0.problem.code == .brokenAnchor }, "#tom-tat-2 leads to the unit's section")
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        for id in ["ho-so-2\">Hồ sơ</h3>", "tom-tat-2\">Tóm tắt</h2>", "noi-dung-2\">Nội dung</h2>", "ghi-chu\">Ghi chú</h2>",
                   "ghi-chu-2\">Ghi chú</h2>", "lien-he-2\">Liên hệ</h2>"] {
            #expect(page.contains(" id=\"" + id), "\(id)")
        }
        // No id twice on the page.
        var seen: [String: Int] = [:]
        var rest = Substring(page)
        while let found = rest.range(of: " id=\"") {
            rest = rest[found.upperBound...]
            let id = rest.prefix { $0 != "\"" }
            seen[String(id), default: 0] += 1
        }
        #expect(seen.filter { $0.value > 1 }.isEmpty, "\(seen.filter { $0.value > 1 })")
        #expect(seen["ho-so"] == 1 && seen["tom-tat"] == 1 && seen["noi-dung"] == 1 && seen["lien-he"] == 1)
    }
}
