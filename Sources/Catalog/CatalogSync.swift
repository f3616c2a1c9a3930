import Foundation
import Records

/// `tthc sync`: follows the national catalog without losing the unit's own edits (CATALOG.md,
/// "What a sync does"). A three-way merge per record, comparing canonical national parts:
/// the file as it is (local), as last imported (the merge base in `content/.dong-bo/co-so/`),
/// and as the catalog has it now.
public struct CatalogSync: Sendable {
    public var site: URL
    public var configuration: SiteConfiguration
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

    /// A staging folder inside the site (renames into place stay on one file system).
    public static func stagingFolder(for site: URL) -> URL {
        site.appendingPathComponent("content/.dong-bo/.dang-ghi-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Removes staging folders left by runs that were killed (one sync at a time per site).
    public static func removeStaleStaging(in site: URL) {
        let folder = site.appendingPathComponent("content/.dong-bo")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(".dang-ghi-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// A planned write: its text kept, staged or dropped, as this sync is set up to do.
    private func planned(_ path: String, old: String?, new: String) -> SyncPlan.FileWrite {
        if discardsNewTexts { return .init(path: path, old: old, new: nil) }
        guard let staging else { return .init(path: path, old: old, new: new) }
        let url = staging.appendingPathComponent(path)
        do {
            // The folders exist in nearly every case (created once in `plan`): try the file first.
            // Staged texts need no write-then-rename each: `apply` moves them into place.
            if !PlainFile.write(Data(new.utf8), toPath: url.path) {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard PlainFile.write(Data(new.utf8), toPath: url.path) else { throw CocoaError(.fileWriteUnknown) }
            }
            return .init(path: path, old: old, new: nil)
        } catch {
            return .init(path: path, old: old, new: new)  // could not stage: kept, written directly
        }
    }

    public init(site: URL, configuration: SiteConfiguration, now: String) {
        self.site = site
        self.configuration = configuration
        self.now = now
    }

    static let recordsFolder = "content/thu-tuc"
    static let baseFolder = "content/.dong-bo/co-so"

    static func recordPath(_ code: String) -> String { "\(recordsFolder)/\(code).md" }
    static func basePath(_ code: String) -> String { "\(baseFolder)/\(code).md" }

    // MARK: - Planning

    /// Entries parsed, mapped and merged together before the next ones are read: memory holds a
    /// batch of procedures and, per code, what its merge planned (paths, not texts), whatever the
    /// size of the export.
    public var batchSize = 512
    /// Only these codes, whatever `site.yml` selects, and nothing abolished (`tthc new --catalog`).
    public var only: Set<String>?

    /// The entry a code is synchronized from so far, and what its merge planned.
    private struct Choice {
        var index: Int
        var updatedAt: String
        var fragment: SyncPlan
    }

    public func plan(_ export: NationalExport) -> SyncPlan {
        var plan = SyncPlan()
        if let staging {
            for folder in [Self.recordsFolder, Self.baseFolder] {
                try? FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        }
        let synced = SyncedFiles(site: site)
        let existing = existingFiles(synced)
        plan.publishedBefore = existing.values.filter { $0.isNational }.count

        var chosen: [String: Choice] = [:]
        var seen: Set<String> = []
        // Every code the export mentions, selected or not: a record whose code is absent has left the catalog.
        var mentioned: Set<String> = []
        for start in stride(from: 0, to: export.count, by: max(1, batchSize)) {
            let batch = start..<min(start + max(1, batchSize), export.count)
            let read = Parallel.map(batch.count) { offset in Self.read(export, at: batch.lowerBound + offset) }
            export.release(before: batch.upperBound)
            var winners: [String: (index: Int, mapped: MappedProcedure)] = [:]
            for (offset, entry) in read.enumerated() {
                if let code = entry.code { mentioned.insert(code) }
                if let malformed = entry.malformed, plan.unreadableEntry == nil { plan.unreadableEntry = malformed }
                switch entry.result {
                case .failure(let failure):
                    plan.failures.append(failure)
                case .success(let mapped):
                    let code = mapped.procedure.code
                    if !seen.insert(code).inserted { plan.duplicates.append(code) }
                    let wanted = only.map { $0.contains(code) } ?? configuration.publishes(mapped.procedure)
                    guard wanted else { plan.notSelected += 1; continue }
                    if let other = winners[code] {
                        if Self.precedes(mapped, other.mapped) { continue }
                    } else if let other = chosen[code], loses(mapped, to: other, in: export) {
                        continue
                    }
                    winners[code] = (batch.lowerBound + offset, mapped)
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
        plan.failures.sort { ($0.position, $0.code ?? "") < ($1.position, $1.code ?? "") }

        var fingerprints = synced
        fingerprints.fingerprints.merge(plan.fingerprints) { $1 }
        if fingerprints != synced {
            plan.writes.append(planned(SyncedFiles.path, old: synced.text, new: fingerprints.text))
        }
        plan.writes.sort { $0.path < $1.path }
        if !plan.log.isEmpty {
            let path = ChangeLog.path
            let old = FileManager.default.contents(atPath: site.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
            plan.writes.append(planned(path, old: old, new: ChangeLog.appending(plan.log, to: site)))
        }
        return plan
    }

    /// One export entry, parsed and mapped (on any core).
    private struct ReadEntry {
        var result: Result<MappedProcedure, MappingFailure>
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

    /// A later entry with the code of one chosen in an earlier batch. Dates decide; on equal
    /// dates the earlier entry is read again (rare: the same code twice, updated the same day).
    private func loses(_ candidate: MappedProcedure, to other: Choice, in export: NationalExport) -> Bool {
        let date = candidate.procedure.source?.catalogUpdatedAt ?? ""
        if date != other.updatedAt { return date < other.updatedAt }
        guard case .success(let earlier) = Self.read(export, at: other.index).result else { return false }
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
    private func existingFiles(_ synced: SyncedFiles) -> [String: ExistingFile] {
        let folder = site.appendingPathComponent(Self.recordsFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
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
            if let known = synced.fingerprints[stem], known == fingerprint {
                return ExistingFile(path: path, url: url, fingerprint: fingerprint, parsed: nil, untouched: true)
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

    /// The merge base is stored as the national part's comparison text (no time stamps): it is
    /// compared as text, never parsed, and changes only when the procedure does.
    private func base(_ code: String) -> String? {
        FileManager.default.contents(atPath: site.appendingPathComponent(Self.basePath(code)).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - One record

    private func merge(_ mapped: MappedProcedure, into file: ExistingFile?, code: String, plan: inout SyncPlan) {
        let path = Self.recordPath(code)
        var catalog = NationalPart(procedure: mapped.procedure, sections: mapped.sections)
        guard let file else {
            catalog.procedure.source?.synchronizedAt = now
            let (text, comparisonText) = catalog.texts
            plan.writes.append(planned(path, old: nil, new: text))
            writeBase(comparisonText, code: code, old: base(code), plan: &plan)
            plan.fingerprints[code] = SyncedFiles.fingerprint(text.utf8)
            plan.created.append(path)
            plan.log.append(.init(date: now, code: code, kind: .created))
            return
        }
        let catalogKey = catalog.comparisonText
        let stored = base(code)
        if file.untouched, let stored, stored == catalogKey {
            plan.unchanged.append(path)  // untouched here, unchanged there: nothing to parse
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
        // With no merge base yet (a site imported before bases existed), the file is taken as the base.
        let baseKey = stored ?? localKey
        if localKey == baseKey {
            if catalogKey == baseKey {
                plan.unchanged.append(path)
                if stored == nil { writeBase(localKey, code: code, old: nil, plan: &plan) }
                plan.fingerprints[code] = file.fingerprint
                return
            }
            catalog.procedure.source?.synchronizedAt = now
            let spliced = RecordSplice.text(catalog, keepingLocalPartsOf: record)
            plan.writes.append(planned(path, old: old, new: spliced))
            plan.fingerprints[code] = SyncedFiles.fingerprint(spliced.utf8)
            writeBase(catalogKey, code: code, old: stored, plan: &plan)
            plan.updated.append(path)
            plan.log.append(.init(date: now, code: code, kind: .updated))
        } else if catalogKey == baseKey {
            plan.overrides.append(path)
        } else if catalogKey == localKey {
            // Edited here exactly as the catalog then changed: nothing to merge, the base catches up.
            plan.unchanged.append(path)
            writeBase(catalogKey, code: code, old: stored, plan: &plan)
            plan.fingerprints[code] = file.fingerprint
        } else {
            let fields = local.differences(from: catalog).map {
                SyncPlan.Conflict.Field(key: $0, local: local.shown($0), catalog: catalog.shown($0))
            }
            plan.conflicts.append(.init(path: path, fields: fields))
        }
    }

    /// A record whose procedure is no longer in the catalog: abolished with the date, never
    /// deleted, so that its URL (on printed forms and QR codes) keeps answering.
    private func abolish(_ record: Record, old: String?, code: String, plan: inout SyncPlan) {
        guard var procedure = record.procedure, procedure.source?.system == .national,
              procedure.status != .abolished else { return }
        let path = Self.recordPath(code)
        procedure.status = .abolished
        procedure.abolishedDate = String(now.prefix(10))
        procedure.source?.synchronizedAt = now
        let part = NationalPart(procedure: procedure, sections: record.body.sections)
        let spliced = RecordSplice.text(part, keepingLocalPartsOf: record)
        plan.writes.append(planned(path, old: old, new: spliced))
        plan.fingerprints[code] = SyncedFiles.fingerprint(spliced.utf8)
        writeBase(part.comparisonText, code: code, old: base(code), plan: &plan)
        plan.abolished.append(path)
        plan.log.append(.init(date: now, code: code, kind: .abolished))
    }

    /// `old` is the stored base, already read by the caller.
    private func writeBase(_ text: String, code: String, old: String?, plan: inout SyncPlan) {
        if old != text { plan.writes.append(planned(Self.basePath(code), old: keepsOldTexts ? old : nil, new: text)) }
    }

    // MARK: - Applying

    /// Writes every planned file, each replaced atomically. Record files first, then merge bases,
    /// then the log: a run interrupted in between leaves records that the next run recognizes as
    /// already synchronized (local equals catalog) and whose bases it then completes.
    public func apply(_ plan: SyncPlan) throws {
        for folder in Set(plan.writes.map { ($0.path as NSString).deletingLastPathComponent }) {
            try FileManager.default.createDirectory(at: site.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Within each stage files are independent: written on all cores.
        for stage in 0...2 {
            let writes = plan.writes.filter { order($0.path).0 == stage }
            let failures = Parallel.map(writes.count) { index -> String? in
                let write = writes[index], target = site.appendingPathComponent(write.path)
                do {
                    if let text = write.new {
                        try AtomicFile.write(text, to: target)
                    } else if let staging {
                        // Staged while planning: moved into place by one rename, old or new, never half.
                        guard rename(staging.appendingPathComponent(write.path).path, target.path) == 0 else {
                            throw CocoaError(.fileWriteUnknown)
                        }
                    }
                    return nil
                } catch {
                    return "\(writes[index].path): \(error.localizedDescription)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
        }
    }

    private func order(_ path: String) -> (Int, String) {
        if path.hasPrefix(Self.recordsFolder) { return (0, path) }
        if path.hasPrefix(Self.baseFolder) { return (1, path) }
        return (2, path)
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
