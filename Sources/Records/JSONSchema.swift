/// The record format as JSON Schema (draft 2020-12), derived from `Schema.procedure`.
public enum JSONSchema {
    public static func procedure() -> Value {
        var root: [Value.Member] = [
            .init("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            .init("$id", .string("https://tthc.invalid/schema/thu-tuc-v1.json")),
            .init("title", .string("Thủ tục hành chính (tthc, v1)")),
            .init("description", .string("Phần thông tin đầu tệp (YAML front matter) của một hồ sơ thủ tục hành chính.")),
        ]
        if case .object(let members) = schema(for: .object(Schema.procedure)) { root += members }
        return .object(root)
    }

    static func schema(for shape: Shape) -> Value {
        switch shape {
        case .text(let lines):
            var members: [Value.Member] = [.init("type", .string("string"))]
            if lines == .one { members.append(.init("pattern", .string("^[^\\n]*$"))) }
            return .object(members)
        case .enumeration(let values, let legacy):
            return .object([.init("enum", .list((values + legacy).map(Value.string)))])
        case .integer(let minimum):
            return .object([.init("type", .string("integer"))] + (minimum.map { [.init("minimum", .integer($0))] } ?? []))
        case .number(let minimum):
            return .object([.init("type", .string("number"))] + (minimum.map { [.init("minimum", .number($0))] } ?? []))
        case .boolean:
            return .object([.init("type", .string("boolean"))])
        case .date:
            return .object([.init("type", .string("string")), .init("format", .string("date")),
                            .init("pattern", .string(#"^\d{4}-\d{2}-\d{2}$"#))])
        case .dateTime:
            return .object([.init("type", .string("string")), .init("format", .string("date-time"))])
        case .procedureCode:
            return .object([.init("type", .string("string")), .init("pattern", .string(Schema.procedureCodePattern))])
        case .url:
            return .object([.init("type", .string("string")), .init("format", .string("uri")),
                            .init("pattern", .string("^https?://"))])
        case .baseURL:
            return .object([.init("type", .string("string")), .init("format", .string("uri")),
                            .init("pattern", .string(#"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$"#))])
        case .list(let item, let minItems):
            var members: [Value.Member] = [.init("type", .string("array")), .init("items", schema(for: item))]
            if minItems > 0 { members.append(.init("minItems", .integer(minItems))) }
            return .object(members)
        case .nullable(let inner):
            return .object([.init("anyOf", .list([schema(for: inner), .object([.init("type", .string("null"))])]))])
        case .object(let object):
            let properties = object.fields.map { field -> Value.Member in
                var property = schema(for: field.shape)
                if case .object(var members) = property {
                    members.insert(.init("description", .string(field.meaning)), at: 0)
                    property = .object(members)
                }
                return .init(field.key, property)
            }
            let required = object.fields.filter { $0.requirement == .required }.map { Value.string($0.key) }
            var members: [Value.Member] = [.init("type", .string("object")), .init("properties", .object(properties))]
            if !required.isEmpty { members.append(.init("required", .list(required))) }
            members.append(.init("additionalProperties", .bool(false)))
            return .object(members)
        }
    }
}
