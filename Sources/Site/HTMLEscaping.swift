/// HTML escaping that no combining mark can get around.
///
/// Escaping that compares whole grapheme clusters (as swift-mustache's did) leaves a `"` followed
/// by a combining mark (common in decomposed Vietnamese) unescaped, and it can end an attribute
/// (PITFALLS.md). Every character escaped is ASCII, and no byte of a longer UTF-8 sequence is:
/// working on bytes escapes a `"` whatever follows it.
public enum HTML {
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape at all: returned as it is.
        guard text.utf8.contains(where: { escapes[Int($0)] != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `out`.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            for index in bytes.indices {
                guard let escaped = escapes[Int(bytes[index])] else { continue }
                out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                out += escaped
                copied = index + 1
            }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
        }
    }

    private static let escapes: [[UInt8]?] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "&"): return Array("&amp;".utf8)
        case UInt8(ascii: "<"): return Array("&lt;".utf8)
        case UInt8(ascii: ">"): return Array("&gt;".utf8)
        case UInt8(ascii: "\""): return Array("&quot;".utf8)
        case UInt8(ascii: "'"): return Array("&#39;".utf8)
        default: return nil
        }
    }
}
