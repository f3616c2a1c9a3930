import FileSystem
import Foundation
import Records

/// The files a build reads, as its state keeps them (`BuildState.inputs`): the files at the top of
/// the site (`site.yml`, `tinh.yml`, `chi-so.yml` …, not the hidden ones: the lock, builds' states),
/// and everything in `content/` (sync's bookkeeping too: the change log and the merge bases are
/// read), `templates/` and `don-vi/`. Each file with the hash of its bytes, which is read again
/// only when its stamp differs from the previous build's: a fresh `git clone` (every stamp new)
/// costs one read of the site, a build after one save one read of that file.
enum BuildInputs {
    /// The folders a build reads, the ones no output may be inside of.
    static let folders = OutputTarget.sourceFolders

    /// Nil when the site cannot be described this way, and is then built whole each time: a link
    /// among its files (what it leads to may change unseen), a name with a line break or a tab
    /// (the state's lines could not hold it), a file that cannot be read, or more than `limit` files.
    /// `racyAfter`: files modified since then (nanoseconds since 1970; the clock's tick before the
    /// build began) are hashed next time whatever their stamp says: a save within the same tick
    /// as the stamp would leave it unchanged.
    static func take(site: String, previous: [String: BuildState.Entry]?, racyAfter: Int64,
                     limit: Int = 200_000) -> [String: BuildState.Entry]? {
        var stamps: [String: FileStamp] = [:]
        guard let top = try? Files.list(site) else { return nil }
        for name in top where !name.hasPrefix(".") {
            guard let stamp = FileStamp.of(site + "/" + name) else { continue }
            if folders.contains(name), stamp.kind == .folder {
                stamps[name] = stamp
                guard let inside = FileTree.stamps(under: site + "/" + name, limit: limit) else { return nil }
                for (path, stamp) in inside { stamps[name + "/" + path] = stamp }
            } else if stamp.kind != .folder {
                stamps[name] = stamp
            }
        }
        guard stamps.count <= limit,
              !stamps.contains(where: { $0.value.kind == .link || $0.value.kind == .other || $0.key.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" }) })
        else { return nil }
        let (paths, found) = (Array(stamps.keys), stamps)
        let entries = Parallel.map(paths.count) { index -> BuildState.Entry? in
            var stamp = found[paths[index]]!
            guard stamp.kind == .file else { return BuildState.Entry(stamp: stamp, hash: nil) }
            let hash: ContentHash?
            if let kept = previous?[paths[index]], kept.stamp.sameFile(as: stamp), let keptHash = kept.hash {
                hash = keptHash
            } else {
                hash = ContentHash.ofFile(site + "/" + paths[index])
            }
            if stamp.modified >= racyAfter || stamp.changed >= racyAfter { stamp.modified = -1 }
            return hash.map { BuildState.Entry(stamp: stamp, hash: $0) }
        }
        var taken: [String: BuildState.Entry] = [:]
        for (path, entry) in zip(paths, entries) {
            guard let entry else { return nil }
            taken[path] = entry
        }
        return taken
    }

    /// The same files with the same bytes (folders by their names alone).
    static func same(_ one: [String: BuildState.Entry], _ other: [String: BuildState.Entry]) -> Bool {
        one.count == other.count && one.allSatisfy { path, entry in
            guard let kept = other[path] else { return false }
            return kept.stamp.kind == entry.stamp.kind && kept.hash == entry.hash
        }
    }
}

extension FileStamp {
    /// Kind, size, times and inode: what tells a file written since from one that was not. The
    /// change time is what no one can set back (`touch -d`, `cp -p` and `rsync -t` set the
    /// modification time of new bytes to an old one); a `chmod` or a new hard link changes it
    /// too, and such a file is only read again.
    func sameFile(as other: FileStamp) -> Bool {
        kind == other.kind && size == other.size && modified == other.modified && changed == other.changed
            && inode == other.inode && modified >= 0
    }
}
