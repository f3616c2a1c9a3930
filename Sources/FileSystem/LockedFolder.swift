import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A working folder (a build's or a sync's staging folder) made by this process and locked for
/// as long as the process lives (flock(2) on the folder itself). Clean-up removes a folder only
/// when it can take that lock, that is when the run that made it is gone: a process id in the
/// name can be reused by another process, or belong to another container, and a lock cannot.
public final class LockedFolder: @unchecked Sendable {
    public let path: String
    private var descriptor: FileDescriptor?

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Makes the folder (its parent must exist) and locks it. A folder already there is taken
    /// over only if abandoned.
    public static func make(_ path: String) throws -> LockedFolder {
        if mkdir(path, 0o755) != 0 {
            let error = Glibc.errno
            guard error == EEXIST else { throw FileError(.createFolder, path, Errno(rawValue: error)) }
            guard let failures = removeIfAbandoned(path), failures.isEmpty else { throw FileError(.createFolder, path, .fileExists) }
            guard mkdir(path, 0o755) == 0 else { throw FileError.last(.createFolder, path) }
        }
        guard let descriptor = lockedDescriptor(path) else {
            let error = FileError.last(.lock, path)
            _ = rmdir(path)
            throw error
        }
        return LockedFolder(path: path, descriptor: descriptor)
    }

    /// Removes the folder and what it holds, then lets go of the lock.
    @discardableResult
    public func remove() -> [FileError] {
        let failures = Files.removeTree(path)
        release()
        return failures
    }

    /// Lets go of the lock, leaving the folder (once it has been moved into place).
    public func release() {
        guard let descriptor else { return }
        self.descriptor = nil
        try? descriptor.close()
    }

    deinit { release() }

    /// Removes `path` when no living process holds it: nil when one does (or it is not a folder
    /// this could have made: a file, a link), else what could not be removed.
    @discardableResult
    public static func removeIfAbandoned(_ path: String) -> [FileError]? {
        guard let descriptor = lockedDescriptor(path) else { return nil }
        defer { try? descriptor.close() }
        return Files.removeTree(path)
    }

    /// The folder opened without following a link and locked without waiting; nil when it cannot be.
    private static func lockedDescriptor(_ path: String) -> FileDescriptor? {
        let raw = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard raw >= 0 else { return nil }
        guard flock(raw, LOCK_EX | LOCK_NB) == 0 else {
            let error = Glibc.errno
            close(raw)
            Glibc.errno = error
            return nil
        }
        return FileDescriptor(rawValue: raw)
    }
}
