/// The folders something is mounted on (a Docker volume, a bind mount, another disk), from the
/// kernel's own list (`/proc/self/mountinfo`). A folder that is one cannot be renamed or replaced
/// (EBUSY), and a bind mount of the same disk has the same device number as its parent, so the
/// device number alone cannot tell.
public enum MountPoints {
    /// Whether `path` (a real path, links resolved) is a mount point; false where the list cannot be read.
    public static func contains(_ path: String, among mounts: [String] = all()) -> Bool {
        path != "/" && mounts.contains(path)
    }

    /// A mount point inside `path` (not `path` itself), if any: replacing `path` would delete what
    /// is mounted there, which is not part of it.
    public static func inside(_ path: String, among mounts: [String] = all()) -> String? {
        let prefix = path == "/" ? "/" : path + "/"
        return mounts.filter { $0.hasPrefix(prefix) && $0 != path }.sorted().first
    }

    /// Every mount point, read once for several questions.
    public static func all() -> [String] {
        guard let bytes = try? Files.readToEnd("/proc/self/mountinfo") else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            // Fields: id, parent, major:minor, root, mount point, … (spaces in paths as \040).
            let fields = line.split(separator: " ", maxSplits: 5)
            return fields.count > 4 ? unescaped(fields[4]) : nil
        }
    }

    /// The kernel writes space, tab, newline and backslash in octal (`\040`).
    private static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3, let code = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(code)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
