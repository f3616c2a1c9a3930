import Glibc

/// What a file looks like without reading it: its kind, size and times, by `lstat` (a link is a
/// link, never followed). Equal stamps mean the file was not written in between, except for a
/// write within the clock's tick of the stamp (`BuildState` reads such files again).
public struct FileStamp: Equatable, Hashable, Sendable {
    public var kind: Files.Kind
    public var size: Int64
    /// Last modification, in nanoseconds since 1970.
    public var modified: Int64
    /// Last change of the file or of its inode (a rename, a `chmod`), in nanoseconds since 1970.
    public var changed: Int64
    public var inode: UInt64
    /// How many names the file has (not kept in a build's state: looked at on the disk only).
    public var links: UInt64 = 1

    public init(kind: Files.Kind, size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.kind = kind
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// What a name that cannot be told apart from another, or read back, is stamped as: a kind
    /// no comparison accepts (`BuildInputs` then keeps no state).
    static let unnameable = FileStamp(kind: .other, size: -1, modified: -1, changed: -1, inode: 0)

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
        links = UInt64(info.st_nlink)
    }

    /// The stamp of `path` itself (nil when nothing is there), of what a link leads to if asked.
    public static func of(_ path: String, followingLinks: Bool = false) -> FileStamp? {
        var info = stat()
        return (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 ? FileStamp(info) : nil
    }
}

/// Every entry below a folder with its stamp, by `readdir` and `lstat`, links never followed:
/// what a build compares with the one before it, what the preview watches, what the output check
/// looks through. FileManager's enumerator with resource values made a URL of every file: at
/// 10,000 procedures that walk was a fifth of each rebuild in `tthc serve`.
public enum FileTree {
    /// Paths relative to `folder` (`a/b.md`) and their stamps, folders included. A folder for which
    /// `enter` (given its relative path and its name) says no is stamped but not walked into. A
    /// folder that cannot be listed is stamped and left, as if it were empty. Stops, giving nil,
    /// past `limit` entries.
    public static func stamps(under folder: String, limit: Int = .max,
                              enter: (_ path: String, _ name: String) -> Bool = { _, _ in true }) -> [String: FileStamp]? {
        var found: [String: FileStamp] = [:]
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let base = relative.isEmpty ? folder : folder + "/" + relative
            // Each entry looked at from its folder's descriptor (fstatat): a path of four names
            // walked again for every file was a third of the walk.
            let descriptor = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0, let stream = fdopendir(descriptor) else {
                if descriptor >= 0 { close(descriptor) }
                continue
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                // A name that is not UTF-8 would come back garbled (and then not be found), and two
                // names Swift holds equal (é precomposed and decomposed) would fall together: both
                // are stamped as `unnameable`, never as a file that did not change.
                let raw = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 256) { (String(validatingCString: $0), String(cString: $0)) }
                }
                let name = raw.1
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard raw.0 != nil, found[path] == nil else {
                    found[path] = .unnameable
                    continue
                }
                guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    found[path] = .unnameable
                    continue
                }
                let stamp = FileStamp(info)
                found[path] = stamp
                if found.count > limit { return nil }
                if stamp.kind == .folder, enter(path, name) { pending.append(path) }
            }
        }
        return found
    }
}
