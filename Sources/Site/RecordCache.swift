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
    /// Each procedure's name as it sorts (`VietnameseSortKey`), kept by the name: planning the
    /// site sorts every name again, and at 10,000 procedures making the keys was an eighth of a save.
    private var keysByName: [String: VietnameseSortKey] = [:]

    /// A class: looking an entry up copies a reference, where a struct copied its record (every
    /// text of it retained) at each of the lookups a save makes per record.
    private final class Entry {
        let hash: ContentHash
        let count: Int
        let record: Record
        var outline: RecordOutline?
        /// `SyncedFiles.fingerprint` of the bytes, once asked for.
        var syncFingerprint: String?

        init(hash: ContentHash, count: Int, record: Record) {
            self.hash = hash
            self.count = count
            self.record = record
        }
    }

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
    var sortKeys: @Sendable (String) -> VietnameseSortKey { { [self] in sortKey(of: $0) } }

    /// The sort key of a procedure's name (`ProcedureTitle.sortingName`), made once per name.
    func sortKey(of name: String) -> VietnameseSortKey {
        if let known = lock.withLock({ keysByName[name] }) { return known }
        let key = VietnameseSortKey(ProcedureTitle.sortingName(name))
        lock.withLock {
            // Names edited away stay behind: past twice the names a site can have, all are made
            // again as asked (one slower save), so that a long session's memory stays bounded.
            if keysByName.count >= 2 * max(entries.count, 1000) { keysByName.removeAll(keepingCapacity: true) }
            keysByName[name] = key
        }
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
