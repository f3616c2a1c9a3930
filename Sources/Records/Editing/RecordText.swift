/// A record file as lines of bytes, with where its front matter's keys and its sections are: what
/// the browser editor changes. A save rewrites only the lines of the keys and sections that
/// changed; every other byte (other keys, comments, CRLF or LF per line, a byte order mark, the
/// sections left alone) is copied as it was.
public struct RecordText: Sendable {
    public let path: String
    /// Each line's bytes without its line break, and the break as written (CRLF, LF, CR; none at the end).
    var lines: [[UInt8]]
    var breaks: [[UInt8]]
    let byteOrderMark: Bool
    /// The break for lines written anew: the file's own (CRLF when it has any).
    let newline: [UInt8]
    /// File line of the YAML's first line, and of the closing `---`.
    let yamlFirstLine: Int
    let closingLine: Int
    let root: YAMLNode
    /// The record as the validator reads it (its problems, its body's sections).
    public let record: Record

    /// Why a file cannot be edited with a form: it does not read as a record at all. The problems
    /// are the validator's, to show as they are.
    public struct NotEditable: Error, Sendable {
        public var problems: [Diagnostic]
    }

    public init(bytes: [UInt8], path: String) throws(NotEditable) {
        self.path = path
        let record = Record.read(bytes: bytes, path: path)
        self.record = record
        // What stops the form is what stops the validator: its errors, as it says them.
        func refuse() -> NotEditable { NotEditable(problems: record.diagnostics.filter { $0.severity == .error }) }
        let source: SourceText
        let split: FrontMatterSplit
        do {
            source = try SourceText(bytes: bytes)
        } catch {
            throw refuse()
        }
        guard bytes.count <= Record.maximumFileSize else { throw refuse() }
        do {
            split = try FrontMatterSplit(source.text)
        } catch {
            throw refuse()
        }
        let parsed = FrontMatterParser.parse(split.yaml, firstLine: split.yamlFirstLine)
        guard let root = parsed.root ?? (split.yaml.allSatisfy(\.isWhitespace) ? YAMLNode.emptyMapping : nil),
              case .mapping = root else {
            throw NotEditable(problems: record.diagnostics.filter { $0.problem.code == .yamlSyntax || $0.problem.code == .tooDeep }
                              + (parsed.root == nil ? [] : [Diagnostic(file: path, line: split.yamlFirstLine, column: 1, problem: .notKeysOnLines)]))
        }
        self.root = root
        byteOrderMark = source.style.byteOrderMark
        (lines, breaks) = Self.lines(bytes.dropFirst(byteOrderMark ? 3 : 0))
        newline = source.style.crlf ? [13, 10] : [10]
        yamlFirstLine = split.yamlFirstLine
        closingLine = split.bodyFirstLine - 1
        // A root written in flow style (`{ten: …}`) has no lines of its own per key.
        if Self.isFlow(root, in: lines, yamlFirstLine: yamlFirstLine) {
            throw NotEditable(problems: [Diagnostic(file: path, line: split.yamlFirstLine, column: 1, problem: .notKeysOnLines)])
        }
    }

    /// The front matter as written, for the form.
    public var frontMatter: WrittenValue { Self.written(root) }

    static func written(_ node: YAMLNode) -> WrittenValue {
        switch node {
        case .scalar(let scalar): return .text(node.isNull ? "" : scalar.string)
        case .sequence(let items, _): return .list(items.map(written))
        case .mapping(let pairs, _):
            var entries: [WrittenValue.Entry] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.string.nfc, !entries.contains(where: { $0.key == key }) else { continue }
                entries.append(WrittenValue.Entry(key, written(pair.value)))
            }
            return .keys(entries)
        }
    }

    /// The bytes of the file with `lines` and `breaks` as they now are.
    func bytes(lines: [[UInt8]], breaks: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for index in lines.indices {
            out += lines[index]
            out += breaks[index]
        }
        return out
    }

    /// Lines split at CRLF, LF or a CR alone (as `SourceText` counts them), each break kept.
    static func lines(_ bytes: ArraySlice<UInt8>) -> ([[UInt8]], [[UInt8]]) {
        var lines: [[UInt8]] = []
        var breaks: [[UInt8]] = []
        var current: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 10 || byte == 13 {
                let crlf = byte == 13 && index + 1 < bytes.endIndex && bytes[index + 1] == 10
                lines.append(current)
                breaks.append(crlf ? [13, 10] : [byte])
                current = []
                index += crlf ? 2 : 1
                continue
            }
            current.append(byte)
            index += 1
        }
        if !current.isEmpty || lines.isEmpty {
            lines.append(current)
            breaks.append([])
        }
        return (lines, breaks)
    }

    /// A mapping or list written between `{ }` or `[ ]` (its mark is at the bracket).
    static func isFlow(_ node: YAMLNode, in lines: [[UInt8]], yamlFirstLine: Int) -> Bool {
        let mark: YAMLMark
        switch node {
        case .scalar: return false
        case .mapping(_, let at): mark = at
        case .sequence(_, let at): mark = at
        }
        do {
            let line = mark.line + yamlFirstLine - 2
            guard line >= 0, line < lines.count else { return false }
            let scalars = String(decoding: lines[line], as: UTF8.self).unicodeScalars
            guard mark.column >= 1, mark.column <= scalars.count else { return false }
            let character = scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)]
            return character == "{" || character == "["
        }
    }
}

extension Problem {
    /// The front matter is not keys on lines of their own (a list, a value, or `{…}` on one line).
    static let notKeysOnLines = Problem(.wrongType, .error,
        vi: "Phần đầu tệp phải là các trường, mỗi trường một dòng (`ten: …`); tệp này viết khác nên chưa sửa bằng biểu mẫu được. Hãy sửa bằng trình soạn thảo.",
        en: "The front matter must be keys, one per line (`ten: …`); this file is written otherwise and cannot be edited with the form. Edit it in a text editor.")
}

extension RecordText {
    /// Whether the file opens with a front matter (`---` on its first line). A province's overlay
    /// may be sections alone; the form edits it as if an empty front matter opened it (`OverlayText`).
    public static func opensWithFrontMatter(_ bytes: [UInt8]) -> Bool {
        guard let source = try? SourceText(bytes: bytes) else { return true }
        do {
            _ = try FrontMatterSplit(source.text)
            return true
        } catch {
            return error != .missing
        }
    }
}
