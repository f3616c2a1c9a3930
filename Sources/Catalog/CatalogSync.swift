import FileSystem
import Foundation
import Records

/// `tthc sync`: follows the national catalog without losing the unit's own edits (CATALOG.md,
/// "What a sync does"). A three-way merge per record, comparing canonical national parts:
/// the file as it is (local), as last imported (the merge base in `content/.dong-bo/co-so/`),
/// and as the catalog has it now.
public struct CatalogSync: Sendable {
    public var site: URL
    public var configuration: SiteConfiguration
    /// Every unit whose records this sync keeps (a province's, tinh.yml's own included): a
    /// procedure is imported when one of them publishes it. A single site: its configuration.
    public var units: [SiteConfiguration]
    /// The time this sync stamps (`nguon.dong_bo_luc`, change log), ISO 8601 with +07:00.
    public var now: String
    /// Called with (done, total) while records are planned, for a progress bar.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Keep each replaced file's old text in the plan, for `--dry-run`'s diffs; otherwise the plan
    /// does not hold a second copy of the site in memory.
    public var keepsOldTexts = false
    /// Where new texts go as soon as they are planned (a normal run), so that the plan holds
    /// paths rather than the texts of every file it will write. Nil: texts stay in the plan.
    public var staging: URL?
    /// Keep no new text at all (`--check` only needs to know what would change).
    public var discardsNewTexts = false

    /// Makes this run's staging folder inside the site (renames into place stay on one file
    /// system), locked while the process lives, after removing those of runs that are gone.
    public static func makeStaging(in site: URL) throws -> LockedFolder {
        let folders = try SiteFolders(site: site)
        let bookkeeping = try folders.resolve(bookkeepingFolder)
        try Files.makeFolder(bookkeeping)
        removeStaleStaging(in: site)
        return try LockedFolder.make(bookkeeping + "/" + stagingPrefix + "\(getpid())")
    }

    static let bookkeepingFolder = OwnPlaces.bookkeeping
    static let stagingPrefix = OwnPlaces.syncStaging

