/// A value as a template sees it. Pages describe their content as `[String: Any]`; that is
/// turned into this once per page, so that rendering looks values up without a dynamic cast.
enum TemplateValue {
    case null
    case flag(Bool)
    case text(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

    init(_ any: Any) {
        switch any {
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let members as [String: Any]: self = .object(members.mapValues(TemplateValue.init))
        case let items as [Any]: self = .list(items.map(TemplateValue.init))
        case let value as TemplateValue: self = value
        default:
            // An optional inside `Any` is shown by what it holds; an absent one shows nothing.
            let mirror = Mirror(reflecting: any)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { TemplateValue($0.value) } ?? .null
            } else {
                self = .text(String(describing: any))
            }
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
