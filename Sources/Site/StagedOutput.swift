import FileSystem
import Foundation
import Records

/// A build's output as it is made: files land in a fresh staging folder beside the output
/// (`.public.building-<pid>`, locked while this process lives), on every core, and `commit`
/// swaps it in, so that a failed or interrupted build leaves the previous output exactly as it
/// was; `discard` removes the staging folder.
final class StagedOutput: @unchecked Sendable {
    let target: OutputTarget
    private let staging: LockedFolder
    private var folders: Set<String> = []

    /// `depth`: how many batches may wait to be written while the next is rendered (a province's
    /// build, whose rendering outpaces the file system more, keeps a few).
    /// `namesBuild`: the marker says which build this is (a single site's, which keeps its state;
    /// a province's unit markers stay the plain text, alike in a whole build and `--don-vi`).
    init(for target: OutputTarget, depth: Int = 1, namesBuild: Bool = false, reusing previous: [String: BuildState.Entry]? = nil) throws {
        self.target = target
        self.namesBuild = namesBuild
        self.previous = previous ?? [:]
        writes = DispatchSemaphore(value: max(1, depth))
        let (parent, name) = Files.split(target.folder)
        try Files.makeFolder(parent)
        let prefix = ".\(name)" + OwnPlaces.buildStaging
        // Folders of builds that were killed: no process holds their lock any more.
        for other in try Files.list(parent) where other.hasPrefix(prefix) {
            LockedFolder.removeIfAbandoned(parent + "/" + other)
        }
        staging = try LockedFolder.make(parent + "/" + prefix + "\(getpid())")
    }

    func write(_ files: [(path: String, data: Data)]) throws {
        // Paths are joined as text: output paths are made by tthc (codes, slugs), never read from input.
        let root = staging.path
        for file in files {
            guard let slash = file.path.lastIndex(of: "/") else { continue }
            let folder = root + "/" + file.path[..<slash]
            if folders.insert(folder).inserted { try Files.makeFolder(folder) }
        }
        // Files in a fresh staging folder need no write-then-rename each: the folder's swap is
        // what makes the build atomic.
        let box = UncheckedFiles(files)
        let (previous, earlier, namesBuild) = (previous, target.folder, namesBuild)
        let written = Parallel.map(files.count) { index -> Result<ContentHash?, FileError> in
            let (path, data) = box.files[index]
            do {
                // Kept for the build's state, the next build tells an untouched output by it (a
                // build that keeps no state, a province's, does not hash).
                guard namesBuild else {
                    try Files.write(data, to: root + "/" + path)
                    return .success(nil)
                }
                let hash = data.withUnsafeBytes { ContentHash($0) }
                // The same bytes as the previous build wrote, in a file still as it left it: linked,
                // not written (only what changed is written; the swap stays one step).
                // (Its change time too, which a `chmod` or an edit whose modification time was set
                // back changes; and only a file no one else holds a name of.)
                if let kept = previous[path], kept.hash == hash, let stamp = FileStamp.of(earlier + "/" + path),
                   kept.stamp.sameFile(as: stamp), stamp.links == 1, try Files.link(earlier + "/" + path, as: root + "/" + path) {
                    return .success(hash)
                }
                try Files.write(data, to: root + "/" + path)
                return .success(hash)
            } catch {
                return .failure(error as? FileError ?? FileError(.write, root + "/" + path, .ioError))
            }
        }
        for (file, outcome) in zip(files, written) {
            switch outcome {
            case .success(let hash): hashes[file.path] = hash
            case .failure(let failure): throw failure
            }
        }
    }

    /// The id the marker carries, which the build's state beside the output names (`BuildState`):
    /// the hash of every file's path and hash, so that the same output always carries the same
    /// marker (an incremental build's output is byte for byte a whole build's).
    private(set) var build = ""
    private let namesBuild: Bool
    /// What the previous build wrote into the output, by path (its state).
    private let previous: [String: BuildState.Entry]
    /// Each file written, by its path in the output (set only on `queue`).
    private var hashes: [String: ContentHash] = [:]
    /// Every file and folder of the output as it was swapped in, for the build's state.
    private(set) var written: [String: BuildState.Entry] = [:]

    /// Writes `files` on a thread of their own, so that the next batch is rendered while this
    /// one goes to disk. At most `depth` batches wait: memory holds a few batches, never the site.
    func writeBehind(_ files: [(path: String, data: Data)]) {
        writes.wait()
        queue.async { [self] in
            if failure == nil {
                do { try write(files) } catch { failure = error }
            }
            writes.signal()
        }
    }

    /// Waits for every `writeBehind` batch and reports the first that failed.
    func finishWriting() throws {
        queue.sync {}
        if let failure { throw failure }
    }

    private let queue = DispatchQueue(label: "tthc.output.writes")
    private let writes: DispatchSemaphore
    /// Set and read only on `queue` (and after it has drained).
    private var failure: Error?

    /// Marks the staged output as tthc's, checks that the output folder is still the one checked
    /// before the build, and puts the new output in its place; returns what could not be removed
    /// of the previous output.
    func commit() throws -> [FileError] {
        try finishWriting()
        build = ContentHash(Array(hashes.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined().utf8)).description
        let marker = Array((namesBuild ? OutputMarker.text(build: build) : OutputMarker.text).utf8)
        try Files.write(marker, to: staging.path + "/" + OutputMarker.fileName)
        if namesBuild {
            hashes[OutputMarker.fileName] = ContentHash(marker)
            // Taken before the swap, which moves the folder and changes none of the stamps inside.
            for (path, stamp) in FileTree.stamps(under: staging.path) ?? [:] {
                written[path] = BuildState.Entry(stamp: stamp, hash: stamp.kind == .file ? hashes[path] ?? ContentHash.ofFile(staging.path + "/" + path) : nil)
            }
        }
        try target.confirm()
        let leftovers = try OutputSwap(staging: staging, target: target).perform()
        if namesBuild { settle() }
        return leftovers
    }

    /// The stamps of the output as it stays: removing the previous output's names of the files
    /// linked into this one changed their change times. A file that is not as it was staged (its
    /// size, modification time or inode: written meanwhile) keeps no hash, and the next build is
    /// a whole one.
    private func settle() {
        let final = FileTree.stamps(under: target.folder) ?? [:]
        for (path, entry) in written {
            guard let now = final[path], now.kind == entry.stamp.kind, now.size == entry.stamp.size,
                  now.modified == entry.stamp.modified, now.inode == entry.stamp.inode else {
                written[path]?.hash = nil
                written[path]?.stamp.kind = .other
                continue
            }
            written[path]?.stamp.changed = now.changed
        }
    }

    func discard() {
        staging.remove()
    }
}

/// The output files, read from several threads (never written once built).
final class UncheckedFiles: @unchecked Sendable {
    let files: [(path: String, data: Data)]
    init(_ files: [(path: String, data: Data)]) { self.files = files }
}