    /// Removes staging folders left by runs that were killed: only those no living process holds
    /// (a running sync's folder is locked by it, whatever its name says).
    public static func removeStaleStaging(in site: URL) {
        guard let folders = try? SiteFolders(site: site), let bookkeeping = try? folders.resolve(bookkeepingFolder),
              let names = (try? Files.listIfPresent(bookkeeping)) ?? nil else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            LockedFolder.removeIfAbandoned(bookkeeping + "/" + name)
        }
    }

    /// Every folder sync reads or writes leads where it should, inside the site, and the records
    /// folder and the bookkeeping files can be read: otherwise an `ExplainedError` (`OutsideSite`,
    /// a `FileError` with the path and cause) and nothing is planned or written.
    public func checkFolders() throws {
        // A file named `co-so` (say) where a folder of sync's belongs: every base would read as
        // "cannot be read"; told in those words rather than as the system's ENOTDIR.
        for folder in [Self.recordsFolder, Self.bookkeepingFolder, Self.baseFolder] {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: site.path + "/" + folder, isDirectory: &isFolder), !isFolder.boolValue {
                throw NotAFolder(folder: folder)
            }
        }
        let folders = try SiteFolders(site: site)
        let paths = try folders.resolve([Self.recordsFolder, Self.bookkeepingFolder, Self.baseFolder])
        // Exact names: a record whose name is not UTF-8 stops the sync here, before anything is made.
        _ = try Files.listIfPresent(paths[0], exactNames: true)
        for file in [ChangeLog.path, SyncedFiles.path] {
            _ = try folders.resolve(file)
            _ = try Files.readIfPresent(site.path + "/" + file, followingLinks: false)
        }
    }

    /// One of the folders sync keeps its state in is something else than a folder.
    public struct NotAFolder: ExplainedError, Equatable {
        public var folder: String
        public var explanation: Localized {
            Localized(vi: "\(folder) không phải là thư mục nên không đồng bộ được. Hãy đổi tên hoặc xóa mục đó (tthc tự tạo lại thư mục khi cần).",
                      en: "\(folder) is not a folder, so sync cannot run. Rename or remove it (tthc makes the folder again when needed).")
        }
    }

    /// A planned write: its text kept, staged or dropped, as this sync is set up to do.
    func planned(_ path: String, old: String?, new: String) -> SyncPlan.FileWrite {
        if discardsNewTexts { return .init(path: path, old: old, new: nil) }
        guard let staging else { return .init(path: path, old: old, new: new) }
        let target = staging.path + "/" + path
        do {
            // The folders exist in nearly every case (created once in `plan`): try the file first.
            // Staged texts need no write-then-rename each: `apply` moves them into place.
            do {
                try Files.write(new.utf8, to: target)
            } catch let error as FileError where error.isMissing {
                try Files.makeFolder(Files.split(target).folder)
                try Files.write(new.utf8, to: target)
            }
            return .init(path: path, old: old, new: nil)
        } catch {
            return .init(path: path, old: old, new: new)  // could not stage: kept, written directly (or failing there, with its cause)
        }
    }

    public init(site: URL, configuration: SiteConfiguration, now: String) {
        self.site = site
        self.configuration = configuration
        units = [configuration]
        self.now = now
    }

    static let recordsFolder = OwnPlaces.records
    static let baseFolder = OwnPlaces.mergeBases

    public static func recordPath(_ code: String) -> String { "\(recordsFolder)/\(code).md" }
    static func basePath(_ code: String) -> String { "\(baseFolder)/\(code).md" }

    // MARK: - Planning

    /// Entries parsed, mapped and merged together before the next ones are read: memory holds a
    /// batch of procedures and, per code, what its merge planned (paths, not texts), whatever the
    /// size of the export.
    public var batchSize = 512
    /// Only these codes, whatever `site.yml` selects, and nothing abolished (`tthc new --catalog`).
    public var only: Set<String>?
    /// Parse and map every entry, even one known as last synchronized (tests compare the two ways).
    public var readsEveryEntry = false

    /// How the unit settles a conflict (`tthc sync --giu-ban-don-vi CODE` / `--lay-ban-quoc-gia CODE`).
    public enum Resolution: String, Sendable {
        /// The unit's version of each conflicting field: kept as a local override, which later
        /// syncs report but do not block.
        case keepLocal
        /// The catalog's version of each conflicting field.
        case takeCatalog
    }
    /// Conflicts to settle, by code. Only conflicting fields are settled this way: a field only the
    /// catalog changed lands and a field only the unit changed stays, as in any merge.
    public var resolutions: [String: Resolution] = [:]

    /// The entry a code is synchronized from so far, and what its merge planned.
    private struct Choice {
        var index: Int
        /// Nil for an entry known as last synchronized, which was not read.
        var updatedAt: String?
        var fragment: SyncPlan
    }

    public func plan(_ export: NationalExport) -> SyncPlan {
        var plan = SyncPlan()
        if let staging {
            // Where this fails, `planned` keeps the texts in memory instead.
            for folder in [Self.recordsFolder, Self.baseFolder] { try? Files.makeFolder(staging.path + "/" + folder) }
        }
        let synced = SyncedFiles(site: site)
        let existing: [String: ExistingFile]
        do {
            existing = try existingFiles(synced)
        } catch {
            // Never taken for a site without records: every record would then be written anew.
            plan.unreadableSite = error as? FileError ?? FileError(.list, site.path + "/" + Self.recordsFolder, .ioError)
            return plan
        }
        plan.publishedBefore = existing.values.filter { $0.isNational }.count
        for file in existing.values where !file.fingerprint.isEmpty { plan.readAs[file.path] = file.fingerprint }

        // Entries met again as they were last synchronized, by key (`SyncedFiles`): none for `tthc new --catalog`.
        let seed = only == nil ? entrySeed : nil
        let lastSynced = seed == nil ? [:] : synced.codesByEntry
        var chosen: [String: Choice] = [:]
        var seen: Set<String> = []
        // Every code the export mentions, selected or not: a record whose code is absent has left the catalog.
        var mentioned: Set<String> = []
        // Codes the selection leaves out, with the reason (reported when the site has their record).
        var refused: [String: Problem] = [:]
        for start in stride(from: 0, to: export.count, by: max(1, batchSize)) {
            let batch = start..<min(start + max(1, batchSize), export.count)
            let read = Parallel.map(batch.count) { offset in
                self.read(export, at: batch.lowerBound + offset, seed: seed, lastSynced: lastSynced, existing: existing, synced: synced)
            }
            export.release(before: batch.upperBound)
            var winners: [String: (index: Int, mapped: MappedProcedure)] = [:]
            func consider(_ entry: ReadEntry, at index: Int) {
                switch entry.result {
                case nil:
                    return
                case .failure(let failure)?:
                    plan.failures.append(failure)
                case .success(let mapped)?:
                    let code = mapped.procedure.code
                    if !seen.insert(code).inserted { plan.duplicates.append(code) }
                    let asked = only.map { $0.contains(code) } ?? true
                    let refusal = selectionRefusal(of: mapped.procedure)
                    guard asked, refusal == nil else {
                        plan.notSelected += 1
                        if asked, let refusal { refused[code] = refusal }
                        return
                    }
                    if let other = winners[code] {
                        if Self.precedes(mapped, other.mapped) { return }
                    } else if let other = chosen[code], loses(mapped, to: other, in: export) {
                        return
                    }
                    winners[code] = (index, mapped)
                }
            }
            var asLastSynced: [(index: Int, code: String)] = []
            for (offset, entry) in read.enumerated() {
                if let code = entry.code { mentioned.insert(code) }
                if let malformed = entry.malformed, plan.unreadableEntry == nil { plan.unreadableEntry = malformed }
                if entry.result == nil, let code = entry.code {
                    asLastSynced.append((batch.lowerBound + offset, code))
                } else {
                    consider(entry, at: batch.lowerBound + offset)
                }
            }
            // After the entries read: one that shares its code with another is read after all, and
            // dates and texts decide between them as ever.
            for (index, code) in asLastSynced {
                if seen.contains(code) {
                    consider(Self.read(export, at: index), at: index)
                } else {
                    seen.insert(code)
                    plan.entriesKnown += 1
                    var fragment = SyncPlan()
                    fragment.unchanged.append(Self.recordPath(code))
                    chosen[code] = Choice(index: index, updatedAt: nil, fragment: fragment)
                }
            }
            guard plan.unreadableEntry == nil else { return plan }
            let codes = winners.keys.sorted(), batchWinners = winners
            let fragments = Parallel.map(codes.count) { index -> SyncPlan in
                var fragment = SyncPlan()
                merge(batchWinners[codes[index]]!.mapped, into: existing[codes[index]], code: codes[index], plan: &fragment)
                return fragment
            }
            for (code, fragment) in zip(codes, fragments) {
                let winner = winners[code]!
                chosen[code] = Choice(index: winner.index, updatedAt: winner.mapped.procedure.source?.catalogUpdatedAt ?? "",
                                      fragment: fragment)
            }
            progress?(batch.upperBound, export.count)
        }
        plan.outsideSelection = refused.keys.sorted().compactMap { code -> SyncPlan.OutsideSelection? in
            // Another entry with this code was taken; a unit's own record is not the catalog's to judge.
            guard chosen[code] == nil, let problem = refused[code] else { return nil }
            let file = existing[code]
            guard only != nil || file?.isNational == true else { return nil }
            return .init(path: Self.recordPath(code), code: code, problem: problem, hasFile: file != nil)
        }
        let gone = only != nil ? [] : existing.keys.filter { chosen[$0] == nil && !mentioned.contains($0) }.sorted()
        let abolitions = Parallel.map(gone.count) { index -> SyncPlan in
            var fragment = SyncPlan()
            let file = existing[gone[index]]!
            abolish(file.record, old: keepsOldTexts ? file.text() : nil, code: gone[index], plan: &fragment)
            return fragment
        }
        // In code order, as the change log shows them.
        var fragments = chosen.mapValues(\.fragment)
        for (code, fragment) in zip(gone, abolitions) { fragments[code] = fragment }
        fragments.keys.sorted().forEach { plan.absorb(fragments[$0]!) }
        plan.duplicates = Array(Set(plan.duplicates)).sorted()
        let settled = Set(plan.resolved.map(\.path))
        plan.unusedResolutions = resolutions.keys.filter { !settled.contains(Self.recordPath($0)) }.sorted()
        plan.failures.sort { ($0.position, $0.code ?? "") < ($1.position, $1.code ?? "") }

        var fingerprints = synced
        fingerprints.lines.merge(plan.fingerprints) { $1 }
        if fingerprints != synced {
            plan.writes.append(planned(SyncedFiles.path, old: synced.text, new: fingerprints.text))
        }
        plan.writes.sort { $0.path < $1.path }
        if !plan.deleted.isEmpty { plan.misnamed = misnamed(plan.deleted) }
        if !plan.log.isEmpty {
            let path = ChangeLog.path
            do {
                // Read, never assumed empty: a log that cannot be read must not be replaced by the new lines alone.
                let old = try Files.readIfPresent(site.path + "/" + path, followingLinks: false).map { String(decoding: $0, as: UTF8.self) }
                plan.writes.append(planned(path, old: old, new: ChangeLog.appending(plan.log, to: old ?? "")))
            } catch {
                plan.unreadableSite = error as? FileError ?? FileError(.read, site.path + "/" + path, .ioError)
            }
        }
        return plan
    }

    /// A record taken for deleted that is in fact there under a name tthc does not read, renamed by
    /// Windows or by hand (`IgnoredFile`): told as such, not as a deletion.
    func misnamed(_ deleted: [String]) -> [String: String] {
        let expected = Set(deleted.map { Files.split($0).name })
        var found: [String: String] = [:]
        for name in (try? Files.listIfPresent(site.path + "/" + Self.recordsFolder)) ?? [] where !name.hasSuffix(".md") {
            let path = Self.recordsFolder + "/" + name
            if let rename = IgnoredFile.rename(name, header: { IgnoredFile.header(path, in: site) }), expected.contains(rename) {
                found[Self.recordsFolder + "/" + rename] = name
            }
        }
        return found
    }

    /// A later entry with the code of one chosen in an earlier batch. Dates decide; on equal
    /// dates the earlier entry is read again (rare: the same code twice, updated the same day),
    /// as is one known as last synchronized, whose date was not read.
    private func loses(_ candidate: MappedProcedure, to other: Choice, in export: NationalExport) -> Bool {
        var earlier: MappedProcedure? {
            guard case .success(let mapped)? = Self.read(export, at: other.index).result else { return nil }
            return mapped
        }
        let date = candidate.procedure.source?.catalogUpdatedAt ?? ""
        let otherDate = other.updatedAt ?? earlier?.procedure.source?.catalogUpdatedAt ?? ""
        if date != otherDate { return date < otherDate }
        guard let earlier else { return false }
        return Self.precedes(candidate, earlier)
    }

    /// Between two entries with one code: the later `updatedAt` wins, then the text decides, so
    /// the result never depends on the export's order.
    public static func precedes(_ a: MappedProcedure, _ b: MappedProcedure) -> Bool {
        let dateA = a.procedure.source?.catalogUpdatedAt ?? "", dateB = b.procedure.source?.catalogUpdatedAt ?? ""
        if dateA != dateB { return dateA < dateB }
        return NationalPart(procedure: a.procedure, sections: a.sections).text
            < NationalPart(procedure: b.procedure, sections: b.sections).text
    }
}
