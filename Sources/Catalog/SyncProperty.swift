import Markdown
import Records

/// What sync promises of every record it writes, as one check that the fuzz target (`FuzzSync`)
/// and the tests hold it to: read back by the reader and validator of `tthc check`, the record
/// has no error; its national text holds no link (check would call one broken or unsafe); and
/// it reads back as the same national part, and its merge base is that part, so that the next
/// sync finds it unchanged: never "blocked" by a file sync wrote itself. An entry sync refuses is reported, not written.
public enum SyncProperty {
    /// Why the record sync would write for `mapped` breaks the promise; nil when it keeps it
    /// (or when sync writes none and reports why).
    public static func violation(of mapped: MappedProcedure, at now: String = "2026-11-22T09:00:00+07:00") -> String? {
        guard case .success(let text) = CatalogSync.createdRecord(mapped, at: now) else { return nil }
        let path = CatalogSync.recordPath(mapped.procedure.code)
        let record = Record.read(bytes: Array(text.utf8), path: path)
        if let error = record.diagnostics.first(where: { $0.severity == .error }) {
            return "\(error.line):\(error.column) \(error.problem.code.rawValue): \(error.message(.en))"
        }
        // Links as cmark reads them (what `tthc check` checks), section by section.
        for section in record.body.sections {
            if let link = MarkdownOutline(section.markdown).links.first {
                return "\(section.line + link.position.line - 1):\(link.position.column) a link in the catalog's plain text: \(link.destination)"
            }
        }
        guard record.procedure != nil else { return "no procedure read back, and no error said why" }
        let catalog = NationalPart(procedure: mapped.procedure, sections: mapped.sections)
        // The base sync stores beside it is the record without its time stamps, however texts look.
        if catalog.texts.comparisonText != catalog.comparisonText {
            return "the merge base made with the record is not its text without time stamps"
        }
        let readBack = NationalPart(record)
        if let key = readBack.differences(from: catalog).first {
            let shown = { (part: NationalPart) in part.fieldTexts[key].map { $0.debugDescription } ?? "nothing" }
            return "`\(key)` reads back differently: \(shown(readBack)) instead of \(shown(catalog))"
        }
        return nil
    }
}
