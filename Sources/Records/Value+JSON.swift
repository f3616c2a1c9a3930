import Escaping
import Foundation

extension Value {
    /// Deterministic JSON: members in their order, no insignificant whitespace unless `pretty`.
    /// `inScript`: for a page's `<script>` element (JSON-LD), where `>` and `&` are escaped too.
    public func json(pretty: Bool = false, inScript: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty, inScript: inScript), as: UTF8.self)
    }

    /// The same JSON as UTF-8 bytes, for files (an API record is written 10,000 times a build).
    public func jsonBytes(pretty: Bool = false, inScript: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, pretty: pretty, inScript: inScript, indent: 0)
        return out
    }

    /// Every string, keys included, goes through `JSONText`, the one JSON string writer.
    private func write(to out: inout [UInt8], pretty: Bool, inScript: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(UInt8(ascii: "\n"))
            out += repeatElement(UInt8(ascii: " "), count: 2 * level)
        }
        switch self {
        case .null: out += "null".utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .integer(let number): out += String(number).utf8
        // JSON has no NaN or infinity: such a number, which no valid record holds, is written as null.
        case .number(let number): out += (number.isFinite ? Value.format(number) : "null").utf8
        case .string(let text): JSONText.write(text, to: &out, inScript: inScript)
        case .list(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(to: &out, pretty: pretty, inScript: inScript, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                JSONText.write(member.key, to: &out, inScript: inScript)
                out += (pretty ? ": " : ":").utf8
                member.value.write(to: &out, pretty: pretty, inScript: inScript, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
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
        number.wholeNumber.map(String.init) ?? String(number)
    }
}
