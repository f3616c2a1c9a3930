import Catalog
import Foundation
import Records
import Site
import Testing

@Suite struct SiteTests {
    /// A site holding the fixture export's three commune procedures, imported at a fixed time.
    func importedSite(configuration: String = TemporarySite.configuration) throws -> TemporarySite {
        let site = try TemporarySite(configuration: configuration)
        try synchronize(site, with: try Data(contentsOf: Repository.fixture("export-sample.json")), configuration: configuration)
        return site
    }

    func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func goldenProcedurePage() throws {
        let site = try importedSite()
        defer { site.remove() }
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        let snapshot = Repository.fixture("snapshots/thu-tuc-1.001193.html")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try page.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(page == expected, "the page changed: look at the difference, then record again with RECORD_SNAPSHOTS=1")
    }

    @Test func birthRegistrationPageShowsWhatACitizenNeeds() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        #expect(page.contains("<h1>Thủ tục đăng ký khai sinh</h1>"))
        #expect(page.components(separatedBy: "<h1").count == 2, "one h1")
        for channel in ["Trực tuyến", "Dịch vụ bưu chính", "Trực tiếp"] {
            #expect(page.contains("<th scope=\"row\">\(channel)</th>"))
        }
        #expect(page.contains("<h2 id=\"ho-so\">Thành phần hồ sơ</h2>"))
        // Documents are a checklist a citizen can tick, without the portal's "- " markers.
        #expect(page.contains("<ul class=\"checklist\">\n<li>"))
        #expect(page.contains("<li><span class=\"pre\">Giấy chứng sinh; trường hợp không có Giấy chứng sinh"))
        #expect(page.contains("<span class=\"meta\">Bản chính: 1 · Bản sao: 0</span>"))
        #expect(!page.contains("<li>- "))
        #expect(page.contains("<h2 id=\"can-cu\">Căn cứ pháp lý</h2>"))
        #expect(page.contains("<li class=\"pre\"><strong>60/2014/QH13</strong>: Luật 60/2014/QH13</li>"))
        #expect(page.contains("Công bố tại Quyết định số 163/QĐ-BTP ngày 16/01/2026 của Bộ Tư pháp."))
        #expect(page.contains("class=\"button\" href=\"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"))
        #expect(!page.contains("nil"))
        // The portal's order: summary, steps, channels, documents … legal basis.
        let order = ["id=\"tom-tat\"", "id=\"trinh-tu\"", "id=\"cach-thuc\"", "id=\"ho-so\"", "id=\"doi-tuong\"",
                     "id=\"co-quan\"", "id=\"ket-qua\"", "id=\"can-cu\""].map { page.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func everySiteOutputIsThere() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let built = try files(under: site.url("public")).keys.sorted()
        #expect(built == [
            ".tthc-output", "404.html", "api/thu-tuc.json", "api/thu-tuc/1.000080.json", "api/thu-tuc/1.001193.json",
            "api/thu-tuc/1.115563.json", "assets/style.css", "assets/tim-kiem.js", "bai-bo/index.html",
            "bao-cao/bao-cao.json", "bao-cao/index.html", "cap/xa/index.html",
            "co-quan/chi-nhanh-van-phong-dang-ky-dat-dai-khu-vuc/index.html", "co-quan/index.html",
            "co-quan/uy-ban-nhan-dan-cap-xa/index.html", "co-quan/uy-ban-nhan-dan-xa-phuong-thi-tran/index.html",
            "feed.xml", "index.html",
            "linh-vuc/dat-dai-g13-tn02/index.html", "linh-vuc/ho-tich-g15-tp07/index.html", "linh-vuc/index.html",
            "robots.txt", "sitemap.xml",
            "thu-tuc/1.000080/index.html", "thu-tuc/1.001193/index.html", "thu-tuc/1.115563/index.html",
            "thu-tuc/index.html",
            "tim-kiem/b.json", "tim-kiem/b/_.json", "tim-kiem/chi-muc.json", "tim-kiem/index.html", "tim-kiem/loc/cap.json",
            "tim-kiem/loc/linh-vuc.json", "tim-kiem/loc/truc-tuyen.json", "tim-kiem/t/_.json", "tim-kiem/tl/0.json", "tim-kiem/x.json",
            "tim-kiem/x/_.json", "truc-tuyen/index.html",
        ], "\(built)")
        let sitemap = try site.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.invalid/thu-tuc/1.001193/</loc>"))
        #expect(try site.read("public/robots.txt").contains("Sitemap: https://example.invalid/sitemap.xml"))
    }

    @Test func homePageListsFieldsAndRecentChanges() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let home = try site.read("public/index.html")
        #expect(home.contains("<h1>Thủ tục hành chính của UBND xã Thử Nghiệm</h1>"))
        #expect(home.contains("<li><a href=\"linh-vuc/dat-dai-g13-tn02/\">Đất đai</a> <span class=\"count\">1 thủ tục</span></li>"))
        #expect(home.contains("<li><a href=\"linh-vuc/ho-tich-g15-tp07/\">Hộ tịch</a> <span class=\"count\">2 thủ tục</span></li>"))
        // Announced by its decision of 16/01/2026, not on the day of the import (22/11/2026).
        #expect(home.contains("<a href=\"thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a> <span class=\"date\">Công bố mới 16/01/2026</span>"))
    }

    @Test func searchPageAndHomeSearchBox() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let home = try site.read("public/index.html")
        #expect(home.contains("<form class=\"search\" role=\"search\" action=\"tim-kiem/\" method=\"get\">"))
        #expect(home.contains("<input type=\"search\" id=\"q\" name=\"q\""))
        let page = try site.read("public/tim-kiem/index.html")
        #expect(page.contains("<ol id=\"ket-qua\" class=\"results\"></ol>"))
        #expect(page.contains("<script src=\"../assets/tim-kiem.js\" defer></script>"))
        #expect(page.contains("<noscript>") && page.contains("<a href=\"../thu-tuc/\">danh mục từ A đến Z</a>"))
        #expect(page.contains("<option value=\"0\">Đất đai</option>") && page.contains("<option value=\"1\">Hộ tịch</option>"),
                "fields are filters, in the index's order")
        #expect(page.contains("<option value=\"0\">Cấp xã</option>"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.url("public/tim-kiem/chi-muc.json"))) as? [String: Any])
        #expect(manifest["n"] as? Int == 3)
        let facets = try #require(manifest["f"] as? [[String: Any]])
        #expect(facets.map { $0["key"] as? String } == ["linh-vuc", "cap", "truc-tuyen"])
        #expect(facets.first?["values"] as? [String] == ["Đất đai", "Hộ tịch"])
    }

    @Test func feedAPIAndStructuredData() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let feed = try site.read("public/feed.xml")
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 3)
        #expect(feed.contains("<title>Công bố mới: Thủ tục đăng ký khai sinh</title>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.invalid/thu-tuc/1.001193/\"/>"))

        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.url("public/api/thu-tuc.json"))) as? [String: Any])
        #expect(index["so_thu_tuc"] as? Int == 3)
        let first = try #require((index["thu_tuc"] as? [[String: Any]])?.first)
        #expect(first["ma_thu_tuc"] as? String == "1.000080")
        #expect(first["json"] as? String == "https://example.invalid/api/thu-tuc/1.000080.json")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.url("public/api/thu-tuc/1.001193.json"))) as? [String: Any])
        #expect(record["ten"] as? String == "Thủ tục đăng ký khai sinh")
        #expect(record["url"] as? String == "https://example.invalid/thu-tuc/1.001193/")
        #expect(((record["noi_dung"] as? [[String: Any]])?.first?["tieu_de"] as? String) == "Trình tự thực hiện")

        let page = try site.read("public/thu-tuc/1.001193/index.html")
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let service = try #require(try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(service["@type"] as? String == "GovernmentService")
        #expect(service["identifier"] as? String == "1.001193")
        #expect((service["provider"] as? [String: Any])?["name"] as? String == "Ủy ban nhân dân cấp xã")
        #expect(page.contains("<meta property=\"og:url\" content=\"https://example.invalid/thu-tuc/1.001193/\">"))
    }

    @Test func structuredDataCannotEndItsScript() throws {
        let site = try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text().replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Khai sinh </script><b>x & y\""))
            """)
        defer { site.remove() }
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        #expect(page.contains("\"name\":\"Khai sinh \\u003c/script\\u003e\\u003cb\\u003ex \\u0026 y\""))
        #expect(page.components(separatedBy: "</script>").count == 2, "only the JSON-LD's own end tag")
    }

    @Test func agencyAndOnlinePages() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let agencies = try site.read("public/co-quan/index.html")
        #expect(agencies.contains("<li><a href=\"../co-quan/uy-ban-nhan-dan-cap-xa/\">Ủy ban nhân dân cấp xã</a> <span class=\"count\">1 thủ tục</span></li>"))
        let agency = try site.read("public/co-quan/uy-ban-nhan-dan-cap-xa/index.html")
        #expect(agency.contains("<a href=\"../../thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a>"))
        let online = try site.read("public/truc-tuyen/index.html")
        #expect(online.contains("<h2 id=\"mot-phan\">Trực tuyến một phần</h2>"))
        #expect(online.contains("<a href=\"../thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a>"))
    }

    /// Every `href` and `src` that stays on the site leads to a file the build wrote.
    @Test func everyInternalLinkInTheOutputLeadsSomewhere() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let output = site.url("public")
        let pages = try files(under: output).filter { $0.key.hasSuffix(".html") && $0.key != "404.html" }
        #expect(pages.count == 17)
        let pattern = try NSRegularExpression(pattern: ##"(?:href|src)="([^"#]*)(?:#[^"]*)?""##)
        var checked = 0
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let folder = output.appendingPathComponent(path).deletingLastPathComponent()
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let target = String(html[Range(match.range(at: 1), in: html)!])
                if target.isEmpty || target.contains("://") { continue }
                var url = folder.appendingPathComponent(target).standardizedFileURL
                if target.hasSuffix("/") { url.appendPathComponent("index.html") }
                #expect(FileManager.default.fileExists(atPath: url.path), "\(path) links to \(target)")
                #expect(url.path.hasPrefix(output.standardizedFileURL.path), "\(path) leaves the site: \(target)")
                checked += 1
            }
        }
        #expect(checked > 70)
    }

    /// Pages render on every core; the demo site's 105 pages must come out exactly as one thread makes them.
    @Test func parallelRenderingEqualsSerialRendering() throws {
        var serial = SiteBuild(site: Repository.root)
        serial.parallel = false
        let one = try #require(try serial.render().files)
        for _ in 0..<3 {
            let many = try #require(try SiteBuild(site: Repository.root).render().files)
            #expect(many.map(\.path) == one.map(\.path))
            #expect(zip(many, one).allSatisfy { $0.data == $1.data }, "parallel output differs from serial output")
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("one"))
        _ = try SiteBuild(site: site.folder).build(into: site.url("two"))
        let one = try files(under: site.url("one")), two = try files(under: site.url("two"))
        #expect(one.count > 10)
        #expect(one == two)
    }

    @Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
        let site = try importedSite()
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let before = try files(under: site.url("public"))
        let path = "content/thu-tuc/1.001193.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "trang_thai: da_sua_doi", with: "trang_thai: sai"))
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(outcome.pagesWritten == 0)
        #expect(outcome.diagnostics.contains { $0.problem.code == .notInVocabulary && $0.file == path })
        #expect(try files(under: site.url("public")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".tthc-build") }
        #expect(leftovers.isEmpty, "no staging folder left behind: \(leftovers)")
    }

    @Test func linksWorkUnderASubPath() throws {
        let configuration = TemporarySite.configuration.replacingOccurrences(
            of: "base_url: https://example.invalid/", with: "base_url: https://tinh.invalid/xa-a/tthc")
        let site = try importedSite(configuration: configuration)
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://tinh.invalid/xa-a/tthc/thu-tuc/1.001193/\">"))
        #expect(page.contains("href=\"../../assets/style.css\""))
        // No internal link may start at the host's root: it would leave the sub-path.
        let rootLinks = page.components(separatedBy: "href=\"/").count - 1
        #expect(rootLinks == 0)
        let notFound = try site.read("public/404.html")
        #expect(notFound.contains("href=\"/xa-a/tthc/thu-tuc/\""))
        #expect(notFound.contains("href=\"/xa-a/tthc/assets/style.css\""))
    }

    @Test func valuesAreEscapedPerScalarEvenInsideInheritedBlocks() throws {
        let site = try importedSite()
        defer { site.remove() }
        // A quote followed by a combining mark is one grapheme: a grapheme-based escaper misses it.
        let hostile = "Tên \"\u{0301} onmouseover=\"alert(1)<script>x</script>"
        let path = "content/thu-tuc/1.000080.md"
        let text = try site.read(path)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("ten: ") })
        try site.write(path, text.replacingOccurrences(of: String(line), with: "ten: " + CanonicalQuote.quote(hostile)))
        let template = try site.read("templates/thu-tuc.mustache")
        try site.write("templates/thu-tuc.mustache",
                       template.replacingOccurrences(of: "<h1>{{name}}</h1>", with: "<h1 title=\"{{name}}\">{{name}}</h1>"))
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let page = try site.read("public/thu-tuc/1.000080/index.html")
        #expect(page.contains("<h1 title=\"Tên &quot;\u{0301} onmouseover=&quot;alert(1)&lt;script&gt;x&lt;/script&gt;\">"))
        #expect(!page.contains("<script>"))
        let title = try #require(page.range(of: "<title>")).upperBound
        #expect(page[title...].hasPrefix("Tên &quot;\u{0301}"))
    }

    @Test func anAbolishedProcedureStaysAtItsURLWithANotice() throws {
        let abolished = SampleRecord.frontMatter
            .replacingOccurrences(of: "\"1.001193\"", with: "\"1.000001\"")
            .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: bai_bo")
            + "\nngay_bai_bo: \"2026-07-01\"\nthay_the_boi: \"1.001193\"\ndvc_truc_tuyen:\n  muc_do: toan_trinh\n  url: https://dichvucong.gov.vn/x"
        let site = try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text())
            -- content/thu-tuc/1.000001.md --
            \(SampleRecord.text(frontMatter: abolished))
            """)
        defer { site.remove() }
        let outcome = try SiteBuild(site: site.folder).build(into: site.url("public"))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let page = try site.read("public/thu-tuc/1.000001/index.html")
        #expect(page.contains("<strong>Thủ tục này đã bị bãi bỏ từ ngày 01/07/2026</strong>"))
        #expect(page.contains("Thủ tục thay thế: <a href=\"../../thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a>"))
        #expect(!page.contains("<a class=\"button\""), "no submit button for an abolished procedure")
        let list = try site.read("public/bai-bo/index.html")
        #expect(list.contains("<a href=\"../thu-tuc/1.000001/\">"))
        #expect(!list.contains("<a href=\"../thu-tuc/1.001193/\">"))
        let home = try site.read("public/index.html")
        #expect(home.contains("Đơn vị đang công khai 1 thủ tục hành chính còn hiệu lực."))
    }

    @Test func brokenLinksAreErrorsAtTheMarkdownLine() throws {
        let site = try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text(body: "\n## Trình tự thực hiện\n\nXem [thủ tục](/thu-tuc/1.001194/) và [A–Z](../).\n\n[ngoài](https://dichvucong.gov.vn/) [đây](#tom-tat)"))
            """)
        defer { site.remove() }
        let diagnostics = try SiteBuild(site: site.folder).check()
        let broken = diagnostics.filter { $0.problem.code == .brokenLink }
        #expect(broken.map(\.line) == [41])
        #expect(broken.map(\.column) == [15])
        #expect(broken.first?.suggestion(.en) == "Did you mean `/thu-tuc/1.001193/`?")
    }

    @Test func anchorsThatNameNoSectionAreErrorsAtTheMarkdownLine() throws {
        let site = try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text(body: "\n## Trình tự thực hiện\n\nXem [tóm tắt](#tom-tat), [hồ sơ](#ho-sơ) và [mục](/thu-tuc/1.001193/#trinh-tuu).\n\n## Ghi chú của đơn vị\n\n[ghi chú](#ghi-chu-cua-don-vi)"))
            """)
        defer { site.remove() }
        let diagnostics = try SiteBuild(site: site.folder).check()
        let broken = diagnostics.filter { $0.problem.code == .brokenAnchor }
        #expect(broken.map(\.line) == [41, 41], "\(diagnostics.map { $0.message(.en) })")
        #expect(broken.map(\.column) == [34, 51], "at the link destination, as for broken links")
        #expect(broken.first?.suggestion(.en) == "Did you mean `#ho-so`?")
        #expect(broken.last?.suggestion(.en) == "Did you mean `#trinh-tu`?")
        #expect(!diagnostics.contains { $0.problem.code == .brokenLink })
    }

    @Test func duplicateCodesAndUnpublishedRelatedProcedures() throws {
        let related = SampleRecord.frontMatter + "\nlien_quan:\n  - \"1.000080\""
        let site = try TemporarySite("""
            -- content/thu-tuc/1.001193.md --
            \(SampleRecord.text(frontMatter: related))
            -- content/thu-tuc/khai-sinh-ban-sao.md --
            \(SampleRecord.text())
            """)
        defer { site.remove() }
        let diagnostics = try SiteBuild(site: site.folder).check()
        let duplicate = diagnostics.filter { $0.problem.code == .duplicateCode }
        #expect(duplicate.map(\.file) == ["content/thu-tuc/khai-sinh-ban-sao.md"])
        #expect(duplicate.map(\.line) == [2])
        #expect(duplicate.first?.message(.en).contains("content/thu-tuc/1.001193.md") == true)
        let unpublished = diagnostics.filter { $0.problem.code == .unpublishedRelated }
        #expect(unpublished.map(\.line) == [38])
        #expect(unpublished.map(\.column) == [5])
    }

    @Test func alphabeticalListInVietnameseOrder() throws {
        let names = ["Đăng ký kết hôn", "Thủ tục đăng ký khai sinh", "Ân xá", "Cấp bản sao", "Chứng thực", "An toàn", "Dạy nghề",
                     "Ấn định", "Ăn uống"]
        let site = try TemporarySite(SampleRecord.files(names: names))
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let page = try site.read("public/thu-tuc/index.html")
        let shown = names.sorted { page.range(of: ">\($0)</a>")!.lowerBound < page.range(of: ">\($1)</a>")!.lowerBound }
        // Letters are compared before tones: "Ấn định" (â-n-đ) comes before "Ân xá" (â-n-x).
        #expect(shown == ["An toàn", "Ăn uống", "Ấn định", "Ân xá", "Cấp bản sao", "Chứng thực", "Dạy nghề",
                          "Đăng ký kết hôn", "Thủ tục đăng ký khai sinh"])
        let letters = page.components(separatedBy: "<h2 id=\"chu-").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(letters == ["a", "aw", "aa", "c", "d", "dd"])
    }

    @Test func largeSitesGetOnePagePerLetter() throws {
        let names = (1...501).map { $0 % 2 == 0 ? "Đăng ký số \($0)" : "Cấp phép số \($0)" }
        let site = try TemporarySite(SampleRecord.files(names: names))
        defer { site.remove() }
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))
        let index = try site.read("public/thu-tuc/index.html")
        #expect(index.contains("<a href=\"../thu-tuc/chu-c/\">C</a>"))
        #expect(index.contains("<a href=\"../thu-tuc/chu-dd/\">Đ</a>"))
        #expect(!index.contains("Cấp phép số 1<"), "the index lists letters, not procedures")
        let letter = try site.read("public/thu-tuc/chu-dd/index.html")
        #expect(letter.components(separatedBy: "<span class=\"meta\">").count - 1 == 250)
        #expect(letter.contains("<a href=\"../../thu-tuc/1.000002/\">Đăng ký số 2</a>"))
    }
}

/// Quotes a value for a YAML double-quoted scalar (tests write hostile values into records).
/// Works per Unicode scalar: `replacingOccurrences(of: "\"")` would miss a quote that a
/// combining mark follows, since Swift compares grapheme clusters.
enum CanonicalQuote {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
