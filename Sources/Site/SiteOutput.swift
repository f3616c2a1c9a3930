import Escaping
import Foundation
import Records

/// Every file of a built site but the search index and the assets, each made on its own: the
/// build makes them all, `tthc serve` only those a browser asks for.
struct SiteOutput {
    let plan: SitePlan
    let templates: Templates
    var assets: Assets = .own([])

    /// Where pages find the theme's files (`templates/assets/`), given to templates as `assets`.
    enum Assets {
        /// In the site's own `assets/` (a single site, or a unit published away from its province):
        /// these files are written there.
        case own([(path: String, data: Data)])
        /// In the province's `assets/`, beside the unit's folder, written once for every unit;
        /// `basePath` is the province's, for the 404 page (served at any depth).
        case shared(basePath: String)

        var files: [(path: String, data: Data)] {
            if case .own(let files) = self { return files }
            return []
        }
    }

    /// The `assets/` folder as seen from a page at `url` whose root is `root`.
    func assetsPath(for url: String, root: String) -> String {
        switch assets {
        case .own: return root + "assets/"
        case .shared(let basePath): return url == "404.html" ? basePath + "assets/" : root + "../assets/"
        }
    }

    /// Output file → the page rendered into it.
    var pages: [String: Page] {
        var pages = Dictionary(plan.pages.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        pages["404.html"] = plan.notFound
        return pages
    }

    /// `context`: the page's own, when the caller made it already (a procedure page whose body it
    /// rendered).
    func render(_ page: Page, context pageContext: TemplateValue? = nil) -> Data {
        let configuration = plan.configuration
        var context = pageContext ?? page.context()
        context["unit"] = [
            "name": .text(configuration.unitName),
            "province": .text(configuration.province.name),
            "address": TemplateValue(configuration.address),
            "phone": TemplateValue(configuration.phone),
            "email": TemplateValue(configuration.email),
            "hours": TemplateValue(configuration.openingHours),
            "feedback": configuration.feedback.map { feedback in
                ["address": TemplateValue(feedback.address), "phone": TemplateValue(feedback.phone),
                 "email": TemplateValue(feedback.email), "url": TemplateValue(feedback.url)]
            } ?? nil,
            "satisfaction": TemplateValue(configuration.satisfactionURL),
            "report": plan.hasReport ? true : nil,
        ]
        // The 404 page is served at any depth, so its links start from the base path.
        let root = page.standalone ? "" : page.url == "404.html" ? configuration.basePath : Page.root(for: page.url)
        context["root"] = .text(root)
        context["assets"] = .text(assetsPath(for: page.url, root: root))
        if page.standalone { context["standalone"] = true }
        context["title"] = .text(page.title)
        context["canonical"] = .text(HTML.address(configuration.rootURL + (page.url == "404.html" ? "" : page.url)) ?? "")
        context["description"] = .text(page.description
            ?? "Thủ tục hành chính của \(configuration.unitName), \(configuration.province.name): hồ sơ, phí, thời hạn, nộp trực tuyến.")
        context["ogType"] = .text(page.template == "thu-tuc" ? "article" : "website")
        return Data(templates.renderBytes(page.template, context))
    }

    /// The sitemap, robots.txt, the feed, the API's list of procedures and the report's JSON, each
    /// path with how its file is made: one list, so that the preview knows the paths (`siteFileNames`)
    /// without making the files, and never a path the build does not write.
    private static let siteFileMakers: [(path: String, make: @Sendable (SitePlan) -> Data?)] = [
        ("sitemap.xml", { plan in Data(Sitemap.xml(urls: plan.pages.map(\.url), root: plan.configuration.rootURL).utf8) }),
        ("feed.xml", { plan in
            Data(Feed.atom(changes: ChangeNotice.newest(plan.changeLog.entries, procedures: plan.byCode, limit: Feed.limit),
                           names: plan.names, unitName: plan.configuration.unitName, root: plan.configuration.rootURL).utf8)
        }),
        ("api/thu-tuc.json", { plan in
            ProcedureAPI.index(plan.procedures.map(\.procedure), unitName: plan.configuration.unitName, root: plan.configuration.rootURL)
        }),
        ("robots.txt", { plan in Data(Robots.txt(root: plan.configuration.rootURL).utf8) }),
        (ReportPage.jsonFile, { plan in plan.report.map(ReportPage.json) }),
    ]

    /// The paths of `siteFiles`, known without making them.
    static let siteFileNames = Set(siteFileMakers.map(\.path))

    func siteFiles() -> [(path: String, data: Data)] {
        Self.siteFileMakers.compactMap { file in file.make(plan).map { (file.path, $0) } }
    }

    /// `/api/thu-tuc/<code>.json`.
    func apiRecord(_ entry: PublishedProcedure) -> (path: String, data: Data) {
        let root = plan.configuration.rootURL
        guard let shared = plan.shared else {
            return ("api/thu-tuc/\(entry.procedure.code).json", ProcedureAPI.record(entry.procedure, body: entry.body, root: root))
        }
        // A province's units publish one record alike but for its address: written once, the address put in.
        let parts = shared.record(of: entry) { ProcedureAPI.recordWithoutAddress(entry.procedure, body: entry.body) }
        return ("api/thu-tuc/\(entry.procedure.code).json", ProcedureAPI.record(parts, code: entry.procedure.code, root: root))
    }
}
