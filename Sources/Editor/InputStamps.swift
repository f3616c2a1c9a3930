import FileSystem
import Foundation
import Site

/// What staff edit in a site (`site.yml`, `content/`, `templates/`; a province's `tinh.yml` and
/// `don-vi/` too), each file by its stamp (`FileTree`): cheap to take (no file is read), and equal
/// only when nothing was saved in between. Sync's bookkeeping (`.dong-bo`) is in it but for its
/// merge bases (`co-so/`, one per record, written by a sync together with the records).
public struct InputStamps: Equatable, Sendable {
    public static let watched = ["site.yml", "content", "templates", "tinh.yml", "don-vi"]

    private var stamps: [String: FileStamp?] = [:]
    /// When the stamps were taken, in nanoseconds since 1970.
    private var taken: Int64 = 0

    public init(site: URL) {
        taken = SiteBuild.wallClock()
        for path in Self.watched {
            let root = site.path + "/" + path
            stamps[path] = FileStamp.of(root)
            let inside = FileTree.stamps(under: root) { path, _ in !Self.skips(root + "/" + path) } ?? [:]
            for (file, stamp) in inside where !Self.skips(root + "/" + file) {
                stamps[path + "/" + file] = stamp
            }
        }
    }

    /// Equal when every file has the same stamp (whenever they were taken).
    public static func == (a: InputStamps, b: InputStamps) -> Bool { a.stamps == b.stamps }

    /// The record files (`content/thu-tuc/*.md`) whose stamps are the same now as in `earlier`, when
    /// nothing else but records changed in between (sync's bookkeeping decides how a record is
    /// taken). A file modified within a clock tick of `earlier` is left out: it may have been
    /// saved again in the same tick, its stamp unchanged (FAT and SMB shares tick every 2 s; a
    /// test on a local disk may ask for less).
    public func unchangedRecords(since earlier: InputStamps, tick: Int64 = SiteBuild.clockTick) -> Set<String> {
        // On the bytes: Foundation's `contains` of a text, asked 10,000 times, was a tenth of a save.
        let records = Array((SiteContent.recordsFolder + "/").utf8)
        func isRecord(_ path: String) -> Bool {
            let bytes = path.utf8
            return bytes.starts(with: records) && bytes.reversed().starts(with: ".md".utf8.reversed())
                && !bytes.dropFirst(records.count).contains(UInt8(ascii: "/"))
        }
        // A folder's own stamp changes with every file saved in it by a rename (as editors and
        // `tthc serve` save): what it holds is stamped file by file, and that is what counts.
        func isOther(_ path: String, _ stamp: FileStamp?) -> Bool { !isRecord(path) && stamp?.kind != .folder }
        let others = stamps.filter { isOther($0.key, $0.value) }
        guard others.count == earlier.stamps.count(where: { isOther($0.key, $0.value) }),
              others.allSatisfy({ earlier.stamps[$0.key] == $0.value }) else { return [] }
        let settled = earlier.taken - tick
        var unchanged: Set<String> = []
        for (path, stamp) in stamps where isRecord(path) {
            guard let stamp, stamp.kind == .file, let before = earlier.stamps[path], before == stamp,
                  max(stamp.modified, stamp.changed) < settled else { continue }
            unchanged.insert(path)
        }
        return unchanged
    }

    /// Whether a path is under sync's merge bases, which are neither watched nor stamped.
    /// On the bytes: Foundation's `contains`, asked twice for each of 10,000 files, was most of
    /// the time the stamps took.
    public static func skips(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            let n = bases.count
            // At the end, or followed by a slash.
            for index in stride(from: 0, through: bytes.count - n, by: 1) where bytes[index] == UInt8(ascii: "/") {
                if memcmp(start + index, bases, n) == 0, index + n == bytes.count || bytes[index + n] == UInt8(ascii: "/") { return true }
            }
            return false
        }
    }

    private static let bases = Array("/.dong-bo/co-so".utf8)
}
