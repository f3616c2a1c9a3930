/// A unit's own part of one procedure of its province's pool (`don-vi/<slug>/thu-tuc/<code>.md`):
/// its `dia_phuong` and its own sections, never national text, which changes through the
/// catalogue only. Front matter is optional: a file of sections alone is an overlay too.
public struct Overlay: Sendable {
    /// Path relative to the province's folder.
    public var path: String
    /// The procedure it applies to: the file's name (nil when the name is not a code).
    public var code: String?
    public var local: Procedure.LocalAdditions?
    /// The whole body, as written (its links are checked at their lines in this file).
    public var body: Body
    public var diagnostics: [Diagnostic]

    /// The unit's own sections: every section but the national ones (reported, never applied).
    public var sections: [Body.Section] { body.sections.filter { !$0.isNational } }

    public static let folder = "thu-tuc"

    /// A file that was not read at all (a link out of the site, a pipe, too large): its reason at its first line.
    public static func refused(path: String, _ problem: Problem) -> Overlay {
        Overlay(path: path, code: nil, local: nil, body: Body(markdown: "", firstLine: 1),
                diagnostics: [Diagnostic(file: path, line: 1, column: 1, problem: problem)])
    }
}

extension Record {
    /// The record as one unit publishes it: the pool's record (its national part, and what the
    /// province wrote for every unit in its `dia_phuong` and own sections) under the unit's
    /// overlay. Each `dia_phuong` key the overlay writes replaces the pool's; each section of the
    /// overlay replaces the pool's section of the same heading, or follows the pool's sections.
    public func overlaid(by overlay: Overlay) -> Record {
        var record = self
        if var procedure = record.procedure, let own = overlay.local {
            procedure.local = (procedure.local ?? Procedure.LocalAdditions()).overlaid(by: own)
            record.procedure = procedure
        }
        var sections = body.sections
        for section in overlay.sections {
            if let index = sections.firstIndex(where: { $0.title == section.title && !$0.isNational }) {
                sections[index] = section
            } else {
                sections.append(section)
            }
        }
        record.body.sections = sections
        return record
    }
}

extension Overlay {
    /// The overlay as the link check reads a record: its body's links, reported at this file,
    /// resolved from the page of the procedure it applies to.
    public var linkSource: Record {
        Record(path: path, procedure: nil, frontMatter: code.map { .object([.init("ma_thu_tuc", .string($0))]) },
               body: body, diagnostics: [], codePosition: (1, 1))
    }
}
