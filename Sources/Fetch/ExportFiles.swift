import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of one export: the export itself, its state beside it (`.trang-thai.jsonl`) and the
/// journal of a run in progress (`.dang-tai`), and whether this run may replace them. Fetch only
/// ever replaces an export it wrote itself, as it wrote it, with its state beside it.
struct ExportFiles {
    let export: URL
    var state: URL { beside(".trang-thai.jsonl") }
    var journal: URL { beside(".dang-tai") }

    /// What was there before this run.
    struct Previous {
        var state: FetchState?
        var bytes: Data?
    }

    private func beside(_ suffix: String) -> URL {
        export.deletingLastPathComponent().appendingPathComponent(export.lastPathComponent + suffix)
    }

    /// The previous export and state, or why they are not fetch's to replace. Nothing is written.
    func previous(in site: URL) -> Result<Previous, FetchOutcome.NotOurs> {
        // Records, the theme and the built site are other commands' files: an export there would
        // be read as a record, published, or wiped by the next build.
        let folder = export.deletingLastPathComponent().standardizedFileURL.path + "/"
        for reserved in ["content/thu-tuc", "templates", "public"] {
            let path = site.appendingPathComponent(reserved).standardizedFileURL.path + "/"
            if folder.hasPrefix(path) { return .failure(.reservedFolder(reserved)) }
        }
        // A link, a folder or a pipe is never read nor replaced (a pipe would block the read).
        for path in [export, state] {
            var info = stat()
            if lstat(path.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG { return .failure(.notAFile(path.path)) }
        }
        let state: FetchState?
        do {
            state = try FetchState.read(self.state)
        } catch {
            switch error {
            case .notOurs: return .failure(.foreignState)
            case .damaged(let line): return .failure(.damagedState(line: line))
            }
        }
        let bytes = FileManager.default.contents(atPath: export.path)
        if bytes != nil, state == nil { return .failure(.noState) }
        return .success(Previous(state: state, bytes: bytes))
    }

    /// The export as fetch left it: as its state says, or as the journal of a run killed between
    /// replacing the export and its state says (whatever line endings a checkout gave it).
    static func isUnchanged(_ previous: Previous, journal: FetchJournal) -> Bool {
        guard let bytes = previous.bytes, let state = previous.state else { return true }
        let fingerprint = Fingerprint.ignoringCarriageReturns(bytes)
        return fingerprint == state.export || fingerprint == journal.inheritedFinishing
    }

    /// By procedure id, the lines of the export fetch wrote last time (one envelope each).
    static func lines(_ bytes: Data) -> [String: (code: String, line: Data)] {
        var result: [String: (code: String, line: Data)] = [:]
        for line in bytes.split(separator: 0x0A) {
            let trimmed = Data(line.filter { $0 != 0x0D })
            guard let (id, code) = ExportLine.identify(trimmed) else { continue }
            result[id] = (code, trimmed)
        }
        return result
    }

    /// Temporary files of runs killed while replacing the export or the state (named by them, pid included).
    func removeStaleTemporaries() {
        let folder = export.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for target in [export.lastPathComponent, state.lastPathComponent] {
            let prefix = ".\(target)."
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
                let middle = name.dropFirst(prefix.count).dropLast(4)
                if !middle.isEmpty, middle.allSatisfy(\.isNumber) { unlink(folder.appendingPathComponent(name).path) }
            }
        }
    }
}
