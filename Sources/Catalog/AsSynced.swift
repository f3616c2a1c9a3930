import FileSystem
import Foundation
import Records

/// Whether a record's national part is still what `tthc sync` last wrote, by sync's own
/// bookkeeping: then a warning on that part is about the national record, not the unit's text.
///
/// The cheap proof first: the file's bytes still have the fingerprint sync recorded for it
/// (`SyncedFiles`, kept only for files whose national part equals their merge base), one hash of
/// bytes already read. A file the unit has touched since (a `dia_phuong` line added) no longer
/// has it; its national part is then compared with the merge base as sync compares them (the
/// canonical text without time stamps), which costs a write of the part and a read of the base.
/// A record with neither proof is taken as the unit's: its warnings stay its own.
public struct AsSynced: Sendable {
    private let synced: SyncedFiles
    private let site: URL

    /// Reads `content/.dong-bo/tep.tsv` (none on a site never synchronized). One that cannot be
    /// read, or that a link leads out of the site, proves nothing: the bases still may.
    public init(site: URL) {
        self.site = site
        let bytes = (try? SiteFolders(site: site).resolve(SyncedFiles.path)).flatMap { path in
            (try? Files.readIfPresent(path, followingLinks: false)) ?? nil
        }
        synced = SyncedFiles(bytes: bytes ?? [])
    }

    /// `bytes`: the file's, exactly as the record was read from them; `fingerprint`, their
    /// `SyncedFiles.fingerprint` when the caller keeps it.
    public func holds(_ record: Record, bytes: [UInt8], fingerprint: (() -> String)? = nil) -> Bool {
        guard record.isImported, let code = record.procedure?.code else { return false }
        let stem = String(record.fileName.dropLast(record.fileName.hasSuffix(".md") ? 3 : 0))
        if let known = synced.lines[stem]?.fingerprint, known == (fingerprint?() ?? SyncedFiles.fingerprint(bytes)) { return true }
        guard case .text(let base) = MergeBase.read(code: code, in: site) else { return false }
        return NationalPart(record).comparisonText == base
    }
}
