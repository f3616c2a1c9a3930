import Foundation
import Records

/// Cleaning of the catalog's text: what can be normalized is normalized here, once.
enum CatalogText {
    /// Trimmed, NFC, non-breaking spaces as spaces, line endings as LF, no trailing spaces on
    /// any line; nil when nothing is left.
    static func multiline(_ raw: Any?) -> String? {
        guard let raw = raw as? String else { return nil }
        let lines = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{FEFF}", with: "")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while let last = line.last, last.isWhitespace { line.removeLast() }
                return line
            }
        let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines).nfc
        return text.isEmpty ? nil : String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" })
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
}
