/// What the national catalog owns in a record (RECORDS.md, "Ownership"): every key but
/// `dia_phuong`, and the national body sections. Sync compares and stores this part only.
public struct NationalPart: Sendable, Equatable {
    public var procedure: Procedure
    public var sections: [Body.Section]

    public init(procedure: Procedure, sections: [Body.Section]) {
        var procedure = procedure
        procedure.local = nil
        self.procedure = procedure
        // In the order they are rendered, whatever order the file had them in.
        self.sections = Schema.nationalSections.compactMap { title in
            sections.first { $0.title == title }.map { Body.Section(title: title, markdown: $0.markdown, line: 0) }
        }
    }

    public init(_ record: Record) {
        self.init(procedure: record.procedure ?? Procedure(code: "", name: "", levels: [], sector: .init(code: "", name: ""),
                                                           status: .inForce, origin: .national),
                  sections: record.body.sections)
    }

    /// The canonical text: what the merge base stores.
    public var text: String { RecordWriter.text(of: procedure, body: sections) }

    /// The canonical text without the stamps of time (`cap_nhat_nguon`, `dong_bo_luc`): the
    /// catalog and sync change those without the procedure changing, so they never decide a merge.
    public var comparisonText: String {
        RecordWriter.text(of: Self.unstamped(procedure), body: sections)
    }

    /// `text` and `comparisonText` at the price of one: the canonical writer puts each stamp on
    /// a line of its own under `nguon:`, so dropping those two lines from the front matter gives
    /// exactly the stamp-free text (a test holds the two ways equal).
    public var texts: (text: String, comparisonText: String) {
        let text = self.text
        var lines: [Substring] = []
        var inFrontMatter = true
        // Only under `nguon:`: a text elsewhere may hold a line that reads "cap_nhat_nguon: …",
        // written indented like a stamp inside its literal block.
        var inSource = false
        // Lines split on bytes: splitting a whole record into `Character`s was a third of a sync.
        for (index, line) in Body.lines(text).enumerated() {
            if index > 0, line == "---" { inFrontMatter = false }
            if inFrontMatter, let first = line.utf8.first, first != UInt8(ascii: " ") { inSource = line == "nguon:" }
            if inFrontMatter, inSource, line.hasPrefix("  cap_nhat_nguon: ") || line.hasPrefix("  dong_bo_luc: ") { continue }
            lines.append(line)
        }
        return (text, lines.joined(separator: "\n"))
    }

    static func unstamped(_ procedure: Procedure) -> Procedure {
        var procedure = procedure
        procedure.source?.synchronizedAt = nil
        procedure.source?.catalogUpdatedAt = nil
        return procedure
    }
}
