/// A position in YAML text: 1-based line, and column counted in Unicode scalars, as libyaml does.
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// Front matter as libyaml reads it (`YAMLReader`): text, lists and mappings with their positions,
/// nothing typed yet. The schema decides every type (`SchemaValidator`), never YAML 1.1's guesses.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    struct Scalar: Sendable {
        var string: String
        /// Written without quotes or a block indicator: only then can it mean "nothing" (`null`, `~`).
        var plain: Bool
        var mark: YAMLMark
    }

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .mapping(_, let mark), .sequence(_, let mark): return mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The value of a key of a mapping (the first, should the key be written twice).
    func valueNode(forKey key: String) -> YAMLNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key.scalar?.string == key }?.value
    }

    /// An empty document: a mapping with nothing in it.
    static let emptyMapping = YAMLNode.mapping([], YAMLMark(line: 1, column: 1))
}

extension YAMLNode: Equatable {
    static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)):
            return a.string == b.string && a.plain == b.plain && a.mark == b.mark
        case (.mapping(let a, let markA), .mapping(let b, let markB)):
            return markA == markB && a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.sequence(let a, let markA), .sequence(let b, let markB)):
            return markA == markB && a == b
        default:
            return false
        }
    }
}
