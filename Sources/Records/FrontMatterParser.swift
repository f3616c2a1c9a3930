import Foundation
import Yams

/// YAML text to a node tree with positions, and its syntax problems in words staff can act on.
enum FrontMatterParser {
    struct Result {
        var root: Node?
        var problems: [LocatedProblem]
        /// Lines where a duplicate key was renamed, and how many characters were inserted
        /// at which column, so later positions on those lines can be shifted back.
        var insertions: [Int: (column: Int, length: Int)]
    }

    static func parse(_ yaml: String) -> Result {
        // Most files have no duplicate key: scan for them only when Yams finds one.
        do {
            return finish(try Yams.compose(yaml: yaml, .basic), problems: [], insertions: [:])
        } catch YamlError.duplicatedKeysInMapping {
            return parseRenamingDuplicates(yaml)
        } catch let error as YamlError {
            return Result(root: nil, problems: [located(error)], insertions: [:])
        } catch {
            return Result(root: nil, problems: [LocatedProblem(line: 1, column: 1, problem: .yamlSyntax(vi: "\(error)", en: "\(error)"))],
                          insertions: [:])
        }
    }

    private static func parseRenamingDuplicates(_ yaml: String) -> Result {
        let scan = DuplicateKeys.scan(yaml)
        var problems = scan.findings.map {
            LocatedProblem(line: $0.line, column: $0.column, problem: .duplicateKey($0.key))
        }
        var insertions: [Int: (column: Int, length: Int)] = [:]
        for (index, finding) in scan.findings.enumerated() {
            insertions[finding.line] = (finding.column, DuplicateKeys.placeholderPrefix.count + "\(index + 1)_".count)
        }
        do {
            return finish(try Yams.compose(yaml: scan.renamed, .basic), problems: problems, insertions: insertions)
        } catch let error as YamlError {
            problems.append(located(error))
            return Result(root: nil, problems: problems, insertions: insertions)
        } catch {
            problems.append(LocatedProblem(line: 1, column: 1, problem: .yamlSyntax(vi: "\(error)", en: "\(error)")))
            return Result(root: nil, problems: problems, insertions: insertions)
        }
    }

    /// Tags are never used (the schema decides every type), so the basic resolver is enough and
    /// spares a regular-expression match per scalar.
    private static func finish(_ root: Node?, problems: [LocatedProblem], insertions: [Int: (column: Int, length: Int)]) -> Result {
        var problems = problems
        if let root, let deep = deepestNode(root, beyond: SchemaValidator.maximumDepth) {
            let mark = deep.mark
            problems.append(LocatedProblem(line: mark?.line ?? 1, column: mark?.column ?? 1,
                                           problem: .tooDeep(limit: SchemaValidator.maximumDepth)))
            return Result(root: nil, problems: problems, insertions: insertions)
        }
        return Result(root: root, problems: problems, insertions: insertions)
    }

    /// The first node nested deeper than `limit`, found without recursion (the tree may be hostile).
    static func deepestNode(_ root: Node, beyond limit: Int) -> Node? {
        var stack: [(Node, Int)] = [(root, 0)]
        var visited = 0
        while let (node, depth) = stack.popLast() {
            if depth > limit { return node }
            visited += 1
            if visited > SchemaValidator.maximumNodes { return nil }
            switch node {
            case .mapping(let mapping): stack += mapping.map { ($0.value, depth + 1) }
            case .sequence(let sequence): stack += sequence.map { ($0, depth + 1) }
            default: break
            }
        }
        return nil
    }

    private static func located(_ error: YamlError) -> LocatedProblem {
        switch error {
        case .scanner(_, let problem, let mark, let yaml), .parser(_, let problem, let mark, let yaml),
             .composer(_, let problem, let mark, let yaml):
            // libyaml calls a tab before a key "a character that cannot start any token".
            // libyaml's own nesting limit is the same problem as tthc's, said the same way.
            if problem.contains("Maximum nesting level") {
                return LocatedProblem(line: mark.line, column: mark.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth))
            }
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first
            let explained = line?.prefix(mark.column).contains("\t") == true ? explain("tab character") : explain(problem)
            return LocatedProblem(line: mark.line, column: mark.column, problem: .yamlSyntax(vi: explained, en: problem))
        case .reader(let problem, let offset, let value, let yaml):
            // The reader counts characters from the start of the YAML: turned into a line and column.
            let prefix = yaml.unicodeScalars.prefix(max(0, offset ?? 0))
            let line = prefix.filter { $0 == "\n" }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
            let character = value >= 0 ? String(format: " (mã U+%04X)", value) : ""
            return LocatedProblem(line: line, column: column, problem: .yamlSyntax(vi: explain(problem) + character, en: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return LocatedProblem(line: context.mark.line, column: context.mark.column,
                                  problem: .duplicateKey(duplicates.first ?? ""))
        default:
            return LocatedProblem(line: 1, column: 1, problem: .yamlSyntax(vi: "\(error)", en: "\(error)"))
        }
    }

    /// libyaml's messages, said so that someone who has never heard of YAML can fix the line.
    static func explain(_ problem: String) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "có dấu hai chấm không đúng chỗ; nếu giá trị chứa \": \", hãy đặt cả giá trị trong dấu ngoặc kép"),
            ("could not find expected ':'", "thiếu dấu hai chấm sau tên trường"),
            ("did not find expected key", "thụt lề không đúng: dòng này không thẳng hàng với các trường cùng khối"),
            ("did not find expected '-' indicator", "thụt lề không đúng: mục danh sách phải bắt đầu bằng \"- \" thẳng hàng với các mục khác"),
            ("tab character", "dùng phím Tab để thụt lề; hãy thay bằng dấu cách"),
            ("found character that cannot start any token", "có ký tự không được đứng đầu giá trị (như @, ` hoặc Tab); hãy đặt giá trị trong dấu ngoặc kép"),
            ("found unexpected end of stream", "hết phần thông tin khi một giá trị chưa được đóng (thiếu dấu ngoặc kép đóng?)"),
            ("found unknown escape character", "có dấu \\ không hợp lệ trong giá trị đặt trong ngoặc kép"),
            ("did not find expected node content", "thiếu giá trị hoặc có ký tự đặc biệt không đúng chỗ"),
            ("found undefined alias", "có tham chiếu YAML (*) tới một mốc (&) không tồn tại"),
            ("control characters are not allowed", "có ký tự điều khiển vô hình (thường do dán từ Word hoặc PDF); hãy gõ lại đoạn văn bản quanh vị trí này"),
        ]
        for (english, vietnamese) in known where problem.contains(english) {
            return vietnamese
        }
        return problem
    }
}
