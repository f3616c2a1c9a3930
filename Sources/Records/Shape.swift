/// The shape of a value in a record: one Swift definition from which the validator, the
/// canonical writer (key order, quoting) and `tthc schema` (JSON Schema) are all derived.
public indirect enum Shape: Sendable {
    /// Text on one line (a name) or on several (a description).
    case text(lines: TextLines)
    /// One of a fixed list of snake_case values; `legacy` values are accepted with a warning.
    case enumeration([String], legacy: [String] = [])
    case integer(minimum: Int?)
    case number(minimum: Double?)
    case boolean
    /// `YYYY-MM-DD`, a day that exists.
    case date
    /// ISO 8601 date and time with an offset, e.g. `2026-03-02T09:15:00+07:00`.
    case dateTime
    /// A national procedure code, `^\d\.\d{6}$`.
    case procedureCode
    /// An absolute `http` or `https` address.
    case url
    /// Where a site is published: `http(s)://`, a host, an optional port and path (`BaseURL`).
    case baseURL
    case list(Shape, minItems: Int = 0)
    case object(ObjectShape)
    /// The value may also be `null` (written `null` or left empty).
    case nullable(Shape)

    public enum TextLines: Sendable { case one, many }

    /// The fields of an object shape (none for any other).
    public var objectFields: [Field] {
        if case .object(let object) = self { return object.fields }
        return []
    }
}

public struct ObjectShape: Sendable {
    public var fields: [Field]
    public var rules: [ObjectRule]

    public init(_ fields: [Field], rules: [ObjectRule] = []) {
        self.fields = fields
        self.rules = rules
    }

}

public struct Field: Sendable {
    public enum Requirement: Sendable, Equatable {
        case required
        case optional
        /// Required by law for a complete record (NĐ 63/2010 Điều 8 khoản 2, component a–g):
        /// its absence is a warning, not an error.
        case completeness(component: String?, what: Localized)
    }

    public var key: String
    public var shape: Shape
    public var requirement: Requirement
    /// What the key means, in Vietnamese (JSON Schema `description`, scaffolding).
    public var meaning: String

    public init(_ key: String, _ shape: Shape, _ requirement: Requirement = .optional, _ meaning: String) {
        self.key = key
        self.shape = shape
        self.requirement = requirement
        self.meaning = meaning
    }
}

/// Checks across the fields of one object, reported at the field that shows the problem.
public enum ObjectRule: Sendable {
    /// When `field` is null, `description` must say why (a fee without an amount).
    case describeWhenNull(field: String, description: String)
    /// When `field` has `value`, `description` must say what it is (a duration in "other" units).
    case describeWhenEqual(field: String, value: String, description: String)
}
