import Foundation
import Records
import Search

/// `tthc build` and `tthc check`: the same pipeline, with or without the writing stage.
public struct SiteBuild {
    public var site: URL
    /// Overrides `base_url` of `site.yml` (`--base-url`).
    public var baseURL: String?

    public init(site: URL, baseURL: String? = nil) {
        self.site = site
        self.baseURL = baseURL
    }

    public struct Outcome {
        public var diagnostics: [Diagnostic]
        /// Pages written; zero when nothing was written.
        public var pagesWritten: Int
        /// Seconds spent reading and checking, rendering pages, indexing for search, writing.
        public var timings = Timings()
    }

    public struct Timings {
        public var reading = 0.0, pages = 0.0, search = 0.0, writing = 0.0
    }

    /// Reads and validates everything, including links, and writes nothing.
    public func check() throws -> [Diagnostic] {
        try prepare().diagnostics
    }

    /// Validates, renders every page, and replaces `output` only when there is no error
    /// (with `strict`, no warning either).
    public func build(into output: URL, strict: Bool = false) throws -> Outcome {
        var timings = Timings()
        let prepared = try measure(&timings.reading) { try prepare() }
        let blocking = prepared.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        guard !blocking, let plan = prepared.plan else { return Outcome(diagnostics: prepared.diagnostics, pagesWritten: 0) }
        let templates = try Templates(folder: site.appendingPathComponent("templates"))
        var files = try measure(&timings.pages) { try render(plan, templates: templates) }
        files += measure(&timings.search) { SearchEntries(plan).index.files }
        try measure(&timings.writing) { try OutputFolder.publish(files.sorted { $0.path < $1.path }, to: output) }
        return Outcome(diagnostics: prepared.diagnostics, pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count,
                       timings: timings)
    }

    private func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try work()
    }

    private func prepare() throws -> (diagnostics: [Diagnostic], plan: SitePlan?) {
        let content = try SiteContent.load(from: site)
        guard var configuration = content.configuration else { return (content.allDiagnostics, nil) }
        if let baseURL { configuration.baseURL = baseURL }
        let plan = SitePlan(configuration: configuration, records: content.records, changeLog: content.changeLog)
        var links = LinkCheck.problems(in: content.records, urls: plan.urls)
        let templates = try? Templates(folder: site.appendingPathComponent("templates"))
        links += LinkCheck.anchorProblems(in: content.records) { url in
            guard let page = plan.pages.first(where: { $0.url == url }), let templates else { return nil }
            return HTMLIDs.of(templates.render(page.template, page.context()))
        }
        return ((content.allDiagnostics + links).sortedForReport(), plan)
    }

    private func render(_ plan: SitePlan, templates: Templates) throws -> [(path: String, data: Data)] {
        let configuration = plan.configuration
        var files: [(path: String, data: Data)] = []
        let unit = ViewValues.compact([
            "name": configuration.unitName,
            "province": configuration.province.name,
            "address": configuration.address,
            "phone": configuration.phone,
            "email": configuration.email,
            "hours": configuration.openingHours,
        ])
        func page(_ page: Page, root: String) -> Data {
            var context = page.context()
            context["unit"] = unit
            context["root"] = root
            context["title"] = page.title
            context["canonical"] = configuration.rootURL + (page.url == "404.html" ? "" : page.url)
            context["description"] = page.description
                ?? "Thủ tục hành chính của \(configuration.unitName), \(configuration.province.name): hồ sơ, phí, thời hạn, nộp trực tuyến."
            context["ogType"] = page.template == "thu-tuc" ? "article" : "website"
            return Data(templates.render(page.template, context).utf8)
        }
        let pages = plan.pages
        for entry in pages {
            files.append((entry.file, page(entry, root: Page.root(for: entry.url))))
        }
        // The 404 page is served at any depth, so its links start from the base path.
        files.append(("404.html", page(plan.notFound, root: configuration.basePath)))
        files.append(("sitemap.xml", Data(Sitemap.xml(urls: pages.map(\.url), root: configuration.rootURL).utf8)))
        files.append(("feed.xml", Data(Feed.atom(changes: plan.changeLog.entries.reversed(), names: plan.names,
                                                 unitName: configuration.unitName, root: configuration.rootURL).utf8)))
        files.append(("api/thu-tuc.json", ProcedureAPI.index(plan.procedures.map(\.procedure), unitName: configuration.unitName,
                                                             root: configuration.rootURL)))
        for entry in plan.procedures {
            files.append(("api/thu-tuc/\(entry.procedure.code).json", ProcedureAPI.record(entry.procedure, body: entry.body, root: configuration.rootURL)))
        }
        files.append(("robots.txt", Data("User-agent: *\nAllow: /\n\nSitemap: \(configuration.rootURL)sitemap.xml\n".utf8)))
        files += SearchEntries(plan).index.files
        files += try assets()
        return files
    }

    /// `templates/assets/*` are copied as they are to `assets/`.
    private func assets() throws -> [(path: String, data: Data)] {
        let folder = site.appendingPathComponent("templates/assets")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return try names.filter { !$0.hasPrefix(".") }.map { name in
            ("assets/\(name)", try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }
}

enum Sitemap {
    static func xml(urls: [String], root: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls.sorted() {
            xml += "  <url><loc>\(HTML.escape(root + url))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
