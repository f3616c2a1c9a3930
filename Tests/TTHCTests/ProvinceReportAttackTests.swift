import Foundation
import Testing

/// What a careless clerk or an attacker puts in a province for its report: each class with
/// five variants, each said plainly (exit 2, nothing written) or reported safely (exit 0).
@Suite struct ProvinceReportAttackTests {
    let cli = CommandLineTests()

    /// A unit's name is text on the page and in the log, never markup or a control.
    @Test(arguments: [
        "UBND xã <script>alert(1)</script>",
        "UBND xã \\\"><img src=x onerror=alert(1)>",
        "UBND xã \\\"\u{0301} onmouseover=alert(1)",
        "UBND xã &amp; </table></div>",
        "UBND xã \\u001b[31mđỏ\\u001b[0m",
    ])
    func aUnitsNameWithMarkupIsText(_ name: String) throws {
        let site = try HandProvince.make(HandProvince.unit("xa-a", name: "\"\(name)\""))
        defer { site.remove() }
        let build = try cli.tthc(["build"], in: site.folder)
        guard !name.contains("\\u001b") else {
            // A control in the name is refused at its line: no page, no report.
            #expect(build.status == 1 && build.errors.contains("don-vi/xa-a/site.yml"), "\(build.errors)")
            let report = try cli.tthc(["bao-cao"], in: site.folder)
            #expect(report.status == 2 && report.output.isEmpty && report.errors.contains("don-vi/xa-a/site.yml"))
            return
        }
        #expect(build.status == 0, "\(build.errors)")
        let page = try site.read("public/bao-cao/index.html")
        for markup in ["<script>alert", "<img", "</table></div>", "\" onmouseover", "\u{1b}"] { #expect(!page.contains(markup), "\(markup)") }
        let text = try cli.tthc(["bao-cao"], in: site.folder)
        #expect(text.status == 0 && !text.output.contains("\u{1b}"), "\(text.errors)")
        let json = try cli.tthc(["bao-cao", "--format", "json"], in: site.folder)
        #expect(json.status == 0 && (try? JSONSerialization.jsonObject(with: Data(json.output.utf8))) != nil)
    }

    /// A `tinh.yml` that cannot be read is said at its place, and no report is made.
    @Test(arguments: [
        "ma: [H35\nten: x",                                           // not YAML
        "ten: Tỉnh Lai Châu\nbase_url: https://laichau.invalid/",      // no code
        HandProvince.tinh + "\nbao_cao: khong",                       // a report setting of the wrong type
        HandProvince.tinh + "\nma: H36",                              // a key twice
        HandProvince.tinh + "\nbao_cao:\n  cong_khai: false\n  bi_mat: true",  // an unknown key
    ])
    func aHostileTinhYmlStopsTheReport(_ tinh: String) throws {
        let site = try HandProvince.make(tinh: tinh)
        defer { site.remove() }
        let run = try cli.tthc(["bao-cao", "--format", "json"], in: site.folder)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.isEmpty && run.errors.contains("tinh.yml"), "\(run.errors)")
        #expect(try cli.tthc(["build"], in: site.folder).status != 0)
        #expect(!FileManager.default.fileExists(atPath: site.url("public/bao-cao").path))
    }

