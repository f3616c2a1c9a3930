/// Text from the portal as it may be shown in a terminal or a CI log: control characters (ANSI
/// escapes, line breaks a server could use to forge lines) replaced, and its length capped.
enum Shown {
    static func text(_ text: String, limit: Int = 200) -> String {
        var shown = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "�" : $0
        }))
        if shown.count > limit { shown = String(shown.prefix(limit)) + "…" }
        return shown
    }
}
