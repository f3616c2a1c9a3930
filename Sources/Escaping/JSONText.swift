/// JSON strings, the one writer for every JSON tthc outputs (the API, the search index, JSON-LD,
/// `--format json`), escaped on bytes: runs that need nothing are copied whole.
///
/// Besides what JSON requires (quote, backslash, C0 controls), it escapes what would do harm
/// where JSON is read or shown: `<` (a page's script element could be closed from inside), DEL
/// and C1 controls, U+2028 and U+2029 (line ends for JavaScript), and the bidirectional
/// controls (text that reads differently from what it is, in a terminal or an editor). Inside a
/// page's `<script>` (`inScript`), `>` and `&` too, so that no markup can be read into it.
public enum JSONText {
    public static func write(_ text: String, to out: inout [UInt8], inScript: Bool = false) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            func escape(_ index: Int, _ escaped: String, width: Int = 1) {
                out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                out += escaped.utf8
                copied = index + width
            }
            for index in bytes.indices where index >= copied {
                let byte = bytes[index]
                // Nearly every byte needs nothing: one table look before the cases.
                guard mayNeedEscape[Int(byte)] else { continue }
                switch byte {
                case UInt8(ascii: "\""): escape(index, "\\\"")
                case UInt8(ascii: "\\"): escape(index, "\\\\")
                case UInt8(ascii: "\n"): escape(index, "\\n")
                case UInt8(ascii: "\r"): escape(index, "\\r")
                case UInt8(ascii: "\t"): escape(index, "\\t")
                case UInt8(ascii: "<"): escape(index, "\\u003c")
                case UInt8(ascii: ">") where inScript: escape(index, "\\u003e")
                case UInt8(ascii: "&") where inScript: escape(index, "\\u0026")
                case 0..<0x20, 0x7F: escape(index, unicodeEscape(UInt32(byte)))
                default:
                    if let (scalar, width) = harmfulScalar(bytes, at: index) { escape(index, unicodeEscape(scalar), width: width) }
                }
            }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The JSON string, quotes included.
    public static func quoted(_ text: String, inScript: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        write(text, to: &out, inScript: inScript)
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes that may start an escape: quote, backslash, controls, `<`, `>`, `&`, DEL, and the
    /// lead bytes of C1 controls (C2), U+061C (D8) and U+200E–U+2069 (E2).
    private static let mayNeedEscape: [Bool] = (0..<256).map { byte in
        byte < 0x20 || [0x22, 0x5C, 0x3C, 0x3E, 0x26, 0x7F, 0xC2, 0xD8, 0xE2].contains(byte)
    }

    /// A multi-byte character written as `\uXXXX`, with its length in bytes.
    private static func harmfulScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        guard index + 1 < bytes.count else { return nil }
        let (lead, second) = (bytes[index], bytes[index + 1])
        switch lead {
        case 0xC2 where (0x80...0x9F).contains(second): return (UInt32(second), 2)
        case 0xD8 where second == 0x9C: return (0x061C, 2)
        case 0xE2 where index + 2 < bytes.count:
            let scalar = 0x2000 | UInt32(second & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return TerminalText.isBidirectionalControl(scalar) || scalar == 0x2028 || scalar == 0x2029 ? (scalar, 3) : nil
        default: return nil
        }
    }

    private static func unicodeEscape(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
