import Foundation

/// What staff edit in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too), each file by its modification time and size: cheap to take (no file is read),
/// and equal only when nothing was saved in between. Sync's bookkeeping (`.dong-bo`) is not in it.
public struct InputStamps: Equatable, Sendable {
    public static let watched = ["site.yml", "content", "templates", "tinh.yml", "don-vi"]

    private var stamps: [String: Stamp] = [:]

    private struct Stamp: Equatable, Sendable {
        var modified: Date?
        var size: Int?
    }

    public init(site: URL) {
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        for path in Self.watched {
            let url = site.appendingPathComponent(path)
            stamps[path] = Self.stamp(url, keys)
            guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys) else { continue }
            for case let file as URL in files where !file.path.contains("/.dong-bo") {
                stamps[file.path] = Self.stamp(file, keys)
            }
        }
    }

    private static func stamp(_ url: URL, _ keys: [URLResourceKey]) -> Stamp? {
        guard let values = try? url.resourceValues(forKeys: Set(keys)) else { return nil }
        return Stamp(modified: values.contentModificationDate, size: values.fileSize)
    }
}
