import Catalog
import FileSystem
import Foundation
import Records

/// Records as read, kept between builds of one `tthc serve`: a file whose bytes did not change is
/// not parsed again, so a save on a large site re-reads one record, not all of them. In a
/// province the pool's outlines (what cmark finds in each body) are kept the same way, and each
/// record's fingerprint tells which units a change touches (`ProvincePreview`).
public final class RecordCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// A class: looking an entry up copies a reference, where a struct copied its record (every
    /// text of it retained) at each of the lookups a save makes per record.
    private final class Entry {
        let hash: ContentHash
        let count: Int
        let record: Record
        var outline: RecordOutline?
        /// `SyncedFiles.fingerprint` of the bytes, once asked for.
        var syncFingerprint: String?
        /// The record as the last build took it from these bytes (checked against the sync's
        /// bookkeeping, trimmed): what a file vouched for as unchanged is taken as, unread.
        var built: Record?
        /// The procedure's name as it sorts (`VietnameseSortKey`), and the name: planning the site
        /// sorts every name again, and at 10,000 procedures making the keys was an eighth of a save
        /// (and keeping them by name, hashing each name, a sixteenth).
        var sortKey: (name: String, key: VietnameseSortKey)?

        init(hash: ContentHash, count: Int, record: Record) {
            self.hash = hash
            self.count = count
            self.record = record
        }
    }

    /// Files the caller vouches are as they were when last read (`vouch`).
    private var unchanged: Set<String> = []

    /// The change log last parsed, by its bytes' hash.
    private var changeLog: (hash: ContentHash, count: Int, log: ChangeLog)?

    public init() {}

    /// The record of these bytes, and their hash (for `syncFingerprint`).
    func record(path: String, bytes: [UInt8]) -> (record: Record, hash: ContentHash) {
        let hash = ContentHash(bytes)
        lock.lock()
        if let cached = entries[path], cached.hash == hash, cached.count == bytes.count {
            lock.unlock()
            return (cached.record, hash)
        }
        lock.unlock()
        let record = Record.read(bytes: bytes, path: path)
        lock.lock()
        entries[path] = Entry(hash: hash, count: bytes.count, record: record)
        lock.unlock()
        return (record, hash)
    }

    /// Tells which record files (site-relative paths) are, byte for byte, as the last build read
    /// them, and nothing else it read from changed: `tthc serve` knows by their stamps
    /// (`InputStamps.unchangedRecords`). The next build takes those as the last one took them,
    /// without reading them again (at 10,000 procedures reading and hashing every file was a third
    /// of a save's rebuild); the builds after it read everything, unless vouched for again.
    public func vouch(unchanged paths: Set<String>) {
        lock.withLock { unchanged = paths }
    }

    /// What was vouched for the build that asks, no longer vouched for any other.
    func takeVouched() -> Set<String> {
        lock.withLock {
            defer { unchanged = [] }
            return unchanged
        }
    }

    /// The record the last build took from the file at `path`.
    func builtRecord(path: String) -> Record? {
        lock.withLock { entries[path]?.built }
    }

    /// Keeps the record a build took from the bytes of `hash` (those of the entry, or none is kept).
    func keep(built record: Record, path: String, hash: ContentHash) {
        lock.withLock {
            if let entry = entries[path], entry.hash == hash { entry.built = record }
        }
    }

    /// The bytes last read at `path`, as a number (nil when the file was not read through the cache).
    func fingerprint(_ path: String) -> Int? {
        lock.withLock { entries[path].map { Int(truncatingIfNeeded: $0.hash.low) ^ $0.count } }
    }

    /// The outline of a record read through the cache, parsed once for as long as its bytes stay.
    func outline(of record: Record) -> RecordOutline {
        if let kept = lock.withLock({ entries[record.path]?.outline }) { return kept }
        let outline = RecordOutline(parsing: record)
        lock.withLock {
            // Kept only for the entry the record came from: a file read anew since gets its own. (The
            // build drops each body's source, not its sections: those are what the outline is of.)
            if let entry = entries[record.path], entry.record.body.sections.map(\.markdown) == record.body.sections.map(\.markdown) {
                entry.outline = outline
            }
        }
        return outline
    }

    /// `sortKey(of:)`, as a plan takes it.
    var sortKeys: @Sendable (PublishedProcedure) -> VietnameseSortKey { { [self] in sortKey(of: $0) } }

    /// The sort key of a procedure's name (`ProcedureTitle.sortingName`), made once while its
    /// file's bytes stay.
    func sortKey(of entry: PublishedProcedure) -> VietnameseSortKey {
        let name = entry.procedure.name
        if let known = lock.withLock({ entries[entry.path]?.sortKey }), known.name == name { return known.key }
        let key = VietnameseSortKey(ProcedureTitle.sortingName(name))
        lock.withLock { entries[entry.path]?.sortKey = (name, key) }
        return key
    }

    /// `SyncedFiles.fingerprint` of the bytes last read at `path` (given again with the hash
    /// `record` gave them, in case they are not those of the cache's entry), computed once while they stay.
    func syncFingerprint(path: String, bytes: [UInt8], hash: ContentHash) -> String {
        if let kept = lock.withLock({ entries[path].flatMap { $0.hash == hash && $0.count == bytes.count ? $0.syncFingerprint : nil } }) {
            return kept
        }
        let fingerprint = SyncedFiles.fingerprint(bytes)
        lock.withLock {
            if let entry = entries[path], entry.hash == hash, entry.count == bytes.count { entry.syncFingerprint = fingerprint }
        }
        return fingerprint
    }

    /// The change log of these bytes, parsed once while they stay (its JSON lines were a tenth of a save).
    func changeLog(bytes: [UInt8]) -> ChangeLog {
        let hash = ContentHash(bytes)
        if let kept = lock.withLock({ changeLog }), kept.hash == hash, kept.count == bytes.count { return kept.log }
        let log = ChangeLog(bytes: bytes)
        lock.withLock { changeLog = (hash, bytes.count, log) }
        return log
    }
}
