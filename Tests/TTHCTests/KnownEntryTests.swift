@testable import Catalog
import FileSystem
import Foundation
import Records
import Testing

/// A daily sync meets the catalog's entries as it left them: an entry whose bytes are the ones
/// the record was last synchronized from, over an untouched file and the base written then, is
/// known unchanged without being parsed (`SyncedFiles`, `CatalogSync.plan`). It must never give
/// another result than reading it would.
@Suite struct KnownEntryTests {
    let codes = ["1.000080", "1.001193", "1.115563"]
    let now = "2026-12-01T09:00:00+07:00"

    func entries() throws -> [[String: Any]] { try SyncTests().entries() }

    func sync(_ site: TemporarySite, _ export: Data, configuration: String = TemporarySite.configuration,
              readsEveryEntry: Bool = false, batchSize: Int = 512) throws -> SyncPlan {
        let (parsed, _) = SiteConfiguration.read(bytes: Array(configuration.utf8))
        var sync = CatalogSync(site: site.folder, configuration: try #require(parsed), now: now)
        sync.readsEveryEntry = readsEveryEntry
        sync.batchSize = batchSize
        let plan = sync.plan(try NationalExport(data: export))
        try sync.apply(plan)
        return plan
    }

    @Test func anEntryAsLastSynchronizedIsNotReadAgain() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let export = try SyncTests().export(try entries())
        let first = try synchronize(site, with: export)
        #expect(first.created.count == 3 && first.entriesKnown == 0)
        let lines = try site.read(SyncedFiles.path).split(separator: "\n")
        #expect(lines.map { $0.split(separator: "\t").count } == [4, 4, 4], "\(lines)")

        let again = try sync(site, export)
        #expect(again.entriesKnown == 3)
        #expect(again.unchanged.sorted() == codes.map { "content/thu-tuc/\($0).md" })
        #expect(again.writes.isEmpty && !again.hasDrift)

        // A fingerprint file of an older tthc (two fields a line): every entry is read, the lines
        // are completed, and that alone is not drift.
        try site.write(SyncedFiles.path, lines.map { $0.split(separator: "\t").prefix(2).joined(separator: "\t") + "\n" }.joined())
        let older = try sync(site, export)
        #expect(older.entriesKnown == 0 && older.unchanged.count == 3)
        #expect(older.writes.map(\.path) == [SyncedFiles.path] && !older.hasDrift)
        #expect(try site.read(SyncedFiles.path).split(separator: "\n") == lines)

        // The same lines with CRLF endings (a Windows checkout): still known.
        try site.write(SyncedFiles.path, lines.map { $0 + "\r\n" }.joined())
        #expect(try sync(site, export).entriesKnown == 3)

        // Another selection in site.yml: nothing is answered from memory.
        let changed = TemporarySite.configuration + "\n  bo: [1.115563]\n"
        let reselected = try sync(site, export, configuration: changed)
        #expect(reselected.entriesKnown == 0)
        #expect(reselected.outsideSelection.map(\.code) == ["1.115563"])
    }

