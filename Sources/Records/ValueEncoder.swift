/// Encodes a `Codable` model straight into a `Value`, keeping Codable's keys as the one mapping
/// between Swift names and record keys. (Going through JSONEncoder and JSONSerialization cost
/// more than everything else in writing a record: dynamic casts and Objective-C bridging.)
enum ValueEncoding {
    static func value<T: Encodable>(of model: T) throws -> Value {
        let root = Slot()
        try model.encode(to: SlotEncoder(slot: root, codingPath: []))
        return root.value
    }

    /// A value under construction: containers hand out child slots and fill them later. Members
    /// and items are kept apart from the kind so that appending never copies them.
    final class Slot {
        enum Kind { case empty, single, object, list }

        var kind = Kind.empty
        var single = Value.null
        var members: [(String, Slot)] = []
        var items: [Slot] = []

        func set(_ value: Value) {
            kind = .single
            single = value
        }

        var value: Value {
            switch kind {
            case .empty: return .null
            case .single: return single
            case .object: return .object(members.map { Value.Member($0.0, $0.1.value) })
            case .list: return .list(items.map(\.value))
            }
        }
    }

    struct SlotEncoder: Encoder {
        let slot: Slot
        var codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if slot.kind != .object { slot.kind = .object; slot.members = [] }
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if slot.kind != .list { slot.kind = .list; slot.items = [] }
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    static func scalar<T: Encodable>(_ value: T) -> Value? {
        // The type is compared first: a failed dynamic cast per nested value (four for every
        // struct of a record) cost more than encoding it.
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if T.self == Int.self, let number = value as? Int { return .integer(number) }
        if T.self == Double.self, let number = value as? Double { return Value(number) }
        return nil
    }


    static func encode<T: Encodable>(_ value: T, into slot: Slot, codingPath: @autoclosure () -> [CodingKey]) throws {
        if let scalar = scalar(value) { slot.set(scalar); return }
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath()))
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [CodingKey]

        private func child(_ key: Key) -> Slot {
            let child = Slot()
            slot.members.append((key.stringValue, child))
            return child
        }

        // Text, flags and numbers (most of a record) skip the generic path and its casts.
        mutating func encode(_ value: String, forKey key: Key) throws { child(key).set(.string(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).set(.bool(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { child(key).set(.integer(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { child(key).set(Value(value)) }
        mutating func encodeNil(forKey key: Key) throws { child(key).set(.null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try ValueEncoding.encode(value, into: child(key), codingPath: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            SlotEncoder(slot: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            SlotEncoder(slot: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { SlotEncoder(slot: slot, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder { SlotEncoder(slot: child(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]
        var count: Int { slot.items.count }

        private func child() -> Slot {
            let child = Slot()
            slot.items.append(child)
            return child
        }

        mutating func encode(_ value: String) throws { child().set(.string(value)) }
        mutating func encodeNil() throws { child().set(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try ValueEncoding.encode(value, into: child(), codingPath: codingPath)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            SlotEncoder(slot: child(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            SlotEncoder(slot: child(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { SlotEncoder(slot: child(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]

        mutating func encodeNil() throws { slot.set(.null) }
        mutating func encode(_ value: String) throws { slot.set(.string(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try ValueEncoding.encode(value, into: slot, codingPath: codingPath)
        }
    }
}
