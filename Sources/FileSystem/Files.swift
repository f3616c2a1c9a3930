import CFileSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The one layer between tthc and the operating system's files: every read, write, move and
/// removal goes through here and fails with a `FileError` that names the path and the cause.
/// Each call is the system call it says (one open/write/close per file, no write-then-rename
/// unless asked with `replace`): a build writes some 23,000 files.
public enum Files {
    /// What a path is, without following a symbolic link at its end.
    public enum Kind: Sendable, Equatable {
        case file, folder, link, other
    }

    /// Which file a path is (device and inode): the same folder however it is reached.
    public struct Identity: Sendable, Hashable {
        let device: UInt64
        let inode: UInt64

        init(_ status: Stat) {
            device = UInt64(status.deviceID.rawValue)
            inode = UInt64(status.inode.rawValue)
        }
    }

    // MARK: - Reading

    /// The bytes of a regular file. With `followingLinks: false` a symbolic link is refused
    /// (ELOOP) instead of read, at no extra cost.
    public static func read(_ path: String, followingLinks: Bool = true) throws -> [UInt8] {
        guard let bytes = try readIfPresent(path, followingLinks: followingLinks) else {
            throw FileError(.read, path, .noSuchFileOrDirectory)
        }
        return bytes
    }

    /// As `read`, but nil when nothing is there (ENOENT): absent is an answer, any other failure is an error.
    public static func readIfPresent(_ path: String, followingLinks: Bool = true) throws -> [UInt8]? {
        var options: FileDescriptor.OpenOptions = [.closeOnExec, .nonBlocking]
        if !followingLinks { options.insert(.noFollow) }
        let descriptor: FileDescriptor
        do {
            descriptor = try open(path, .readOnly, options, for: .read)
        } catch let error as FileError where error.isMissing {
            return nil
        }
        return try descriptor.closeAfter {
            let status = try stat(of: descriptor, path: path, for: .read)
            switch status.type {
            case .regular: break
            case .directory: throw FileError(.read, path, .isDirectory)
            default: throw FileError(.read, path, .notARegularFile)
            }
            var bytes = [UInt8](repeating: 0, count: Int(status.size))
            var filled = 0
            while filled < bytes.count {
                let count: Int
                do {
                    count = try bytes.withUnsafeMutableBytes { buffer in
                        try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    }
                } catch let errno as Errno {
                    throw FileError(.read, path, errno)
                }
                guard count > 0 else { break }  // the file shrank while read: what is there
                filled += count
            }
            return filled == bytes.count ? bytes : Array(bytes[..<filled])
        }
    }

    /// Everything a file or a pipe gives until its end (`--catalog /dev/stdin`, `<(…)`): waits for
    /// a pipe's writer, as a pipe is meant to. A folder is EISDIR.
    public static func readToEnd(_ path: String) throws -> [UInt8] {
        let descriptor = try open(path, .readOnly, [.closeOnExec], for: .read)
        return try descriptor.closeAfter {
            guard try stat(of: descriptor, path: path, for: .read).type != .directory else { throw FileError(.read, path, .isDirectory) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count: Int
                do {
                    count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
                } catch {
                    throw FileError(.read, path, error as? Errno ?? .ioError)
                }
                guard count > 0 else { return bytes }
                bytes += chunk[..<count]
            }
        }
    }

    // MARK: - Writing

