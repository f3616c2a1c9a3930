import Compliance
import Foundation
import Site
import Testing

/// `/bao-cao/`: the report a chairman reads in the built site, its charts and their text
/// alternatives, where it is published and where not.
@Suite struct ReportPageTests {
    let cli = CommandLineTests()

    func built(_ site: TemporarySite) throws -> [String: String] {
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.map { $0.message(.vi) })")
        var pages: [String: String] = [:]
        for path in ["bao-cao/index.html", "bao-cao/bao-cao.json", "sitemap.xml", "index.html", "thu-tuc/1.001193/index.html"] {
            pages[path] = try? site.read("public/" + path)
        }
        return pages
    }

    func site(_ configuration: String = TemporarySite.configuration, extra: String = "") throws -> TemporarySite {
        try ReportCommandTests().twoRecordSite(configuration: configuration, extra: extra)
    }

    @Test func theReportPageShowsEachFigureAgainstItsThreshold() throws {
        let site = try site()
        defer { site.remove() }
        let page = try #require(try built(site)["bao-cao/index.html"])
        #expect(page.contains("<h1>Báo cáo công khai, minh bạch thủ tục hành chính</h1>"))
        #expect(page.contains("<a href=\"#chi-so-day_du\">Công khai đầy đủ các bộ phận của thủ tục</a>"))
        #expect(page.contains("1/2 = 50,00 %"))
        #expect(page.contains("<span class=\"state state-chua_dat\">Chưa đạt</span>"))
        // The failing procedure, linked to its page, with the reason and its key as code.
        #expect(page.contains("<td>1.000002</td><td><a href=\"../thu-tuc/1.000002/\">Thủ tục đăng ký khai sinh</a></td><td>thiếu d: thành phần, số lượng hồ sơ (<code>thanh_phan_ho_so</code>)</td>"))
        // What records cannot tell is said, with its reason, never 0 %.
        #expect(page.contains("<h2 id=\"chua-tinh-duoc\">Chưa tính được từ hồ sơ thủ tục</h2>"))
        #expect(!page.contains("chưa tính được (0"))
        // What to fix first: the indicator with points at stake comes first.
        let priorities = try #require(page.range(of: "<ol class=\"priorities\">"))
        #expect(page[priorities.upperBound...].prefix(200).contains("#chi-so-day_du"))
        #expect(page.contains("có thể thêm 1 điểm"))
    }

    @Test func everyChartIsDrawnAsSVGWithATextAlternative() throws {
        let site = try site()
        defer { site.remove() }
        let page = try #require(try built(site)["bao-cao/index.html"])
        let bars = page.components(separatedBy: "<svg class=\"bar-chart\"").count - 1
        #expect(bars == 4, "day_du, dvctt, trang_thu_tuc, trang_don_vi")
        #expect(page.contains("<svg class=\"bar-chart\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Công khai đầy đủ các bộ phận của thủ tục: 50,00 %\""))
        // The bar ends at the rate, the mark stands at the threshold.
        #expect(page.contains("<rect x=\"0\" y=\"0\" width=\"50\" height=\"6\" fill=\"#8a1c1c\"/><line x1=\"100\""))
        #expect(page.contains("<ul class=\"bars\" aria-describedby=\"bang-tom-tat-ten\">"))
        #expect(page.contains("<caption id=\"bang-tom-tat-ten\">Kết quả từng chỉ số</caption>"))
        #expect(!page.contains("<script"), "no script needed")
    }

    @Test func theTrendComesFromTheReportsKeptAtEachSync() throws {
        let site = try site(extra: """
            -- content/.dong-bo/bao-cao.jsonl --
            {"ngay":"2026-03-02T09:00:00+07:00","bang_chi_so":"2026.1","chi_so":[{"ma":"day_du","tu_so":0,"mau_so":2,"ti_le":0}]}
            {"ngay":"2026-03-09T09:00:00+07:00","bang_chi_so":"2026.1","chi_so":[{"ma":"day_du","tu_so":1,"mau_so":2,"ti_le":0.5}]}
            {"ngay":"2026-03-09T15:00:00+07:00","bang_chi_so":"2026.1","chi_so":[{"ma":"day_du","tu_so":2,"mau_so":2,"ti_le":1}]}
            """)
        defer { site.remove() }
        let page = try #require(try built(site)["bao-cao/index.html"])
        #expect(page.contains("<svg class=\"trend-chart\" viewBox=\"0 0 300 120\" role=\"img\" aria-label=\"Công khai đầy đủ các bộ phận của thủ tục: từ 0,00 % đến 100,00 % qua 2 lần đồng bộ\""))
        // One point a day (the day's last sync), oldest first, on a 0–100 % axis.
        #expect(page.contains("<polyline points=\"34,98 292,8\""))
        #expect(page.contains("<caption id=\"bang-xu-huong\">"))
        #expect(page.contains("<tr><th scope=\"row\">02/03/2026</th><td>0,00 %</td></tr>"))
        #expect(page.contains("<tr><th scope=\"row\">09/03/2026</th><td>100,00 %</td></tr>"))
    }

    @Test func aPublicReportIsInTheSitemapAndTheFooterWithItsJSON() throws {
        let site = try site()
        defer { site.remove() }
        let pages = try built(site)
        #expect(pages["sitemap.xml"]?.contains("<loc>https://example.invalid/bao-cao/</loc>") == true)
        #expect(pages["index.html"]?.contains("<a href=\"bao-cao/\">Báo cáo công khai, minh bạch thủ tục hành chính</a>") == true)
        let json = try #require(pages["bao-cao/bao-cao.json"])
        let run = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"])
        #expect(json == run.output, "the site's JSON is the command's")
    }

    @Test func aReportThatIsNotPublicIsNotInTheSite() throws {
        let site = try site(TemporarySite.configuration + "\nbao_cao:\n  cong_khai: false")
        defer { site.remove() }
        let pages = try built(site)
        #expect(pages["bao-cao/index.html"] == nil && pages["bao-cao/bao-cao.json"] == nil)
        #expect(pages["sitemap.xml"]?.contains("bao-cao") == false)
        #expect(pages["index.html"]?.contains("bao-cao/") == false)
    }

    @Test func theFooterShowsWhereToSendFeedbackAndRate() throws {
        let site = try site(TemporarySite.configuration + """

            phan_anh_kien_nghi:
              dien_thoai: "0200 111 222"
              email: phan-anh@example.invalid
              url: https://example.invalid/phan-anh/
            danh_gia_hai_long: https://example.invalid/danh-gia/
            """)
        defer { site.remove() }
        let page = try #require(try built(site)["thu-tuc/1.001193/index.html"])
        #expect(page.contains("<p>Phản ánh, kiến nghị về thủ tục hành chính: Điện thoại: 0200 111 222. Thư điện tử: <a href=\"mailto:phan-anh@example.invalid\">phan-anh@example.invalid</a>. <a href=\"https://example.invalid/phan-anh/\">Gửi phản ánh, kiến nghị trực tuyến</a>.</p>"))
        #expect(page.contains("<p><a href=\"https://example.invalid/danh-gia/\">Đánh giá mức độ hài lòng</a> với thông tin thủ tục hành chính.</p>"))
        let report = try cli.tthc(["bao-cao", "--site", site.folder.path, "--format", "json"])
        #expect(report.output.contains("\"ma\": \"trang_don_vi\""))
        #expect(try ReportCommandTests().indicator(try ReportCommandTests().json(report), "trang_don_vi")["dat"] as? Bool == true)
    }

    /// A site whose theme was copied before the report existed still gets the page.
    @Test func aThemeWithoutTheReportTemplateUsesTheDefaultOne() throws {
        let site = try site()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("templates/bao-cao.mustache"))
        let page = try #require(try built(site)["bao-cao/index.html"])
        #expect(page.contains("<h1>Báo cáo công khai, minh bạch thủ tục hành chính</h1>"))
    }

    /// A site's own table is text the page shows: escaped like any record's.
    @Test func aSitesOwnTableIsEscapedOnThePage() throws {
        let site = try site(extra: """
            -- chi-so.yml --
            phien_ban: "<b>1</b>"
            ten: Bảng "riêng" <script>window.__tthcPwned = 1</script>
            chi_so:
              - ma: day_du
                ten: Đầy đủ <img src=x onerror=alert(1)>
                can_cu: QĐ 766 & NĐ 63
                cong_thuc: "`<script>` ÷ tất cả"
                cach_tinh: thanh_phan
                nguong: 1
                cap: [xa]
                viec_can_lam: "Sửa `<a href=javascript:alert(1)>`"
            """)
        defer { site.remove() }
        let page = try #require(try built(site)["bao-cao/index.html"])
        #expect(!page.contains("<script>window") && !page.contains("<img src=x") && !page.contains("<a href=javascript"))
        #expect(page.contains("Bảng &quot;riêng&quot; &lt;script&gt;window.__tthcPwned = 1&lt;/script&gt;"))
        #expect(page.contains("<code>&lt;script&gt;</code> ÷ tất cả"))
        #expect(page.contains("Đầy đủ &lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("(bảng riêng của đơn vị, chi-so.yml)"))
    }

    /// One pass over the records a build already holds: on 1,000 procedures computing the report
    /// is a small share of the build (a generous bound: the machine is shared and noisy).
    @Test func theReportIsASmallShareOfTheBuild() throws {
        let site = try TemporarySite(SampleRecord.files(names: (1...1000).map { "Thủ tục số \($0)" }))
        defer { site.remove() }
        let buildStart = Date()
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let build = Date().timeIntervalSince(buildStart)
        #expect(try site.read("public/bao-cao/index.html").contains("1000/1000 = 100,00 %"))
        let content = try SiteContent.load(from: site.folder)
        let configuration = try #require(content.configuration)
        let table = try Hand.defaultTable()
        let reportStart = Date()
        let (published, unreadable) = ComplianceInput.procedures(of: content.records)
        let report = ComplianceReport.compute(ComplianceInput(configuration: configuration, procedures: published, unreadable: unreadable,
                                                              changeLog: content.changeLog), table: table)
        let computing = Date().timeIntervalSince(reportStart)
        #expect(report.figure("day_du")?.denominator == 1000)
        #expect(computing < build * 0.05, "report \(computing) s against a build of \(build) s")
    }
}
