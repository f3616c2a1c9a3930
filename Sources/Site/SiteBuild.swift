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
    }

    public struct Timings {
        public var reading = 0.0, pages = 0.0, search = 0.0, writing = 0.0
    }

    /// Reads and validates everything, including links, and writes nothing.
    public func check() throws -> [Diagnostic] {
        try prepare().diagnostics
    }

    /// Validates, renders every page, and replaces `output` only when there is no error
    /// (with `strict`, no warning either). Files go to a staging folder as they are made, so
    /// memory holds one batch of pages, not the site.
    public func build(into output: URL, strict: Bool = false) throws -> Outcome {
        var timings = Timings()
        var prepared = try measure(&timings.reading) { try prepare() }
        let diagnostics = prepared.diagnostics
        checked?(diagnostics)
        guard var plan = usable(prepared, strict: strict), let templates = prepared.templates else {
            return Outcome(diagnostics: diagnostics, pagesWritten: 0)
        }
        prepared.plan = nil
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
            try measure(&writing) { try staged.commit() }
            timings.writing = writing
            return Outcome(diagnostics: diagnostics, pagesWritten: pages, timings: timings)
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
        guard let plan = usable(prepared, strict: strict), let templates = prepared.templates else {
            return (Outcome(diagnostics: prepared.diagnostics, pagesWritten: 0), nil)
        }
        var files: [(path: String, data: Data)] = []
        try produce(plan, templates: templates, timings: &timings) { files += $0 }
        files.sort { $0.path < $1.path }
        let outcome = Outcome(diagnostics: prepared.diagnostics, pagesWritten: files.filter { $0.path.hasSuffix(".html") }.count,
                              timings: timings)
        return (outcome, files)
    }

    private func usable(_ prepared: Prepared, strict: Bool) -> SitePlan? {
        let blocking = prepared.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        return blocking ? nil : prepared.plan
    }

    /// Hands every output file to `emit`: pages and API records in batches made on every core,
    /// then the site-wide files and the search index.
    private func produce(_ plan: SitePlan, templates: Templates, timings: inout Timings,
                         emit: ([(path: String, data: Data)]) throws -> Void) throws {
        let output = SiteOutput(plan: plan, templates: templates)
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
        try emit(measure(&timings.pages) { siteFiles.result() } + (try assets()))
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

    /// What every command that reads a site needs: its records checked, its pages planned and its
    /// templates compiled, with every problem found on the way.
    struct Prepared {
        var diagnostics: [Diagnostic]
        var plan: SitePlan?
        var templates: Templates?
    }

    func prepare() throws -> Prepared {
        let content = try SiteContent.load(from: site, cache: cache)
        // Compiled by `check` as by `build`: a broken template is found before anything is written.
        let (templates, templateDiagnostics) = Templates.load(site: site)
        guard var configuration = content.configuration else {
            return Prepared(diagnostics: (content.allDiagnostics + templateDiagnostics).sortedForReport(), plan: nil, templates: templates)
        }
        if let baseURL { configuration.baseURL = baseURL }
        let plan = SitePlan(configuration: configuration, records: content.records, changeLog: content.changeLog)
        var links = LinkCheck.problems(in: content.records, urls: plan.urls)
        links += LinkCheck.anchorProblems(in: content.records) { url in
            guard let page = plan.pages.first(where: { $0.url == url }), let templates else { return nil }
            return HTMLIDs.of(templates.render(page.template, page.context()))
        }
        return Prepared(diagnostics: (content.allDiagnostics + templateDiagnostics + links).sortedForReport(), plan: plan,
                        templates: templates)
    }

    /// `templates/assets/*` are copied as they are to `assets/`.
    func assets() throws -> [(path: String, data: Data)] {
        let folder = site.appendingPathComponent("templates/assets")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return try names.filter { !$0.hasPrefix(".") }.map { name in
            ("assets/\(name)", try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }
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

enum Sitemap {
    static func xml(urls: [String], root: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls.sorted() {
            xml += "  <url><loc>\(HTML.escape(root + url))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
