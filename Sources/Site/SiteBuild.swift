import FileSystem
import Escaping
import Compliance
import Foundation
import Records
import Search

/// `tthc build` and `tthc check`: the same pipeline, with or without the writing stage.
public struct SiteBuild {
    public var site: URL
    /// Overrides `base_url` of `site.yml` (`--base-url`).
    public var baseURL: String?
    /// Records already read by an earlier build of the same process (`tthc serve`).
    public var cache: RecordCache?
    /// Renders pages on every core (off only to prove that the output is the same).
    public var parallel = true
    /// Told every diagnostic as soon as the records are checked, before any page is rendered (the
    /// command line writes its report meanwhile, instead of after the build).
    public var checked: (@Sendable ([Diagnostic]) -> Void)?

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
        /// What could not be removed of the previous output (the new one is in place all the same).
        public var leftovers: [FileError] = []
    }

    public struct Timings {
        public var reading = 0.0, pages = 0.0, search = 0.0, writing = 0.0
    }

    /// Reads and validates everything, including links, and writes nothing.
    public func check() throws -> [Diagnostic] {
        try prepare().diagnostics
    }

    /// Validates, renders every page, and replaces `output` only when there is no error
    /// (with `strict`, no warning either) and the folder is one a build may replace
    /// (`OutputTarget`: checked before anything is read, `OutputRefusal` otherwise).
    public func build(into output: URL, strict: Bool = false, force: Bool = false) throws -> Outcome {
        try build(into: try OutputTarget.check(output.path, site: site, force: force), strict: strict)
    }

    /// As above, into an output already checked. Files go to a staging folder as they are made,
    /// so memory holds one batch of pages, not the site.
    public func build(into output: OutputTarget, strict: Bool = false) throws -> Outcome {
        var timings = Timings()
        var prepared = try measure(&timings.reading) { try prepare() }
        let diagnostics = prepared.diagnostics
        checked?(diagnostics)
        guard var plan = usable(prepared, strict: strict) else { return Outcome(diagnostics: diagnostics, pagesWritten: 0) }
        prepared.plan = nil
        let templates = try Templates(site: site)
        let staged = try StagedOutput(for: output)
        do {
            var pages = 0, writing = 0.0
            try produce(plan, templates: templates, timings: &timings) { files in
                pages += files.filter { $0.path.hasSuffix(".html") }.count
                // Only the wait for the previous batch counts as writing; the rest overlaps rendering.
                measure(&writing) { staged.writeBehind(files) }
            }
            // Every record is let go on a thread of its own while the output is swapped in and the
            // report printed: freeing 10,000 records one by one took a few tenths of a second.
            Retired(&plan).release()
            let leftovers = try measure(&writing) { try staged.commit() }
            timings.writing = writing
            return Outcome(diagnostics: diagnostics, pagesWritten: pages, timings: timings, leftovers: leftovers)
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Every output file in memory, in path order (for tests); nil files when an error (with
    /// `strict`, a warning) blocks the build.
    public func render(strict: Bool = false) throws -> (outcome: Outcome, files: [(path: String, data: Data)]?) {
        var timings = Timings()
        let prepared = try measure(&timings.reading) { try prepare() }
        guard let plan = usable(prepared, strict: strict) else { return (Outcome(diagnostics: prepared.diagnostics, pagesWritten: 0), nil) }
        let templates = try Templates(site: site)
        var files: [(path: String, data: Data)] = []
        try produce(plan, templates: templates, timings: &timings) { files += $0 }
        files.sort { $0.path < $1.path }
        let outcome = Outcome(diagnostics: prepared.diagnostics, pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count,
                              timings: timings)
        return (outcome, files)
    }

    private func usable(_ prepared: (diagnostics: [Diagnostic], plan: SitePlan?), strict: Bool) -> SitePlan? {
        let blocking = prepared.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        return blocking ? nil : prepared.plan
    }

    /// Hands every output file to `emit`: pages and API records in batches made on every core,
    /// then the site-wide files and the search index.
    private func produce(_ plan: SitePlan, templates: Templates, timings: inout Timings,
                         emit: ([(path: String, data: Data)]) throws -> Void) throws {
        try Self.produce(plan, templates: templates, assets: .own(try assets()), parallel: parallel, timings: &timings, emit: emit)
    }

    /// The same for any plan: a single site's, or one unit's of a province (`assets` says where its
    /// pages find the theme's files, and which of them it writes itself).
    static func produce(_ plan: SitePlan, templates: Templates, assets: SiteOutput.Assets, parallel: Bool, timings: inout Timings,
                        emit: ([(path: String, data: Data)]) throws -> Void) throws {
        func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            return try work()
        }
        var output = SiteOutput(plan: plan, templates: templates)
        output.assets = assets
        // The search index needs only the plan: it is made on a thread of its own while pages are
        // rendered, so that its serial steps (merging terms, cutting shards) fill the cores' gaps.
        let search = Background { SearchEntries(plan).index.files }
        let jobs = output.pages.sorted { $0.key < $1.key }.map { Job.page($0.key, $0.value) }
            + plan.procedures.indices.map(Job.apiRecord)
        let shared = UncheckedOutput(output, jobs: jobs)
        // The sitemap, the feed and the API's list need only the plan, too.
        let siteFiles = Background { shared.output.siteFiles() }
        for start in stride(from: 0, to: jobs.count, by: Self.pagesPerBatch) {
            let batch = start..<min(start + Self.pagesPerBatch, jobs.count)
            let made: [(path: String, data: Data)] = measure(&timings.pages) {
                // Pages are independent: each is made whole by one thread (Markdown goes through
                // cmark one document at a time, behind CommonMark's lock).
                parallel ? Parallel.map(batch.count) { shared.make(batch.lowerBound + $0) }
                         : batch.map { shared.make($0) }
            }
            try emit(made)
        }
        try emit(measure(&timings.pages) { siteFiles.result() } + assets.files)
        // Only the wait counts: the rest of the indexing overlapped the pages.
        try emit(measure(&timings.search) { search.result() })
    }

    enum Job {
        case page(String, Page)
        case apiRecord(Int)
    }

    static let pagesPerBatch = 512

    private func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try work()
    }

    func prepare() throws -> (diagnostics: [Diagnostic], plan: SitePlan?) {
        let content = try SiteContent.load(from: site, cache: cache)
        guard var configuration = content.configuration else { return (content.allDiagnostics, nil) }
        if let baseURL {
            // The command line checks it first, for its message; a caller that did not still gets no forged output.
            if let defect = BaseURL.defect(in: baseURL) { throw InvalidBaseURL(value: baseURL, defect: defect) }
            configuration.baseURL = baseURL
        }
        // The compliance report's own table (or the default one), and the reports kept at each sync.
        let compliance = ComplianceSources.load(site: site)
        let selected = SelectedRecords(content.records, configuration: configuration)
        let site = self.site
        let unit = Self.plan(configuration: configuration, records: selected.records, linksIn: selected.records,
                             changeLog: content.changeLog, compliance: compliance) { try? Templates(site: site) }
        return ((content.allDiagnostics + selected.diagnostics + unit.diagnostics + compliance.diagnostics).sortedForReport(), unit.plan)
    }

    /// One unit's pages planned from records already read, and the problems only the plan shows
    /// (links to pages it does not have, anchors its pages lack): the step a single site and each
    /// unit of a province share. `linksIn` are the records whose written links are checked, each
    /// at its own file; `templates` is asked for only when some link has an #anchor.
    static func plan(configuration: SiteConfiguration, records: [Record], linksIn: [Record], changeLog: ChangeLog,
                     compliance: ComplianceSources, published: [PublishedProcedure]? = nil, shared: SharedRendering? = nil,
                     templates: () -> Templates?) -> (diagnostics: [Diagnostic], plan: SitePlan) {
        let plan = SitePlan(configuration: configuration, records: records, changeLog: changeLog,
                            compliance: compliance, sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
                            published: published, shared: shared)
        var links = LinkCheck.problems(in: linksIn, urls: plan.urls)
        // Templates are loaded only if some link has an #anchor to check against a rendered page.
        var loaded: Templates??
        links += LinkCheck.anchorProblems(in: linksIn) { url in
            // A theme that cannot be read is reported by the build itself; here it only leaves anchors unchecked.
            if loaded == nil { loaded = .some(templates()) }
            guard let page = plan.pages.first(where: { $0.url == url }), let templates = loaded ?? nil else { return nil }
            return HTMLIDs.of(templates.render(page.template, page.context()))
        }
        return (links, plan)
    }

    /// `templates/assets/*` are copied as they are to `assets/`; the folder and each file must be
    /// inside the site (`OutsideSite`: a link to `/etc/…` would publish it).
    func assets() throws -> [(path: String, data: Data)] {
        let folders = try SiteFolders(site: site)
        let folder = "\(Templates.folder)/assets"
        let names = (try Files.listIfPresent(try folders.resolve(folder)) ?? []).sorted()
        return try names.filter { !$0.hasPrefix(".") }.map { name in
            ("assets/\(name)", Data(try Files.read(try folders.resolve("\(folder)/\(name)"))))
        }
    }
}

