import Foundation
import Records

/// Cleaning of the catalog's text (`ExportValues` reads every text through here): what carries
/// no meaning is normalized away, once, so that no text sync writes can fail `tthc check` or
/// show a reader something other than what it says.
///
/// - C0 and C1 controls, DEL, the byte order mark and the noncharacters (U+FFFE, U+FFFF,
///   U+FDD0–U+FDEF and their kin in every plane: YAML refuses some, none is meant for text)
///   are dropped;
/// - the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
///   can show "50.000" as "000.05", are dropped (the marks U+200E/U+200F are harmless and real
///   exports hold them);
/// - every Unicode space (no-break, en, em, ideographic…) is a space; CR, CRLF, NEL, U+2028 and
///   U+2029 end a line; spaces at the ends of lines and blank lines at the ends are dropped;
/// - the result is NFC, or nil when nothing is left (an empty value fails `tthc check`).
///
/// Lone surrogates never reach here: `ExportRepair` turns `\uD800` escapes into U+FFFD before
/// Foundation parses the entry.
enum CatalogText {
    /// Trimmed, NFC, line endings as LF; nil when nothing is left.
    static func multiline(_ raw: Any?) -> String? {
        guard let raw = raw as? String else { return nil }
        return cleaned(raw, oneLine: false)
    }

    /// As `multiline`, then every run of white space (line breaks included) as one space.
    static func oneLine(_ raw: Any?) -> String? {
        guard let raw = raw as? String else { return nil }
        return cleaned(raw, oneLine: true)
    }

    /// What a byte sequence at `index` is, for the cleaning.
    private enum Kind {
        case keep(width: Int)
        case drop(width: Int)
        /// White space inside a line: a tab stays a tab, every other space is written as a space.
        case blank(width: Int, written: UInt8)
        case lineBreak(width: Int)
    }

    /// One pass over the UTF-8 bytes: Foundation's `replacingOccurrences` and scalar-by-scalar
    /// string building are many times slower on Linux, and exports are hundreds of megabytes.
    static func cleaned(_ raw: String, oneLine: Bool) -> String? {
        var raw = raw
        // Most texts need nothing: told in one read, and given back without being copied.
        if raw.withUTF8({ isClean($0, oneLine: oneLine) }) { return raw.nfc }
        return rebuilt(raw, oneLine: oneLine)
    }

    /// True when `rebuilt` would give back the very bytes: no character it drops or replaces, no
    /// white space at either end or before a line break, and in one-line text no line break, tab
    /// or run of spaces.
    private static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, oneLine: Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        for end in [first, last] where end == 0x20 || end == 0x09 || end == 0x0A { return false }
        var previous: UInt8 = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x21..<0x7F:
                index += 1
            case 0x20:
                if oneLine, previous == 0x20 { return false }
                index += 1
            case 0x09:
                if oneLine { return false }
                index += 1
            case 0x0A:
                if oneLine || previous == 0x20 || previous == 0x09 { return false }
                index += 1
            case 0x80...:
                guard case .keep(let width) = kind(bytes, at: index) else { return false }
                index += width
            default:
                return false  // another control character, DEL, CR
            }
            previous = byte
        }
        return true
    }

    /// The text written again byte by byte, cleaned.
    static func rebuilt(_ raw: String, oneLine: Bool) -> String? {
        var raw = raw
        var out: [UInt8] = raw.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pending: [UInt8] = []  // white space, written only if something follows on the line
            var pendingBreak = false
            var index = 0
            while index < bytes.count {
                switch kind(bytes, at: index) {
                case .keep(let width):
                    if !out.isEmpty {
                        if oneLine {
                            if pendingBreak || !pending.isEmpty { out.append(0x20) }
                        } else {
                            if pendingBreak { out.append(0x0A) }
                            out += pending
                        }
                    }
                    pending.removeAll(keepingCapacity: true)
                    pendingBreak = false
                    for offset in 0..<width { out.append(bytes[index + offset]) }
                    index += width
                case .drop(let width):
                    index += width
                case .blank(let width, let written):
                    pending.append(written)
                    index += width
                case .lineBreak(let width):
                    // Blank lines inside the text are kept (not in one-line text).
                    if !oneLine, pendingBreak, !out.isEmpty { out.append(0x0A) }
                    pendingBreak = true
                    pending.removeAll(keepingCapacity: true)
                    index += width
                }
            }
            return out
        }
        while out.last == 0x0A { out.removeLast() }
        guard !out.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self).nfc
    }

    private static func kind(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Kind {
        let byte = bytes[index]
        func at(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte {
        case 0x0A: return .lineBreak(width: 1)
        case 0x0D: return .lineBreak(width: at(1) == 0x0A ? 2 : 1)
        case 0x20: return .blank(width: 1, written: 0x20)
        case 0x09: return .blank(width: 1, written: 0x09)
        case 0x00..<0x20, 0x7F: return .drop(width: 1)
        case 0x21..<0x7F: return .keep(width: 1)
        case 0xC2:
            switch at(1) {
            case 0x85: return .lineBreak(width: 2)              // NEL
            case 0xA0: return .blank(width: 2, written: 0x20)                  // no-break space
            case 0x80...0x9F: return .drop(width: 2)            // C1 controls
            default: return .keep(width: 2)
            }
        case 0xE1 where at(1) == 0x9A && at(2) == 0x80: return .blank(width: 3, written: 0x20)   // U+1680
        case 0xE2:
            let second = at(1), third = at(2)
            if second == 0x80 {
                switch third {
                case 0x80...0x8A, 0xAF: return .blank(width: 3, written: 0x20)   // U+2000–U+200A, U+202F
                case 0xA8, 0xA9: return .lineBreak(width: 3)      // U+2028, U+2029
                case 0xAA...0xAE: return .drop(width: 3)          // bidi embeddings and overrides
                default: return .keep(width: 3)
                }
            }
            if second == 0x81 {
                if third == 0x9F { return .blank(width: 3, written: 0x20) }       // U+205F
                if (0xA6...0xA9).contains(third) { return .drop(width: 3) }  // bidi isolates
            }
            return .keep(width: 3)
        case 0xE3 where at(1) == 0x80 && at(2) == 0x80: return .blank(width: 3, written: 0x20)   // U+3000
        case 0xEF:
            let second = at(1), third = at(2)
            if second == 0xBB && third == 0xBF { return .drop(width: 3) }                     // BOM
            if second == 0xBF && (third == 0xBE || third == 0xBF) { return .drop(width: 3) }  // U+FFFE, U+FFFF
            if second == 0xB7 && (0x90...0xAF).contains(third) { return .drop(width: 3) }     // U+FDD0–U+FDEF
            return .keep(width: 3)
        case 0xF0...0xF4:
            // U+1FFFE, U+1FFFF … U+10FFFF: the last two of every plane.
            if at(1) & 0x0F == 0x0F, at(2) == 0xBF, at(3) == 0xBE || at(3) == 0xBF { return .drop(width: 4) }
            return .keep(width: 4)
        case 0xC0...0xDF: return .keep(width: 2)
        case 0xE0...0xEF: return .keep(width: 3)
        default: return .keep(width: 1)  // a Swift string is valid UTF-8: continuation bytes are consumed above
        }
    }
}
