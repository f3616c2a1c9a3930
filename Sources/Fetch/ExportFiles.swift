import FileSystem
import Foundation
import Records

/// The files of one export: the export itself, its state beside it (`.trang-thai.jsonl`) and the
/// journal of a run in progress (`.dang-tai`), and whether this run may replace them. Fetch only
/// ever replaces an export it wrote itself, as it wrote it, with its state beside it.
struct ExportFiles {
    let export: URL
    var state: URL { beside(OwnPlaces.fetchState) }
    var journal: URL { beside(OwnPlaces.fetchJournal) }

    /// What was there before this run.
    struct Previous {
        var state: FetchState?
        var bytes: Data?
    }

    private func beside(_ suffix: String) -> URL {
        export.deletingLastPathComponent().appendingPathComponent(export.lastPathComponent + suffix)
    }

    /// The previous export and state, or why they are not fetch's to replace. Nothing is written;
    /// a file that is there and cannot be read throws its `FileError` (path and cause).
    func previous(in site: URL) throws -> Result<Previous, FetchOutcome.NotOurs> {
        let folders = try SiteFolders(site: site)
        // Spelt inside the site, it must stay inside it: `content/.dong-bo` linked elsewhere is
        // refused here as sync refuses it.
        let sitePath = site.standardizedFileURL.path
        let spelled = export.standardizedFileURL.path
        if spelled.hasPrefix(sitePath == "/" ? "/" : sitePath + "/") {
            do {
                _ = try folders.resolve(String(spelled.dropFirst(sitePath == "/" ? 1 : sitePath.count + 1)))
            } catch let outside as OutsideSite {
                return .failure(.outsideSite(outside))
            }
        }
        // A place tthc keeps for something else (the records, their merge bases, the theme, the
        // built site, the lock, a journal, a configuration…), even before it exists: an export there
        // would be read as a record, published, wiped by the next build, or break another command.
        // Compared where it really leads, so a link to `content/thu-tuc` is `content/thu-tuc`.
        let real = try RealPath.resolve(export.path)
        if let (place, path) = OwnPlaces.claim(real, site: folders.root) { return .failure(.ownPlace(path, place)) }
        // A folder a build made, wherever it is (`tthc build --output` elsewhere): replaced whole by the next build.
        for folder in RealPath.ancestors(of: real) where (try Files.kind(folder + "/" + OwnPlaces.outputMarker)) == .file {
            return .failure(.ownPlace(folder + "/", OwnPlaces.builtSite))
        }
        // A link, a folder or a pipe is never read nor replaced (a pipe would block the read).
        for path in [export, state] {
            if let kind = try Files.kind(path.path), kind != .file { return .failure(.notAFile(path.path)) }
        }
        // `--out content/.dong-bo/` meant "into that folder": it was written as a file in the place
        // of sync's folder, which sync then refused.
        if export.hasDirectoryPath { return .failure(.spelledAsFolder(export.path)) }
        let stateBytes = try Files.readIfPresent(self.state.path, followingLinks: false).map { Data($0) }
        let state: FetchState?
        do {
            state = try FetchState.read(stateBytes)
        } catch {
            switch error {
            case .notOurs: return .failure(.foreignState)
            case .damaged(let line): return .failure(.damagedState(line: line))
            }
        }
        let bytes = try Files.readIfPresent(export.path, followingLinks: false).map { Data($0) }
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
        let names = ((try? Files.listIfPresent(folder.path)) ?? nil) ?? []
        for target in [export.lastPathComponent, state.lastPathComponent] {
            let prefix = ".\(target)."
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
                let middle = name.dropFirst(prefix.count).dropLast(4)
                if !middle.isEmpty, middle.allSatisfy(\.isNumber) { try? Files.removeEntry(folder.appendingPathComponent(name).path) }
            }
        }
    }
}
