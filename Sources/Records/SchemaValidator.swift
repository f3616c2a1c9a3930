import Foundation

/// A problem at a position in the YAML text (1-based, relative to the text that was parsed).
struct LocatedProblem {
    var line: Int
    var column: Int
    var problem: Problem
}

/// Walks a composed YAML tree against a `Shape`, reading every scalar as the schema says
/// (never by YAML 1.1's guesses: `no`, `1.000100` and `2026-01-15` stay text unless the
/// schema wants a boolean, number or date) and reporting every problem it meets.
struct SchemaValidator {
    static let maximumDepth = 24
    static let maximumNodes = 200_000

    var problems: [LocatedProblem] = []
    var unknownKey: (String, String?) -> Problem = Problem.unknownKey
    private var visited = 0
    private var stopped = false

    init() {}

    mutating func validate(_ node: YAMLNode, as shape: Shape, key: String, depth: Int = 0) -> Value? {
        guard !stopped else { return nil }
        visited += 1
        if visited > Self.maximumNodes {
            report(.tooManyNodes(limit: Self.maximumNodes), at: node)
            stopped = true
            return nil
        }
        if depth > Self.maximumDepth {
            report(.tooDeep(limit: Self.maximumDepth), at: node)
            stopped = true
            return nil
        }
        if case .nullable(let inner) = shape {
            if node.isNull { return .null }
            return validate(node, as: inner, key: key, depth: depth)
        }
        switch shape {
        case .object(let objectShape):
            return validateObject(node, objectShape, key: key, depth: depth)
        case .list(let itemShape, let minItems):
            return validateList(node, of: itemShape, minItems: minItems, key: key, depth: depth)
        default:
            return validateScalar(node, as: shape, key: key)
        }
    }

    // MARK: - Objects and lists