    /// Writes `bytes` as the whole content of `path` (created or truncated) with one open, write
    /// and close: the caller makes the result atomic (a staging folder swapped in whole, or `replace`).
    /// With `synced`, the bytes are on the disk (fsync) before this returns: for the few files a
    /// crash of the machine must not leave empty (`tthc fetch`'s export and state).
    public static func write<Bytes: Sequence>(_ bytes: Bytes, to path: String, synced: Bool = false) throws where Bytes.Element == UInt8 {
        try write(bytes, to: path, [.create, .truncate, .closeOnExec], synced: synced)
    }

    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String, synced: Bool = false) throws {
        try write(buffer, to: path, [.create, .truncate, .closeOnExec], synced: synced)
    }

    private static func write<Bytes: Sequence>(_ bytes: Bytes, to path: String, _ options: FileDescriptor.OpenOptions,
                                               synced: Bool) throws where Bytes.Element == UInt8 {
        if let done = try bytes.withContiguousStorageIfAvailable({ try write(UnsafeRawBufferPointer($0), to: path, options, synced: synced) }) {
            return done
        }
        try Array(bytes).withUnsafeBytes { try write($0, to: path, options, synced: synced) }
    }

    private static func write(_ buffer: UnsafeRawBufferPointer, to path: String, _ options: FileDescriptor.OpenOptions,
                              synced: Bool) throws {
        let descriptor = try open(path, .writeOnly, options, for: .write)
        do {
            _ = try descriptor.writeAll(buffer)
            if synced, fsync(descriptor.rawValue) != 0 { throw Errno(rawValue: Glibc.errno) }
        } catch let errno as Errno {
            try? descriptor.close()
            throw FileError(.write, path, errno)
        }
        // A network or full disk may report the failure only here.
        do { try descriptor.close() } catch let errno as Errno { throw FileError(.write, path, errno) }
    }

    /// Writes `bytes` into a new file beside `path` (a hidden name with the process id) and
    /// returns its path, for the caller to rename into place. The file is made by this call,
    /// never opened through what is already there: a link planted at that name (a repository
    /// can hold one, and process ids are few) would otherwise have the bytes written wherever it
    /// points, and a hard link would have another file truncated. What is there (a killed run's
    /// leftover, or planted) is removed first, a link as a link.
    public static func temporary<Bytes: Sequence>(_ bytes: Bytes, beside path: String, synced: Bool = false) throws -> String
    where Bytes.Element == UInt8 {
        let temporary = beside(path, suffix: ".\(getpid()).tmp")
        let options: FileDescriptor.OpenOptions = [.create, .exclusiveCreate, .noFollow, .closeOnExec]
        do {
            do {
                try write(bytes, to: temporary, options, synced: synced)
            } catch let error as FileError where error.alreadyExists {
                try removeEntry(temporary)
                try write(bytes, to: temporary, options, synced: synced)
            }
        } catch {
            if (try? kind(temporary)) == .file { _ = unlink(temporary) }
            throw error
        }
        return temporary
    }

    /// Replaces `path` so that a reader, or a run interrupted at any moment, sees the old content
    /// or the new, never half: written beside (`temporary`), then renamed over. No fsync per file
    /// unless `synced`: the rename is what makes an interrupted run safe.
    public static func replace<Bytes: Sequence>(_ bytes: Bytes, at path: String, synced: Bool = false) throws where Bytes.Element == UInt8 {
        let temporary = try temporary(bytes, beside: path, synced: synced)
        do {
            try move(temporary, to: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// open(2), made files readable by all (0644), failing as `operation` on `path`.
    static func open(_ path: String, _ mode: FileDescriptor.AccessMode, _ options: FileDescriptor.OpenOptions,
                     for operation: FileError.Operation) throws -> FileDescriptor {
        do {
            return try FileDescriptor.open(FilePath(path), mode, options: options,
                                           permissions: options.contains(.create) ? [.ownerReadWrite, .groupRead, .otherRead] : nil)
        } catch {
            throw FileError(operation, path, error as? Errno ?? .ioError)
        }
    }

    /// `folder/.name<suffix>` for `folder/name`.
    public static func beside(_ path: String, suffix: String) -> String {
        let (folder, name) = split(path)
        return folder + "/." + name + suffix
    }

    /// The folder and its parents, as `mkdir -p`; an existing folder is fine, an existing file is ENOTDIR.
    public static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let error = Glibc.errno
        switch error {
        case EEXIST:
            guard isFolder(path) else {
                throw FileError(.createFolder, path, .notDirectory)
            }
        case ENOENT:
            let parent = split(path).folder
            guard parent != path, !parent.isEmpty else { throw FileError(.createFolder, path, Errno(rawValue: error)) }
            try makeFolder(parent)
            if mkdir(path, 0o755) != 0, Glibc.errno != EEXIST { throw FileError.last(.createFolder, path) }
        default:
            throw FileError(.createFolder, path, Errno(rawValue: error))
        }
    }

    // MARK: - Moving and removing

    /// rename(2): `to` is replaced in one step if it exists.
    /// A second name for the file at `existing` (a hard link; links are not followed): false
    /// when the file system cannot (another disk, no hard links), for the caller to copy instead.
    public static func link(_ existing: String, as new: String) throws -> Bool {
        if Glibc.link(existing, new) == 0 { return true }
        let error = Glibc.errno
        if [EXDEV, EPERM, EMLINK, ENOTSUP, EOPNOTSUPP].contains(error) { return false }
        throw FileError(.write, new, Errno(rawValue: error))
    }

    public static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw FileError.last(.rename(from: from), to) }
    }

    /// Renames only if nothing is at `to` (EEXIST otherwise); where the file system cannot tell
    /// (no renameat2), checks first and renames.
    public static func moveWithoutReplacing(_ from: String, to: String) throws {
        if tthc_rename(from, to, TTHC_RENAME_NO_REPLACE) == 0 { return }
        let error = Glibc.errno
        guard error == EINVAL || error == ENOSYS else { throw FileError(.rename(from: from), to, Errno(rawValue: error)) }
        guard try kind(to) == nil else { throw FileError(.rename(from: from), to, .fileExists) }
        try move(from, to: to)
    }

    /// Swaps two paths in one step; false where the file system cannot (then the caller moves twice).
    public static func exchange(_ first: String, _ second: String) throws -> Bool {
        if tthc_rename(first, second, TTHC_RENAME_EXCHANGE) == 0 { return true }
        let error = Glibc.errno
        if error == EINVAL || error == ENOSYS { return false }
        throw FileError(.rename(from: first), second, Errno(rawValue: error))
    }

    /// Removes a file, a link (never what it points to) or an empty folder.
    public static func removeEntry(_ path: String) throws {
        if unlink(path) == 0 { return }
        let error = Glibc.errno
        if error == ENOENT { return }
        // Linux says EISDIR for a folder (POSIX allows EPERM): then it is removed as one.
        guard error == EISDIR || error == EPERM, try kind(path) == .folder else { throw FileError(.remove, path, Errno(rawValue: error)) }
        guard rmdir(path) == 0 else { throw FileError.last(.remove, path) }
    }

    /// Removes a folder and everything in it, or a file; a link is removed, never followed.
    /// Returns what could not be removed (the rest is removed all the same). Names are used as
    /// their bytes: a file whose name is not UTF-8 (copied from an old machine) is removed too,
    /// where a `String` of its name would name no file and leave its folder behind.
    @discardableResult
    public static func removeTree(_ path: String) -> [FileError] {
        removeTree(bytes: Array(path.utf8CString))
    }

    /// A name in a folder as its bytes, which need not be UTF-8 (a `String` cannot hold those).
    public struct EntryName: Sendable {
        /// NUL-terminated.
        fileprivate let bytes: [CChar]
    }

    /// The names in a folder as their bytes (not `.` and `..`), unsorted; nil when it cannot be listed.
    public static func entryNames(_ folder: String) -> [EntryName]? {
        rawNames(Array(folder.utf8CString))
    }

    /// `removeTree` of one entry of `folder`.
    public static func removeTree(_ folder: String, _ name: EntryName) -> [FileError] {
        removeTree(bytes: joined(Array(folder.utf8CString), name.bytes))
    }

    private static func removeTree(bytes path: [CChar]) -> [FileError] {
        // Most entries are files: one unlink each, and only folders are listed.
        if unlink(path) == 0 { return [] }
        let error = Glibc.errno
        if error == ENOENT { return [] }
        var info = Glibc.stat()
        let shown = String(cString: path)  // for the message only: `\u{FFFD}` where a byte is not UTF-8
        guard error == EISDIR || error == EPERM, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return [FileError(.remove, shown, Errno(rawValue: error))]
        }
        guard let names = rawNames(path) else { return [FileError.last(.list, shown)] }
        let failures = names.flatMap { removeTree(bytes: joined(path, $0.bytes)) }
        guard failures.isEmpty else { return failures }
        return rmdir(path) == 0 ? [] : [FileError.last(.remove, shown)]
    }

    private static func rawNames(_ folder: [CChar]) -> [EntryName]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var names: [EntryName] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                let start = UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)
                return Array(UnsafeBufferPointer(start: start, count: strlen(start) + 1))
            }
            if name != [46, 0] && name != [46, 46, 0] { names.append(EntryName(bytes: name)) }  // "." and ".."
        }
        return names
    }

    /// `folder/name`, both NUL-terminated.
    private static func joined(_ folder: [CChar], _ name: [CChar]) -> [CChar] {
        folder.dropLast() + [CChar(UInt8(ascii: "/"))] + name
    }

    // MARK: - Looking

    /// The names in a folder (not `.` and `..`), unsorted.
    public static func list(_ folder: String) throws -> [String] {
        guard let names = try listIfPresent(folder) else { throw FileError(.list, folder, .noSuchFileOrDirectory) }
        return names
    }

    /// As `list`, nil when the folder does not exist; a file in its place is ENOTDIR.
    /// `exactNames`: a name that is not UTF-8 (a file copied from a machine with an old code page)
    /// is an error at that name (EILSEQ), not a name with `�` in it that no file has: a folder
    /// whose files are then opened (records, templates, theme files) lists only names it can open.
    public static func listIfPresent(_ folder: String, exactNames: Bool = false) throws -> [String]? {
        guard let stream = opendir(folder) else {
            if Glibc.errno == ENOENT { return nil }
            throw FileError.last(.list, folder)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            Glibc.errno = 0
            guard let entry = readdir(stream) else {
                if Glibc.errno != 0 { throw FileError.last(.list, folder) }
                return names
            }
            let (exact, name, shown) = withUnsafePointer(to: &entry.pointee.d_name) { pointer -> (String?, String, String?) in
                let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)
                let exact = String(validatingCString: bytes)
                return (exact, String(cString: bytes), exact == nil ? Self.shown(bytes) : nil)
            }
            if exactNames, exact == nil { throw FileError(.list, folder, .nameNotUTF8(shown: shown ?? name)) }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// A name's bytes as a shell's `$'…'` takes them: printable ASCII as it is, any other byte as `\xHH`.
    static func shown(_ name: UnsafePointer<CChar>) -> String {
        var text = ""
        var byte = UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self)
        while byte.pointee != 0 {
            let value = byte.pointee
            if value >= 0x20, value < 0x7F, value != UInt8(ascii: "\\") {
                text.append(Character(UnicodeScalar(value)))
            } else {
                let hex = Array("0123456789ABCDEF")
                text += "\\x" + String(hex[Int(value >> 4)]) + String(hex[Int(value & 0x0F)])
            }
            byte += 1
        }
        return text
    }

    /// What is at `path` (a link is `.link`, not followed); nil when nothing is.
    public static func kind(_ path: String) throws -> Kind? {
        let status: Stat
        do {
            status = try FilePath(path).stat(followTargetSymlink: false)
        } catch {
            if error == .noSuchFileOrDirectory || error == .notDirectory { return nil }
            throw FileError(.inspect, path, error)
        }
        switch status.type {
        case .regular: return .file
        case .directory: return .folder
        case .symbolicLink: return .link
        default: return .other
        }
    }

    /// A folder, or a link to one.
    public static func isFolder(_ path: String) -> Bool {
        (try? FilePath(path).stat())?.type == .directory
    }

    /// The file `path` names, links followed unless asked not to (nil when nothing is there).
    public static func identity(_ path: String, followingLinks: Bool = true) -> Identity? {
        (try? FilePath(path).stat(followTargetSymlink: followingLinks)).map(Identity.init)
    }

    private static func stat(of descriptor: FileDescriptor, path: String, for operation: FileError.Operation) throws -> Stat {
        do { return try descriptor.stat() } catch { throw FileError(operation, path, error) }
    }

    /// The folder part and the last name of a path (`/a/b` → `/a`, `b`; `b` → `.`, `b`).
    public static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }
}
