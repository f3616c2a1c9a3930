import Compliance
import FileSystem
import Foundation
import Records

/// A province as `tthc serve` shows it (docs/editor.md): each unit's site planned as
/// `tthc build --don-vi SLUG` plans it, its pages made when asked. A save does not rebuild the
/// province: `scan` reads what every unit depends on and tells which units it changed (an overlay:
/// that unit; a pool record: the units whose selection holds it; `tinh.yml`, the theme, the change
/// log: all of them), and a unit is planned again only when one of its pages is next asked for.
public final class ProvincePreview: @unchecked Sendable {
    /// A unit as the start page lists it.
    public struct Unit: Sendable, Equatable {
        public var slug: String
        /// `ten_don_vi`, or the slug while its `site.yml` cannot be read.
        public var name: String
        /// The procedures it publishes (the pool's records its `chon` takes, and its own records).
        public var codes: Set<String>
        /// False for the province's own publication (`tinh`), which has no folder to hold overlays.
        public var hasFolder: Bool
    }

    /// One unit's preview: the last build that succeeded (nil before one), and the findings of the latest.
    public struct Shown: Sendable {
        public var preview: SitePreview?
        public var diagnostics: [Diagnostic]
        /// What stopped the latest build from being read at all (a folder that cannot be listed).
        public var failure: Localized?
    }

    public let root: URL
    private let cache = RecordCache()
    private let lock = NSLock()
    /// Plans one unit at a time, whichever request asks.
    private let building = NSLock()
    private var fingerprints: [String: Int] = [:]
    private var shown: [String: (fingerprint: Int, shown: Shown)] = [:]
    private var assetFiles: [String: Data] = [:]
    private var listed: [Unit] = []
    private var provinceProblems: [Diagnostic] = []

    public init(root: URL) {
        self.root = root
    }

    /// The units in slug order, as of the last scan.
    public var units: [Unit] { lock.withLock { listed } }

    /// Errors of the province as a whole (`tinh.yml`, `don-vi/`, the pool, a unit's `site.yml`), as of the last scan.
    public var diagnostics: [Diagnostic] { lock.withLock { provinceProblems } }

    /// The theme's shared files (`assets/…`, served beside the units' folders).
    public func asset(_ path: String) -> Data? { lock.withLock { assetFiles[path] } }

    /// Reads every unit's inputs again (records through the cache: only changed files are parsed)
    /// and returns the slugs whose inputs changed since the scan before (all of them, the first time).
    @discardableResult
    public func scan() throws -> [String] {
        let content = try ProvinceContent.load(from: root, cache: cache)
        let assets = (try? SiteBuild(site: root).assets()) ?? []
        var global = Hasher()
        // Of sync's bookkeeping, pages show the change log and the report's history only (not the merge bases).
        for path in [ProvinceConfiguration.fileName, IndicatorTable.fileName, ChangeLog.path, ReportHistory.path]
            + Self.files(under: Templates.folder, in: root) {
            global.combine(path)
            global.combine((try? Files.readIfPresent(root.path + "/" + path)) ?? nil)
        }
        // What stops every unit's build: an error of the pool or of the province itself.
        let blocking = (content.diagnostics + content.pool.allDiagnostics).filter { $0.severity == .error }
        for diagnostic in blocking { global.combine("\(diagnostic.file)|\(diagnostic.line)|\(diagnostic.column)|\(diagnostic.message(.en))") }
        let shared = global.finalize()
        var prints: [String: Int] = [:]
        var units: [Unit] = []
        for unit in content.units {
            var hasher = Hasher()
            hasher.combine(shared)
            for path in [unit.folder + "/" + SiteConfiguration.fileName] + Self.files(under: unit.folder + "/" + Overlay.folder, in: root) {
                hasher.combine(path)
                hasher.combine((try? Files.readIfPresent(root.path + "/" + path)) ?? nil)
            }
            var codes = Set<String>()
            if let configuration = unit.configuration {
                for record in content.pool.records {
                    guard let procedure = record.procedure, configuration.exclusion(of: procedure) == nil else { continue }
                    codes.insert(procedure.code)
                    hasher.combine(record.path)
                    hasher.combine(cache.fingerprint(record.path))
                }
                for record in unit.own {
                    guard let procedure = record.procedure, configuration.exclusion(of: procedure) == nil else { continue }
                    codes.insert(procedure.code)
                }
            }
            prints[unit.slug] = hasher.finalize()
            units.append(Unit(slug: unit.slug, name: unit.configuration?.unitName ?? unit.slug, codes: codes,
                              hasFolder: unit.slug != ProvinceConfiguration.ownSlug))
        }
        let problems = (content.diagnostics + content.units.flatMap(\.diagnostics) + content.pool.allDiagnostics)
            .filter { $0.severity == .error }.sortedForReport()
        return lock.withLock {
            let before = fingerprints
            fingerprints = prints
            listed = units
            provinceProblems = problems
            assetFiles = Dictionary(assets, uniquingKeysWith: { $1 })
            shown = shown.filter { prints[$0.key] != nil }
            return prints.keys.filter { before[$0] != prints[$0] }.sorted()
        }
    }

    /// The unit's preview, planned again first when its inputs changed since; nil for a slug that is no unit.
    public func unit(_ slug: String) -> Shown? {
        guard let wanted = lock.withLock({ fingerprints[slug] }) else { return nil }
        if let kept = lock.withLock({ shown[slug] }), kept.fingerprint == wanted { return kept.shown }
        building.lock()
        defer { building.unlock() }
        // Another request may have planned it while this one waited.
        let (fingerprint, earlier) = lock.withLock { (fingerprints[slug], shown[slug]) }
        guard let fingerprint else { return nil }
        if let earlier, earlier.fingerprint == fingerprint { return earlier.shown }
        var build = ProvinceBuild(root: root, only: slug)
        build.cache = cache
        let made: Shown
        do {
            let preview = try build.unitPreview()
            made = Shown(preview: preview.isBuilt ? preview : earlier?.shown.preview, diagnostics: preview.diagnostics)
        } catch {
            made = Shown(preview: earlier?.shown.preview, diagnostics: [], failure: Localized.of(error))
        }
        lock.withLock { shown[slug] = (fingerprint, made) }
        return made
    }

    /// Files under a folder of the province, relative to it, sorted (none when it is not there).
    static func files(under folder: String, in root: URL) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let found = FileManager.default.subpaths(atPath: base.path) else { return [] }
        return found.sorted().map { folder + "/" + $0 }
    }
}

extension ProvinceBuild {
    /// `only`'s site as `tthc serve` shows it: planned and checked as `build --don-vi` does, its
    /// pages made when asked (the same bytes as the build writes).
    func unitPreview() throws -> SitePreview {
        let prepared = try prepare()
        guard let province = prepared.province, let templates = prepared.templates, !prepared.diagnostics.blocks(strict: false),
              let planned = prepared.units.first(where: { $0.unit.slug == only }) else {
            return SitePreview(output: nil, diagnostics: prepared.diagnostics, assets: [])
        }
        var output = SiteOutput(plan: planned.plan, templates: templates)
        output.assets = Self.assets(of: planned, province: province, templates: templates, own: try SiteBuild(site: root).assets())
        return SitePreview(output: output, diagnostics: prepared.diagnostics, assets: output.assets.files)
    }
}
