import Foundation

/// YAML text to a node tree with positions, and its syntax problems in words staff can act on.
enum FrontMatterParser {
    struct Result {
        var root: YAMLNode?
        var problems: [LocatedProblem]
    }

    static func parse(_ yaml: String) -> Result {
        let read: YAMLReader.Result
        do {
            read = try YAMLReader.read(yaml, maximumDepth: SchemaValidator.maximumDepth)
        } catch {
            return Result(root: nil, problems: [located(error, in: yaml)])
        }
        var problems = read.duplicates.map {
            LocatedProblem(line: $0.mark.line, column: $0.mark.column, problem: .duplicateKey($0.key))
        }
        if let deep = read.tooDeep {
            problems.append(LocatedProblem(line: deep.line, column: deep.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth)))
        }
        return Result(root: read.root, problems: problems)
    }

    private static func located(_ error: YAMLReader.Failure, in yaml: String) -> LocatedProblem {
        let mark = error.mark
        switch error.stage {
        case .reader:
            let character = error.value >= 0 ? String(format: " (mã U+%04X)", error.value) : ""
            return LocatedProblem(line: mark.line, column: mark.column,
                                  problem: .yamlSyntax(vi: explain(error.problem) + character, en: error.problem))
        case .scanner, .parser, .composer:
            // libyaml's own nesting limit is the same problem as tthc's, said the same way.
            if error.problem.contains("Maximum nesting level") {
                return LocatedProblem(line: mark.line, column: mark.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth))
            }
            // libyaml calls a tab before a key "a character that cannot start any token".
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first
            let explained = line?.prefix(mark.column).contains("\t") == true ? explain("tab character") : explain(error.problem)
            return LocatedProblem(line: mark.line, column: mark.column, problem: .yamlSyntax(vi: explained, en: error.problem))
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
