import FileSystem
import Foundation
import Records

/// The site's record files as a sync finds them, by the code each stands for.
extension CatalogSync {
    /// A record file as found: parsed, or, when its fingerprint shows it untouched since the last
    /// sync, only read (parsed later if the catalog changed it).
    struct ExistingFile: Sendable {
        var path: String
        var url: URL
        var fingerprint: String
        var parsed: Record?
        /// Its national part is known to equal the merge base.
        var untouched: Bool
        /// What the fingerprint file says of the entry it was last synchronized from (`SyncedFiles.Line.source`).
        var source: (entry: String, check: String)?

        /// The text as on disk, read again when needed rather than kept for every file.
        func text() -> String {
            FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        var record: Record { parsed ?? Record.read(bytes: Array(text().utf8), path: path) }

        /// Published from the catalog (sync only ever fingerprints files it imported).
        var isNational: Bool { untouched || parsed?.procedure?.source?.system == .national }
    }

    /// Every record file of the site by the code it stands for. A file whose front matter cannot
    /// be read stands for the code in its name: it must block that code, never be taken for a
    /// missing record and overwritten. A file filed under another name claims its own code.
    func existingFiles(_ synced: SyncedFiles) throws -> [String: ExistingFile] {
        let folder = site.appendingPathComponent(Self.recordsFolder)
        // Exact names: a file whose name is not UTF-8 stops the sync before anything is written.
        let names = (try Files.listIfPresent(folder.path, exactNames: true) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        let files = Parallel.map(names.count) { index -> ExistingFile in
            let path = "\(Self.recordsFolder)/\(names[index])"
            let url = folder.appendingPathComponent(names[index])
            let bytes: [UInt8]
            switch RecordFile.read(path, in: site) {
            case .bytes(let data): bytes = data
            case .refused(let problem):
                // Never read, so never overwritten: the file blocks its code and is reported.
                return ExistingFile(path: path, url: url, fingerprint: "", parsed: .refused(path: path, problem), untouched: false)
            }
            let stem = String(names[index].dropLast(3))
            let fingerprint = SyncedFiles.fingerprint(bytes)
            if let known = synced.lines[stem], known.fingerprint == fingerprint {
                return ExistingFile(path: path, url: url, fingerprint: fingerprint, parsed: nil, untouched: true, source: known.source)
            }
            return ExistingFile(path: path, url: url, fingerprint: fingerprint,
                                parsed: Record.read(bytes: bytes, path: path), untouched: false)
        }
        var existing: [String: ExistingFile] = [:]
        for (name, var file) in zip(names, files) {
            let stem = String(name.dropLast(3))
            if let code = file.parsed?.code, code != stem {
                // Filed under another name: its code is taken, and sync cannot write it safely.
                file.parsed?.procedure = nil
                existing[code] = file
            }
            existing[stem] = file
        }
        return existing
    }
}
