import FileSystem
import Foundation
import Records

/// Puts a finished staging folder in the output's place. Where the system can, the two folders
/// are exchanged in one step (renameat2), so a build killed at any moment leaves the old output or
/// the new one; otherwise the old output is moved aside first and back if the move fails. What
/// was the output is removed only when it is the very folder checked before the build.
struct OutputSwap {
    let staging: LockedFolder
    let target: OutputTarget

    /// What could not be removed of the previous output (the new one is in place all the same).
    func perform() throws -> [FileError] {
        let output = target.folder
        let changed = OutputRefusal(requested: target.requested, folder: output, reason: .changedDuringBuild)
        let checked: Files.Identity
        switch target.found {
        case .nothing:
            do {
                try Files.moveWithoutReplacing(staging.path, to: output)
            } catch let error as FileError where error.alreadyExists {
                throw changed
            }
            staging.release()
            return []
        case .empty(let identity), .earlierOutput(let identity), .forced(let identity):
            checked = identity
        }
        let previous: String
        if try Files.exchange(staging.path, output) {
            previous = staging.path
            guard Files.identity(previous, followingLinks: false) == checked else {
                _ = try? Files.exchange(staging.path, output)  // not the folder checked: put it back untouched
                throw changed
            }
        } else {
            previous = Files.beside(output, suffix: ".previous-\(getpid())")
            try Files.move(output, to: previous)
            guard Files.identity(previous, followingLinks: false) == checked else {
                try? Files.move(previous, to: output)
                throw changed
            }
            do {
                try Files.moveWithoutReplacing(staging.path, to: output)
            } catch {
                try? Files.move(previous, to: output)
                throw error
            }
        }
        staging.release()
        if target.found == .empty(checked), rmdir(previous) != 0 {
            // Empty when checked, not now: what was put into it meanwhile is kept, under a name no
            // clean-up removes.
            let kept = Files.beside(output, suffix: ".kept-\(getpid())")
            try? Files.move(previous, to: kept)
            return [FileError(.remove, kept, .directoryNotEmpty)]
        }
        return Self.removeTree(previous)
    }

    /// Removes the previous output, the entries of large folders on every core: a site of 10,000
    /// procedures is some 40,000 files, and removing them one by one took a tenth of a build.
    static func removeTree(_ path: String) -> [FileError] {
        // By the names' bytes: one that is not UTF-8 is removed too, not left with its folder.
        guard (try? Files.kind(path)) == .folder, let names = Files.entryNames(path) else { return Files.removeTree(path) }
        var failures: [FileError]
        if names.count > 64 {
            failures = Parallel.map(names.count) { Files.removeTree(path, names[$0]) }.flatMap { $0 }
        } else {
            failures = names.flatMap { Files.removeTree(path, $0) }
        }
        if failures.isEmpty, rmdir(path) != 0 { failures.append(FileError.last(.remove, path)) }
        return failures
    }
}
