import Foundation

extension String {
    /// NFC, skipping Foundation's slow normalizer when a byte scan shows no combining mark
    /// (U+0300–U+036F are encoded with lead bytes 0xCC and 0xCD; other decomposed forms do
    /// not occur in Vietnamese text).
    public var nfc: String {
        mayNeedNFC ? precomposedStringWithCanonicalMapping : self
    }

    /// True when the text might not be NFC; false means it certainly is.
    var mayNeedNFC: Bool {
        // Asked of every value of every record: a plain loop over the bytes, not a closure per byte.
        var text = self
        return text.withUTF8 { bytes in
            for byte in bytes where byte & 0xFE == 0xCC { return true }
            return false
        }
    }

    var isNFC: Bool {
        !mayNeedNFC || precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(unicodeScalars)
    }
}

extension String {
    public func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }
    public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension Substring {
    /// Without white space at either end: what Foundation's `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives, without its round trip through UTF-16, which cost a
    /// tenth of reading a large site.
    public func trimmingWhitespace() -> String {
        trimming { Substring.isSpace($0) || Substring.isLineBreak($0) }
    }

    /// Without spaces and tabs at either end, as `trimmingCharacters(in: .whitespaces)`.
    public func trimmingSpaces() -> String {
        trimming(Substring.isSpace)
    }

    /// How many Unicode scalars `trimmingWhitespace()` drops at the start.
    public var leadingWhitespaceCount: Int {
        unicodeScalars.prefix { Substring.isSpace($0) || Substring.isLineBreak($0) }.count
    }

    /// Foundation's `.whitespaces`: space separators (Zs) and tab.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }

    /// Foundation's `.newlines`.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    /// The first control character other than tab and line feed (C0, DEL, C1): no page, feed or
    /// terminal shows one as text, and a YAML escape (`"\e[2J"`, `"\x85"`) writes any of them.
    /// Nil for nearly every value after one look at its bytes.
    var firstControlCharacter: Unicode.Scalar? {
        var text = self
        let suspicious = text.withUTF8 { bytes in
            for byte in bytes where (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 { return true }
            return false
        }
        guard suspicious else { return nil }
        return unicodeScalars.first { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
        }
    }
}
