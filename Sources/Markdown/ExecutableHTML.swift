/// The renderer's promise, checkable: HTML made from a record's Markdown holds no element,
/// attribute or address a browser would run. Fuzzing and the hostile-input tests hold every
/// rendered page to it.
///
/// It reads HTML as cmark-gfm writes it (attributes double-quoted, `<` in text always escaped),
/// so any `<` starts a real tag; tags and attributes outside what Markdown produces are reported.
public enum ExecutableHTML {
    /// What Markdown renders to, and nothing that runs.
    static let tags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
        "em", "strong", "del", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input", "sup", "section",
    ]
    static let attributes: Set<String> = ["href", "src", "alt", "title", "id", "class", "start", "align", "type", "checked", "disabled"]
    static let addressAttributes: Set<String> = ["href", "src"]

    /// The first thing in `html` a browser would execute, described; nil when there is none.
    public static func find(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if bytes[index...].starts(with: "<!--".utf8) {
                guard let end = find("-->", in: bytes, from: index + 4) else { return "unclosed comment" }
                index = end + 3
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return "unclosed tag" }
            if let problem = tagProblem(Array(bytes[(index + 1)..<end])) { return problem }
            index = end + 1
        }
        return nil
    }

    private static func tagProblem(_ tag: [UInt8]) -> String? {
        var body = tag[...]
        if body.first == UInt8(ascii: "/") { body = body.dropFirst() }
        if body.last == UInt8(ascii: "/") { body = body.dropLast() }
        let name = String(decoding: body.prefix { !isSpace($0) }, as: UTF8.self).lowercased()
        guard tags.contains(name) else { return "element <\(name)>" }
        var rest = body.dropFirst(name.utf8.count)
        while true {
            rest = rest.drop(while: isSpace)
            guard !rest.isEmpty else { return nil }
            let attribute = String(decoding: rest.prefix { $0 != UInt8(ascii: "=") && !isSpace($0) }, as: UTF8.self).lowercased()
            rest = rest.dropFirst(attribute.utf8.count)
            guard attributes.contains(attribute) else { return "attribute \(attribute) on <\(name)>" }
            guard rest.first == UInt8(ascii: "=") else { continue }
            rest = rest.dropFirst()
            guard rest.first == UInt8(ascii: "\"") else { return "unquoted attribute \(attribute) on <\(name)>" }
            rest = rest.dropFirst()
            let value = rest.prefix { $0 != UInt8(ascii: "\"") }
            rest = rest.dropFirst(value.count + 1)
            if addressAttributes.contains(attribute), let scheme = runnableScheme(String(decoding: value, as: UTF8.self)) {
                return "\(scheme) address in \(attribute) on <\(name)>"
            }
        }
    }

    /// `javascript:`, `vbscript:` and `data:` (but for images) addresses, however they are spelled:
    /// a browser decodes character references and drops tabs and line breaks before it reads one.
    public static func runnableScheme(_ address: String) -> String? {
        let plain = plainAddress(address)
        for scheme in ["javascript:", "vbscript:", "data:"] where plain.hasPrefix(scheme) {
            if scheme == "data:", ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: plain.hasPrefix) { continue }
            return scheme
        }
        return nil
    }

    /// An address as a browser reads its scheme: references decoded, spaces and controls dropped, lowercased.
    public static func plainAddress(_ address: String) -> String {
        String(String.UnicodeScalarView(decodingReferences(address).unicodeScalars.filter { $0.value > 0x20 })).lowercased()
    }

    /// `&#106;`, `&#x6A;`, `&colon;`, `&amp;`… as the characters they stand for (the few named
    /// ones that can spell a scheme; any other is left as written).
    public static func decodingReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lt": "<", "gt": ">", "quot": "\""]
        var out = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else { out += "&"; continue }
            let name = rest[..<semicolon].lowercased()
            var decoded: String?
            if name.hasPrefix("#x") { decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) } }
            else if name.hasPrefix("#") { decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
            else { decoded = named[name] }
            if let decoded {
                out += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
            }
        }
        return out + rest
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
