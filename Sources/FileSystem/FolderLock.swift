import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A lock on a folder, held by this process until `release` or until the process ends, however it
/// ends: flock(2) locks belong to the open folder, and the kernel drops them when the process dies,
/// SIGKILL included, so a killed run never leaves the lock taken. The lock is on the folder itself,
/// which no one removes or replaces while working in it; a small file beside it (`info`) holds a
/// line about the holder, for a process that finds the lock taken to show. That file is only a
/// note: written when it can be, never through a link, removed on release.
public final class FolderLock: @unchecked Sendable {
    public let folder: String
    public let info: String
    private var descriptor: FileDescriptor?
    private var wroteInfo = false

    public enum Outcome {
        case acquired(FolderLock)
        /// Still taken after the time allowed: what the holder wrote about itself (empty if nothing).
        case busy(holder: String)
    }

    private init(folder: String, info: String, descriptor: FileDescriptor) {
        self.folder = folder
        self.info = info
        self.descriptor = descriptor
    }

    /// Takes the lock on `folder`, trying again every 50 ms for up to `seconds`; `waiting` is told
    /// once, with the holder's line, when the lock is first found taken.
    public static func acquire(_ folder: String, info: String, holder: String, waitingUpTo seconds: Double,
                               waiting: (String) -> Void = { _ in }) throws -> Outcome {
        let descriptor = try Files.open(folder, .readOnly, [.closeOnExec, .directory], for: .lock)
        let deadline = monotonicSeconds() + max(0, seconds)
        var told = false
        while true {
            if flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 {
                let lock = FolderLock(folder: folder, info: info, descriptor: descriptor)
                lock.note(holder)
                return .acquired(lock)
            }
            let error = Glibc.errno
            guard error == EWOULDBLOCK || error == EINTR else {
                try? descriptor.close()
                throw FileError(.lock, folder, Errno(rawValue: error))
            }
            let current = (try? Files.readIfPresent(info, followingLinks: false)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            if monotonicSeconds() >= deadline {
                try? descriptor.close()
                return .busy(holder: current)
            }
            if !told {
                waiting(current)
                told = true
            }
            usleep(50_000)
        }
    }

    /// Lets go: the note is removed first, so that it is there only while a run holds the lock.
    public func release() {
        guard let descriptor else { return }
        self.descriptor = nil
        if wroteInfo { _ = unlink(info) }
        try? descriptor.close()
    }

    deinit { release() }

    /// Writes the holder's line, if the folder can be written at all (a read-only site is still
    /// locked, without the note). A new file renamed over the name, never written into what is
    /// there: a hard link planted at the note's name (to `site.yml`) had that file truncated, and a
    /// pipe held every command at the open. A symbolic link, a folder or a pipe there is left alone.
    private func note(_ holder: String) {
        let kind: Files.Kind?
        do { kind = try Files.kind(info) } catch { return }
        guard kind == nil || kind == .file else { return }
        guard (try? Files.replace(Array(holder.utf8), at: info)) != nil else { return }
        wroteInfo = true
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
