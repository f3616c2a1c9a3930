import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Where a path really leads: every symbolic link and `..` resolved, one component at a time, so
/// that `public`, `./public/`, `../site/public` and a link to it compare as the one folder they
/// are. Unlike realpath(3), a path that does not exist yet is resolved as far as it exists and the
/// rest appended: an output folder is often checked before it is made.
public enum RealPath {
    public static func resolve(_ path: String) throws -> String {
        var pending = Array(try absolute(path).split(separator: "/", omittingEmptySubsequences: true).reversed())
        var resolved: [Substring] = []
        var links = 0
        while let component = pending.popLast() {
            switch component {
            case ".": continue
            // `resolved` holds no link, so its parent is the parent on disk.
            case "..": _ = resolved.popLast()
            default:
                resolved.append(component)
                let current = "/" + resolved.joined(separator: "/")
                guard try Files.kind(current) == .link else { continue }
                links += 1
                guard links <= 40 else { throw FileError(.inspect, path, .tooManySymbolicLinkLevels) }
                let target = try readLink(current)
                resolved.removeLast()
                if target.hasPrefix("/") { resolved = [] }
                pending += target.split(separator: "/", omittingEmptySubsequences: true).reversed()
            }
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// `path` is strictly below `folder` (both resolved).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    /// `path` is `folder` or below it (both resolved).
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || isInside(path, folder)
    }

    /// The folders above a resolved path, nearest first, `/` last.
    public static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = path
        while current != "/" {
            current = Files.split(current).folder
            result.append(current)
        }
        return result
    }

    static func absolute(_ path: String) throws -> String {
        if path.hasPrefix("/") { return path }
        return try currentFolder() + "/" + path
    }

    /// The working folder (ENOENT when it was removed under the process).
    public static func currentFolder() throws -> String {
        guard let pointer = getcwd(nil, 0) else { throw FileError.last(.inspect, ".") }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func readLink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw FileError.last(.inspect, path) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
