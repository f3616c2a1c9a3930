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
    init(for target: OutputTarget, depth: Int = 1) throws {
        self.target = target
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
        let failures = Parallel.map(files.count) { index -> FileError? in
            do {
                try Files.write(box.files[index].data, to: root + "/" + box.files[index].path)
                return nil
            } catch {
                return error as? FileError ?? FileError(.write, root + "/" + box.files[index].path, .ioError)
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

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
        try Files.write(Array(OutputMarker.text.utf8), to: staging.path + "/" + OutputMarker.fileName)
        try target.confirm()
        return try OutputSwap(staging: staging, target: target).perform()
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
