import Foundation

extension Value {
    /// Deterministic JSON: members in their order, no insignificant whitespace unless `pretty`.
    public func json(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        let pad = { (level: Int) in pretty ? String(repeating: "  ", count: level) : "" }
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .number(let number): out += Value.format(number)
        case .string(let text): Value.writeJSONString(text, to: &out)
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad(indent + 1)
                item.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, member) in members.enumerated() {
                out += pad(indent + 1)
                Value.writeJSONString(member.key, to: &out)
                out += pretty ? ": " : ":"
                member.value.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (index < members.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "}"
        }
    }

    /// The same value with every object's members in key order (for JSON that diffs well).
    public var sortingKeys: Value {
        switch self {
        case .list(let items): return .list(items.map(\.sortingKeys))
        case .object(let members):
            return .object(members.map { Value.Member($0.key, $0.value.sortingKeys) }.sorted { $0.key < $1.key })
        default: return self
        }
    }

    /// `7` for whole numbers, the shortest round-tripping form otherwise (`0.5`).
    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    static func writeJSONString(_ text: String, to out: inout String) {
        // Most strings need no escape at all: copy them whole.
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
            || $0 == UInt8(ascii: "<") || $0 == 0xE2 }
        guard needsEscape else {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // `<` is escaped so that JSON embedded in a page (JSON-LD) can never close its script element.
            case "<": out += "\\u003c"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

}