    /// An overlay's `dia_phuong` of any size is the unit's text: read within tthc's bounds, or
    /// refused at its file, never a crash or a hang.
    @Test(arguments: [
        ("lien_he", 2_000_000), ("ghi_chu", 200_000), ("gio_tiep_nhan", 50_000), ("dia_diem_tiep_nhan", 500_000), ("lien_he", 9_000_000),
    ])
    func anOverlayWithAHugeLocalPartIsBounded(_ key: String, _ size: Int) throws {
        let value = String(repeating: "Liên hệ cán bộ một cửa. ", count: size / 24)
        let site = try HandProvince.make("-- don-vi/xa-a/thu-tuc/1.000001.md --\n---\ndia_phuong:\n  \(key): \"\(value)\"\n---\n")
        defer { site.remove() }
        let start = Date()
        let run = try cli.tthc(["bao-cao", "--format", "json", "--don-vi", "xa-a"], in: site.folder, killAfter: 120)
        #expect(!run.timedOut && Date().timeIntervalSince(start) < 60)
        #expect(run.status == 0 || (run.status == 2 && run.errors.contains("1.000001.md")), "\(run.status) \(run.errors.prefix(300))")
        if run.status == 0 { #expect((try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) != nil) }
    }

    /// A unit's folder that is a link: to another unit (one unit under two addresses), out of the
    /// province, to nowhere, to itself, to the pool. None is reported as a unit of its own.
    @Test(arguments: ["xa-a", "/tmp", "khong-co", "xa-e", "../content"])
    func aUnitFolderThatIsALinkIsNotASecondUnit(_ target: String) throws {
        let site = try HandProvince.make()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("don-vi/xa-e").path, withDestinationPath: target)
        let run = try cli.tthc(["bao-cao", "--format", "json"], in: site.folder)
        if run.status == 0 {
            // Taken as no unit at all (a link that leads nowhere or to a folder without site.yml is never a unit).
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            let slugs = (report["don_vi"] as? [[String: Any]])?.compactMap { $0["thu_muc"] as? String }
            #expect(slugs == ["xa-a", "xa-b", "xa-c", "xa-d"], "\(target)")
        } else {
            #expect(run.status == 2 && run.errors.contains("don-vi/xa-e"), "\(target): \(run.errors)")
        }
        #expect(!run.output.contains("/tmp/"), "\(target)")
    }

    /// The report that is not public never reaches `public/`, whoever says so and however the
    /// folder for it is named.
    @Test(arguments: ["tinh", "unit", "both", "public", "bao-cao-unit"])
    func aReportThatIsNotPublicIsNeverPublished(_ variant: String) throws {
        let privately = "bao_cao:\n  cong_khai: false"
        let tinh = HandProvince.tinh + (variant == "tinh" || variant == "both" || variant == "public" ? "\n" + privately : "")
        let unit = variant == "unit" || variant == "both" ? HandProvince.unit("xa-a", name: "UBND xã A", extra: privately) : ""
        let slug = variant == "bao-cao-unit" ? HandProvince.unit("bao-cao", name: "UBND xã Báo Cáo") : ""
        let site = try HandProvince.make(unit + "\n" + slug, tinh: tinh)
        defer { site.remove() }
        let build = try cli.tthc(["build"], in: site.folder)
        switch variant {
        case "bao-cao-unit":
            // A unit folder named like the province's report: refused, it would be written over.
            #expect(build.status == 1 && build.errors.contains("don-vi/bao-cao"), "\(build.errors)")
            #expect(try cli.tthc(["bao-cao"], in: site.folder).status == 2)
        case "public":
            #expect(build.status == 0)
            // Into the province's output (a folder tthc wrote, but the published one): refused, nothing replaced.
            for folder in ["public", "public/bao-cao", "public/xa-a/noi-bo"] {
                let run = try cli.tthc(["bao-cao", "--html", site.url(folder).path], in: site.folder)
                #expect(run.status == 2 && run.errors.contains("public/"), "\(folder): \(run.errors)")
            }
            #expect(FileManager.default.fileExists(atPath: site.url("public/xa-a/index.html").path))
            #expect(!FileManager.default.fileExists(atPath: site.url("public/bao-cao").path))
        default:
            #expect(build.status == 0, "\(build.errors)")
            let page = try? site.read("public/bao-cao/index.html")
            if variant == "unit" {
                #expect(page?.contains("không công khai báo cáo") == true && page?.contains("../xa-a/bao-cao/") == false)
            } else {
                #expect(page == nil)
            }
        }
    }
}
