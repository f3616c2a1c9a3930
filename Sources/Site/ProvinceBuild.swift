import Compliance
import FileSystem
import Foundation
import Records

/// `tthc build` and `tthc check` at a province's folder (docs/province.md): the pool is read and
/// validated once, each unit's site is planned from it (its selection, its overlays) and rendered
/// by the single site's pipeline (`SiteBuild.plan`, `SiteBuild.produce`) into `<slug>/` of the
/// output, beside the province's list of units and the shared assets. With `only`, one unit
/// alone, its folder byte for byte what the whole build writes for it.
public struct ProvinceBuild {
    public var root: URL
    /// `--don-vi SLUG`: this unit alone, written at the top of the output folder.
    public var only: String?
    public var parallel = true
    /// Records and outlines kept between builds (`tthc serve`): only files that changed are parsed again.
    public var cache: RecordCache?
    /// Told every diagnostic as soon as everything is checked, before any page is rendered.
    public var checked: (@Sendable ([Diagnostic]) -> Void)?

    public init(root: URL, only: String? = nil) {
        self.root = root
        self.only = only
    }

    /// A unit planned: its folder's reading and its pages.
    struct PlannedUnit {
        var unit: ProvinceUnit
        var configuration: SiteConfiguration
        var plan: SitePlan
    }

    struct Prepared {
        var diagnostics: [Diagnostic]
        var province: ProvinceConfiguration?
        var units: [PlannedUnit] = []
        var templates: Templates?
        /// The indicator table and report history every unit's report uses.
        var compliance: ComplianceSources?
    }

    /// Reads and validates everything, every unit's links included, and writes nothing.
    public func check() throws -> [Diagnostic] {
        let diagnostics = try prepare().diagnostics
        // The theme's files are read as the build reads them, as a single site's check does.
        _ = try SiteBuild(site: root).assets()
        return diagnostics
    }

    /// Validates, renders every unit (or `only`), and replaces `output` only when there is no
    /// error (with `strict`, no warning either).
    public func build(into output: OutputTarget, strict: Bool = false) throws -> SiteBuild.Outcome {
        // A province's rendering outpaces the file system more than a single site's: a few batches may wait.
        try make(into: .folder(output, depth: 4), strict: strict).outcome
    }

    /// Every output file in memory, in path order (for tests); nil files when the build is blocked.
    public func render(strict: Bool = false) throws -> (outcome: SiteBuild.Outcome, files: [(path: String, data: Data)]?) {
        try make(into: .memory, strict: strict)
    }

    private func make(into destination: OutputProduction.Destination, strict: Bool) throws
        -> (outcome: SiteBuild.Outcome, files: [(path: String, data: Data)]?) {
        var timings = SiteBuild.Timings()
        let prepared = try SiteBuild.measure(&timings.reading) { try prepare() }
        checked?(prepared.diagnostics)
        guard Self.usable(prepared, strict: strict), let templates = prepared.templates else {
            return (SiteBuild.Outcome(diagnostics: prepared.diagnostics, pagesWritten: 0), nil)
        }
        let produced = try OutputProduction.run(into: destination) { emit in
            try produce(prepared, templates: templates, timings: &timings, emit: emit)
        }
        timings.writing = produced.writing
        return (SiteBuild.Outcome(diagnostics: prepared.diagnostics, pagesWritten: produced.pages, timings: timings,
                                  leftovers: produced.leftovers), produced.files)
    }

    private static func usable(_ prepared: Prepared, strict: Bool) -> Bool {
        // `strict` is about the units' own content: the national record's findings never block.
        prepared.province != nil && !prepared.diagnostics.blocks(strict: strict)
    }

    // MARK: - Planning

