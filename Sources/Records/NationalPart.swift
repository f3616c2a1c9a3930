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

    /// The canonical text without the time of the last sync, which changes without the content changing.
    public var comparisonText: String {
        var procedure = procedure
        procedure.source?.synchronizedAt = nil
        return RecordWriter.text(of: procedure, body: sections)
    }

    /// The top-level keys and sections whose values differ, in schema order.
    public func differences(from other: NationalPart) -> [String] {
        let mine = RecordWriter.value(of: procedure), theirs = RecordWriter.value(of: other.procedure)
        var keys = Schema.procedure.fields.map(\.key).filter { $0 != "nguon" && mine[$0] != theirs[$0] }
        if mine["nguon"]?["id"] != theirs["nguon"]?["id"] || mine["nguon"]?["url"] != theirs["nguon"]?["url"] { keys.append("nguon") }
        for title in Schema.nationalSections {
            let a = sections.first { $0.title == title }?.markdown, b = other.sections.first { $0.title == title }?.markdown
            if a != b { keys.append("## \(title)") }
        }
        return keys
    }

    /// A value of this part, as one line of JSON, for showing a field side by side.
    public func shown(_ key: String) -> String {
        if key.hasPrefix("## ") {
            let title = String(key.dropFirst(3))
            return sections.first { $0.title == title }?.markdown ?? "(không có)"
        }
        return RecordWriter.value(of: procedure)[key]?.json() ?? "(không có)"
    }
}
