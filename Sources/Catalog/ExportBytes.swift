import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of an export file, mapped rather than read, and handed back to the system as sync
/// moves through them: a 185 MB export is never resident at once, and a 1.8 GB one would not be
/// either (issue 3, "bounded memory"). Small exports in tests come as `Data`.
final class ExportBytes: @unchecked Sendable {
    private let data: Data?
    private let mapped: UnsafeRawPointer?
    let count: Int
    /// Bytes below this offset have been released.
    private var released = 0
    private let lock = NSLock()

    init(data: Data) {
        self.data = data
        mapped = nil
        count = data.count
    }

    /// Maps the file read-only; nil when it cannot be opened or mapped (then it is read instead).
    init?(mapping url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        data = nil
        mapped = UnsafeRawPointer(address)
        count = size
    }

    deinit {
        if let mapped { munmap(UnsafeMutableRawPointer(mutating: mapped), count) }
    }

    func withBuffer<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        if let mapped { return try body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count)) }
        return try data!.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
    }

    func slice(_ range: Range<Int>) -> Data {
        withBuffer { Data(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Starts a new pass over the bytes (after the scan, the entries are read from the start again).
    func rewind() {
        lock.lock()
        released = 0
        lock.unlock()
    }

    /// Everything before `offset` is done with: its pages leave this process's memory (they are
    /// read again from the file if ever touched, so releasing too early is slow, never wrong).
    func release(upTo offset: Int) {
        guard let mapped else { return }
        lock.lock()
        defer { lock.unlock() }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        guard end > released else { return }
        madvise(UnsafeMutableRawPointer(mutating: mapped + released), end - released, MADV_DONTNEED)
        released = end
    }
}
