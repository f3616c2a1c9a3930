/// `robots.txt`, written directive by directive. A directive is one line, and `#` starts a
/// comment: a value with a line break would add a directive of its own (`Disallow: /`), so every
/// byte of a value that is a control, a space, `#` or outside ASCII is percent-encoded.
public struct RobotsTxt {
    public private(set) var text = ""

    public init() {}

    /// `Name: value` on a line of its own.
    public mutating func directive(_ name: StaticString, _ value: String) {
        text += "\(name): " + Self.encode(value) + "\n"
    }

    /// An empty line between groups.
    public mutating func blankLine() {
        text += "\n"
    }

    static func encode(_ value: String) -> String {
        guard value.utf8.contains(where: needsEncoding) else { return value }
        var out: [UInt8] = []
        for byte in value.utf8 {
            if needsEncoding(byte) {
                PercentEncoding.append(byte, to: &out)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEncoding(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "#")
    }
}
