import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A file that one process at a time appends to (`tthc fetch`'s journal of a run in progress):
/// opened for appending, never through a link, and locked with flock(2) for as long as this
/// object lives, so a second run finds it taken instead of writing into it. The kernel drops the
/// lock when the process dies, SIGKILL included, so a killed run leaves the file, not the lock.
/// A file with another name (a hard link) is refused: writing in place would change it there too.
public final class LockedFile: @unchecked Sendable {
    public let path: String
    /// This open made the file (nothing was at `path` before).
    public let wasCreated: Bool
    private let descriptor: FileDescriptor

    public enum Outcome {
        case acquired(LockedFile)
        /// Another process holds it.
        case busy
        /// A folder, a link, a pipe or a device is at `path`: neither read nor written.
        case notAFile
    }

    private init(path: String, descriptor: FileDescriptor, wasCreated: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.wasCreated = wasCreated
    }

    deinit { try? descriptor.close() }

    /// Opens (or creates, 0644) and locks the file at `path`. Retries when the file was replaced
    /// between the open and the lock (a run that just finished removed it), so the lock is always
    /// on the file that is at `path`.
    public static func acquire(_ path: String) throws -> Outcome {
        for _ in 0..<5 {
            if let kind = try Files.kind(path), kind != .file { return .notAFile }
            // Created here only if nothing was there: then this run may remove it if refused.
            var created = true
            let descriptor: FileDescriptor
            do {
                descriptor = try Files.open(path, .readWrite, [.create, .exclusiveCreate, .append, .closeOnExec, .noFollow], for: .write)
            } catch let error as FileError where error.alreadyExists {
                created = false
                do {
                    descriptor = try Files.open(path, .readWrite, [.append, .closeOnExec, .noFollow], for: .write)
                } catch let error as FileError where error.isMissing {
                    continue  // removed between the two opens
                } catch let error as FileError where error.errno == .tooManySymbolicLinkLevels || error.errno == .isDirectory {
                    return .notAFile  // replaced by a link or a folder between the look and the open
                }
            } catch let error as FileError where error.errno == .tooManySymbolicLinkLevels || error.errno == .isDirectory {
                return .notAFile
            }
            guard flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 else {
                let error = Glibc.errno
                try? descriptor.close()
                if error == EWOULDBLOCK || error == EINTR { return .busy }
                throw FileError(.lock, path, Errno(rawValue: error))
            }
            if let opened = try? descriptor.stat(), let current = try? FilePath(path).stat(followTargetSymlink: false),
               opened.deviceID == current.deviceID, opened.inode == current.inode {
                // Appended to and cut in place: a hard link planted here (to `site.yml`, to an
                // empty file of the user's) would have that file written. Refused, not replaced:
                // nothing of what is there is ours to move.
                guard opened.linkCount == 1 else {
                    try? descriptor.close()
                    throw FileError(.write, path, .hardLinked(names: opened.linkCount))
                }
                return .acquired(LockedFile(path: path, descriptor: descriptor, wasCreated: created))
            }
            try? descriptor.close()
        }
        return .busy
    }

    /// Everything the file holds, from its start.
    public func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            _ = try descriptor.seek(offset: 0, from: .start)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
                guard count > 0 else { return bytes }
                bytes += chunk[..<count]
            }
        } catch {
            throw FileError(.read, path, error as? Errno ?? .ioError)
        }
    }

    /// Cuts the file to its first `length` bytes (0: empty); appends go on from there.
    public func truncate(to length: Int) throws {
        do { try descriptor.resize(to: Int64(length), retryOnInterrupt: true) } catch {
            throw FileError(.write, path, error as? Errno ?? .ioError)
        }
    }

    /// Appends `bytes` with one write (O_APPEND: at the end, whatever was written meanwhile).
    public func append(_ bytes: [UInt8]) throws {
        do { _ = try descriptor.writeAll(bytes) } catch {
            throw FileError(.write, path, error as? Errno ?? .ioError)
        }
    }

    /// Removes the file while still holding its lock, so no other process takes it meanwhile.
    public func remove() throws {
        try Files.removeEntry(path)
    }
}
