import Foundation

/// YAML text to a node tree with positions, and its syntax problems in words staff can act on.
enum FrontMatterParser {
    struct Result {
        var root: YAMLNode?
        var problems: [LocatedProblem]
    }

    /// `firstLine`: the file line the text starts on, for messages that name another line.
    static func parse(_ yaml: String, firstLine: Int = 1) -> Result {
        var text = yaml
        var spaces: [LocatedProblem] = []
        var outcome = read(text)
        // tthc's own form (read by the block scanner) has plain spaces where YAML needs them and
        // no comment; any other text is scanned once for what pasting leaves in it.
        var look = PasteMistakes.Look(typographic: true, quote: true)
        if (try? outcome.get())?.scanned != true {
            look = PasteMistakes.Look(yaml)
            if look.unicodeSpace {
                // Spaces pasted from Word are reported, and read as the spaces they stand for.
                (text, spaces) = PasteMistakes.invisibleSpaces(in: yaml, look)
                if !spaces.isEmpty { outcome = read(text) }
            }
        }
        let read: YAMLReader.Result
        switch outcome {
        case .failure(let error):
            return Result(root: nil, problems: spaces + [PasteMistakes.diagnose(error, in: text, firstLine: firstLine) ?? located(error, in: text)])
        case .success(let result):
            read = result
        }
        var problems = spaces + read.duplicates.map {
            LocatedProblem(line: $0.mark.line, column: $0.mark.column, problem: .duplicateKey($0.key))
        }
        if let deep = read.tooDeep {
            problems.append(LocatedProblem(line: deep.line, column: deep.column, problem: .tooDeep(limit: SchemaValidator.maximumDepth)))
        }
        if !read.scanned || read.plainValueMayMislead {
            problems += PasteMistakes.warnings(root: read.root, yaml: text, look, multilineQuotes: read.multilineQuotes, firstLine: firstLine)
        }
        return Result(root: read.root, problems: problems)
    }

    private static func read(_ text: String) -> Swift.Result<YAMLReader.Result, YAMLReader.Failure> {
        do {
            return .success(try YAMLReader.read(text, maximumDepth: SchemaValidator.maximumDepth))
        } catch {
            return .failure(error)
        }
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