/// `--base-url` (or another caller's override of `base_url`) that no site can be published at.
public struct InvalidBaseURL: Error, CustomStringConvertible {
    public var value: String
    public var defect: BaseURL.Defect

    public init(value: String, defect: BaseURL.Defect) {
        self.value = value
        self.defect = defect
    }

    public func message(_ language: Language) -> String {
        let suggestion = defect.suggestion.map { language == .vi ? " Có phải ý bạn là \($0)?" : " Did you mean \($0)?" } ?? ""
        return language == .vi
            ? "--base-url `\(value)` không dùng được: \(defect.reason.vi). Viết dạng https://ten-mien/ hoặc https://ten-mien/duong-dan/.\(suggestion)"
            : "--base-url `\(value)` cannot be used: \(defect.reason.en). Write it like https://domain/ or https://domain/path/.\(suggestion)"
    }

    public var description: String { message(.vi) }
}

/// Work started now on a thread of its own, its result collected later.
public final class Background<T>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping () -> T) {
        let box = UncheckedWork(work)
        Thread.detachNewThread { [self] in
            value = box.work()
            done.signal()
        }
    }

    /// Waits for the work.
    public func result() -> T {
        done.wait()
        return value!
    }

    private final class UncheckedWork: @unchecked Sendable {
        let work: () -> T
        init(_ work: @escaping () -> T) { self.work = work }
    }
}

