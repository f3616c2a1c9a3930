import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A lock on a file, held by this process until `release` or until the process ends, however it
/// ends: flock(2) locks belong to the open file, and the kernel drops them when the process dies,
/// SIGKILL included, so a killed run never leaves the lock taken. The file holds a line about
/// the holder (written by it), which a process that finds the lock taken shows.
public final class LockFile: @unchecked Sendable {
    public let path: String
    private var descriptor: FileDescriptor?

    public enum Outcome {
        case acquired(LockFile)
        /// Still taken after the time allowed: what the holder wrote about itself.
        case busy(holder: String)
    }

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock at `path` (creating the file), trying again every 50 ms for up to `seconds`;
    /// `waiting` is told once, with the holder's line, when the lock is first found taken. A lock
    /// file that is a symbolic link is refused (ELOOP), never followed.
    public static func acquire(_ path: String, holder: String, waitingUpTo seconds: Double,
                               waiting: (String) -> Void = { _ in }) throws -> Outcome {
        let deadline = monotonicSeconds() + max(0, seconds)
        var told = false
        while true {
            let descriptor = try Files.open(path, .readWrite, [.create, .closeOnExec, .noFollow], for: .lock)
            if flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 {
                // The previous holder removes the file as it lets go: a file opened before that is no
                // longer the lock, so the lock is taken again on the file that is there now.
                guard Files.identity(of: descriptor) == Files.identity(path, followingLinks: false) else {
                    try? descriptor.close()
                    continue
                }
                let lock = LockFile(path: path, descriptor: descriptor)
                do {
                    try lock.describe(holder)
                } catch {
                    lock.release()
                    throw error
                }
                return .acquired(lock)
            }
            let error = Glibc.errno
            guard error == EWOULDBLOCK || error == EINTR else {
                try? descriptor.close()
                throw FileError(.lock, path, Errno(rawValue: error))
            }
            let current = holderLine(descriptor)
            try? descriptor.close()
            if monotonicSeconds() >= deadline { return .busy(holder: current) }
            if !told {
                waiting(current)
                told = true
            }
            usleep(50_000)
        }
    }

    /// Lets go: the file is removed first, so it is there only while a run holds it.
    public func release() {
        guard let descriptor else { return }
        self.descriptor = nil
        _ = unlink(path)
        try? descriptor.close()
    }

    deinit { release() }

    private func describe(_ holder: String) throws {
        guard let descriptor else { return }
        do {
            _ = try descriptor.resize(to: 0)
            _ = try descriptor.writeAll(toAbsoluteOffset: 0, Array(holder.utf8))
        } catch let errno as Errno {
            throw FileError(.write, path, errno)
        }
    }

    private static func holderLine(_ descriptor: FileDescriptor) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = (try? buffer.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: 0, into: $0) }) ?? 0
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
