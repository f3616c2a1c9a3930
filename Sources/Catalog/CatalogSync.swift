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
    private func planned(_ path: String, old: String?, new: String) -> SyncPlan.FileWrite {
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
    private func misnamed(_ deleted: [String]) -> [String: String] {
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

    /// One export entry, parsed and mapped (on any core).
    private struct ReadEntry {
        /// Nil for an entry known as last synchronized (`code` is then its code): not parsed.
        var result: Result<MappedProcedure, MappingFailure>?
        var code: String?
        /// The entry is not JSON at all: its position.
        var malformed: Int?
    }

    private static func read(_ export: NationalExport, at index: Int) -> ReadEntry {
        let entry = export.entry(at: index)
        let code = (entry.data?["code"] as? String)?.trimmingWhitespace()
        guard let data = entry.data else {
            let failure = MappingFailure(code: nil, position: entry.position,
                                         reason: Localized(vi: entry.problem ?? "", en: entry.problem ?? ""))
            return ReadEntry(result: .failure(failure), code: nil, malformed: entry.malformed ? entry.position : nil)
        }
        return ReadEntry(result: CatalogMapping.map(data, position: entry.position), code: code)
    }

    /// The entry at `index`, unless it is the one its code was last synchronized from, its file
    /// untouched since, over the base written then: then the merge would find all three equal,
    /// and the entry is not parsed, mapped or written out to be compared.
    private func read(_ export: NationalExport, at index: Int, seed: UInt64?, lastSynced: [String: String],
                      existing: [String: ExistingFile], synced: SyncedFiles) -> ReadEntry {
        guard let seed else { return Self.read(export, at: index) }
        let key = export.key(at: index, seed: seed).description
        if !readsEveryEntry, let code = lastSynced[key], let file = existing[code], file.untouched, let source = synced.lines[code]?.source,
           case .text(let base) = MergeBase.read(code: code, in: site), SyncedFiles.check(code: code, entry: key, base: base) == source.check {
            return ReadEntry(result: nil, code: code)
        }
        var entry = Self.read(export, at: index)
        if case .success(var mapped)? = entry.result {
            mapped.entryKey = key
            entry.result = .success(mapped)
        }
        return entry
    }

    /// What an entry's key is seeded with: what sync remembers of entries holds for the same
    /// reading of them (`entryReading`) and the same selection only.
    private var entrySeed: UInt64 {
        let text = ["\(Self.entryReading)"] + units.map(\.selectionKey)
        return ContentHash(Array(text.joined(separator: "\n").utf8)).low
    }

    /// Raised whenever the mapping or the record writer changes what an entry becomes, so that
    /// every entry is read again at the next sync (`KnownEntryTests` holds a hash of what the
    /// fixture export becomes, and fails with this advice when it changes).
    static let entryReading = 1

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

    /// A record file as found: parsed, or, when its fingerprint shows it untouched since the last
    /// sync, only read (parsed later if the catalog changed it).
    struct ExistingFile: Sendable {
        var path: String
        var url: URL
        var fingerprint: String
        var parsed: Record?
        /// Its national part is known to equal the merge base.
        var untouched: Bool
        /// What the fingerprint file says of the entry it was last synchronized from (`SyncedFiles.Line.source`).
        var source: (entry: String, check: String)?

        /// The text as on disk, read again when needed rather than kept for every file.
        func text() -> String {
            FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        var record: Record { parsed ?? Record.read(bytes: Array(text().utf8), path: path) }

        /// Published from the catalog (sync only ever fingerprints files it imported).
        var isNational: Bool { untouched || parsed?.procedure?.source?.system == .national }
    }

    /// Every record file of the site by the code it stands for. A file whose front matter cannot
    /// be read stands for the code in its name: it must block that code, never be taken for a
    /// missing record and overwritten. A file filed under another name claims its own code.
    private func existingFiles(_ synced: SyncedFiles) throws -> [String: ExistingFile] {
        let folder = site.appendingPathComponent(Self.recordsFolder)
        // Exact names: a file whose name is not UTF-8 stops the sync before anything is written.
        let names = (try Files.listIfPresent(folder.path, exactNames: true) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        let files = Parallel.map(names.count) { index -> ExistingFile in
            let path = "\(Self.recordsFolder)/\(names[index])"
            let url = folder.appendingPathComponent(names[index])
            let bytes: [UInt8]
            switch RecordFile.read(path, in: site) {
            case .bytes(let data): bytes = data
            case .refused(let problem):
                // Never read, so never overwritten: the file blocks its code and is reported.
                return ExistingFile(path: path, url: url, fingerprint: "", parsed: .refused(path: path, problem), untouched: false)
            }
            let stem = String(names[index].dropLast(3))
            let fingerprint = SyncedFiles.fingerprint(bytes)
            if let known = synced.lines[stem], known.fingerprint == fingerprint {
                return ExistingFile(path: path, url: url, fingerprint: fingerprint, parsed: nil, untouched: true, source: known.source)
            }
            return ExistingFile(path: path, url: url, fingerprint: fingerprint,
                                parsed: Record.read(bytes: bytes, path: path), untouched: false)
        }
        var existing: [String: ExistingFile] = [:]
        for (name, var file) in zip(names, files) {
            let stem = String(name.dropLast(3))
            if let code = file.parsed?.code, code != stem {
                // Filed under another name: its code is taken, and sync cannot write it safely.
                file.parsed?.procedure = nil
                existing[code] = file
            }
            existing[stem] = file
        }
        return existing
    }

    // MARK: - One record

    private func merge(_ mapped: MappedProcedure, into file: ExistingFile?, code: String, plan: inout SyncPlan) {
        let path = Self.recordPath(code)
        guard mapped.problems.isEmpty else {
            // A value sync cannot write as the catalog means it: nothing of the record is written.
            plan.failures.append(MappingFailure(code: code, position: mapped.position, reason: mapped.problemText))
            return
        }
        var catalog = NationalPart(procedure: mapped.procedure, sections: mapped.sections)
        let base = MergeBase.read(code: code, in: site)
        if case .unreadable(let problem) = base {
            plan.unreadableBases.append(.init(code: code, path: Self.basePath(code), problem: problem))
            return
        }
        let stored = base.text
        // What the fingerprint file keeps of a record whose national part, base and catalog agree.
        func line(_ fingerprint: String, base: String) -> SyncedFiles.Line {
            .init(fingerprint: fingerprint, source: mapped.entryKey.map { ($0, SyncedFiles.check(code: code, entry: $0, base: base)) })
        }
        guard let file else {
            // A base without its file: the unit deleted the record. Brought back only when asked.
            if stored != nil, only == nil {
                plan.deleted.append(path)
                return
            }
            let (text, comparisonText) = Self.createdTexts(catalog, at: now)
            if let problem = Self.limitProblem(text, path: path) {
                plan.failures.append(MappingFailure(code: code, position: mapped.position, reason: problem))
                return
            }
            plan.writes.append(planned(path, old: nil, new: text))
            writeBase(comparisonText, code: code, old: stored, plan: &plan)
            plan.fingerprints[code] = line(SyncedFiles.fingerprint(text.utf8), base: comparisonText)
            if stored == nil {
                plan.created.append(path)
                plan.log.append(.init(date: now, code: code, kind: .created, version: SyncedFiles.fingerprint(comparisonText.utf8)))
            } else {
                plan.restored.append(path)
                plan.log.append(.init(date: now, code: code, kind: .restored, version: SyncedFiles.fingerprint(comparisonText.utf8)))
            }
            return
        }
        let catalogKey = catalog.comparisonText
        if file.untouched, let stored, stored == catalogKey {
            plan.unchanged.append(path)  // untouched here, unchanged there: nothing to parse
            // Written down where the line says nothing or something else (a site an older tthc
            // synchronized, a line mended by hand), so that the entry is known next time.
            if mapped.entryKey != nil {
                let remembered = line(file.fingerprint, base: stored)
                if remembered.source?.entry != file.source?.entry || remembered.source?.check != file.source?.check {
                    plan.fingerprints[code] = remembered
                }
            }
            return
        }
        let record = file.record
        let old = keepsOldTexts ? file.text() : nil
        guard record.procedure != nil else {
            plan.blocked.append(.init(path: record.path, diagnostics: record.diagnostics.filter {
                $0.severity == .error || $0.problem.code == .fileNameMismatch
            }))
            return
        }
        guard record.procedure?.source?.system == .national else {
            plan.localRecords.append(path)
            return
        }
        let local = NationalPart(record)
        let localKey = local.comparisonText
        // Without a merge base, only the fingerprint of what sync last wrote proves the file
        // untouched; otherwise a file that differs from the catalog may hold the unit's edits.
        guard let baseKey = stored ?? (file.untouched ? localKey : nil) else {
            if catalogKey == localKey {
                plan.unchanged.append(path)
                writeBase(catalogKey, code: code, old: nil, plan: &plan)
                plan.fingerprints[code] = line(file.fingerprint, base: catalogKey)
            } else {
                settle(file, record, local: local, base: nil, catalog: catalog, mapped: mapped, old: old, plan: &plan)
            }
            return
        }
        if localKey == baseKey {
            if catalogKey == baseKey {
                plan.unchanged.append(path)
                if stored == nil { writeBase(localKey, code: code, old: nil, plan: &plan) }
                plan.fingerprints[code] = line(file.fingerprint, base: catalogKey)
                return
            }
            catalog.procedure.source?.synchronizedAt = now
            let spliced = RecordSplice.text(catalog, keepingLocalPartsOf: record)
            if let problem = Self.limitProblem(spliced, path: path) {
                plan.failures.append(MappingFailure(code: code, position: mapped.position, reason: problem))
                return
            }
            plan.writes.append(planned(path, old: old, new: spliced))
            plan.fingerprints[code] = line(SyncedFiles.fingerprint(spliced.utf8), base: catalogKey)
            writeBase(catalogKey, code: code, old: stored, plan: &plan)
            plan.updated.append(path)
            plan.log.append(.init(date: now, code: code, kind: .updated, version: SyncedFiles.fingerprint(catalogKey.utf8)))
        } else if catalogKey == baseKey {
            plan.overrides.append(path)
            plan.overriddenFields[path] = local.differences(from: catalog)
        } else if catalogKey == localKey {
            // Edited here exactly as the catalog then changed: nothing to merge, the base catches up.
            plan.unchanged.append(path)
            writeBase(catalogKey, code: code, old: stored, plan: &plan)
            plan.fingerprints[code] = line(file.fingerprint, base: catalogKey)
        } else {
            settle(file, record, local: local, base: stored, catalog: catalog, mapped: mapped, old: old, plan: &plan)
        }
    }

    /// Both the file and the catalog differ from the merge base (or there is no base): each field
    /// decides (`FieldMerge`). Fields changed on one side only are merged and the record written;
    /// a field changed on both sides leaves the file alone as a conflict, unless the unit said
    /// which version to keep.
    private func settle(_ file: ExistingFile, _ record: Record, local: NationalPart, base stored: String?, catalog: NationalPart,
                        mapped: MappedProcedure, old: String?, plan: inout SyncPlan) {
        let code = catalog.procedure.code, path = Self.recordPath(code)
        let localFields = local.fieldTexts, catalogFields = catalog.fieldTexts
        // The base as fields: nil when there is none, or when it no longer reads as a record.
        let baseFields = stored.flatMap { text in
            let base = Record.read(bytes: Array(text.utf8), path: Self.basePath(code))
            return base.procedure == nil ? nil : NationalPart(base).fieldTexts
        }
        let fields = FieldMerge(local: localFields, base: baseFields, catalog: catalogFields)
        let resolution = fields.conflicts.isEmpty ? .keepLocal : resolutions[code]
        func conflict() {
            let lines = Self.fieldLines(fields.conflicts, in: file.text(), record: record)
            plan.conflicts.append(SyncPlan.Conflict(
                path: path, code: code, basePath: Self.basePath(code),
                fields: fields.conflicts.map { key in
                    .init(key: key, line: lines[key], local: localFields[key], base: baseFields?[key], catalog: catalogFields[key])
                },
                withoutBase: baseFields == nil))
        }
        guard let resolution, var merged = catalog.taking(fields.localFields(resolving: resolution), from: local) else {
            conflict()
            return
        }
        let kept = NationalPart.fieldKeys.filter(fields.localFields(resolving: resolution).contains)
        if merged.comparisonText != local.comparisonText {
            merged.procedure.source?.synchronizedAt = now
            let spliced = RecordSplice.text(merged, keepingLocalPartsOf: record)
            if let problem = Self.problem(ofWriting: spliced, path: path) {
                plan.failures.append(MappingFailure(code: code, position: mapped.position, reason: problem))
                return
            }
            plan.writes.append(planned(path, old: old, new: spliced))
            if kept.isEmpty {
                let catalogKey = catalog.comparisonText
                plan.fingerprints[code] = .init(fingerprint: SyncedFiles.fingerprint(spliced.utf8),
                                                source: mapped.entryKey.map { ($0, SyncedFiles.check(code: code, entry: $0, base: catalogKey)) })
            }
            plan.updated.append(path)
            plan.log.append(.init(date: now, code: code, kind: .updated, version: SyncedFiles.fingerprint(catalog.comparisonText.utf8)))
        }
        writeBase(catalog.comparisonText, code: code, old: stored, plan: &plan)
        if !kept.isEmpty {
            plan.overrides.append(path)
            plan.overriddenFields[path] = kept
        }
        if !fields.conflicts.isEmpty {
            plan.resolved.append(.init(path: path, resolution: resolution, fields: fields.conflicts))
        }
    }

    /// The line each field is written on in a record file: a key at the start of a front-matter
    /// line, a section at its heading.
    static func fieldLines(_ keys: [String], in text: String, record: Record) -> [String: Int] {
        var lines: [String: Int] = [:]
        for key in keys where key.hasPrefix("## ") {
            lines[key] = record.body.sections.first { $0.title == String(key.dropFirst(3)) }?.line
        }
        let wanted = Set(keys.filter { !$0.hasPrefix("## ") })
        // Split on bytes: a CRLF file's "\r\n" is one Character, and would not split on "\n".
        for (index, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated().dropFirst() {
            let line = String(decoding: bytes, as: UTF8.self)
            if line == "---" || line == "---\r" { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            if wanted.contains(key), lines[key] == nil { lines[key] = index + 1 }
        }
        return lines
    }

    /// The text of a record sync creates from the catalog, and its merge base.
    static func createdTexts(_ part: NationalPart, at now: String) -> (text: String, comparisonText: String) {
        var part = part
        part.procedure.source?.synchronizedAt = now
        return part.texts
    }

    /// The record file sync would create for `mapped` at `now`, or why it would write none:
    /// what `SyncProperty` (the fuzz target's and the tests' check) reads back as `tthc check` does.
    public static func createdRecord(_ mapped: MappedProcedure, at now: String) -> Result<String, MappingFailure> {
        let code = mapped.procedure.code
        guard mapped.problems.isEmpty else {
            return .failure(MappingFailure(code: code, position: mapped.position, reason: mapped.problemText))
        }
        let text = createdTexts(NationalPart(procedure: mapped.procedure, sections: mapped.sections), at: now).text
        if let problem = limitProblem(text, path: recordPath(code)) {
            return .failure(MappingFailure(code: code, position: mapped.position, reason: problem))
        }
        return .success(text)
    }

    /// A record whose procedure is no longer in the catalog: abolished with the date, never
    /// deleted, so that its URL (on printed forms and QR codes) keeps answering.
    private func abolish(_ record: Record, old: String?, code: String, plan: inout SyncPlan) {
        guard var procedure = record.procedure, procedure.source?.system == .national,
              procedure.status != .abolished else { return }
        let path = Self.recordPath(code)
        let base = MergeBase.read(code: code, in: site)
        if case .unreadable(let problem) = base {
            plan.unreadableBases.append(.init(code: code, path: Self.basePath(code), problem: problem))
            return
        }
        // The catalog only drops a procedure: when it was abolished is not known, so no
        // `ngay_bai_bo` is made up. `dong_bo_luc` says when this site noticed, and the page says so.
        procedure.status = .abolished
        procedure.source?.synchronizedAt = now
        let part = NationalPart(procedure: procedure, sections: record.body.sections)
        let spliced = RecordSplice.text(part, keepingLocalPartsOf: record)
        if Self.limitProblem(spliced, path: path) != nil {
            // A few bytes more than the file had (the date of abolition) can cross a limit: reported, the file left alone.
            plan.blocked.append(.init(path: path, diagnostics: Record.read(bytes: Array(spliced.utf8), path: path).diagnostics
                .filter { $0.severity == .error }))
            return
        }
        plan.writes.append(planned(path, old: old, new: spliced))
        plan.fingerprints[code] = .init(fingerprint: SyncedFiles.fingerprint(spliced.utf8))
        writeBase(part.comparisonText, code: code, old: base.text, plan: &plan)
        plan.abolished.append(path)
        plan.log.append(.init(date: now, code: code, kind: .abolished, version: SyncedFiles.fingerprint(part.comparisonText.utf8)))
    }

    /// `old` is the stored base, already read by the caller.
    private func writeBase(_ text: String, code: String, old: String?, plan: inout SyncPlan) {
        if old != text { plan.writes.append(planned(Self.basePath(code), old: keepsOldTexts ? old : nil, new: text)) }
    }

    // MARK: - Applying

    /// Writes every planned file, each replaced atomically. The change log first, then record
    /// files, then merge bases, then the fingerprints. A run stopped after the log plans the same
    /// changes again and the log takes each once (`ChangeLog.appending`); one stopped after a
    /// record finds it equal to the catalog and completes its base. Written last, the log would
    /// lose its lines: the next run sees nothing left to do (a log that could not be written).
    ///
    /// Nothing is written until every folder written into exists and may be written: a folder
    /// that cannot take its files fails the run before any record changes. Each planned file's
    /// own path was read while planning (a base that could not be read is not in the plan).
    public func apply(_ plan: SyncPlan) throws {
        if let unreadableSite = plan.unreadableSite { throw unreadableSite }
        try checkFolders()
        let folders = Set(plan.writes.map { Files.split($0.path).folder }).sorted()
        for folder in folders {
            try Files.makeFolder(site.path + "/" + folder)
        }
        if let folder = folders.first(where: { access(site.path + "/" + $0, W_OK | X_OK) != 0 }) {
            throw FileError.last(.write, site.path + "/" + folder)
        }
        // A record saved meanwhile stops the run before anything is written; checked again just
        // before each record is replaced, since the clerk's own editor (unlike tthc serve) takes no lock.
        if let edited = plan.writes.first(where: { order($0.path).0 == 1 && !isAsRead($0.path, in: plan) }) {
            throw FileError(.write, site.path + "/" + edited.path, .changedMeanwhile)
        }
        // Within each stage files are independent: written on all cores.
        for stage in 0...3 {
            let writes = plan.writes.filter { order($0.path).0 == stage }
            let failures = Parallel.map(writes.count) { index -> Error? in
                let write = writes[index], target = site.path + "/" + write.path
                do {
                    if stage == 1, !isAsRead(write.path, in: plan) { throw FileError(.write, target, .changedMeanwhile) }
                    if let text = write.new {
                        try Files.replace(text.utf8, at: target)
                    } else if let staging {
                        // Staged while planning: moved into place by one rename, old or new, never half.
                        try Files.move(staging.path + "/" + write.path, to: target)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
        }
    }

    /// The record at `path` holds the bytes planning read, or is still absent as it was then.
    private func isAsRead(_ path: String, in plan: SyncPlan) -> Bool {
        FileManager.default.contents(atPath: site.path + "/" + path).map { SyncedFiles.fingerprint($0) } == plan.readAs[path]
    }

    private func order(_ path: String) -> (Int, String) {
        if path == ChangeLog.path { return (0, path) }
        if path.hasPrefix(Self.recordsFolder) { return (1, path) }
        if path.hasPrefix(Self.baseFolder) { return (2, path) }
        return (3, path)
    }
}

/// Counts finished records for the progress bar, from any thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