    private mutating func validateObject(_ node: YAMLNode, _ shape: ObjectShape, key: String, depth: Int) -> Value? {
        guard case .mapping(let mapping, _) = node else {
            report(.wrongType(key, expected: Localized(vi: "một khối các trường", en: "a mapping of keys"),
                              found: node.kindDescription), at: node)
            return nil
        }
        var members: [Value.Member] = []
        // The node given for each field, by the field's place in the shape (a record holds some
        // fifty objects: an array spares hashing every key twice).
        var valueNodes = [YAMLNode?](repeating: nil, count: shape.fields.count)
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report(.wrongType(key, expected: Localized(vi: "tên trường là chữ", en: "text keys"),
                                  found: keyNode.kindDescription), at: keyNode)
                continue
            }
            let name = keyScalar.string.nfc
            guard let place = shape.fields.firstIndex(where: { $0.key == name }) else {
                report(unknownKey(name, Suggestion.closest(to: name, among: shape.fields.map(\.key))), at: keyNode)
                continue
            }
            let field = shape.fields[place]
            valueNodes[place] = valueNode
            if valueNode.isNull, !field.shape.isNullable {
                if field.requirement == .required {
                    report(.wrongType(name, expected: field.shape.expectation, found: YAMLNode.emptyDescription), at: valueNode)
                }
                continue
            }
            if let value = validate(valueNode, as: field.shape, key: name, depth: depth + 1) {
                members.append(Value.Member(name, value))
            }
        }
        for (place, field) in shape.fields.enumerated() where valueNodes[place] == nil {
            switch field.requirement {
            case .required: report(.missingKey(field.key), at: node)
            case .completeness(let component, let what): report(.incomplete(component, what: what), at: node)
            case .optional: break
            }
        }
        for (place, field) in shape.fields.enumerated() {
            // An empty list the schema gives a minimum is already an error (`too-few-items`).
            if case .completeness(let component, let what) = field.requirement,
               let valueNode = valueNodes[place], valueNode.isNull || (valueNode.isEmptyCollection && field.shape.minItems == 0) {
                report(.incomplete(component, what: what), at: valueNode)
            }
        }
        let object = Value.object(members)
        for rule in shape.rules {
            checkRule(rule, object: object) { key in shape.fields.firstIndex { $0.key == key }.flatMap { valueNodes[$0] } }
        }
        return object
    }

    private mutating func checkRule(_ rule: ObjectRule, object: Value, node: (String) -> YAMLNode?) {
        func described(_ key: String) -> Bool {
            guard let text = object[key]?.string else { return false }
            return !text.trimmingWhitespace().isEmpty
        }
        switch rule {
        case .describeWhenNull(let field, let description):
            if object[field] == .null, !described(description), let node = node(field) {
                report(.amountWithoutDescription, at: node)
            }
        case .describeWhenEqual(let field, let value, let description):
            if object[field]?.string == value, !described(description), let node = node(field) {
                report(.durationWithoutDescription, at: node)
            }
        }
    }

    private mutating func validateList(_ node: YAMLNode, of itemShape: Shape, minItems: Int, key: String, depth: Int) -> Value? {
        guard case .sequence(let sequence, _) = node else {
            let suggestion = node.scalar.map { "[\($0.string)]" }
            report(.wrongType(key, expected: Localized(vi: "một danh sách", en: "a list"),
                              found: node.kindDescription, suggestion: suggestion), at: node)
            return nil
        }
        if sequence.count < minItems { report(.tooFewItems(key, minimum: minItems), at: node) }
        var items: [Value] = []
        for item in sequence {
            if let value = validate(item, as: itemShape, key: key, depth: depth + 1) { items.append(value) }
        }
        return .list(items)
    }

    // MARK: - Scalars

    private mutating func validateScalar(_ node: YAMLNode, as shape: Shape, key: String) -> Value? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(key, expected: shape.expectation, found: node.kindDescription), at: node)
            return nil
        }
        let raw = scalar.string
        if raw.mayNeedNFC, !raw.isNFC { report(.notNFC, at: node) }
        let text = raw.nfc
        switch shape {
        case .text(let lines):
            if let control = text.firstControlCharacter {
                report(.controlCharacter(key, scalar: control), at: node)
                return nil
            }
            if text.allSatisfy(\.isWhitespace) {
                report(.emptyValue(key), at: node)
                return .string(text)
            }
            if lines == .one, text.utf8.contains(UInt8(ascii: "\n")) {
                report(.wrongType(key, expected: shape.expectation,
                                  found: Localized(vi: "văn bản nhiều dòng", en: "text on several lines")), at: node)
            }
            return .string(text)
        case .enumeration(let allowed, let legacy):
            if allowed.contains(text) { return .string(text) }
            if legacy.contains(text) {
                report(.legacyLevel, at: node)
                return .string(text)
            }
            report(.notInVocabulary(key, value: text, allowed: allowed,
                                    suggestion: Suggestion.closest(to: text, among: allowed)), at: node)
            return nil
        case .integer(let minimum):
            guard let number = Int(text) else {
                report(.wrongType(key, expected: shape.expectation, found: .scalar(text),
                                  suggestion: Suggestion.integer(from: text)), at: node)
                return nil
            }
            if let minimum, number < minimum { report(.belowMinimum(key, value: text), at: node) }
            return .integer(number)
        case .number(let minimum):
            guard Syntax.isDecimal(text),
                  let number = Double(text) else {
                report(.wrongType(key, expected: shape.expectation, found: .scalar(text),
                                  suggestion: Suggestion.decimal(from: text)), at: node)
                return nil
            }
            if let minimum, number < minimum { report(.belowMinimum(key, value: text), at: node) }
            return Value(number)
        case .boolean:
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default:
                report(.wrongType(key, expected: shape.expectation, found: .scalar(text),
                                  suggestion: Suggestion.boolean(from: text)), at: node)
                return nil
            }
        case .date:
            guard CalendarDate.isValid(text) else {
                report(.malformedDate(key, value: text, expected: "YYYY-MM-DD",
                                      suggestion: CalendarDate.suggestion(for: text)), at: node)
                return nil
            }
            return .string(text)
        case .dateTime:
            guard CalendarDate.isValidDateTime(text) else {
                report(.malformedDate(key, value: text, expected: "YYYY-MM-DDTHH:MM:SS+07:00", suggestion: nil), at: node)
                return nil
            }
            return .string(text)
        case .procedureCode:
            guard Syntax.isProcedureCode(text) else {
                report(.malformedCode(key, value: text, suggestion: Suggestion.procedureCode(from: text)), at: node)
                return nil
            }
            return .string(text)
        case .url:
            guard Syntax.isWebAddress(text) else {
                report(.wrongType(key, expected: shape.expectation, found: .scalar(text)), at: node)
                return nil
            }
            return .string(text)
        case .baseURL:
            if let defect = BaseURL.defect(in: text) {
                report(.malformedURL(key, value: text, defect: defect), at: node)
                return nil
            }
            return .string(text)
        case .list, .object, .nullable:
            return nil
        }
    }

    // MARK: - Reporting

    private mutating func report(_ problem: Problem, at node: YAMLNode) {
        problems.append(LocatedProblem(line: node.mark.line, column: node.mark.column, problem: problem))
    }
}

