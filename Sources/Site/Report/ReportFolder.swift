import Compliance
import FileSystem
import Foundation
import Records

/// `tthc bao-cao --html DIR`: the report page in a folder of its own (for a report that is not
/// public, or to hand round), with its styles and its JSON. The folder is replaced whole, by the
/// same rules and the same staged swap as a build's output (`OutputTarget`): only a folder that is
/// new, empty, or one tthc wrote; never the site, a folder it reads, a parent, or a folder of
/// other files.
public enum ReportFolder {
    /// The folder's files: `index.html`, `bao-cao.json`, the theme's `assets/`.
    public static func files(_ report: ComplianceReport, site: URL, configuration: SiteConfiguration) throws -> [(path: String, data: Data)] {
        let templates = try Templates(site: site)
        let plan = SitePlan(configuration: configuration, records: [], changeLog: ChangeLog(bytes: []))
        var page = ReportPage.page(report, procedures: configuration.rootURL)
        page.standalone = true
        let html = SiteOutput(plan: plan, templates: templates).render(page)
        let assets = try SiteBuild(site: site).assets()
        return [("index.html", html), ("bao-cao.json", ReportPage.json(report))] + assets
    }

    /// A province's report of every unit in a folder of its own (`tinh.yml` keeps it off the
    /// portal, or to hand round): `index.html` with every unit's figures, `bao-cao.json`, `assets/`.
    public static func files(_ report: ProvinceReport, province: ProvinceConfiguration, table: IndicatorTable,
                             site: URL) throws -> [(path: String, data: Data)] {
        let templates = try Templates(site: site)
        return ProvinceReportPage(report: report, province: province, table: table, standalone: true)
            .files(templates: templates, assets: try SiteBuild(site: site).assets())
    }

    /// Checks `folder` may be replaced (before anything is written), then stages the files
    /// beside it and swaps them in.
    public static func write(_ files: [(path: String, data: Data)], into folder: String, site: URL) throws {
        let target = try OutputTarget.check(folder, site: site)
        // A report kept off the portal never goes where the site's pages are published from, nor
        // replaces them (at a province, `public/` is every unit's site).
        if RealPath.isWithin(target.folder, try RealPath.resolve(site.path + "/public")) { throw InPublished(folder: target.folder) }
        let staged = try StagedOutput(for: target)
        do {
            try staged.write(files)
            _ = try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }

    /// `--html` into the site's `public/` (or a folder of it).
    public struct InPublished: ExplainedError, Equatable {
        public var folder: String

        public var explanation: Localized {
            Localized(vi: "Không ghi trang báo cáo vào \(folder): đó là thư mục kết quả của tthc build (public/), nơi trang web được công khai; thay nó sẽ xóa các trang đã tạo. Hãy chọn một thư mục riêng, ví dụ bao-cao-noi-bo/.",
                      en: "Not writing the report page into \(folder): it is tthc build's output (public/), which is published; replacing it would delete the pages built. Choose a folder of its own, for example bao-cao-noi-bo/.")
        }
    }
}
