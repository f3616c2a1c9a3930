import Mustache

/// HTML escaping one Unicode scalar at a time.
///
/// swift-mustache's own escaping compares whole grapheme clusters, so a `"` followed by a
/// combining mark (common in decomposed Vietnamese) is one cluster that is not escaped and
/// can end an attribute (PITFALLS.md). Every template tthc loads is told to use this instead.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    static let contentTypeName = "TTHC_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName) }}"

    /// Registers the escaper with swift-mustache (once per process).
    static let registered: Void = {
        MustacheContentTypes.register(ContentType(), named: contentTypeName)
    }()
}
