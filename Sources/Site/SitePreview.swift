import Foundation
import Records
import Search

/// A site read, checked and planned, whose files are made when asked for (`tthc serve`): after a
/// save only the page on screen is rendered, not all of them.
public final class SitePreview: @unchecked Sendable {
    public let diagnostics: [Diagnostic]
    private let output: SiteOutput?
    private let pages: [String: Page]
    private let lock = NSLock()
    private var made: [String: Data] = [:]

    /// Nil output when an error blocks the build.
    public convenience init(site: URL, baseURL: String? = nil, cache: RecordCache? = nil) throws {
        var build = SiteBuild(site: site, baseURL: baseURL)
        build.cache = cache
        let prepared = try build.prepare()
        let diagnostics = build.withBodies(prepared, outlines: [])
        if let plan = prepared.plan, let templates = prepared.templates, !diagnostics.contains(where: { $0.severity == .error }) {
            // Read now (a few small files), so that one that cannot be read is said on the page, not a missing stylesheet.
            self.init(output: SiteOutput(plan: plan, templates: templates), diagnostics: diagnostics, assets: try build.assets())
        } else {
            self.init(output: nil, diagnostics: diagnostics, assets: [])
        }
    }

    /// A site already planned (one unit of a province), its pages finding the theme's files as `output.assets` says.
    init(output: SiteOutput?, diagnostics: [Diagnostic], assets: [(path: String, data: Data)]) {
        self.output = output
        self.diagnostics = diagnostics
        pages = output?.pages ?? [:]
        if output != nil { self.assets = Dictionary(assets, uniquingKeysWith: { $1 }) }
        searchFiles = output.map { output in Deferred { Dictionary(SearchEntries(output.plan).index.files, uniquingKeysWith: { $1 }) } }
        siteFiles = output.map { output in Deferred { Dictionary(output.siteFiles(), uniquingKeysWith: { $1 }) } }
    }

    public var isBuilt: Bool { output != nil }

    /// Every address the built site answers (nil when it did not build), for checking one record's
    /// links outside a build (`BodyCheck`); made on first use.
    public var urls: Set<String>? {
        lock.lock()
        defer { lock.unlock() }
        guard let output else { return nil }
        if let known = knownURLs { return known }
        knownURLs = output.plan.urls
        return knownURLs
    }

    private var knownURLs: Set<String>?

    /// The file at a site-relative path (`thu-tuc/1.001193/index.html`), made on first request.
    public func file(_ path: String) -> Data? {
        guard output != nil else { return nil }
        if let data = pageOrRecord(path) { return data }
        // Made by kind, so that reloading a page (its stylesheet) does not index the site for search;
        // the index and the site files are made outside the lock (the index took 6 s at 10,000
        // procedures, and every other request waited for it).
        if path.hasPrefix("assets/") { return assets[path] }
        if path.hasPrefix(SearchIndex.folder + "/") { return searchFiles?.value[path] }
        if SiteOutput.siteFileNames.contains(path) { return siteFiles?.value[path] }
        return nil
    }

    /// A page or an API record, made once, under the lock.
    private func pageOrRecord(_ path: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        guard let output else { return nil }
        if let data = made[path] { return data }
        if let page = pages[path] {
            let data = output.render(page)
            made[path] = data
            return data
        }
        // A procedure's record in the API, made alone: all 10,000 took a second, and a browser asks
        // for other files (`favicon.ico`) with every reload.
        if path.hasPrefix(Self.apiRecords), path.hasSuffix(".json") {
            if entries == nil { entries = Dictionary(output.plan.procedures.map { ($0.procedure.code, $0) }) { first, _ in first } }
            guard let entry = entries?[String(path.dropFirst(Self.apiRecords.count).dropLast(5))] else { return nil }
            let data = output.apiRecord(entry).data
            made[path] = data
            return data
        }
        return nil
    }

    private static let apiRecords = "api/thu-tuc/"
    private var entries: [String: PublishedProcedure]?

    private var assets: [String: Data] = [:]
    private let searchFiles: Deferred<[String: Data]>?
    private let siteFiles: Deferred<[String: Data]>?
}
