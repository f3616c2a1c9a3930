import FileSystem
import Foundation

/// What staff edit in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too), each file by its stamp (`FileTree`): cheap to take (no file is read), and equal
/// only when nothing was saved in between. Sync's bookkeeping (`.dong-bo`) is in it but for its
/// merge bases (`co-so/`, one per record, written by a sync together with the records).
public struct InputStamps: Equatable, Sendable {
    public static let watched = ["site.yml", "content", "templates", "tinh.yml", "don-vi"]

    private var stamps: [String: FileStamp?] = [:]

    public init(site: URL) {
        for path in Self.watched {
            let root = site.path + "/" + path
            stamps[path] = FileStamp.of(root)
            let inside = FileTree.stamps(under: root) { path, _ in !Self.skips(root + "/" + path) } ?? [:]
            for (file, stamp) in inside where !Self.skips(root + "/" + file) {
                stamps[path + "/" + file] = stamp
            }
        }
    }

    /// Whether a path is under sync's merge bases, which are neither watched nor stamped.
    public static func skips(_ path: String) -> Bool {
        path.hasSuffix("/.dong-bo/co-so") || path.contains("/.dong-bo/co-so/")
    }
}
