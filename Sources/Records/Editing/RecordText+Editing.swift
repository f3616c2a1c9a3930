/// What a form sends back for one record: the keys it shows, with what they now hold, and
/// (when it shows them) the body's sections.
public struct RecordChange: Sendable {
    /// The keys `covered` has, as the form now holds them; an empty or absent key is removed.
    public var frontMatter: WrittenValue
    /// The keys the form shows: no other key is compared, let alone written.
    public var covered: ObjectShape
    /// Nil: the body is left as it is.
    public var sections: [SectionChange]?

    public init(frontMatter: WrittenValue, covered: ObjectShape, sections: [SectionChange]? = nil) {
        self.frontMatter = frontMatter
        self.covered = covered
        self.sections = sections
    }
}

/// One section as the form holds it: an existing one by its place among the body's sections, or a new one.
public struct SectionChange: Sendable, Equatable {
    /// Its index in `Body.sections` of the file the form was made from; nil for a section added.
    public var index: Int?
    public var title: String
    public var markdown: String

    public init(index: Int?, title: String, markdown: String) {
        self.index = index
        self.title = title
        self.markdown = markdown
    }
}

extension RecordText {
    /// The file as the change makes it, and what changed.
    public struct Edited: Sendable {
        public var bytes: [UInt8]
        /// Key paths written anew (`dia_phuong.gio_tiep_nhan`, `cach_thuc`), and `muc.N` for sections.
        public var changed: [String]
        /// For each section of the new file (by its index in the new body), the form's row it came from.
        public var sectionRows: [Int: Int]
    }

    /// One replacement of lines (0-based `first`, `count` lines removed, then `replacement` put there).
    struct LineEdit {
        var first: Int
        var count: Int
        var replacement: [[UInt8]]
        /// Edits at one place are applied in the order they were made.
        var order: Int
    }

    /// The file with only the changed keys' lines and the changed sections rewritten.
    /// `editable`: which existing sections the form may change (the others are kept whatever it sends).
    public func applying(_ change: RecordChange, editable: (Body.Section) -> Bool = { _ in true }) -> Edited {
        var edits: [LineEdit] = []
        var changed: [String] = []
        guard case .mapping(let pairs, _) = root else { return Edited(bytes: bytes(lines: lines, breaks: breaks), changed: [], sectionRows: [:]) }
        editMapping(pairs, shape: change.covered, submitted: change.frontMatter, indent: 0,
                    end: closingLine - 1, emptyAt: closingLine, path: "", edits: &edits, changed: &changed)
        var sectionRows: [Int: Int] = [:]
        var lines = lines
        var breaks = breaks
        if let sections = change.sections {
            sectionRows = editSections(sections, editable: editable, edits: &edits, changed: &changed, lines: &lines, breaks: &breaks)
        }
        for edit in edits.sorted(by: { ($0.first, $0.order) > ($1.first, $1.order) }) {
            lines.replaceSubrange(edit.first..<(edit.first + edit.count), with: edit.replacement)
            breaks.replaceSubrange(edit.first..<(edit.first + edit.count), with: Array(repeating: newline, count: edit.replacement.count))
        }
        return Edited(bytes: bytes(lines: lines, breaks: breaks), changed: changed, sectionRows: sectionRows)
    }

    /// Compares each field of `shape` with what the file holds and edits the lines of those that
    /// differ. `end`: the last file line of this mapping's entries; `emptyAt`: where to write into it
    /// when it holds no entry.
    private func editMapping(_ pairs: [(key: YAMLNode, value: YAMLNode)], shape: ObjectShape, submitted: WrittenValue?,
                             indent: Int, end: Int, emptyAt: Int, path: String, edits: inout [LineEdit], changed: inout [String]) {
        let keys = pairs.map { $0.key.scalar?.string.nfc }
        for (place, field) in shape.fields.enumerated() {
            let index = keys.firstIndex(of: field.key)
            let new = submitted?[field.key]?.seen(as: field.shape)
            let old = index.flatMap { Self.written(pairs[$0].value).seen(as: field.shape) }
            if new == old { continue }
            let fieldPath = path + field.key
            guard let index else {
                guard let new else { continue }
                changed.append(fieldPath)
                let at = insertionLine(for: place, shape: shape, keys: keys, pairs: pairs, end: end, emptyAt: emptyAt)
                edits.append(LineEdit(first: at - 1, count: 0, replacement: entryLines(field, new, indent: indent), order: edits.count))
                continue
            }
            let span = entrySpan(pairs, index, end: end)
            let value = pairs[index].value
            if let new, case .object(let object) = field.shape.withoutNull, case .mapping(let children, let mark) = value,
               !children.isEmpty, mark.line > pairs[index].key.mark.line, !Self.isFlow(value, in: lines, yamlFirstLine: yamlFirstLine) {
                // Keys on lines of their own: only the ones that changed are written.
                editMapping(children, shape: object, submitted: new, indent: mark.column - 1, end: span.last,
                            emptyAt: span.last + 1, path: fieldPath + ".", edits: &edits, changed: &changed)
                continue
            }
            changed.append(fieldPath)
            edits.append(LineEdit(first: span.first - 1, count: span.last - span.first + 1,
                                  replacement: new.map { entryLines(field, $0, indent: indent) } ?? [], order: edits.count))
        }
    }

