import FileSystem
import Foundation
import Records

/// Reading the export's entries, and knowing one met as it was last synchronized without
/// reading it (`SyncedFiles`): the key of each entry, and what it is seeded with.
extension CatalogSync {
    /// One export entry, parsed and mapped (on any core).
    struct ReadEntry {
        /// Nil for an entry known as last synchronized (`code` is then its code): not parsed.
        var result: Result<MappedProcedure, MappingFailure>?
        var code: String?
        /// The entry is not JSON at all: its position.
        var malformed: Int?
    }

    static func read(_ export: NationalExport, at index: Int) -> ReadEntry {
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
    func read(_ export: NationalExport, at index: Int, seed: UInt64?, lastSynced: [String: String],
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
    var entrySeed: UInt64 {
        let text = ["\(Self.entryReading)"] + units.map(\.selectionKey)
        return ContentHash(Array(text.joined(separator: "\n").utf8)).low
    }

    /// Raised whenever the mapping or the record writer changes what an entry becomes, so that
    /// every entry is read again at the next sync (`KnownEntryTests` holds a hash of what the
    /// fixture export becomes, and fails with this advice when it changes).
    static let entryReading = 1
}
