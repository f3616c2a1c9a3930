import Compliance
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
        let staged = try StagedOutput(for: target)
        do {
            try staged.write(files)
            _ = try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }
}
