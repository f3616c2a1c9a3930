/// HTML text and quoted attribute values, escaped so that no value can become markup.
///
/// Escaping that compares whole grapheme clusters (as swift-mustache's did) leaves a `"` followed
/// by a combining mark (common in decomposed Vietnamese) unescaped, and it can end an attribute
/// (PITFALLS.md). Every character escaped is ASCII, and no byte of a longer UTF-8 sequence is:
/// working on bytes escapes a `"` whatever follows it. Control characters (other than the
/// whitespace HTML knows) and noncharacters, which a page may not hold, become U+FFFD.
public enum HTML {
    public static func escape(_ text: String) -> String {
        Markup.escape(text, table: table)
    }

    /// Appends `text`, escaped, to `out` (the templates render into bytes).
    public static func escape(_ text: String, into out: inout [UInt8]) {
        Markup.escape(text, table: table, into: &out)
    }

    /// Tab, line feed, form feed and carriage return are HTML's whitespace; other controls are not text.
    private static let table = Markup.table(keeping: [0x09, 0x0A, 0x0C, 0x0D], carriageReturn: nil)

    /// An address for `href` or `src`: `http:`, `https:` or a relative reference, with every space,
    /// control, quote, `<`, `>` and backslash percent-encoded, so it can neither leave its attribute
    /// nor be read by a browser as another scheme (browsers drop tabs and line breaks inside an
    /// address, so `java\nscript:` would run). Nil for any other scheme: there is then no link.
    public static func address(_ url: String) -> String? {
        // Most addresses (every page's own) are plain ASCII with nothing to encode: checked byte
        // by byte, not character by character with their Unicode properties.
        if url.utf8.allSatisfy(isPlainInAddress) { return linkable(url) }
        var bytes: [UInt8] = []
        for scalar in url.unicodeScalars {
            let category = scalar.properties.generalCategory
            if scalar.value < 0x80 ? addressEscapes.contains(UInt8(scalar.value)) || scalar.value < 0x21 || scalar.value == 0x7F
                                   : category == .control || category == .format || scalar.properties.isWhitespace {
                for byte in String(scalar).utf8 { PercentEncoding.append(byte, to: &bytes) }
            } else {
                bytes += String(scalar).utf8
            }
        }
        return linkable(String(decoding: bytes, as: UTF8.self))
    }

    /// An encoded address when it is relative or `http(s):`; nil for any other scheme.
    private static func linkable(_ encoded: String) -> String? {
        guard let scheme = scheme(of: encoded) else { return encoded }
        return scheme == "http" || scheme == "https" ? encoded : nil
    }

    private static let addressEscapes: Set<UInt8> = Set("\"'<>\\`{}|^".utf8)

    /// Printable ASCII that an address carries as it is (the bytes `addressEscapes` names excepted).
    private static func isPlainInAddress(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"): false
        default: byte > 0x20 && byte < 0x7F
        }
    }

    /// The scheme, lowercased, as a browser reads it (letters, digits, `+ - .`, then `:` before any `/ ? #`).
    private static func scheme(of address: String) -> String? {
        var scheme = ""
        for byte in address.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return scheme.isEmpty ? nil : scheme.lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): scheme.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard !scheme.isEmpty else { return nil }
                scheme.append(Character(Unicode.Scalar(byte)))
            default: return nil
            }
        }
        return nil
    }
}