/// A plan no longer needed, freed on a thread of its own. The caller's copy is emptied first, so
/// that the last reference to every record is the one released there.
final class Retired: @unchecked Sendable {
    private var plan: SitePlan?

    init(_ plan: inout SitePlan) {
        self.plan = plan
        plan = SitePlan(configuration: plan.configuration, records: [], changeLog: plan.changeLog)
    }

    func release() {
        Thread.detachNewThread { [self] in plan = nil }
    }
}

/// A site's output, read (never changed) by the threads that make its files.
final class UncheckedOutput: @unchecked Sendable {
    let output: SiteOutput
    let jobs: [SiteBuild.Job]
    init(_ output: SiteOutput, jobs: [SiteBuild.Job] = []) {
        self.output = output
        self.jobs = jobs
    }

    func make(_ job: Int) -> (path: String, data: Data) {
        switch jobs[job] {
        case .page(let path, let page): return (path, output.render(page))
        case .apiRecord(let index): return output.apiRecord(output.plan.procedures[index])
        }
    }
}

/// `/sitemap.xml`, written through `XMLWriter` like the feed.
enum Sitemap {
    static func xml(urls: [String], root: String) -> String {
        var xml = XMLWriter()
        xml.open("urlset", ["xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"])
        for url in urls.sorted() {
            xml.layout("  ")
            xml.open("url", inline: true)
            xml.element("loc", root + url, inline: true)
            xml.close("url")
        }
        xml.close("urlset")
        return xml.text
    }
}

/// `/robots.txt`: every crawler welcome, and where the sitemap is.
enum Robots {
    static func txt(root: String) -> String {
        var robots = RobotsTxt()
        robots.directive("User-agent", "*")
        robots.directive("Allow", "/")
        robots.blankLine()
        robots.directive("Sitemap", root + "sitemap.xml")
        return robots.text
    }
}

extension InvalidBaseURL: ExplainedError {
    public var explanation: Localized { Localized(vi: message(.vi), en: message(.en)) }
}
