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

    private struct Entry {
        var hash: ContentHash
        var count: Int
        var record: Record
        var outline: RecordOutline?
    }

    public init() {}

    func record(path: String, bytes: [UInt8]) -> Record {
        let hash = ContentHash(bytes)
        lock.lock()
        if let cached = entries[path], cached.hash == hash, cached.count == bytes.count {
            lock.unlock()
            return cached.record
        }
        lock.unlock()
        let record = Record.read(bytes: bytes, path: path)
        lock.lock()
        entries[path] = Entry(hash: hash, count: bytes.count, record: record)
        lock.unlock()
        return record
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
            // Kept only for the entry the record came from: a file read anew since gets its own.
            if entries[record.path]?.record.body.source == record.body.source { entries[record.path]?.outline = outline }
        }
        return outline
    }
}
