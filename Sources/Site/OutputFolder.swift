import Foundation
import CSystem
import Records
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished build in place of the previous one, so that a failed or interrupted build
/// leaves the previous output exactly as it was.
enum OutputFolder {
    /// A fresh folder beside `output` to build into.
    static func staging(for output: URL) throws -> URL {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).building-"
        // Folders of builds that were killed: their process is gone.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
        let staging = parent.appendingPathComponent(prefix + "\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Moves the finished staging folder to `output`. Where the system can, the two folders are
    /// exchanged in one step, so a build killed at any moment leaves the old output or the new
    /// one; otherwise the previous output is moved aside first and back if the move fails.
    static func swap(_ staging: URL, into output: URL) throws {
        guard FileManager.default.fileExists(atPath: output.path) else {
            try FileManager.default.moveItem(at: staging, to: output)
            return
        }
        if tthc_exchange_paths(staging.path, output.path) == 0 {
            removeTree(staging)  // now the previous output
            return
        }
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: previous)
        try FileManager.default.moveItem(at: output, to: previous)
        do {
            try FileManager.default.moveItem(at: staging, to: output)
        } catch {
            try? FileManager.default.moveItem(at: previous, to: output)
            throw error
        }
        try? FileManager.default.removeItem(at: previous)
    }

    /// Removes a folder, the entries of large folders on every core: a previous site of 10,000
    /// procedures is some 40,000 files, and removing them one by one took a tenth of a build.
    static func removeTree(_ folder: URL) {
        removeTree(atPath: folder.path)
    }

    private static func removeTree(atPath path: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if names.count > 64 {
            _ = Parallel.map(names.count) { try? FileManager.default.removeItem(atPath: path + "/" + names[$0]) }
        } else {
            for name in names {
                // The type of the entry itself: a link to a folder elsewhere is removed, never followed.
                let child = path + "/" + name
                if (try? FileManager.default.attributesOfItem(atPath: child)[.type] as? FileAttributeType) == .typeDirectory {
                    removeTree(atPath: child)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The output files, read from several threads (never written once built).
final class UncheckedFiles: @unchecked Sendable {
    let files: [(path: String, data: Data)]
    init(_ files: [(path: String, data: Data)]) { self.files = files }
}

/// A build's output as it is made: files land in a fresh staging folder beside `output`, on every
/// core, and `commit` swaps the folder in; `discard` leaves `output` as it was.
final class StagedOutput: @unchecked Sendable {
    let output: URL
    let staging: URL
    private var folders: Set<String> = []

    init(for output: URL) throws {
        self.output = output
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        staging = try OutputFolder.staging(for: output)
    }

    func write(_ files: [(path: String, data: Data)]) throws {
        // Paths are joined as text: output paths are made by tthc (codes, slugs), never read from input.
        let root = staging.path
        for file in files {
            guard let slash = file.path.lastIndex(of: "/") else { continue }
            let folder = root + "/" + file.path[..<slash]
            if folders.insert(folder).inserted { try PlainFile.makeFolder(atPath: folder) }
        }
        // Files in a fresh staging folder need no write-then-rename each: the folder's swap is
        // what makes the build atomic.
        let box = UncheckedFiles(files)
        let failed = Parallel.map(files.count) { index -> String? in
            let path = root + "/" + box.files[index].path
            return PlainFile.write(box.files[index].data, toPath: path) ? nil : path
        }
        if let path = failed.compactMap({ $0 }).first {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Writes `files` on a thread of their own, so that the next batch is rendered while this
    /// one goes to disk. At most one batch waits: memory holds two batches, never the site.
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
    private let writes = DispatchSemaphore(value: 1)
    /// Set and read only on `queue` (and after it has drained).
    private var failure: Error?

    func commit() throws {
        try finishWriting()
        try OutputFolder.swap(staging, into: output)
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
