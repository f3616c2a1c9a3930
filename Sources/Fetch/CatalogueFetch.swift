import FileSystem
import Foundation
import Records

/// `tthc fetch`: the national catalogue from the portal's API into an export that sync reads.
///
/// The list first (every page), then the detail of each procedure that is due (`FetchScope`),
/// each kept in the journal as it arrives; then the export is put together from this run's
/// details and, for what this run did not get, last run's, checked against the thresholds, and
/// replaced in one rename. The state beside it is written after it, and the journal removed last,
/// so a run killed between two of these steps is completed by the next.
public struct CatalogueFetch {
    public var site: URL
    public var configuration: SiteConfiguration
    /// Every unit whose selection decides what is fetched (a province's); one site: its configuration.
    public var units: [SiteConfiguration]
    /// Ask for the unit's own online services (`ma_don_vi`): a single site's. A province's pool
    /// serves many units, whose services differ, so it is not annotated with one unit's.
    public var asksUnitServices = true
    public var export: URL
    public var client: PortalClient
    /// Accept fewer than 90 % of the details, or a list more than 5 % shorter than last time.
    public var force = false
    /// Procedures outside the site's scope are asked about again once in this many days.
    public var recheckDays = 30
    public var now = Date()
    /// Called with (done, total) as details arrive, for a progress bar.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public static let minimumShare = 0.9
    public static let largestShrink = 0.05

    public init(site: URL, configuration: SiteConfiguration, export: URL, client: PortalClient) {
        self.site = site
        self.configuration = configuration
        units = [configuration]
        self.export = export
        self.client = client
    }

    public static func defaultExport(in site: URL) -> URL {
        site.appendingPathComponent("content/.dong-bo/csdl-quoc-gia.jsonl")
    }

    public var statePath: URL { ExportFiles(export: export).state }
    public var journalPath: URL { ExportFiles(export: export).journal }

    public func run() -> FetchOutcome {
        var outcome = FetchOutcome()
        let clock = Date()
        outcome.ending = fetch(into: &outcome)
        outcome.requests = client.requests
        outcome.bytes = client.bytes
        outcome.seconds = Date().timeIntervalSince(clock)
        return outcome
    }

    private func makeScope() throws -> FetchScope {
        FetchScope(units: units, recordCodes: try FetchScope.recordCodes(in: site), recheckDays: recheckDays,
                   day: Int(now.timeIntervalSince1970) / 86400)
    }