    func prepare() throws -> Prepared {
        let content = try ProvinceContent.load(from: root, only: only, cache: cache)
        // Compiled by `check` as by `build`: a broken template is found before anything is written.
        let (templates, templateDiagnostics) = try Templates.load(site: root)
        var prepared = Prepared(diagnostics: [], province: content.province, templates: templates)
        guard content.province != nil else {
            prepared.diagnostics = (content.allDiagnostics + templateDiagnostics).sortedForReport()
            return prepared
        }
        let compliance = try ComplianceSources.load(site: root)
        prepared.compliance = compliance
        let pool = content.pool.records
        // One entry per pool record, shared by every unit that publishes it untouched.
        let entries = pool.map { record in record.procedure.map { PublishedProcedure(procedure: $0, body: record.body, path: record.path) } }
        // What cmark finds in each pool record's body: parsed once, checked once, whatever units publish it.
        let cache = self.cache
        let outlines = Parallel.map(pool.count) { cache?.outline(of: pool[$0]) ?? RecordOutline(parsing: pool[$0]) }
        // The units' own records, checked as a single site checks its records (each is one unit's only).
        let own = content.units.flatMap(\.own)
        let ownOutlines = Parallel.map(own.count) { cache?.outline(of: own[$0]) ?? RecordOutline(parsing: own[$0]) }
        let ownOutline = Dictionary(ownOutlines.map { ($0.path, $0) }) { first, _ in first }
        let reservedIDs = HTMLIDs.written(inTemplatesAt: root.appendingPathComponent(Templates.folder))
        let shared = SharedRendering(pool: entries.compactMap { $0 })
        // A unit built alone reads only the records it may take; the others' codes still count.
        let poolCodes = Set(pool.compactMap(\.procedure?.code)).union(content.pool.unreadCodes)
        let changeLog = content.pool.changeLog
        // Units are planned on every core: each reads the pool, none changes it.
        let planned = Parallel.map(content.units.count) { index -> UncheckedUnitPlan in
            UncheckedUnitPlan(Self.plan(content.units[index], pool: pool, entries: entries, outlines: outlines, ownOutlines: ownOutline,
                                        poolCodes: poolCodes,
                                        changeLog: changeLog, compliance: compliance, shared: shared, reservedIDs: reservedIDs,
                                        templates: templates))
        }.map(\.value)
        var read = content.allDiagnostics
        var extra = SiteBuild.nationalFindings(SiteBuild.bodyProblems(outlines + ownOutlines, among: &read), among: pool)
        var links = UniqueDiagnostics()
        var selectedAnywhere = Set<Int>()
        for unit in planned {
            guard let unit else { continue }
            extra += unit.diagnostics
            // A pool record's broken link is broken in every unit that publishes it: said once.
            links.add(unit.links)
            selectedAnywhere.formUnion(unit.selected)
            prepared.units.append(unit.planned)
        }
        if only == nil {
            for (index, record) in pool.enumerated() where !selectedAnywhere.contains(index) {
                guard let procedure = record.procedure, procedure.origin != .internal else { continue }
                extra.append(Diagnostic(file: record.path, line: record.codePosition.line, column: record.codePosition.column,
                                        problem: .unusedRecord))
            }
        }
        prepared.diagnostics = (read + templateDiagnostics + extra + links.all + compliance.diagnostics).sortedForReport()
        return prepared
    }