    /// Each kind of change, alone (in one batch, then an entry a batch) and at random together,
    /// on a site synchronized once; then the same sync, once remembering entries and once reading
    /// every one, on two copies of the site: the same files, byte for byte, and the same report.
    @Test(arguments: 0..<30) func knownEntriesGiveWhatReadingEveryEntryGives(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        let kinds = 12, single = seed < 2 * kinds ? seed % kinds : nil
        let batchSize = seed < kinds || (single == nil && seed % 2 == 0) ? 512 : 1
        let site = try TemporarySite()
        defer { site.remove() }
        var catalog = try entries()
        try synchronize(site, with: try SyncTests().export(catalog))
        var configuration = TemporarySite.configuration
        let changes = single.map { [$0] } ?? (0..<kinds).filter { _ in random.flip() }
        for change in changes {
            let pick = Int(random.next() % 3)
            let code = codes[pick], other = codes[(pick + 2) % 3]
            let record = "content/thu-tuc/\(code).md", base = "content/.dong-bo/co-so/\(code).md"
            switch change {
            // (Changes drawn together may meet a file an earlier one removed: then they do nothing.)
            case 0:  // the unit adds its own part
                if let text = try? site.read(record) {
                    try site.write(record, text.replacingOccurrences(of: "\n---\n", with: "\ndia_phuong:\n  ghi_chu: Quầy 2\n---\n"))
                }
            case 1:  // the unit edits a national key
                if let text = try? site.read(record) { try site.write(record, text.replacingOccurrences(of: "\nten: ", with: "\nten: (xã) ")) }
            case 2:  // the catalog renames it
                catalog = SyncTests().renamed(catalog, code: code, to: "Tên mới \(seed)")
            case 3:  // its base is gone
                try? FileManager.default.removeItem(at: site.url(base))
            case 4:  // its base says something else (a merge of two branches)
                if let text = try? site.read(base) { try site.write(base, text.replacingOccurrences(of: "\nten: ", with: "\nten: Cũ ")) }
            case 5:  // its base cannot be read
                try? FileManager.default.removeItem(at: site.url(base))
                try FileManager.default.createDirectory(at: site.url(base), withIntermediateDirectories: true)
            case 6:  // the selection leaves it out
                configuration += "\n  bo: [\(code)]\n"
            case 7:  // the catalog lists it twice, the same entry
                catalog += catalog.filter { ($0["data"] as? [String: Any])?["code"] as? String == code }
            case 8:  // the catalog drops it
                catalog.removeAll { ($0["data"] as? [String: Any])?["code"] as? String == code }
            case 9:  // the unit deletes the record
                try? FileManager.default.removeItem(at: site.url(record))
            case 10, 11:  // its entry's key on another code's line: moved there (10), or on both lines (a bad merge, 11)
                var lines = try site.read(SyncedFiles.path).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
                guard let from = lines.firstIndex(where: { $0[0] == code && $0.count == 4 }),
                      let to = lines.firstIndex(where: { $0[0] == other && $0.count == 4 }) else { break }
                let key = lines[from][2]
                if change == 10 { lines[from][2] = String(repeating: "0", count: 32) }
                lines[to][2] = key
                try site.write(SyncedFiles.path, lines.map { $0.joined(separator: "\t") + "\n" }.joined())
            default:
                break
            }
        }
        let export = try SyncTests().export(catalog)
        let copy = try TemporarySite(templates: false)
        defer { copy.remove() }
        try FileManager.default.removeItem(at: copy.folder)
        try FileManager.default.copyItem(at: site.folder, to: copy.folder)

        let remembering = try sync(site, export, configuration: configuration, batchSize: batchSize)
        let reading = try sync(copy, export, configuration: configuration, readsEveryEntry: true, batchSize: batchSize)
        #expect(reading.entriesKnown == 0)
        if let single {
            // One change: the two other entries are known; none under another selection; a code listed
            // twice is known twice (then read, to let the two decide); a key on the wrong line proves
            // nothing for either code.
            let known = [6: 0, 7: 3, 10: 1, 11: 1][single] ?? 2
            #expect(remembering.entriesKnown == known, "change \(single), batch \(batchSize)")
        }
        #expect(try SyncTests().files(site) == SyncTests().files(copy), "seed \(seed), changes \(changes), batch \(batchSize)")
        for (name, part) in [("created", \SyncPlan.created), ("updated", \.updated), ("unchanged", \.unchanged), ("deleted", \.deleted),
                             ("abolished", \.abolished), ("overrides", \.overrides), ("duplicates", \.duplicates)] as [(String, KeyPath<SyncPlan, [String]>)] {
            #expect(remembering[keyPath: part].sorted() == reading[keyPath: part].sorted(), "seed \(seed), changes \(changes): \(name)")
        }
        #expect(remembering.conflicts.map(\.path) == reading.conflicts.map(\.path))
        #expect(remembering.unreadableBases.map(\.path) == reading.unreadableBases.map(\.path))
        #expect(remembering.outsideSelection.map(\.code) == reading.outsideSelection.map(\.code))
        #expect(remembering.hasDrift == reading.hasDrift && remembering.needsAttention == reading.needsAttention)
    }

    /// What an entry becomes, for every entry of the fixture exports: when this changes, what
    /// sync remembers of entries no longer holds, and `CatalogSync.entryReading` must be raised.
    @Test func whatTheEntriesBecomeIsTheReadingItsNumberNames() throws {
        var texts = ""
        for name in ["export-sample.json", "hostile/exports/code-not-text.json", "hostile/exports/wrong-types.json"] {
            let export = try NationalExport(data: try Data(contentsOf: Repository.fixture(name)))
            for entry in export.entries {
                guard let data = entry.data else { texts += "unreadable \(entry.position)\n"; continue }
                switch CatalogMapping.map(data, position: entry.position).flatMap({ CatalogSync.createdRecord($0, at: now) }) {
                case .success(let text): texts += text
                case .failure(let failure): texts += "\(failure.reason.en)\n"
                }
            }
        }
        let hash = ContentHash(Array(texts.utf8)).description
        #expect(CatalogSync.entryReading == 1 && hash == "75e853602318c12ff73cae7db56daf9f",
                """
                What the catalog's entries become has changed (hash \(hash)): raise `CatalogSync.entryReading` \
                and write the new number and hash here, so that every site's next sync reads every entry again.
                """)
    }
}
