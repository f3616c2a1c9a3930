import Foundation
import Records

/// Records as read, kept between builds of one `tthc serve`: a file whose bytes did not change is
/// not parsed again, so a save on a large site re-reads one record, not all of them.
public final class RecordCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (hash: Int, count: Int, record: Record)] = [:]

    public init() {}

    func record(path: String, bytes: [UInt8]) -> Record {
        let hash = bytes.hashValue
        lock.lock()
        if let cached = entries[path], cached.hash == hash, cached.count == bytes.count {
            lock.unlock()
            return cached.record
        }
        lock.unlock()
        let record = Record.read(bytes: bytes, path: path)
        lock.lock()
        entries[path] = (hash, bytes.count, record)
        lock.unlock()
        return record
    }
}
