import Foundation
import Records

/// Cleaning of the catalog's text: what can be normalized is normalized here, once.
enum CatalogText {
    /// Trimmed, NFC, non-breaking spaces as spaces, line endings as LF, no trailing spaces on
    /// any line; nil when nothing is left.
    /// One pass over the UTF-8 bytes: Foundation's `replacingOccurrences` and scalar-by-scalar
    /// string building are many times slower on Linux, and exports are hundreds of megabytes.
    static func multiline(_ raw: Any?) -> String? {
        guard let raw = raw as? String else { return nil }
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pending: [UInt8] = []  // spaces and tabs, written only if something follows on the line
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            index += 1
            switch byte {
            case 0x0D, 0x0A:  // CRLF, CR and LF all end a line
                if byte == 0x0D, next == 0x0A { index += 1 }
                pending.removeAll()
                if !out.isEmpty { out.append(0x0A) }
            case 0x20, 0x09:
                pending.append(byte)
            case 0xC2 where next == 0xA0:  // no-break space
                pending.append(0x20)
                index += 1
            case 0xC2 where (0x80...0x9F).contains(next):  // C1 control characters
                index += 1
            case 0xEF where next == 0xBB && index + 1 < bytes.count && bytes[index + 1] == 0xBF:  // BOM
                index += 2
            case _ where byte < 0x20 || byte == 0x7F:
                continue
            default:
                if !out.isEmpty { out += pending }  // leading spaces of the text are dropped
                pending.removeAll()
                out.append(byte)
            }
        }
        while let last = out.last, last == 0x0A { out.removeLast() }
        guard !out.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self).nfc
    }

    /// As `multiline`, then every run of whitespace (line breaks included) as one space.
    static func oneLine(_ raw: Any?) -> String? {
        guard let text = multiline(raw) else { return nil }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func number(_ raw: Any?) -> Double? {
        guard let number = raw as? NSNumber else { return nil }
        return number.doubleValue
    }

    static func integer(_ raw: Any?) -> Int? {
        number(raw).map { Int($0.rounded()) }
    }

    static func flag(_ raw: Any?) -> Bool {
        (raw as? Bool) ?? (raw as? NSNumber)?.boolValue ?? false
    }

    static func objects(_ raw: Any?) -> [[String: Any]] {
        (raw as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    /// What a JSON value is, in the words of a report: "một số" / "a number"…
    static func kind(of value: Any) -> Localized {
        switch value {
        case is String: return Localized(vi: "văn bản", en: "text")
        case is NSNumber: return Localized(vi: "một số", en: "a number")
        case is [Any]: return Localized(vi: "một danh sách", en: "a list")
        case is [String: Any]: return Localized(vi: "một đối tượng", en: "an object")
        default: return Localized(vi: "giá trị rỗng", en: "null")
        }
    }
}
