/// Shapes values the way the templates (Mustache) need them.
enum ViewValues {
    /// Drops nil values: swift-mustache would print an absent optional as "nil".
    static func compact(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { $0 }
    }

    /// A list that has a heading of its own: `{{#x}}<h2>…</h2>{{#items}}…{{/items}}{{/x}}`.
    /// Nil when empty, so the heading is not shown (swift-mustache has no `list.count` or `list.0`).
    static func section(_ items: [Any]) -> [String: Any]? {
        items.isEmpty ? nil : ["items": items]
    }
}
