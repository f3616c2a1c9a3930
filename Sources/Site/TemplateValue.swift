/// A value as a template sees it: text, a yes/no, a list, or named values. Pages build their
/// content as these (literals read like the templates' names), so rendering never casts.
enum TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, Sendable {
    /// Nothing here: a name holding it is looked up in the enclosing values, as a missing name is.
    case null
    case flag(Bool)
    case text(String)
    case list([TemplateValue])
    /// Names in the order written: a page's objects hold a few to thirty names, and a scan of
    /// short names beats hashing each one to build a dictionary that is read a few times.
    case object([(name: String, value: TemplateValue)])

    init(stringLiteral text: String) { self = .text(text) }
    init(booleanLiteral flag: Bool) { self = .flag(flag) }
    init(arrayLiteral items: TemplateValue...) { self = .list(items) }
    init(dictionaryLiteral members: (String, TemplateValue)...) {
        self = .object(members.map { (name: $0.0, value: $0.1) })
    }
    init(nilLiteral: ()) { self = .null }

    init(_ text: String?) { self = text.map(TemplateValue.text) ?? .null }
    init(_ number: Int) { self = .text(String(number)) }
    init(_ texts: [String]) { self = .list(texts.map(TemplateValue.text)) }

    /// A list that has a heading of its own: `{{#x}}<h2>…</h2>{{#items}}…{{/items}}{{/x}}`.
    /// Nothing when empty, so the heading is not shown (Mustache has no `list.count`).
    static func section(_ items: [TemplateValue]) -> TemplateValue {
        items.isEmpty ? .null : .object([(name: "items", value: .list(items))])
    }

    /// A name of an object (the first, should it be written twice); setting one replaces it or
    /// adds it (pages add the site's own names to theirs).
    subscript(key: String) -> TemplateValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.name == key }?.value
        }
        set {
            guard case .object(var members) = self else { return }
            if let index = members.firstIndex(where: { $0.name == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
            self = .object(members)
        }
    }

    /// What skips a `{{#section}}` and shows a `{{^section}}`: nothing, `false`, an empty list.
    /// Any text, even empty, counts as something, as in every Mustache implementation.
    var isFalsey: Bool {
        switch self {
        case .null, .flag(false): return true
        case .list(let items): return items.isEmpty
        default: return false
        }
    }
}
