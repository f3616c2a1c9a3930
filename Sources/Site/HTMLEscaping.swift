import Mustache

/// HTML escaping that no combining mark can get around.
///
/// swift-mustache's own escaping compares whole grapheme clusters, so a `"` followed by a
/// combining mark (common in decomposed Vietnamese) is one cluster that is not escaped and
/// can end an attribute (PITFALLS.md). Every template tthc loads is told to use this instead.
public enum HTML {
    public static func escape(_ text: String) -> String {
        // Every character escaped is ASCII, and no byte of a longer UTF-8 sequence is: working on
        // bytes escapes a `"` whatever follows it, and most text has nothing to escape at all.
        guard text.utf8.contains(where: { escapes[Int($0)] != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            if let escaped = escapes[Int(byte)] { out += escaped } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
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

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    static let contentTypeName = "TTHC_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName) }}"

    /// Registers the escaper with swift-mustache (once per process).
    static let registered: Void = {
        MustacheContentTypes.register(ContentType(), named: contentTypeName)
    }()
}
