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
            return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
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

    static func scalar<T: Decodable>(_ type: T.Type, from value: Value, codingPath: @autoclosure () -> [CodingKey]) throws -> T {
        if let decoded = plainScalar(type, from: value) { return decoded }
        return try T(from: ValueDecoder(value: value, codingPath: codingPath()))
    }

    /// Text, flags and numbers without going through a decoder (most values of a record are these).
    static func plainScalar<T>(_ type: T.Type, from value: Value) -> T? {
        switch value {
        case .string(let text) where type == String.self: return text as? T
        case .bool(let flag) where type == Bool.self: return flag as? T
        case .integer(let number) where type == Int.self: return number as? T
        case .integer(let number) where type == Double.self: return Double(number) as? T
        case .number(let number) where type == Double.self: return number as? T
        default: return nil
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        /// A record's objects have a few to twenty keys: a scan is quicker than hashing them.
        let members: [Value.Member]
        var codingPath: [CodingKey]
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { member(key) != nil }

        private func member(_ key: Key) -> Value? {
            let name = key.stringValue
            return members.first { $0.key == name }?.value
        }

        private func value(_ key: Key) throws -> Value {
            guard let value = member(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
            }
            return value
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = member(key), value != .null else { return nil }
            return try ValueDecoding.scalar(type, from: value, codingPath: codingPath + [key])
        }

        func decodeNil(forKey key: Key) throws -> Bool { (member(key) ?? .null) == .null }

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

        func superDecoder() throws -> Decoder { ValueDecoder(value: .object(members), codingPath: codingPath) }
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
