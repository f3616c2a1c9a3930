import Foundation

extension Value {
    /// Deterministic JSON: members in their order, no insignificant whitespace unless `pretty`.
    public func json(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    /// The same JSON as UTF-8 bytes, for files (an API record is written 10,000 times a build).
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(UInt8(ascii: "\n"))
            out += repeatElement(UInt8(ascii: " "), count: 2 * level)
        }
        switch self {
        case .null: out += "null".utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .integer(let number): out += String(number).utf8
        case .number(let number): out += Value.format(number).utf8
        case .string(let text): Value.writeJSONString(text, to: &out)
        case .list(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                Value.writeJSONString(member.key, to: &out)
                out += (pretty ? ": " : ":").utf8
                member.value.write(to: &out, pretty: pretty, indent: indent + 1)
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

    /// Bytes that may start an escape: quote, backslash, controls, `<`, and the lead byte of U+2028/9.
    private static let mayNeedEscape: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0xE2
    }

    /// A JSON string, escaped on bytes: runs that need nothing are copied whole.
    static func writeJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            func escape(_ index: Int, _ escaped: String, width: Int = 1) {
                out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
                out += escaped.utf8
                copied = index + width
            }
            for index in bytes.indices {
                let byte = bytes[index]
                // Nearly every byte needs nothing: one table look before the cases.
                guard Value.mayNeedEscape[Int(byte)] else { continue }
                switch byte {
                case UInt8(ascii: "\""): escape(index, "\\\"")
                case UInt8(ascii: "\\"): escape(index, "\\\\")
                case UInt8(ascii: "\n"): escape(index, "\\n")
                case UInt8(ascii: "\r"): escape(index, "\\r")
                case UInt8(ascii: "\t"): escape(index, "\\t")
                // `<` is escaped so that JSON embedded in a page (JSON-LD) can never close its script element.
                case UInt8(ascii: "<"): escape(index, "\\u003c")
                case 0..<0x20: escape(index, "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape(index, bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", width: 3)
                default: break
                }
            }
            out += UnsafeBufferPointer(rebasing: bytes[copied...])
        }
        out.append(UInt8(ascii: "\""))
    }
}
