/// A YAML file that is not a record (`site.yml`, the compliance indicator table) read the way a
/// record's front matter is: every scalar as its shape says, every problem at its line and column.
/// The places of values are kept, so that the file's owner can add the checks only it knows how to
/// make (a rate above 1, a code written twice) at the line they concern.
public struct ValidatedYAML {
    /// The validated value; nil when the text could not be read as YAML at all.
    public private(set) var value: Value?
    public private(set) var diagnostics: [Diagnostic] = []
    /// Path relative to the site folder, as diagnostics name it.
    public let path: String
    private var root: YAMLNode?

    /// One step from a value to one inside it.
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public init(bytes: [UInt8], path: String, shape: ObjectShape, unknownKey: @escaping (String, String?) -> Problem) {
        self.path = path
        guard let text = SourceText.reading(bytes, report: { report($0, line: $1, column: $2) })?.text else { return }
        let parsed = FrontMatterParser.parse(text)
        parsed.problems.forEach { report($0.problem, line: $0.line, column: $0.column) }
        guard !parsed.problems.contains(where: { $0.problem.code == .yamlSyntax }) else { return }
        let root = parsed.root ?? YAMLNode.emptyMapping
        var validator = SchemaValidator()
        validator.unknownKey = unknownKey
        value = validator.validate(root, as: .object(shape), key: "")
        validator.problems.forEach { report($0.problem, line: $0.line, column: $0.column) }
        self.root = root
    }

    public var hasErrors: Bool { value == nil || diagnostics.hasErrors }

    /// The typed model of a file without errors.
    public func decoded<T: Decodable>(_ type: T.Type) -> T? {
        guard !hasErrors, let value else { return nil }
        return try? ValueDecoding.decode(type, from: value)
    }

    /// Where the value at `steps` is written (its key's value, or a list's item); where the
    /// nearest enclosing value is when it is not written at all.
    public func position(_ steps: [Step]) -> (line: Int, column: Int) {
        guard var node = root else { return (1, 1) }
        for step in steps {
            let next: YAMLNode?
            switch step {
            case .key(let key): next = node.valueNode(forKey: key)
            case .index(let index): next = node.sequence.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
            guard let next else { break }
            node = next
        }
        return (node.mark.line, node.mark.column)
    }

    /// The line each top-level key is written on (the key's own line, not its value's), from this
    /// parse: a warning about a whole entry (`chon`, `base_url`) points at its key.
    public var keyLines: [String: Int] {
        guard case .mapping(let pairs, _) = root else { return [:] }
        var lines: [String: Int] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.string, lines[key] == nil else { continue }
            lines[key] = pair.key.mark.line
        }
        return lines
    }

    /// Adds a problem found by the file's owner at the value at `steps`.
    public mutating func report(_ problem: Problem, at steps: [Step]) {
        let position = position(steps)
        report(problem, line: position.line, column: position.column)
    }

    private mutating func report(_ problem: Problem, line: Int, column: Int) {
        diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
    }
}
