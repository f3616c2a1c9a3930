import Records
import Site

/// The validator run on the record a form would write, its findings put at the form's fields by
/// key path: the same rules and the same words as `tthc check`, before anything is saved.
struct RecordCheck {
    /// Each finding, the field it belongs to (nil: the record as a whole), and whether it stops a save.
    var findings: [(field: String?, message: FieldMessage, blocks: Bool)] = []

    /// `before`: the file as it was, whose own errors outside the form do not stop a save (the
    /// form cannot mend them); any error at a field the form shows, or that the change brought, does.
    /// `urls`: the site's addresses, for its links (`BodyCheck`). `overlay`: the file is a unit's part
    /// of a province's record, checked as `tthc check` checks one (`Overlay.read`: `national-in-overlay`…).
    init(bytes: [UInt8], path: String, sectionRows: [Int: Int], covered: ObjectShape, before: [UInt8]?, urls: Set<String>?,
         language: Language, overlay: Bool = false) {
        func diagnose(_ bytes: [UInt8]) -> [Diagnostic] {
            guard overlay else { return BodyCheck.diagnostics(of: Record.read(bytes: bytes, path: path), urls: urls) }
            let read = Overlay.read(bytes: bytes, path: path)
            return (read.diagnostics + BodyCheck.diagnostics(of: read.linkSource, urls: urls)).sortedForReport()
        }
        let diagnostics = diagnose(bytes)
        // An overlay of sections alone is placed as the form read it: under an empty front matter.
        let opened = OverlayText(bytes, overlay: overlay)
        let places = (try? RecordText(bytes: opened.editable, path: path)).map {
            $0.fields(of: diagnostics.map(opened.asEdited), sectionRows: sectionRows)
        } ?? Array(repeating: nil, count: diagnostics.count)
        let shown = Set(covered.fields.map(\.key))
        let found = before.map(diagnose) ?? []
        var earlier = found.filter { $0.severity == .error }.map { "\($0.code)|\($0.message(.en))" }
        for (diagnostic, field) in zip(diagnostics, places) {
            let words = diagnostic.message(language) + (diagnostic.suggestion(language).map { " " + $0 } ?? "")
            let message = FieldMessage(severity: diagnostic.severity.rawValue, text: words)
            var blocks = false
            if diagnostic.severity == .error {
                let atForm = field.map { $0.hasPrefix("muc.") || shown.contains(String($0.split(separator: ".").first ?? "")) } ?? false
                let key = "\(diagnostic.code)|\(diagnostic.message(.en))"
                if let old = earlier.firstIndex(of: key), !atForm {
                    earlier.remove(at: old)
                } else {
                    blocks = true
                }
            }
            findings.append((field, message, blocks))
        }
    }

    var blocks: Bool { findings.contains { $0.blocks } }

    /// By field, for the form; the record-wide ones under "".
    var byField: [String: [FieldMessage]] {
        var result: [String: [FieldMessage]] = [:]
        for finding in findings { result[finding.field ?? "", default: []].append(finding.message) }
        return result
    }
}
