import FileSystem
import Foundation
import Records

/// One record's three-way merge: the file, its merge base, the catalog's entry; its creation and
/// abolition.
extension CatalogSync {
    func merge(_ mapped: MappedProcedure, into file: ExistingFile?, code: String, plan: inout SyncPlan) {
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
    func settle(_ file: ExistingFile, _ record: Record, local: NationalPart, base stored: String?, catalog: NationalPart,
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
    func abolish(_ record: Record, old: String?, code: String, plan: inout SyncPlan) {
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
    func writeBase(_ text: String, code: String, old: String?, plan: inout SyncPlan) {
        if old != text { plan.writes.append(planned(Self.basePath(code), old: keepsOldTexts ? old : nil, new: text)) }
    }
}
