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

    /// Reads decoded JSON (`JSONSerialization`) as a value, using `shape` to tell integers,
    /// numbers and booleans apart, which `NSNumber` alone cannot do reliably on Linux.
    public init(json: Any, shape: Shape?) {
        switch (json, shape) {
        case (is NSNull, _):
            self = .null
        case (let text as String, _):
            self = .string(text)
        case (let items as [Any], .list(let itemShape, _)?):
            self = .list(items.map { Value(json: $0, shape: itemShape) })
        case (let items as [Any], _):
            self = .list(items.map { Value(json: $0, shape: nil) })
        case (let members as [String: Any], let shape):
            var objectShape: ObjectShape?
            if case .object(let found)? = shape.map(Value.unwrapNullable) { objectShape = found }
            // Known keys in schema order, then any others sorted: never a dictionary's order.
            var ordered: [Member] = []
            for field in objectShape?.fields ?? [] {
                if let raw = members[field.key] { ordered.append(Member(field.key, Value(json: raw, shape: field.shape))) }
            }
            let known = Set(objectShape?.fields.map(\.key) ?? [])
            for key in members.keys.sorted() where !known.contains(key) {
                ordered.append(Member(key, Value(json: members[key] as Any, shape: nil)))
            }
            self = .object(ordered)
        case (let number as NSNumber, let shape):
            switch shape.map(Value.unwrapNullable) {
            case .boolean?: self = .bool(number.boolValue)
            case .integer?: self = .integer(number.intValue)
            case .number?:
                let double = number.doubleValue
                self = double.rounded() == double ? .integer(Int(double)) : .number(double)
            default:
                let double = number.doubleValue
                self = double.rounded() == double ? .integer(number.intValue) : .number(double)
            }
        default:
            self = .null
        }
    }

    static func unwrapNullable(_ shape: Shape) -> Shape {
        if case .nullable(let inner) = shape { return unwrapNullable(inner) }
        return shape
    }
}
