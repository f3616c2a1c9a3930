/// Writes front matter the one way tthc writes it, so that a sync that changes nothing changes
/// no byte: keys in schema order, block style, LF, a one-line value on one line (never folded),
/// multi-line text as a literal block, and quotes exactly where YAML would otherwise misread.
public enum CanonicalYAML {
    static func document(_ value: Value) -> String {
        guard case .object(let members) = value else { return "" }
        var lines: [String] = []
        appendMembers(members, indent: 0, to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendMembers(_ members: [Value.Member], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for member in members {
            let key = pad + plainOrQuoted(member.key) + ":"
            switch member.value {
            case .object(let nested) where !nested.isEmpty:
                lines.append(key)
                appendMembers(nested, indent: indent + 2, to: &lines)
            case .list(let items) where !items.isEmpty:
                lines.append(key)
                appendItems(items, indent: indent + 2, to: &lines)
            case .string(let text) where text.utf8.contains(0x0A):
                lines.append(key + " " + blockHeader(text))
                appendBlock(text, indent: indent + 2, to: &lines)
            default:
                lines.append(key + " " + inline(member.value))
            }
        }
    }

    private static func appendItems(_ items: [Value], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .object(let members) where !members.isEmpty:
                var nested: [String] = []
                appendMembers(members, indent: indent + 2, to: &nested)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .list(let inner) where !inner.isEmpty:
                var nested: [String] = []
                appendItems(inner, indent: indent + 2, to: &nested)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .string(let text) where text.utf8.contains(0x0A):
                lines.append(pad + "- " + blockHeader(text))
                appendBlock(text, indent: indent + 2, to: &lines)
            default:
                lines.append(pad + "- " + inline(item))
            }
        }
    }

    private static func inline(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return Value.format(number)
        case .string(let text): return plainOrQuoted(text)
        case .list: return "[]"
        case .object: return "{}"
        }
    }

    // MARK: - Literal blocks

    private static func blockHeader(_ text: String) -> String {
        // An indentation indicator when the first line starts with a space, which would
        // otherwise be taken for the block's indentation.
        let firstContent = text.split(separator: "\n").first { !$0.isEmpty }
        let indicator = firstContent?.first == " " ? "2" : ""
        var trailing = 0
        for character in text.reversed() {
            guard character == "\n" else { break }
            trailing += 1
        }
        let chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        return "|" + indicator + chomping
    }

    private static func appendBlock(_ text: String, indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        var body = Substring(text)
        if body.hasSuffix("\n") { body = body.dropLast() }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.isEmpty ? "" : pad + line)
        }
    }

    // MARK: - Scalars

    /// Words YAML 1.1 would read as booleans or null.
    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    static func plainOrQuoted(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// Plain when it starts with a letter and nothing in it could end the value, start a
    /// comment, or be read as another type.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic,
              let last = text.unicodeScalars.last, last != " ", last != ":" else { return false }
        if text.utf8.count <= 5, reserved.contains(text.lowercased()) { return false }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if (previous == ":" && scalar == " ") || (previous == " " && scalar == "#") { return false }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0xA0).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 { return false }
            previous = scalar
        }
        return true
    }

    /// A double-quoted YAML scalar that reads back as `text`, whatever it holds (`tthc init` writes
    /// its options into site.yml with it).
    public static func quoted(_ text: String) -> String {
        // Most quoted values (codes, dates, text starting with a digit or a dash) need no escape.
        let plain = !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F
            || $0 == 0xC2 || $0 == 0xEF || $0 == 0xE2 }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
