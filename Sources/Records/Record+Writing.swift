import Foundation

/// The canonical text of a record: front matter as `CanonicalYAML` writes it, then the body.
public enum RecordWriter {
    public static func text(of procedure: Procedure, body sections: [Body.Section]) -> String {
        "---\n" + frontMatter(of: procedure) + "---\n" + bodyText(sections)
    }

    public static func frontMatter(of procedure: Procedure) -> String {
        CanonicalYAML.document(value(of: procedure))
    }

    /// The procedure as a value, keys in schema order (the model declares them in that order;
    /// a test keeps it so).
    public static func value(of procedure: Procedure) -> Value {
        (try? ValueEncoding.value(of: procedure)) ?? .object([])
    }

    public static func bodyText(_ sections: [Body.Section]) -> String {
        var text = ""
        for section in sections {
            text += "\n"
            if let title = section.title { text += "## \(title)\n\n" }
            if !section.markdown.isEmpty { text += section.markdown + "\n" }
        }
        return text
    }
}
