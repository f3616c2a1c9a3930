import Markdown
import Records

/// What cmark-gfm found in one record's body, at the file's lines and columns: its links (for the
/// link check, which needs every page's address) and the problems a body shows on its own.
///
/// Each section is parsed as its page renders it (alone, normalized to NFC), so what is checked is
/// what citizens see: a link that renders as text is no link, a reference definition in another
/// section resolves nothing, a heading inside an HTML block is not a heading.
struct RecordOutline: Sendable {
    /// A link destination as written in the record, at its place in the file.
    struct Link: Sendable, Equatable {
        var target: String
        var line: Int
        var column: Int
    }

    var path: String
    /// The record's code, as far as it could be read (links are resolved from its page).
    var code: String?
    var links: [Link] = []
    var diagnostics: [Diagnostic] = []
    /// A heading meant as `## Trình tự thực hiện` is written otherwise (`# …`, `### …`, underlined).
    var meantSteps = false

    /// `outlines` are the body's sections' outlines, in the body's order; `national`: the record
    /// comes from the national catalog (`nguon.he_thong: csdlqg`), whose sections sync owns.
    init(path: String, code: String?, national: Bool, body: Body, outlines: [MarkdownOutline]) {
        self.path = path
        self.code = code
        for (section, outline) in zip(body.sections, outlines) {
            for heading in outline.headings {
                let position = section.filePosition(line: heading.position.line, column: heading.position.column)
                if let (problem, meant) = Self.problem(of: heading, in: section, national: national) {
                    diagnostics.append(Diagnostic(file: path, line: position.line, column: position.column, problem: problem))
                    if meant == Schema.nationalSections[0] { meantSteps = true }
                }
            }
            for link in outline.links {
                let position = section.filePosition(line: link.position.line, column: link.position.column)
                links.append(Link(target: link.destination, line: position.line, column: position.column))
            }
            // Raw HTML is usually pasted a paragraph at a time: one warning per line is enough.
            var lastLine = 0
            for html in outline.rawHTML where html.line != lastLine {
                lastLine = html.line
                let position = section.filePosition(line: html.line, column: html.column)
                diagnostics.append(Diagnostic(file: path, line: position.line, column: position.column, problem: .rawHTML))
            }
        }
    }

    /// A record that is checked but not rendered: its sections parsed for this alone.
    init(parsing record: Record) {
        let system = record.procedure?.source?.system.rawValue ?? record.frontMatter?["nguon"]?["he_thong"]?.string
        self.init(path: record.path, code: record.code, national: system == Procedure.Source.System.national.rawValue,
                  body: record.body, outlines: record.body.sections.map { MarkdownOutline($0.markdown.nfc) })
    }

    /// A heading cmark sees inside a section (the section's own `## ` line is not part of its
    /// Markdown) that breaks the split into national and local sections: one meant as a national
    /// section, or one whose text joins a national section instead of starting the unit's own.
    /// Sub-headings (`###`) of a unit's own record structure its text, and are left alone.
    /// The problem, and the national section the heading was meant to be, if any.
    static func problem(of heading: MarkdownOutline.Heading, in section: Body.Section, national: Bool) -> (Problem, String?)? {
        let written = heading.isUnderlined ? heading.text : String(repeating: "#", count: heading.level) + " " + heading.text
        if let meant = Schema.nationalSections.contains(heading.text) ? heading.text : Suggestion.nationalSection(resembling: heading.text) {
            return (.sectionHeading(written, meant: meant), meant)
        }
        guard section.isNational, let title = section.title, national || heading.level <= 2 else { return nil }
        return (.headingInNationalSection(written, text: heading.text, section: title), nil)
    }
}
