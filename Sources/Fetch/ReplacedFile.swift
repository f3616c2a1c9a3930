import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The export and its state, replaced whole: written beside under a name of this process,
/// flushed to the disk, renamed over. The export is the unit's copy of the national data and
/// the next run builds on it, so unlike record files (thousands per sync) it is synced before
/// the rename: a crash of the machine leaves the old file or the new, never an empty one.
enum ReplacedFile {
    static func temporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    }

    static func write(_ data: Data, to url: URL) throws {
        let temporary = temporary(for: url)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure("open", temporary) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let synced = fsync(descriptor) == 0
        let error = failure(written ? "fsync" : "write", temporary)
        close(descriptor)
        guard written, synced else {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = failure("rename", url)
            unlink(temporary.path)
            throw error
        }
    }

    private static func failure(_ operation: String, _ url: URL) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(url.path): \(operation): \(String(cString: strerror(errno)))"])
    }
}