    /// One unit's plan: the pool records its selection takes, each under the unit's overlay if it
    /// has one, and the unit's own records; what is wrong with its overlays and selection; the
    /// pool indices it took. Nil for a unit whose `site.yml` could not be read (reported already).
    static func plan(_ unit: ProvinceUnit, pool: [Record], entries: [PublishedProcedure?], outlines: [RecordOutline],
                     ownOutlines: [String: RecordOutline], poolCodes: Set<String>,
                     changeLog: ChangeLog, compliance: ComplianceSources, shared: SharedRendering, reservedIDs: Set<String>,
                     templates: Templates?)
        -> (planned: PlannedUnit, diagnostics: [Diagnostic], links: [Diagnostic], selected: Set<Int>)? {
        guard let configuration = unit.configuration else { return nil }
        var records: [Record] = [], published: [PublishedProcedure] = [], linksIn: [RecordOutline] = [], used: Set<String> = []
        var selected = Set<Int>(), diagnostics: [Diagnostic] = []
        for (index, record) in pool.enumerated() {
            guard let procedure = record.procedure, let entry = entries[index], configuration.exclusion(of: procedure) == nil else { continue }
            selected.insert(index)
            linksIn.append(outlines[index])
            guard let overlay = unit.overlays[procedure.code] else {
                records.append(record)
                published.append(entry)
                continue
            }
            let overlaid = record.overlaid(by: overlay)
            guard let own = overlaid.procedure else { continue }
            records.append(overlaid)
            published.append(PublishedProcedure(procedure: own, body: overlaid.body, path: overlaid.path))
            // The overlay's own text, checked at its own file (its headings and HTML with its links).
            let outline = RecordOutline(parsing: overlay.linkSource)
            diagnostics += outline.diagnostics
            linksIn.append(outline)
            used.insert(procedure.code)
        }
        let own = ownRecords(of: unit, configuration: configuration, publishedFromPool: Set(records.compactMap(\.procedure?.code)))
        diagnostics += own.diagnostics
        for record in own.records {
            guard let procedure = record.procedure else { continue }
            records.append(record)
            published.append(PublishedProcedure(procedure: procedure, body: record.body, path: record.path))
            if let outline = ownOutlines[record.path] { linksIn.append(outline) }
        }
        for code in unit.overlays.keys.sorted() where !used.contains(code) {
            guard let overlay = unit.overlays[code] else { continue }
            diagnostics.append(Diagnostic(file: overlay.path, line: 1, column: 1, problem: .overlayWithoutRecord(code, inPool: poolCodes.contains(code))))
        }
        if records.isEmpty, !poolCodes.isEmpty, unit.slug != ProvinceConfiguration.ownSlug {
            diagnostics.append(Diagnostic(file: "\(unit.folder)/\(SiteConfiguration.fileName)", line: unit.keyLines["chon"] ?? 1, column: 1,
                                          problem: .emptySelection(pool: poolCodes.count)))
        }
        let plan = SitePlan(configuration: configuration, records: records, changeLog: changeLog, compliance: compliance,
                            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], reservedIDs: reservedIDs,
                            published: published, shared: shared)
        let links = SiteBuild.linkProblems(in: linksIn, plan: plan, templates: templates)
        return (PlannedUnit(unit: unit, configuration: configuration, plan: plan), diagnostics, links, selected)
    }

    // MARK: - Rendering

    /// Every unit's files under its folder (`only`: at the top), then the province's own files.
    private func produce(_ prepared: Prepared, templates: Templates, timings: inout SiteBuild.Timings,
                         emit: ([(path: String, data: Data)]) throws -> Void) throws {
        guard let province = prepared.province else { return }
        let assets = try SiteBuild(site: root).assets()
        let units = prepared.units
        let unitAssets = units.map { Self.assets(of: $0, province: province, templates: templates, own: assets) }
        let sharesAssets = unitAssets.contains { if case .shared = $0 { true } else { false } }
        // The whole build puts each unit under its slug; `--don-vi` at the top.
        let underSlug = only == nil
        // Units side by side, one per core, each made by one thread: a unit's own steps wait on one
        // another (its search index, its lists, its last pages), and one unit at a time on both
        // cores left one idle at each of them (a fifth of a province's build).
        let sideBySide = parallel && units.count > 1
        let inner = !sideBySide && parallel
        try withoutActuallyEscaping(emit) { emit in
            let shared = SharedEmit(emit)
            let work = UncheckedProvinceWork(units: units, assets: unitAssets, templates: templates)
            let started = DispatchTime.now().uptimeNanoseconds
            let made = { @Sendable (index: Int) -> SiteBuild.Timings in
                var unitTimings = SiteBuild.Timings()
                guard !shared.failed else { return unitTimings }
                let slug = work.units[index].unit.slug
                do {
                    _ = try SiteBuild.produce(work.units[index].plan, templates: work.templates, assets: work.assets[index],
                                              parallel: inner, timings: &unitTimings) { files in
                        try shared(underSlug ? files.map { (slug + "/" + $0.path, $0.data) } : files)
                    }
                    // The whole build marks each unit's folder as a build of `--don-vi` does (its commit
                    // writes the marker), so the folder is byte for byte the same, and one unit can be
                    // rebuilt alone into it.
                    if underSlug { try shared([(slug + "/" + OutputMarker.fileName, Data(OutputMarker.text.utf8))]) }
                } catch {
                    shared.fail(error)
                }
                return unitTimings
            }
            let spent = sideBySide ? Parallel.map(units.count, step: 1, made) : units.indices.map(made)
            try shared.check()
            // The stage's time without the waits for the file system, shared between pages and search
            // as the units' threads spent theirs.
            let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 - shared.waited
            let (pages, search) = (spent.reduce(0) { $0 + $1.pages }, spent.reduce(0) { $0 + $1.search })
            timings.pages += pages + search > 0 ? wall * pages / (pages + search) : wall
            timings.search += pages + search > 0 ? wall * search / (pages + search) : 0
        }
        guard only == nil else { return }
        let index = ProvinceIndex(province: province, units: units.map { planned in
            (planned.unit.slug, planned.configuration, planned.plan.procedures.filter { $0.procedure.status != .abolished }.count)
        })
        try emit(index.files(templates: templates) + (sharesAssets ? assets : []) + reportFiles(prepared, templates: templates, province: province))
    }

    /// Under the province's pages, a unit finds the theme's files beside its folder; a unit
    /// published elsewhere, or a theme without `{{assets}}`, carries its own copy.
    static func assets(of planned: PlannedUnit, province: ProvinceConfiguration, templates: Templates,
                       own files: [(path: String, data: Data)]) -> SiteOutput.Assets {
        let beside = templates.findsSharedAssets && planned.configuration.rootURL == province.defaultBaseURL(slug: planned.unit.slug)
        return beside ? .shared(basePath: SiteConfiguration.basePath(of: province.baseURL)) : .own(files)
    }
}

/// A unit's plan carried from the thread that made it (a plan's pages hold closures, read only).
struct UncheckedUnitPlan: @unchecked Sendable {
    let value: (planned: ProvinceBuild.PlannedUnit, diagnostics: [Diagnostic], links: [Diagnostic], selected: Set<Int>)?
    init(_ value: (planned: ProvinceBuild.PlannedUnit, diagnostics: [Diagnostic], links: [Diagnostic], selected: Set<Int>)?) { self.value = value }
}

/// What the threads that make the units read, none changing it (a plan's pages hold closures).
struct UncheckedProvinceWork: @unchecked Sendable {
    let units: [ProvinceBuild.PlannedUnit]
    let assets: [SiteOutput.Assets]
    let templates: Templates
}

/// Diagnostics gathered from several units, each kept once, in the order first met.
struct UniqueDiagnostics {
    private var seen: Set<String> = []
    private(set) var all: [Diagnostic] = []

    mutating func add(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            let key = "\(diagnostic.file)\u{0}\(diagnostic.line)\u{0}\(diagnostic.column)\u{0}\(diagnostic.code)\u{0}\(diagnostic.message(.vi))"
            if seen.insert(key).inserted { all.append(diagnostic) }
        }
    }
}
