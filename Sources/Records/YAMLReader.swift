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
        /// Set when the block scanner read the text (tthc's own form), and then whether a plain
        /// value may be Word's quotes or end with a stray quote.
        var plainValueMayMislead = false
        var scanned = false
        /// Quoted values that run over several lines (tthc never writes one; a quote left open
        /// does), by their opening quote and the line of their closing one.
        var multilineQuotes: [QuotedSpan] = []
    }

    struct QuotedSpan: Equatable {
        var start: YAMLMark
        var endLine: Int
    }

    /// libyaml's own words, at its position.
    struct Failure: Error {
        enum Stage { case reader, scanner, parser, composer }
        var stage: Stage
        var problem: String
        var mark: YAMLMark
        /// For the reader: the character it could not read (-1 when none).
        var value: Int32 = -1
        /// What libyaml was reading, and where that started ("while scanning a quoted scalar").
        var context: String?
        var contextMark: YAMLMark?
        /// The last quoted value read before the failure that ran over several lines: a quote left
        /// open swallows the lines after it, and the failure comes where it finally closes.
        var openQuote: QuotedSpan?
    }

    /// `maximumDepth`: a value nested deeper stops the reading (`tooDeep`). Aliases count: a chain
    /// of anchors each holding the previous one nests as deep as written-out lists, and every
    /// later walk of the tree (validating, freeing) recurses.
    ///
    /// The block form `tthc sync` writes is read by `BlockYAMLScanner`; libyaml reads anything else
    /// (and everything, with `libyamlOnly`, to compare the two).
    static func read(_ yaml: String, maximumDepth: Int = .max, libyamlOnly: Bool = false) throws(Failure) -> Result {
        if !libyamlOnly, let scanned = scanned(yaml, maximumDepth: maximumDepth) { return scanned }
        var text = yaml
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(stage: .reader, problem: "out of memory", mark: YAMLMark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        let outcome: Swift.Result<Result, Failure> = text.withUTF8 { bytes in
            // libyaml insists on an address even for no text at all.
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { emptyBuffer in
                yaml_parser_set_input_string(&parser, bytes.baseAddress ?? emptyBuffer.baseAddress, bytes.count)
                yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
                var composer = YAMLComposer(maximumDepth: maximumDepth)
                var spans: [QuotedSpan] = []
                do throws(Failure) {
                    try compose(&parser, bytes: bytes, into: &composer, multilineQuotes: &spans)
                    var result = composer.result
                    result.multilineQuotes = spans
                    return .success(result)
                } catch {
                    var failure = error
                    failure.openQuote = spans.last
                    return .failure(failure)
                }
            }
        }
        return try outcome.get()
    }

    /// What `BlockYAMLScanner` reads of `yaml`, or nil when the text is not in its form.
    static func scanned(_ yaml: String, maximumDepth: Int) -> Result? {
        var text = yaml
        return text.withUTF8 { bytes in
            var composer = YAMLComposer(maximumDepth: maximumDepth)
            guard BlockYAMLScanner.scan(bytes, into: &composer) else { return nil }
            var result = composer.result
            result.scanned = true
            return result
        }
    }

    /// libyaml's events, handed to the composer until the stream ends.
    private static func compose(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>,
                                into composer: inout YAMLComposer, multilineQuotes: inout [QuotedSpan]) throws(Failure) {
        var documents = 0
        while composer.tooDeep == nil {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(of: parser, bytes: bytes) }
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
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                composer.scalar(value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: text(scalar.anchor), at: mark)
                if scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE,
                   event.end_mark.line > event.start_mark.line {
                    multilineQuotes.append(QuotedSpan(start: mark, endLine: event.end_mark.line + 1))
                }
            case YAML_SEQUENCE_START_EVENT:
                composer.begin(mapping: false, anchor: text(event.data.sequence_start.anchor), at: mark)
            case YAML_MAPPING_START_EVENT:
                composer.begin(mapping: true, anchor: text(event.data.mapping_start.anchor), at: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                composer.end()
            case YAML_ALIAS_EVENT:
                guard let name = text(event.data.alias.anchor), composer.alias(name, at: mark) else {
                    throw Failure(stage: .composer, problem: "found undefined alias", mark: mark)
                }
            default:
                break
            }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func failure(of parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let mark = YAMLMark(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        let context = parser.context.map { String(cString: $0) }
        let contextMark = context.map { _ in YAMLMark(line: parser.context_mark.line + 1, column: parser.context_mark.column + 1) }
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
        case YAML_SCANNER_ERROR: return Failure(stage: .scanner, problem: problem, mark: mark, context: context, contextMark: contextMark)
        case YAML_PARSER_ERROR: return Failure(stage: .parser, problem: problem, mark: mark, context: context, contextMark: contextMark)
        default: return Failure(stage: .composer, problem: problem, mark: mark, context: context, contextMark: contextMark)
        }
    }
}

/// For the fuzzers and tests: the block scanner must read whatever it accepts exactly as libyaml.
public enum YAMLReaders {
    /// False only when `BlockYAMLScanner` read `yaml` and libyaml read it otherwise (or refused it).
    public static func scannerAgreesWithLibyaml(_ yaml: String) -> Bool {
        guard let scanned = YAMLReader.scanned(yaml, maximumDepth: SchemaValidator.maximumDepth) else { return true }
        guard let read = try? YAMLReader.read(yaml, maximumDepth: SchemaValidator.maximumDepth, libyamlOnly: true) else { return false }
        return read.root == scanned.root && read.tooDeep == scanned.tooDeep
            && read.duplicates.map(\.key) == scanned.duplicates.map(\.key) && read.duplicates.map(\.mark) == scanned.duplicates.map(\.mark)
    }

    /// Whether the block scanner reads `yaml` (rather than handing it to libyaml).
    public static func scannerReads(_ yaml: String) -> Bool {
        YAMLReader.scanned(yaml, maximumDepth: SchemaValidator.maximumDepth) != nil
    }
}
