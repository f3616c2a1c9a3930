/// A national part field by field, for a three-way merge that decides each field on its own: a
/// field is a top-level key of the front matter or a national section (`## Trình tự thực hiện`).
extension NationalPart {
    /// Every field sync merges, in the order a record is written.
    public static let fieldKeys: [String] = Schema.procedure.fields.map(\.key) + Schema.nationalSections.map { "## " + $0 }

    /// Each field present, as the canonical writer writes it, without the stamps of time: the
    /// `key: value` lines of the front matter (a whole list or mapping under its key), or a
    /// section's heading and Markdown. Two parts hold the same value for a field exactly when
    /// these texts are equal, and the text is what a person is shown of it.
    public var fieldTexts: [String: String] {
        var texts: [String: String] = [:]
        if case .object(let members) = RecordWriter.value(of: Self.unstamped(procedure)) {
            for member in members { texts[member.key] = CanonicalYAML.document(.object([member])) }
        }
        for section in sections {
            guard let title = section.title else { continue }
            texts["## " + title] = "## \(title)\n\n" + section.markdown + (section.markdown.isEmpty ? "" : "\n")
        }
        return texts
    }

    /// The fields whose values differ, in record order.
    public func differences(from other: NationalPart) -> [String] {
        let mine = fieldTexts, theirs = other.fieldTexts
        return Self.fieldKeys.filter { mine[$0] != theirs[$0] }
    }

    /// This part with the fields `keys` taken from `other` (a field `other` lacks is then left
    /// out), keeping this part's stamps of time. Nil when the mix is not a procedure.
    public func taking(_ keys: Set<String>, from other: NationalPart) -> NationalPart? {
        guard !keys.isEmpty else { return self }
        guard case .object(let mine) = RecordWriter.value(of: procedure),
              case .object(let theirs) = RecordWriter.value(of: other.procedure) else { return nil }
        let members = Schema.procedure.fields.map(\.key).compactMap { key in
            (keys.contains(key) ? theirs : mine).first { $0.key == key }
        }
        guard var mixed = try? ValueDecoding.decode(Procedure.self, from: .object(members)) else { return nil }
        mixed.source?.catalogUpdatedAt = procedure.source?.catalogUpdatedAt
        mixed.source?.synchronizedAt = procedure.source?.synchronizedAt
        let sections = Schema.nationalSections.compactMap { title in
            (keys.contains("## " + title) ? other : self).sections.first { $0.title == title }
        }
        return NationalPart(procedure: mixed, sections: sections)
    }
}