    private func fetch(into outcome: inout FetchOutcome) -> FetchOutcome.Ending {
        // Nothing is asked of the portal before it is known that the files at hand are ours to
        // replace, and can be read and written (every failure names its path and cause).
        let files = ExportFiles(export: export)
        let previousFiles: ExportFiles.Previous
        let scope: FetchScope
        do {
            switch try files.previous(in: site) {
            case .failure(let reason): return .notOurs(reason)
            case .success(let found): previousFiles = found
            }
            try Files.makeFolder(export.deletingLastPathComponent().path)
            scope = try makeScope()
        } catch let outside as OutsideSite {
            return .notOurs(.outsideSite(outside))
        } catch {
            return .fileFailed(error as? FileError ?? FileError(.inspect, export.path, .ioError))
        }
        let (state, previousBytes) = (previousFiles.state, previousFiles.bytes)
        let journal: FetchJournal
        do {
            journal = try FetchJournal(journalPath, header: .init(started: Int(now.timeIntervalSince1970), api: client.api.absoluteString,
                                                                  selection: scope.selectionFingerprint))
        } catch {
            switch error {
            case .busy: return .busy
            case .notOurs: return .notOurs(.foreignJournal)
            case .cannotOpen(let failure): return .fileFailed(failure)
            }
        }
        guard ExportFiles.isUnchanged(previousFiles, journal: journal) else {
            journal.abandon()
            return .notOurs(.edited)
        }
        journal.begin()
        files.removeStaleTemporaries()
        let previous = previousBytes.map(ExportFiles.lines) ?? [:]

        let rows: [ListedProcedure]
        switch PagedList(source: PagedList.catalogue, client: client, journal: journal).run() {
        case .halted(let halt):
            return .halted(halt)
        case .failed(let reason, let page):
            return .listingFailed(reason, page: page)
        case .complete(let items, let total, let pages):
            guard !items.isEmpty else { return .listingFailed("danh sách trống (the list is empty)", page: 1) }
            var seen: Set<String> = []
            var listed: [ListedProcedure] = []
            for item in items {
                guard let row = ListedProcedure(row: item) else { outcome.unusableRows += 1; continue }
                if seen.insert(row.id).inserted { listed.append(row) }
            }
            rows = listed
            outcome.listed = listed.count
            outcome.pages = pages
            outcome.internalProcedures = listed.filter(\.isInternal).count
            if !force, let total, Double(listed.count) < Double(total) * (1 - Self.largestShrink) {
                journal.forgetListing()
                return .listingIncomplete(listed: listed.count, total: total)
            }
            if !force, let before = state?.listed, before > 0, Double(listed.count) < Double(before) * (1 - Self.largestShrink) {
                journal.forgetListing()
                return .catalogueShrank(now: listed.count, before: before)
            }
        }

        var services: UnitServices?
        if asksUnitServices, let unit = configuration.unitCode?.trimmingCharacters(in: .whitespaces), !unit.isEmpty {
            switch PagedList(source: PagedList.unitServices(unit), client: client, journal: journal).run() {
            case .halted(let halt):
                return .halted(halt)
            case .failed(let reason, let page):
                return .unitServicesFailed(reason, page: page)
            case .complete(let items, _, _):
                services = UnitServices(unit: unit, items: items)
                outcome.unitServices = services?.rows
            }
        }

        let selectionChanged = state.map { $0.selection != scope.selectionFingerprint || $0.api != client.api.absoluteString } ?? true
        let due = rows.filter { scope.isDue($0, known: state?.procedures[$0.id], selectionChanged: selectionChanged) }
        outcome.asked = due.count
        outcome.resumedDetails = due.filter { journal.detail($0.id) != nil }.count
        let failures = DetailFetch(client: client, journal: journal, scope: scope, progress: progress)
            .run(due.filter { journal.detail($0.id) == nil }, alreadyDone: outcome.resumedDetails, total: due.count)
        if let halt = client.halt { return .halted(halt) }
        outcome.failures = failures.failed.sorted { ($0.code, $0.id) < ($1.code, $1.id) }
        outcome.unmappable = failures.unmappable.sorted()
        outcome.got = due.filter { journal.detail($0.id) != nil }.count
        if !force, due.count > 0, Double(outcome.got) < Double(due.count) * Self.minimumShare {
            return .tooFewDetails(got: outcome.got, asked: due.count)
        }

        let (unannotated, next) = assemble(rows: rows, scope: scope, due: Set(due.map(\.id)), failed: Set(outcome.failures.map(\.id)),
                                     journal: journal, state: state, previous: previous, outcome: &outcome)
        // The unit's services as listed today, on every line (last run's copies included).
        let lines = unannotated.map { UnitServices.annotate($0, with: services) }
        var bytes = Data()
        for line in lines {
            bytes.append(line)
            bytes.append(0x0A)
        }
        let fingerprint = Fingerprint.ignoringCarriageReturns(bytes)
        var newState = next
        newState.export = fingerprint
        outcome.exported = lines.count
        outcome.changed = previousBytes != bytes
        do {
            // Synced before the rename: the export is the unit's copy of the national data and the
            // next run builds on it, so a crash of the machine leaves the old file or the new, never
            // an empty one.
            journal.record(finishing: fingerprint)
            if previousBytes != bytes { try Files.replace(bytes, at: export.path, synced: true) }
            if state != newState { try Files.replace(newState.text, at: statePath.path, synced: true) }
        } catch {
            return .fileFailed(error as? FileError ?? FileError(.write, export.path, .ioError))
        }
        journal.remove()
        return .written
    }

    /// The export's lines in order (code, then id) and the state that goes with them.
    private func assemble(rows: [ListedProcedure], scope: FetchScope, due: Set<String>, failed: Set<String>, journal: FetchJournal,
                          state: FetchState?, previous: [String: (code: String, line: Data)],
                          outcome: inout FetchOutcome) -> ([Data], FetchState) {
        var next = FetchState(api: client.api.absoluteString, selection: scope.selectionFingerprint, listed: rows.count, export: "")
        var lines: [(code: String, id: String, line: Data)] = []
        var listedIDs: Set<String> = []
        for row in rows {
            listedIDs.insert(row.id)
            guard !row.isInternal else { continue }
            let known = state?.procedures[row.id]
            if let detail = journal.detail(row.id) {
                if let line = detail.line { lines.append((detail.code, row.id, line)) }
                next.procedures[row.id] = .init(code: detail.code, inScope: detail.line != nil, missing: 0, row: row.fingerprint)
            } else if let known {
                // Not asked this time, or asked and failed: last run's copy stands, and a changed row
                // keeps its old fingerprint so that it is asked for again next time.
                if known.inScope, let old = previous[row.id] {
                    lines.append((old.code, row.id, old.line))
                    if failed.contains(row.id) { outcome.keptFromBefore += 1 }
                }
                next.procedures[row.id] = .init(code: known.code, inScope: known.inScope, missing: 0,
                                                row: due.contains(row.id) ? known.row : row.fingerprint)
            }
        }
        for (id, known) in (state?.procedures ?? [:]).sorted(by: { $0.key < $1.key }) where !listedIDs.contains(id) {
            guard known.missing + 1 < 2 else {
                if known.inScope { outcome.gone.append(known.code) }
                continue
            }
            next.procedures[id] = .init(code: known.code, inScope: known.inScope, missing: known.missing + 1, row: known.row)
            if known.inScope, let old = previous[id] {
                lines.append((old.code, id, old.line))
                outcome.missingOnce.append(known.code)
            }
        }
        outcome.gone.sort()
        outcome.missingOnce.sort()
        lines.sort { ($0.code, $0.id) < ($1.code, $1.id) }
        return (lines.map(\.line), next)
    }
}
