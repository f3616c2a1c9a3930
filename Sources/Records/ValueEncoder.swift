/// Encodes a `Codable` model straight into a `Value`, keeping Codable's keys as the one mapping
/// between Swift names and record keys. (Going through JSONEncoder and JSONSerialization cost
/// more than everything else in writing a record: dynamic casts and Objective-C bridging.)
enum ValueEncoding {
    static func value<T: Encodable>(of model: T) throws -> Value {
        let root = Slot()
        try model.encode(to: SlotEncoder(slot: root, codingPath: []))
        return root.value
    }

    /// A value under construction: containers hand out child slots and fill them later.
    final class Slot {
        enum Content {
            case empty
            case single(Value)
            case object([(String, Slot)])
            case list([Slot])
        }

        var content = Content.empty

        var value: Value {
            switch content {
            case .empty: return .null
            case .single(let value): return value
            case .object(let members): return .object(members.map { Value.Member($0.0, $0.1.value) })
            case .list(let items): return .list(items.map(\.value))
            }
        }
    }

    struct SlotEncoder: Encoder {
        let slot: Slot
        var codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = slot.content {} else { slot.content = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .list = slot.content {} else { slot.content = .list([]) }
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    static func scalar<T: Encodable>(_ value: T) -> Value? {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .integer(number)
        // Whole numbers are written without a decimal point (`so: 1`), as a reader would type them.
        case let number as Double: return number.rounded() == number && abs(number) < 1e15 ? .integer(Int(number)) : .number(number)
        default: return nil
        }
    }

    static func encode<T: Encodable>(_ value: T, into slot: Slot, codingPath: [CodingKey]) throws {
        if let scalar = scalar(value) { slot.content = .single(scalar); return }
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [CodingKey]

        private func child(_ key: Key) -> Slot {
            let child = Slot()
            if case .object(var members) = slot.content {
                members.append((key.stringValue, child))
                slot.content = .object(members)
            }
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).content = .single(.null) }
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
        var count: Int {
            if case .list(let items) = slot.content { return items.count }
            return 0
        }

        private func child() -> Slot {
            let child = Slot()
            if case .list(var items) = slot.content {
                items.append(child)
                slot.content = .list(items)
            }
            return child
        }

        mutating func encodeNil() throws { child().content = .single(.null) }
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

        mutating func encodeNil() throws { slot.content = .single(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try ValueEncoding.encode(value, into: slot, codingPath: codingPath)
        }
    }
}
