/// Small lexical checks on the hot path of reading, written by hand: Foundation compiles a
/// new regular expression on every `range(of:options: .regularExpression)` call.
public enum Syntax {
    /// `^\d\.\d{6}$`: a national procedure code such as `1.001193`.
    public static func isProcedureCode(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 8 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 1 { if byte != UInt8(ascii: ".") { return false } } else if !isDigit(byte) { return false }
        }
        return true
    }

    /// `^-?[0-9]+(\.[0-9]+)?$`: a plain decimal number, no exponent, no grouping.
    public static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(isDigit) else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy(isDigit)
    }

    /// `:` then `|` or `>` with optional chomping and indentation indicators, then an optional comment:
    /// the key line of a YAML block scalar.
    static func opensBlockScalar(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        var rest = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        guard let indicator = rest.first, indicator == "|" || indicator == ">" else { return false }
        rest = rest.dropFirst().drop { "-+0123456789".contains($0) }.drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || rest.hasPrefix("#")
    }

    /// A URL scheme such as `https:` or `mailto:` at the start.
    public static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return false }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// An absolute `http(s)` address without the characters no web address holds unescaped: a
    /// `"` or `<` in one is an attempt to leave the attribute it is written into; a control or
    /// format character (a bidirectional override) makes it read as another address.
    public static func isWebAddress(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://"))
            && !text.unicodeScalars.contains { scalar in
                let category = scalar.properties.generalCategory
                return scalar.properties.isWhitespace || category == .control || category == .format
                    || "\"<>`\\{}|^".unicodeScalars.contains(scalar)
            }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
