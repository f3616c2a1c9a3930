/// Decodes a `Codable` model straight from a validated `Value` (the reading side of
/// `ValueEncoding`): reading a record no longer writes JSON text only to parse it again.
enum ValueDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: Value) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }

    struct ValueDecoder: Decoder {
        let value: Value
        var codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw mismatch("an object") }
            var byKey: [String: Value] = [:]
            for member in members { byKey[member.key] = member.value }
            return KeyedDecodingContainer(Keyed<Key>(members: byKey, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> UnkeyedDecodingContainer {
            guard case .list(let items) = value else { throw mismatch("a list") }
            return Unkeyed(items: items, codingPath: codingPath)
        }

        func singleValueContainer() throws -> SingleValueDecodingContainer { Single(value: value, codingPath: codingPath) }

        func mismatch(_ expected: String) -> DecodingError {
            .typeMismatch(Value.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value)"))
        }
    }

    static func scalar<T: Decodable>(_ type: T.Type, from value: Value, codingPath: [CodingKey]) throws -> T {
        let decoded: Any?
        switch (value, type) {
        case (.string(let text), is String.Type): decoded = text
        case (.bool(let flag), is Bool.Type): decoded = flag
        case (.integer(let number), is Int.Type): decoded = number
        case (.integer(let number), is Double.Type): decoded = Double(number)
        case (.number(let number), is Double.Type): decoded = number
        default: decoded = nil
        }
        if let decoded = decoded as? T { return decoded }
        return try T(from: ValueDecoder(value: value, codingPath: codingPath))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: Value]
        var codingPath: [CodingKey]
        var allKeys: [Key] { members.keys.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func value(_ key: Key) throws -> Value {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { (members[key.stringValue] ?? .null) == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try ValueDecoding.scalar(type, from: value(key), codingPath: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            try ValueDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> Decoder { ValueDecoder(value: .object(members.map { .init($0.key, $0.value) }), codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> Decoder { ValueDecoder(value: try value(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [Value]
        var codingPath: [CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [Value], codingPath: [CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        private mutating func next() throws -> Value {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Value.self, .init(codingPath: codingPath, debugDescription: "end of list"))
            }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            if !isAtEnd, items[currentIndex] == .null { currentIndex += 1; return true }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try ValueDecoding.scalar(type, from: next(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(value: next(), codingPath: codingPath).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            try ValueDecoder(value: next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superDecoder() throws -> Decoder { ValueDecoder(value: try next(), codingPath: codingPath) }
    }

    struct Single: SingleValueDecodingContainer {
        let value: Value
        var codingPath: [CodingKey]

        func decodeNil() -> Bool { value == .null }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            switch (value, type) {
            case (.string(let text), is String.Type): if let text = text as? T { return text }
            case (.bool(let flag), is Bool.Type): if let flag = flag as? T { return flag }
            case (.integer(let number), is Int.Type): if let number = number as? T { return number }
            case (.integer(let number), is Double.Type): if let number = Double(number) as? T { return number }
            case (.number(let number), is Double.Type): if let number = number as? T { return number }
            default: break
            }
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "found \(value)"))
        }
    }
}