    /// The key `shape.fields[place]` goes after the nearest key before it (in the schema's order)
    /// that the file has, else before the nearest after it.
    private func insertionLine(for place: Int, shape: ObjectShape, keys: [String?], pairs: [(key: YAMLNode, value: YAMLNode)],
                               end: Int, emptyAt: Int) -> Int {
        for field in shape.fields[..<place].reversed() {
            if let index = keys.firstIndex(of: field.key) { return entrySpan(pairs, index, end: end).last + 1 }
        }
        for field in shape.fields[(place + 1)...] {
            if let index = keys.firstIndex(of: field.key) { return fileLine(pairs[index].key.mark.line) }
        }
        if let last = pairs.indices.last { return entrySpan(pairs, last, end: end).last + 1 }
        return emptyAt
    }

    func fileLine(_ yamlLine: Int) -> Int { yamlLine + yamlFirstLine - 1 }

    /// The file lines of an entry: from its key to the line before the next key, without the blank
    /// and comment lines that end it (they belong to what follows; in a block of text `|`, a line
    /// indented deeper than the key is text, even if it starts with `#`).
    private func entrySpan(_ pairs: [(key: YAMLNode, value: YAMLNode)], _ index: Int, end: Int) -> (first: Int, last: Int) {
        let key = pairs[index].key.mark
        let first = fileLine(key.line)
        var last = index + 1 < pairs.count ? fileLine(pairs[index + 1].key.mark.line) - 1 : end
        let keyIndent = key.column - 1
        let keyLine = lines[first - 1]
        let afterColon = keyLine.firstIndex(of: UInt8(ascii: ":")).map { keyLine[($0 + 1)...].drop { $0 == 32 } }
        let block = afterColon.map { $0.first == UInt8(ascii: "|") || $0.first == UInt8(ascii: ">") } ?? false
        while last > first {
            let line = lines[last - 1]
            let indent = line.prefix { $0 == 32 || $0 == 9 }.count
            if indent == line.count || (line[indent] == UInt8(ascii: "#") && (!block || indent <= keyIndent)) {
                last -= 1
            } else {
                break
            }
        }
        return (first, last)
    }

    /// `key: value` as the canonical writer writes it, indented to its mapping.
    private func entryLines(_ field: Field, _ value: WrittenValue, indent: Int) -> [[UInt8]] {
        let text = CanonicalYAML.document(.object([Value.Member(field.key, WrittenValue.typed(value, as: field.shape))]))
        let pad = [UInt8](repeating: 32, count: indent)
        return text.utf8.split(separator: 10, omittingEmptySubsequences: false).dropLast().map { line in
            line.isEmpty ? [] : pad + Array(line)
        }
    }
}

extension Shape {
    /// The shape a value has when it is not null.
    public var withoutNull: Shape {
        if case .nullable(let inner) = self { return inner }
        return self
    }
}

extension WrittenValue {
    /// The value the canonical writer writes for what was typed: a number where the schema wants
    /// one and the text reads as one; otherwise the text itself, quoted as text, so that the
    /// validator says of it what it says of the same text in a file (`50.000` → "write 50000").
    static func typed(_ value: WrittenValue, as shape: Shape) -> Value {
        switch (shape, value) {
        case (.nullable(let inner), _):
            return value.isEmpty ? .null : typed(value, as: inner)
        case (.object(let object), .keys):
            return .object(object.fields.compactMap { field in
                if let seen = value[field.key]?.seen(as: field.shape) { return Value.Member(field.key, typed(seen, as: field.shape)) }
                // A fee with no amount: `so_tien: null`, which the schema requires to be written.
                if field.requirement == .required, field.shape.isNullable { return Value.Member(field.key, .null) }
                return nil
            })
        case (.list(let item, _), .list(let items)):
            return .list(items.compactMap { $0.seen(as: item) }.map { typed($0, as: item) })
        case (_, .text(let text)):
            switch shape {
            case .integer: return Int(text).map(Value.integer) ?? .string(text)
            case .number: return Syntax.isDecimal(text) ? Double(text).map(Value.init) ?? .string(text) : .string(text)
            case .boolean: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            default: return .string(text)
            }
        case (_, .list(let items)):
            return .list(items.map { typed($0, as: .text(lines: .many)) })
        case (_, .keys(let entries)):
            return .object(entries.map { Value.Member($0.key, typed($0.value, as: .text(lines: .many))) })
        }
    }
}