extension YAMLNode {
    /// `null`, `~` or nothing at all, written without quotes.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var isEmptyCollection: Bool {
        switch self {
        case .sequence(let items, _): return items.isEmpty
        case .mapping(let pairs, _): return pairs.isEmpty
        default: return false
        }
    }

    static let emptyDescription = Localized(vi: "để trống", en: "empty")

    var kindDescription: Localized {
        switch self {
        case .mapping: return Localized(vi: "một khối các trường", en: "a mapping")
        case .sequence: return Localized(vi: "một danh sách", en: "a list")
        case .scalar(let scalar): return isNull ? YAMLNode.emptyDescription : .scalar(scalar.string)
        }
    }
}

extension Localized {
    static func scalar(_ text: String) -> Localized {
        let shown = text.count > 60 ? String(text.prefix(57)) + "…" : text
        return Localized(vi: "`\(shown)`", en: "`\(shown)`")
    }
}

extension Shape {
    /// The fewest items a list of this shape holds (0 for anything but a list with a minimum).
    var minItems: Int {
        if case .list(_, let minimum) = self { return minimum }
        return 0
    }

    var isNullable: Bool {
        if case .nullable = self { return true }
        return false
    }

    /// What a value of this shape is, for "must be …" messages.
    var expectation: Localized {
        switch self {
        case .text(.one): return Localized(vi: "văn bản trên một dòng", en: "text on one line")
        case .text(.many): return Localized(vi: "văn bản", en: "text")
        case .enumeration: return Localized(vi: "một giá trị trong danh mục", en: "one of the listed values")
        case .integer: return Localized(vi: "số nguyên (không có dấu chấm, dấu phẩy)", en: "a whole number")
        case .number: return Localized(vi: "một số (phần thập phân viết sau dấu chấm)", en: "a number")
        case .boolean: return Localized(vi: "`true` (có) hoặc `false` (không)", en: "`true` or `false`")
        case .date: return Localized(vi: "ngày dạng YYYY-MM-DD", en: "a date YYYY-MM-DD")
        case .dateTime: return Localized(vi: "thời điểm dạng YYYY-MM-DDTHH:MM:SS+07:00", en: "a date and time")
        case .procedureCode: return Localized(vi: "mã thủ tục", en: "a procedure code")
        case .url: return Localized(vi: "địa chỉ web bắt đầu bằng https://, không có dấu cách, dấu ngoặc kép hay dấu < >",
                                    en: "a web address starting with https://, without spaces, quotes or < >")
        case .baseURL: return Localized(vi: "địa chỉ trang dạng https://ten-mien/duong-dan/", en: "a site address like https://domain/path/")
        case .list: return Localized(vi: "một danh sách", en: "a list")
        case .object: return Localized(vi: "một khối các trường", en: "a mapping")
        case .nullable(let inner): return inner.expectation
        }
    }
}
