import CYaml

/// Reads YAML into `YAMLNode`s straight from libyaml's events: the only file that talks to libyaml.
///
/// tthc reads libyaml (the copy Yams builds) itself rather than through Yams' node tree: records
/// are read 10,000 at a time, and Yams' tree (a tag object per value, every mapping's keys hashed
/// to find duplicates) cost more than libyaml's parsing. Reading here also reports every key
/// written twice, at its second occurrence, and keeps going.
enum YAMLReader {
    struct Result {
        var root: YAMLNode?
        /// Keys written twice in one mapping: the first value is kept.
        var duplicates: [(key: String, mark: YAMLMark)] = []
        /// The first value (in reading order) nested deeper than the depth asked for, aliases
        /// included; reading stops there and `root` is nil.
        var tooDeep: YAMLMark?
    }

    /// libyaml's own words, at its position.
    struct Failure: Error {
        enum Stage { case reader, scanner, parser, composer }
        var stage: Stage
        var problem: String
        var mark: YAMLMark
        /// For the reader: the character it could not read (-1 when none).
        var value: Int32 = -1
    }

    /// `maximumDepth`: a value nested deeper stops the reading (`tooDeep`). Aliases count: a chain
    /// of anchors each holding the previous one nests as deep as written-out lists, and every
    /// later walk of the tree (validating, freeing) recurses.
    static func read(_ yaml: String, maximumDepth: Int = .max) throws(Failure) -> Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(stage: .reader, problem: "out of memory", mark: YAMLMark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        var text = yaml
        let outcome: Swift.Result<Result, Failure> = text.withUTF8 { bytes in
            // libyaml insists on an address even for no text at all.
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { emptyBuffer in
                yaml_parser_set_input_string(&parser, bytes.baseAddress ?? emptyBuffer.baseAddress, bytes.count)
                yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
                var composer = Composer(maximumDepth: maximumDepth)
                do throws(Failure) {
                    try composer.compose(&parser, bytes: bytes)
                    let root = composer.tooDeep == nil ? composer.root : nil
                    return .success(Result(root: root, duplicates: composer.duplicates, tooDeep: composer.tooDeep))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try outcome.get()
    }

    /// Builds the tree from events with its own stack: no recursion, however deep the text nests
    /// (libyaml itself refuses past its nesting limit).
    private struct Composer {
        let maximumDepth: Int
        var root: YAMLNode?
        var duplicates: [(key: String, mark: YAMLMark)] = []
        var tooDeep: YAMLMark?
        /// Anchored values with their height (how many levels nest inside them).
        private var anchors: [String: (node: YAMLNode, height: Int)] = [:]
        private var stack: [Open] = []
        private var documents = 0

        init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

        private struct Open {
            var mark: YAMLMark
            var anchor: String?
            var isMapping: Bool
            var items: [YAMLNode] = []
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var key: YAMLNode?
            /// The keys so far, as NFC (how the validator reads them), to find one written twice.
            var keyNames: [String] = []
            var height = 1
            /// The value after a key written twice is read, then dropped.
            var skippingValue = false
        }

        mutating func compose(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
            while tooDeep == nil {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw YAMLReader.failure(of: parser, bytes: bytes) }
                defer { yaml_event_delete(&event) }
                let mark = YAMLMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw Failure(stage: .composer, problem: "expected a single document in the stream", mark: mark)
                    }
                case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_ALIAS_EVENT:
                    // A value's depth is the number of collections open around it.
                    if stack.count > maximumDepth { tooDeep = mark }
                    try open(event, at: mark)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let open = stack.popLast() else { break }
                    let node = open.isMapping ? YAMLNode.mapping(open.pairs, open.mark) : YAMLNode.sequence(open.items, open.mark)
                    if let anchor = open.anchor { anchors[anchor] = (node, open.height) }
                    add(node, height: open.height)
                default:
                    break
                }
            }
        }

        /// A value begins: a scalar or alias is whole at once, a collection is opened.
        private mutating func open(_ event: yaml_event_t, at mark: YAMLMark) throws(Failure) {
            switch event.type {
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let node = YAMLNode.scalar(.init(string: value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, mark: mark))
                    if let anchor = Self.text(scalar.anchor) { anchors[anchor] = (node, 0) }
                    add(node, height: 0)
                case YAML_SEQUENCE_START_EVENT:
                    stack.append(Open(mark: mark, anchor: Self.text(event.data.sequence_start.anchor), isMapping: false))
                case YAML_MAPPING_START_EVENT:
                    stack.append(Open(mark: mark, anchor: Self.text(event.data.mapping_start.anchor), isMapping: true))
                case YAML_ALIAS_EVENT:
                    // The anchored value itself, shared, not copied: a "billion laughs" costs no
                    // memory here, and the validator's count of values stops it.
                    guard let name = Self.text(event.data.alias.anchor), let anchored = anchors[name] else {
                        throw Failure(stage: .composer, problem: "found undefined alias", mark: mark)
                    }
                    if stack.count + anchored.height > maximumDepth {
                        tooDeep = mark
                        return
                    }
                    add(anchored.node, height: anchored.height)
                default:
                    break
            }
        }

        private mutating func add(_ node: YAMLNode, height: Int) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            // The innermost collection is changed where it lies in the stack, never copied out.
            let top = stack.count - 1
            stack[top].height = max(stack[top].height, height + 1)
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            guard let key = stack[top].key else {
                // A key: compared as NFC, since the validator reads keys that way, with the keys
                // before it (a record's mappings hold a few to thirty keys: a scan beats hashing).
                if case .scalar(let scalar) = node {
                    let name = scalar.string.nfc
                    if stack[top].keyNames.contains(name) {
                        duplicates.append((scalar.string, scalar.mark))
                        stack[top].skippingValue = true
                    } else {
                        stack[top].keyNames.append(name)
                    }
                }
                stack[top].key = node
                return
            }
            if !stack[top].skippingValue { stack[top].pairs.append((key, node)) }
            stack[top].key = nil
            stack[top].skippingValue = false
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }

    private static func failure(of parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let mark = YAMLMark(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        switch parser.error {
        case YAML_READER_ERROR:
            // The reader gives a byte offset: turned into a line, and a column in scalars.
            let offset = min(parser.problem_offset, bytes.count)
            var line = 1, lineStart = 0
            for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            return Failure(stage: .reader, problem: problem, mark: YAMLMark(line: line, column: column), value: parser.problem_value)
        case YAML_SCANNER_ERROR: return Failure(stage: .scanner, problem: problem, mark: mark)
        case YAML_PARSER_ERROR: return Failure(stage: .parser, problem: problem, mark: mark)
        default: return Failure(stage: .composer, problem: problem, mark: mark)
        }
    }
}
