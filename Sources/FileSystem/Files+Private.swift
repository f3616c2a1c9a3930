import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read (the editor's accounts, with password hashes, and its audit
/// log, which holds every record's text before and after): made 0600, never readable by others.
extension Files {
    /// As `replace`, the new file made 0600 before anything is written into it.
    public static func replacePrivately(_ bytes: [UInt8], at path: String) throws {
        let temporary = beside(path, suffix: ".\(getpid()).tmp")
        do {
            let descriptor = try openPrivately(temporary, [.create, .truncate, .exclusiveCreate, .closeOnExec])
            try finish(descriptor, writing: bytes, path: temporary)
            try move(temporary, to: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Adds `bytes` at the end of `path` (made 0600 if new) with one write: lines appended by
    /// several writers at once do not interleave (O_APPEND). Written in place, so only into a
    /// regular file of one name: a pipe would hold the save forever (opened without blocking,
    /// then refused), a hard link would have the line written into the file's other name too.
    public static func appendPrivately(_ bytes: [UInt8], to path: String) throws {
        let descriptor: FileDescriptor
        do {
            descriptor = try openPrivately(path, [.create, .append, .closeOnExec, .nonBlocking])
        } catch let error as FileError where error.errno == .noSuchAddressOrDevice {
            throw FileError(.write, path, .notARegularFile)  // a pipe no one reads (ENXIO)
        }
        do {
            let status = try descriptor.stat()
            guard status.type == .regular else { throw FileError(.write, path, .notARegularFile) }
            guard status.linkCount == 1 else { throw FileError(.write, path, .hardLinked(names: status.linkCount)) }
        } catch {
            try? descriptor.close()
            throw error as? FileError ?? FileError(.write, path, error as? Errno ?? .ioError)
        }
        try finish(descriptor, writing: bytes, path: path)
    }

    private static func openPrivately(_ path: String, _ options: FileDescriptor.OpenOptions) throws -> FileDescriptor {
        do {
            return try FileDescriptor.open(FilePath(path), .writeOnly, options: options.union(.noFollow), permissions: [.ownerReadWrite])
        } catch {
            throw FileError(.write, path, error as? Errno ?? .ioError)
        }
    }

    private static func finish(_ descriptor: FileDescriptor, writing bytes: [UInt8], path: String) throws {
        do {
            _ = try bytes.withUnsafeBytes { try descriptor.writeAll($0) }
        } catch let errno as Errno {
            try? descriptor.close()
            throw FileError(.write, path, errno)
        }
        do { try descriptor.close() } catch let errno as Errno { throw FileError(.write, path, errno) }
    }
}
