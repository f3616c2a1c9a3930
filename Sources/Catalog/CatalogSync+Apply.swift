import FileSystem
import Foundation
import Records

extension CatalogSync {
    /// Writes every planned file, each replaced atomically. The change log first, then record
    /// files, then merge bases, then the fingerprints. A run stopped after the log plans the same
    /// changes again and the log takes each once (`ChangeLog.appending`); one stopped after a
    /// record finds it equal to the catalog and completes its base. Written last, the log would
    /// lose its lines: the next run sees nothing left to do (a log that could not be written).
    ///
    /// Nothing is written until every folder written into exists and may be written: a folder
    /// that cannot take its files fails the run before any record changes. Each planned file's
    /// own path was read while planning (a base that could not be read is not in the plan).
    public func apply(_ plan: SyncPlan) throws {
        if let unreadableSite = plan.unreadableSite { throw unreadableSite }
        try checkFolders()
        let folders = Set(plan.writes.map { Files.split($0.path).folder }).sorted()
        for folder in folders {
            try Files.makeFolder(site.path + "/" + folder)
        }
        if let folder = folders.first(where: { access(site.path + "/" + $0, W_OK | X_OK) != 0 }) {
            throw FileError.last(.write, site.path + "/" + folder)
        }
        // A record saved meanwhile stops the run before anything is written; checked again just
        // before each record is replaced, since the clerk's own editor (unlike tthc serve) takes no lock.
        if let edited = plan.writes.first(where: { order($0.path).0 == 1 && !isAsRead($0.path, in: plan) }) {
            throw FileError(.write, site.path + "/" + edited.path, .changedMeanwhile)
        }
        // Within each stage files are independent: written on all cores.
        for stage in 0...3 {
            let writes = plan.writes.filter { order($0.path).0 == stage }
            let failures = Parallel.map(writes.count) { index -> Error? in
                let write = writes[index], target = site.path + "/" + write.path
                do {
                    if stage == 1, !isAsRead(write.path, in: plan) { throw FileError(.write, target, .changedMeanwhile) }
                    if let text = write.new {
                        try Files.replace(text.utf8, at: target)
                    } else if let staging {
                        // Staged while planning: moved into place by one rename, old or new, never half.
                        try Files.move(staging.path + "/" + write.path, to: target)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
        }
    }

    /// The record at `path` holds the bytes planning read, or is still absent as it was then.
    func isAsRead(_ path: String, in plan: SyncPlan) -> Bool {
        FileManager.default.contents(atPath: site.path + "/" + path).map { SyncedFiles.fingerprint($0) } == plan.readAs[path]
    }

    func order(_ path: String) -> (Int, String) {
        if path == ChangeLog.path { return (0, path) }
        if path.hasPrefix(Self.recordsFolder) { return (1, path) }
        if path.hasPrefix(Self.baseFolder) { return (2, path) }
        return (3, path)
    }
}

/// Counts finished records for the progress bar, from any thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
