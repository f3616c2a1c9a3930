import Foundation

/// Entries Foundation's parser refuses whole although one value is to blame, made readable so
/// that the value is judged (by `ExportValues`) instead of the entry, or the whole export,
/// being lost. Tried only after the parser failed, so the common case costs nothing:
///
/// - a lone surrogate escape (`"\uD800"`, `"\uDC00"`: the parser stops at it) becomes U+FFFD,
///   the character that says "a character was lost here";
/// - a number no `Double` holds (`1e400`, 400 digits: "not representable") becomes a string
///   marked as such, which `ExportValues` refuses as out of range wherever a number is meant,
///   and which text cleaning shows as the digits;
/// - a raw control character inside a string (not JSON, but what a hand-edited export holds)
///   is escaped, for the text cleaning to drop;
/// - a list or object nested deeper than `maximumDepth` (the parser gives up at 512; no field
///   the mapping reads is deeper than six) becomes `null`.
///
/// What is left unparsable is damaged JSON, and the export is refused as before. `tthc fetch`
/// repairs each answer of the portal the same way, so that what it writes sync reads as it would.
public enum ExportRepair {
    static let maximumDepth = 64

    /// U+FFFF, a noncharacter: no text of an export means it, and text cleaning drops it.
    private static let marker: [UInt8] = [0xEF, 0xBF, 0xBF]

    static func isOutOfRange(_ text: String) -> Bool {
        text.utf8.starts(with: marker)
    }

    /// The number as the export wrote it.
    static func literal(_ text: String) -> String {
        String(decoding: text.utf8.dropFirst(marker.count), as: UTF8.self)
    }

    /// The entry with what the parser cannot take replaced, or nil when there was nothing to replace.
    public static func repaired(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var changed = false
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                changed = copyString(bytes, from: &index, to: &out) || changed
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth >= maximumDepth {
                    index = JSONContainer.end(ofContainerAt: index, in: bytes) ?? bytes.count
                    out += Array("null".utf8)
                    changed = true
                } else {
                    depth += 1
                    out.append(byte)
                    index += 1
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                out.append(byte)
                index += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var end = index
                while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
                let token = bytes[index..<end]
                if let value = Double(String(decoding: token, as: UTF8.self)), !value.isFinite {
                    out.append(UInt8(ascii: "\""))
                    out += marker
                    out += token
                    out.append(UInt8(ascii: "\""))
                    changed = true
                } else {
                    out += token
                }
                index = end
            default:
                out.append(byte)
                index += 1
            }
        }
        return changed ? out : nil
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Copies the string starting at `index` (its opening quote); true when something was replaced.
    private static func copyString(_ bytes: [UInt8], from index: inout Int, to out: inout [UInt8]) -> Bool {
        var changed = false
        out.append(bytes[index])
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                out.append(byte)
                index += 1
                return changed
            }
            if byte < 0x20 {
                out += Array(String(format: "\\u%04X", byte).utf8)
                index += 1
                changed = true
                continue
            }
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            guard bytes[index + 1] == UInt8(ascii: "u"), let unit = codeUnit(bytes, at: index) else {
                out += bytes[index...index + 1]
                index += 2
                continue
            }
            if (0xD800...0xDBFF).contains(unit), let low = codeUnit(bytes, at: index + 6), (0xDC00...0xDFFF).contains(low) {
                out += bytes[index..<index + 12]
                index += 12
            } else if (0xD800...0xDFFF).contains(unit) {
                out += Array("\\uFFFD".utf8)
                index += 6
                changed = true
            } else {
                out += bytes[index..<index + 6]
                index += 6
            }
        }
        return changed
    }

    /// The code unit of a `\uXXXX` escape at `index`, if there is one.
    private static func codeUnit(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
        var value = 0
        for byte in bytes[index + 2..<index + 6] {
            guard let digit = hexDigit(byte) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
