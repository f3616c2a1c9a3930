import Foundation

/// YAML text to a node tree with positions, and its syntax problems in words staff can act on.
enum FrontMatterParser {
    struct Result {
        var root: YAMLNode?
        var problems: [LocatedProblem]
    }

    /// `firstLine`: the file line the text starts on, for messages that name another line.
    static func parse(_ yaml: String, firstLine: Int = 1) -> Result {
        // Spaces pasted from Word are reported, and read as the spaces they stand for.
        let look = PasteMistakes.Look(yaml)
        let (text, spaces) = PasteMistakes.invisibleSpaces(in: yaml, look)
        let read: YAMLReader.Result
        do {
            read = try YAMLReader.read(text, maximumDepth: SchemaValidator.maximumDepth)
        } catch {
            return Result(root: nil, problems: spaces + [PasteMistakes.diagnose(error, in: text, firstLine: firstLine) ?? located(error, in: text)])
        }
        var problems = spaces + read.duplicates.map {
            LocatedProblem(line: $0.mark.line, column: $0.mark.column, problem: .duplicateKey($0.key))
        }
        if let deep = read.tooDeep {
            problems.append(LocatedProblem(line: deep.line, column: deep.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth)))
        }
        problems += PasteMistakes.warnings(root: read.root, yaml: text, look, multilineQuotes: read.multilineQuotes, firstLine: firstLine)
        return Result(root: read.root, problems: problems)
    }

    private static func located(_ error: YAMLReader.Failure, in yaml: String) -> LocatedProblem {
        let mark = error.mark
        switch error.stage {
        case .reader:
            let character = error.value >= 0 ? String(format: " (mã U+%04X)", error.value) : ""
            return LocatedProblem(line: mark.line, column: mark.column,
                                  problem: .yamlSyntax(vi: YAMLMessages.vietnamese(error.problem) + character, en: error.problem))
        case .scanner, .parser, .composer:
            // libyaml's own nesting limit is the same problem as tthc's, said the same way.
            if error.problem.contains("Maximum nesting level") {
                return LocatedProblem(line: mark.line, column: mark.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth))
            }
            // libyaml calls a tab before a key "a character that cannot start any token".
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first
            let explained = line?.prefix(mark.column).contains("\t") == true ? YAMLMessages.tab : YAMLMessages.vietnamese(error.problem)
            return LocatedProblem(line: mark.line, column: mark.column, problem: .yamlSyntax(vi: explained, en: error.problem))
        }
    }
}
