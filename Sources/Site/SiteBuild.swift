import Compliance
import Escaping
import FileSystem
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
    /// Told the diagnostics of reading as soon as the records are checked, before any page is
    /// rendered (the command line writes its report meanwhile, instead of after the build). What
    /// cmark finds in the bodies comes with the pages, in the outcome.
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
        /// Nothing was written: the output is already what this build would make (`BuildState`).
        public var unchanged = false
        /// Why this build's state could not be written beside the output (the next build is then
        /// a whole one), to be said: a folder in its place would otherwise slow every build, silently.
        public var stateNotKept: FileError?
    }

    public struct Timings: Sendable {
        public var reading = 0.0, pages = 0.0, search = 0.0, writing = 0.0
    }

    /// Reads and validates everything, including what cmark finds in every body (links, raw HTML,
    /// headings), and compiles the templates: everything `build` does but render and write.
    public func check() throws -> [Diagnostic] {
        let prepared = try prepare()
        // The theme's files are read as the build reads them: one it could not copy stops `check` too.
        _ = try assets()
        return withBodies(prepared, outlines: parsed(prepared.records))
    }

    /// Validates, renders every page, and replaces `output` only when there is no error
    /// (with `strict`, no warning either) and the folder is one a build may replace
    /// (`OutputTarget`: checked before anything is read, `OutputRefusal` otherwise).
    public func build(into output: URL, strict: Bool = false, force: Bool = false) throws -> Outcome {
        try build(into: try OutputTarget.check(output.path, site: site, force: force), strict: strict)
    }

    /// As above, into an output already checked. Files go to a staging folder as they are made,
    /// so memory holds one batch of pages, not the site. When the output holds what this build
    /// would make (the same inputs, byte for byte, as the build that made it, the same tthc and
    /// options, and the output as that build left it: `BuildState`), nothing is read, rendered or
    /// written, and what that build found is reported again.
    public func build(into output: OutputTarget, strict: Bool = false) throws -> Outcome {
        var timings = Timings()
        let started = Self.wallClock()
        let key = stateKey
        let kept = output.found == .nothing ? nil : BuildState.read(for: output.folder)
        // Another tthc (or --base-url…) may render otherwise: its files are compared byte for byte
        // below, but the whole output is never taken as it is.
        let previous = kept.flatMap { $0.key == key ? $0 : nil }
        let inputs = Self.measure(&timings.reading) {
            BuildInputs.take(site: site.path, previous: kept?.inputs, racyAfter: started - Self.clockTick)
        }
        if let previous, let inputs, BuildInputs.same(inputs, previous.inputs),
           Self.measure(&timings.writing, { previous.holdsItsOutput(output.folder, contents: output.contents) }) {
            checked?(previous.diagnostics)
            return Outcome(diagnostics: previous.diagnostics, pagesWritten: 0, timings: timings, unchanged: true)
        }
        var (outcome, _, state) = try make(into: .folder(output, depth: 1, keepsState: true, reusing: kept?.outputs), strict: strict)
        outcome.timings.reading += timings.reading
        outcome.timings.writing += timings.writing
        if let inputs, let state {
            // Without it the next build is a whole one, as every build was before: nothing to stop for.
            do {
                try BuildState(key: key, build: state.build, inputs: inputs, outputs: state.written,
                               diagnostics: outcome.diagnostics).write(for: output.folder)
            } catch let error as FileError {
                outcome.stateNotKept = error
            } catch {}
        }
        return outcome
    }

    /// What decides the output besides the site's files: this very tthc, by its bytes (another
    /// may render otherwise; the same one built again in the next CI run is the same), `--base-url`
    /// and `SOURCE_DATE_EPOCH`.
    var stateKey: String {
        let tthc = ContentHash.ofFile("/proc/self/exe", followingLinks: true)?.description ?? UUID().uuidString
        let text = "tthc \(tthc)\nbase-url \(baseURL ?? "-")\n"
            + "source-date-epoch \(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "-")\n"
        return ContentHash(Array(text.utf8)).description
    }

    /// Nanoseconds since 1970.
    public static func wallClock() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Files modified this close to a build's start are read again by the next one whatever their
    /// stamps say: the coarsest clock of a file system tthc meets (FAT, SMB shares) ticks every 2 s.
    public static let clockTick: Int64 = 2_000_000_000

    /// Every output file in memory, in path order (for tests); nil files when an error (with
    /// `strict`, a warning) blocks the build.
    public func render(strict: Bool = false) throws -> (outcome: Outcome, files: [(path: String, data: Data)]?) {
        let made = try make(into: .memory, strict: strict)
        return (made.outcome, made.files)
    }

    /// `state`: into a folder, when kept, the marker's id and every file and folder swapped in.
    private func make(into destination: OutputProduction.Destination, strict: Bool) throws
        -> (outcome: Outcome, files: [(path: String, data: Data)]?, state: (build: String, written: [String: BuildState.Entry])?) {
        var timings = Timings()
        var prepared = try measure(&timings.reading) { try prepare() }
        checked?(prepared.diagnostics)
        guard var plan = usable(prepared.diagnostics, prepared.plan, strict: strict), let templates = prepared.templates else {
            // Nothing is rendered, yet every problem is reported: the bodies are parsed for the check alone.
            let diagnostics = measure(&timings.reading) { withBodies(prepared, outlines: parsed(prepared.records)) }
            return (Outcome(diagnostics: diagnostics, pagesWritten: 0, timings: timings), nil, nil)
        }
        prepared.plan = nil
        var diagnostics: [Diagnostic] = []
        let produced = try OutputProduction.run(into: destination) { emit in
            try produce(plan, templates: templates, timings: &timings, emit: emit)
        } keep: { rendered in
            diagnostics = measure(&timings.reading) { withBodies(prepared, plan: plan, outlines: rendered) }
            prepared.records = []
            // Every record is let go on a thread of its own while the output is swapped in and the
            // report printed: freeing 10,000 records one by one took a few tenths of a second.
            Retired(&plan).release()
            return usable(diagnostics, plan, strict: strict) != nil
        }
        guard produced.kept else { return (Outcome(diagnostics: diagnostics, pagesWritten: 0, timings: timings), nil, nil) }
        timings.writing = produced.writing
        return (Outcome(diagnostics: diagnostics, pagesWritten: produced.pages, timings: timings, leftovers: produced.leftovers),
                produced.files, produced.build.map { ($0, produced.written) })
    }

    /// `strict` is about the unit's own content: the national record's findings never block.
    private func usable(_ diagnostics: [Diagnostic], _ plan: SitePlan?, strict: Bool) -> SitePlan? {
        diagnostics.blocks(strict: strict) ? nil : plan
    }

    /// Records that are checked but not rendered, their bodies parsed for that alone, on every core.
    /// With a cache (`tthc serve`), a body whose file did not change is not parsed again: after a
    /// save at 10,000 procedures, parsing every body for the link check was most of the wait.
    func parsed(_ records: [Record]) -> [RecordOutline] {
        let cache = cache
        return Parallel.map(records.count) { cache?.outline(of: records[$0]) ?? RecordOutline(parsing: records[$0]) }
    }

    /// Every diagnostic of `prepared`, with the problems only cmark's reading of the bodies shows:
    /// raw HTML and headings, and links, which need every page's address (and for `#anchors`, the
    /// ids of the page they lead to). `outlines` are those of the bodies rendered; the other
    /// records' bodies are parsed here.
    func withBodies(_ prepared: Prepared, plan: SitePlan? = nil, outlines: [RecordOutline]) -> [Diagnostic] {
        var outlines = outlines
        if outlines.isEmpty {
            outlines = parsed(prepared.records)
        } else {
            let outlined = Set(outlines.map(\.path))
            outlines += parsed(prepared.records.filter { !outlined.contains($0.path) })
        }
        var found = prepared.diagnostics
        found += Self.nationalFindings(Self.bodyProblems(outlines, among: &found), among: prepared.records)
        if let plan = plan ?? prepared.plan {
            found += Self.linkProblems(in: outlines, plan: plan, templates: prepared.templates)
        }
        return found.sortedForReport()
    }

    /// What cmark finds in bodies, told apart as the records' own warnings are (`SiteContent`):
    /// raw HTML in a national section still as sync wrote it is the national record's.
    static func nationalFindings(_ diagnostics: [Diagnostic], among records: [Record]) -> [Diagnostic] {
        guard diagnostics.contains(where: { $0.problem.mayBeNational }) else { return diagnostics }
        let records = Dictionary(records.filter { $0.nationalPartAsSynced != nil }.map { ($0.path, $0) }) { first, _ in first }
        return Dictionary(grouping: diagnostics, by: \.file).sorted { $0.key < $1.key }.flatMap { file, found -> [Diagnostic] in
            guard var record = records[file], let asSynced = record.nationalPartAsSynced else { return found }
            record.diagnostics = found
            record.classifyFindings(nationalPartAsSynced: asSynced)
            return record.reportedDiagnostics
        }
    }

    /// What cmark found in the bodies of `outlines` (raw HTML, headings). A steps heading written
    /// wrong is an error at its line: the steps are not also "missing", which is taken out of `found`.
    static func bodyProblems(_ outlines: [RecordOutline], among found: inout [Diagnostic]) -> [Diagnostic] {
        let stepsMiswritten = Set(outlines.filter { $0.meantSteps }.map(\.path))
        if !stepsMiswritten.isEmpty { found.removeAll { stepsMiswritten.contains($0.file) && $0.problem == .missingSteps } }
        return outlines.flatMap(\.diagnostics)
    }

    /// Links in `outlines` to pages `plan` does not have, and #anchors its pages lack: the check a
    /// single site and each unit of a province share (without templates, anchors go unchecked).
    static func linkProblems(in outlines: [RecordOutline], plan: SitePlan, templates: Templates?) -> [Diagnostic] {
        LinkCheck.problems(in: outlines, urls: plan.urls) + LinkCheck.anchorProblems(in: outlines) { url in
            guard let page = plan.pages.first(where: { $0.url == url }), let templates else { return nil }
            return HTMLIDs.of(templates.render(page.template, page.context()))
        }
    }

    /// Hands every output file to `emit`: pages and API records in batches made on every core,
    /// then the site-wide files and the search index. Gives back what cmark found in the bodies of
    /// the procedure pages it rendered.
    private func produce(_ plan: SitePlan, templates: Templates, timings: inout Timings,
                         emit: ([(path: String, data: Data)]) throws -> Void) throws -> [RecordOutline] {
        try Self.produce(plan, templates: templates, assets: .own(try assets()), parallel: parallel, timings: &timings, emit: emit)
    }

    /// The same for any plan: a single site's, or one unit's of a province (`assets` says where its
    /// pages find the theme's files, and which of them it writes itself).
    static func produce(_ plan: SitePlan, templates: Templates, assets: SiteOutput.Assets, parallel: Bool, timings: inout Timings,
                        emit: ([(path: String, data: Data)]) throws -> Void) throws -> [RecordOutline] {
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
        var outlines: [RecordOutline] = []
        for start in stride(from: 0, to: jobs.count, by: Self.pagesPerBatch) {
            let batch = start..<min(start + Self.pagesPerBatch, jobs.count)
            let made: [UncheckedOutput.Made] = measure(&timings.pages) {
                // Pages are independent: each is made whole by one thread (Markdown goes through
                // cmark one document at a time, behind CommonMark's lock).
                parallel ? Parallel.map(batch.count) { shared.make(batch.lowerBound + $0) }
                         : batch.map { shared.make($0) }
            }
            outlines += made.compactMap(\.outline)
            try emit(made.map { ($0.path, $0.data) })
        }
        try emit(measure(&timings.pages) { siteFiles.result() } + assets.files)
        // Only the wait counts: the rest of the indexing overlapped the pages.
        try emit(measure(&timings.search) { search.result() })
        return outlines
    }

    enum Job {
        case page(String, Page)
        case apiRecord(Int)
    }

    static let pagesPerBatch = 512

    private func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
        try Self.measure(&seconds, work)
    }

    static func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try work()
    }

    /// What every command that reads a site needs: its records checked, its pages planned and its
    /// templates compiled, with every problem found on the way.
    struct Prepared {
        var diagnostics: [Diagnostic]
        var records: [Record]
        var plan: SitePlan?
        var templates: Templates?
    }

    func prepare() throws -> Prepared {
        let content = try SiteContent.load(from: site, cache: cache)
        // Compiled by `check` as by `build`: a broken template is found before anything is written.
        let (templates, templateDiagnostics) = try Templates.load(site: site)
        // Sorted once, as returned: at 10,000 procedures each sort copied thousands of diagnostics.
        var prepared = Prepared(diagnostics: content.diagnostics + content.records.flatMap(\.reportedDiagnostics) + templateDiagnostics,
                                records: content.records, plan: nil, templates: templates)
        guard var configuration = content.configuration else {
            prepared.diagnostics = prepared.diagnostics.sortedForReport()
            return prepared
        }
        if let baseURL {
            // The command line checks it first, for its message; a caller that did not still gets no forged output.
            if let defect = BaseURL.defect(in: baseURL) { throw InvalidBaseURL(value: baseURL, defect: defect) }
            configuration.baseURL = baseURL
        }
        // The compliance report's own table (or the default one), and the reports kept at each sync.
        let compliance = try ComplianceSources.load(site: site)
        prepared.diagnostics += compliance.diagnostics
        // What site.yml selects is published, and only that is checked as a page would show it.
        let selected = SelectedRecords(content.records, configuration: configuration)
        prepared.records = selected.records
        prepared.diagnostics = (prepared.diagnostics + selected.diagnostics).sortedForReport()
        prepared.plan = SitePlan(configuration: configuration, records: selected.records, changeLog: content.changeLog,
                                 compliance: compliance, sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
                                 reservedIDs: HTMLIDs.written(inTemplatesAt: site.appendingPathComponent("templates")),
                                 sortKey: cache.map(\.sortKeys))
        return prepared
    }

    /// `templates/assets/` is copied as it is to `assets/`, its subfolders too (`fonts/`, `img/`);
    /// the folder and each file must be inside the site (`OutsideSite`: a link to `/etc/…` would
    /// publish it). Two names that are one name to a browser (`ạ` written precomposed in one and
    /// as `a` and a dot below in the other: macOS and Windows copies differ so) are refused, naming
    /// both: the build would write both files and every page could load either.
    func assets() throws -> [(path: String, data: Data)] {
        let folders = try SiteFolders(site: site)
        let root = "\(Templates.folder)/assets"
        var files: [(path: String, data: Data)] = []
        func copy(_ folder: String, depth: Int) throws {
            // Each name of the folder by the name as a browser compares it (`String` equality is
            // canonical): a file and a folder, or two folders, are twins as much as two files.
            var names: [String: String] = [:]
            for name in (try Files.listIfPresent(try folders.resolve(folder), exactNames: true) ?? []).sorted() where !name.hasPrefix(".") {
                let path = "\(folder)/\(name)"
                if let other = names[name] { throw ThemeFileProblem(path: path, other: other) }
                names[name] = path
                let real = try folders.resolve(path)
                if try Files.kind(real) == .folder {
                    // A link back to a folder above would nest forever.
                    guard depth < Self.assetDepth else { throw ThemeFileProblem(path: path, other: nil) }
                    try copy(path, depth: depth + 1)
                    continue
                }
                files.append(("assets" + path.dropFirst(root.count), Data(try Files.read(real))))
            }
        }
        try copy(root, depth: 0)
        return files
    }

    /// Folders inside `templates/assets/` (the theme's own go two deep).
    static let assetDepth = 8
}

