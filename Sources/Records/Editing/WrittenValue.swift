/// A front-matter value as it is written, before the schema types it: text, a list, or keys in
/// order. What the browser editor's form shows and sends back, and what a save compares with the
/// file to find which keys changed.
public indirect enum WrittenValue: Sendable, Equatable {
    /// A scalar's text (`null`, `~` or nothing written: empty).
    case text(String)
    case list([WrittenValue])
    case keys([Entry])

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: WrittenValue

        public init(_ key: String, _ value: WrittenValue) {
            self.key = key
            self.value = value
        }
    }

    public subscript(key: String) -> WrittenValue? {
        guard case .keys(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var items: [WrittenValue] {
        if case .list(let items) = self { return items }
        return []
    }

    /// Nothing in it: empty text (or only spaces and line breaks), and lists and keys holding nothing.
    public var isEmpty: Bool {
        switch self {
        case .text(let text): return text.allSatisfy(\.isWhitespace)
        case .list(let items): return items.allSatisfy(\.isEmpty)
        case .keys(let entries): return entries.allSatisfy { $0.value.isEmpty }
        }
    }

    /// What the schema can see of it, for comparing: keys the shape has, in the shape's order,
    /// without empty ones; list items that hold something; text without the line break a block
    /// ends with, and with a browser's CRLF as LF. Two values that compare equal this way write
    /// the same record.
    public func seen(as shape: Shape) -> WrittenValue? {
        if isEmpty { return nil }
        switch (shape, self) {
        case (.nullable(let inner), _):
            return seen(as: inner)
        case (.object(let object), .keys):
            let entries = object.fields.compactMap { field in
                self[field.key].flatMap { $0.seen(as: field.shape) }.map { Entry(field.key, $0) }
            }
            return entries.isEmpty ? nil : .keys(entries)
        case (.list(let item, _), .list(let items)):
            let kept = items.compactMap { $0.seen(as: item) }
            return kept.isEmpty ? nil : .list(kept)
        case (_, .text(let text)):
            var normal = text.replacingOccurrences(of: "\r\n", with: "\n").nfc
            while normal.hasSuffix("\n") || normal.hasSuffix(" ") { normal.removeLast() }
            while normal.hasPrefix(" ") { normal.removeFirst() }
            return .text(normal)
        default:
            // A list where the schema wants text (or the reverse): compared as written.
            return self
        }
    }
}
