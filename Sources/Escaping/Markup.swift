/// What HTML and XML escaping share: `& < > " '` as references, and what a document may not hold
/// (control characters, noncharacters) as U+FFFD, decided per UTF-8 byte from a table.
enum Markup {
    /// Per byte: nil to copy it, the bytes to write instead, or an empty array for a lead byte
    /// whose sequence is looked at whole (C1 controls start with C2, noncharacters with EF).
    typealias Table = [[UInt8]?]

    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
    private static let lookAhead: [UInt8] = []

    /// The table for a language that keeps the controls in `kept` as they are, and writes a
    /// carriage return as `carriageReturn` when given (XML parsers would turn it into a line feed).
    static func table(keeping kept: Set<UInt8>, carriageReturn: [UInt8]?) -> Table {
        (0...255).map { value -> [UInt8]? in
            let byte = UInt8(value)
            switch byte {
            case UInt8(ascii: "&"): return Array("&amp;".utf8)
            case UInt8(ascii: "<"): return Array("&lt;".utf8)
            case UInt8(ascii: ">"): return Array("&gt;".utf8)
            case UInt8(ascii: "\""): return Array("&quot;".utf8)
            case UInt8(ascii: "'"): return Array("&#39;".utf8)
            case 0x0D where carriageReturn != nil: return carriageReturn
            case _ where kept.contains(byte): return nil
            case 0..<0x20, 0x7F: return replacement
            case 0xC2, 0xEF: return lookAhead
            default: return nil
            }
        }
    }

    static func escape(_ text: String, table: Table) -> String {
        // Most text has nothing to escape at all: returned as it is.
        guard text.utf8.contains(where: { table[Int($0)] != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        escape(text, table: table, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, table: Table, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            for index in bytes.indices where index >= copied {
                guard let escaped = table[Int(bytes[index])] else { continue }
                var width = 1
                if escaped.isEmpty {
                    guard let length = disallowedSequence(bytes, at: index) else { continue }
                    width = length
                }
                out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                out += escaped.isEmpty ? replacement : escaped
                copied = index + width
            }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
        }
    }

    /// The length of a C1 control (U+0080–U+009F) or a noncharacter (U+FDD0–U+FDEF, U+FFFE,
    /// U+FFFF) starting at `index`, nil for any other character.
    private static func disallowedSequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 1 < bytes.count else { return nil }
        let second = bytes[index + 1]
        if bytes[index] == 0xC2 { return (0x80...0x9F).contains(second) ? 2 : nil }
        guard index + 2 < bytes.count else { return nil }
        let third = bytes[index + 2]
        if second == 0xBF, third == 0xBE || third == 0xBF { return 3 }
        if second == 0xB7, (0x90...0xAF).contains(third) { return 3 }
        return nil
    }
}