/// A theme file tthc will not publish: two names a browser takes for one, or folders nested too deep.
struct ThemeFileProblem: ExplainedError {
    var path: String
    /// The file whose name is the same to a browser; nil: `path` is a folder nested too deep.
    var other: String?

    var explanation: Localized {
        guard let other else {
            return Localized(vi: "\(path): thư mục lồng nhau quá \(SiteBuild.assetDepth) tầng trong templates/assets (có thể là liên kết trỏ ngược lên trên); hãy bỏ bớt tầng hoặc xóa liên kết.",
                             en: "\(path): folders nested more than \(SiteBuild.assetDepth) deep in templates/assets (perhaps a link back up); remove some levels or the link.")
        }
        return Localized(vi: "\(other) và \(path) là một tên với trình duyệt (cùng chữ, dấu được lưu theo hai cách khác nhau, thường do chép từ máy Mac hoặc Windows); hãy xóa hoặc đổi tên một trong hai tệp.",
                         en: "\(other) and \(path) are one name to a browser (the same letters, their accents stored in two ways, as copies from a Mac or Windows differ); remove or rename one of the two files.")
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

    /// One file, and for a procedure's page what cmark found in the body it rendered.
    struct Made {
        var path: String
        var data: Data
        var outline: RecordOutline?
    }

    func make(_ job: Int) -> Made {
        switch jobs[job] {
        case .page(let path, let page):
            guard let view = page.procedure else { return Made(path: path, data: output.render(page)) }
            // A province's unit: the body is rendered once for every unit, and checked once, on the pool.
            guard view.shared == nil else { return Made(path: path, data: output.render(page)) }
            let body = RenderedBody(view.body, root: view.root, reservedIDs: view.reservedIDs)
            let data = output.render(page, context: ["procedure": view.context(body)])
            return Made(path: path, data: data,
                        outline: RecordOutline(path: view.path, code: view.procedure.code,
                                               national: view.procedure.source?.system == .national, body: view.body,
                                               outlines: body.outlines))
        case .apiRecord(let index):
            let (path, data) = output.apiRecord(output.plan.procedures[index])
            return Made(path: path, data: data)
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
