/// XML text and quoted attribute values (the feed, the sitemap): what HTML escapes, and every
/// character XML 1.0 does not allow (a control other than tab and line break, a noncharacter) as
/// U+FFFD, so the document stays well-formed whatever a value holds; a feed reader refuses a
/// document that is not.
public enum XML {
    public static func escape(_ text: String) -> String {
        Markup.escape(text, table: table)
    }

    static func escape(_ text: String, into out: inout [UInt8]) {
        Markup.escape(text, table: table, into: &out)
    }

    /// A carriage return is written as a reference: a parser would read it as a line feed.
    private static let table = Markup.table(keeping: [0x09, 0x0A], carriageReturn: Array("&#13;".utf8))
}

/// An XML document written element by element. Names are literals of the code; every text and
/// attribute value goes through `XML.escape`, so no value can add markup to the document.
public struct XMLWriter {
    public private(set) var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".utf8)

    public init() {}

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `<name a="…">`, then a line break unless `inline`.
    public mutating func open(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], inline: Bool = false) {
        start(name, attributes)
        bytes.append(UInt8(ascii: ">"))
        if !inline { bytes.append(UInt8(ascii: "\n")) }
    }

    /// `</name>` and a line break.
    public mutating func close(_ name: StaticString) {
        bytes += Array("</".utf8)
        bytes += name.utf8Bytes
        bytes += Array(">\n".utf8)
    }

    /// `<name>text</name>`, then a line break unless `inline`.
    public mutating func element(_ name: StaticString, _ text: String, inline: Bool = false) {
        start(name, [:])
        bytes.append(UInt8(ascii: ">"))
        XML.escape(text, into: &bytes)
        bytes += Array("</".utf8)
        bytes += name.utf8Bytes
        bytes.append(UInt8(ascii: ">"))
        if !inline { bytes.append(UInt8(ascii: "\n")) }
    }

    /// `<name a="…"/>` and a line break.
    public mutating func empty(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        start(name, attributes)
        bytes += Array("/>\n".utf8)
    }

    /// Raw layout between elements (indentation): only literals of the code.
    public mutating func layout(_ literal: StaticString) {
        bytes += literal.utf8Bytes
    }

    private mutating func start(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8Bytes
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes += key.utf8Bytes
            bytes += Array("=\"".utf8)
            XML.escape(value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

extension StaticString {
    var utf8Bytes: [UInt8] {
        withUTF8Buffer { Array($0) }
    }
}
