import FileSystem
import Foundation

/// What staff edit in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too), each file by its stamp (`FileTree`): cheap to take (no file is read), and equal
/// only when nothing was saved in between. Sync's bookkeeping (`.dong-bo`) is not in it.
public struct InputStamps: Equatable, Sendable {
    public static let watched = ["site.yml", "content", "templates", "tinh.yml", "don-vi"]

    private var stamps: [String: FileStamp?] = [:]

    public init(site: URL) {
        for path in Self.watched {
            let root = site.path + "/" + path
            stamps[path] = FileStamp.of(root)
            let inside = FileTree.stamps(under: root) { _, name in name != ".dong-bo" } ?? [:]
            for (file, stamp) in inside where !file.hasSuffix("/.dong-bo") && file != ".dong-bo" {
                stamps[path + "/" + file] = stamp
            }
        }
    }
}
