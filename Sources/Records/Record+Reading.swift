import Foundation

extension Record {
    /// The largest record file read; over it, the file is reported and not parsed.
    public static let maximumFileSize = 1 << 20
    /// The largest Markdown body: the longest national record's is under 40 KB, and cmark-gfm's
    /// slowest known inputs stay under a second at this size (README, "Limits").
    public static let maximumBodySize = 256 << 10
    /// The most records a site (or an export) may hold: the whole national catalog is under 10,000.
    public static let maximumRecords = 50_000

    /// Reads and validates one record. Never throws: every problem becomes a diagnostic.
    public static func read(bytes: [UInt8], path: String) -> Record {
        var record = Record(path: path, procedure: nil, frontMatter: nil,
                            body: Body(markdown: "", firstLine: 1), diagnostics: [], codePosition: (2, 1))
        func report(_ problem: Problem, line: Int, column: Int) {
            record.diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
        }

        guard bytes.count <= maximumFileSize else {
            report(.tooLarge(bytes: bytes.count, limit: maximumFileSize), line: 1, column: 1)
            return record
        }
        let text: String
        do {
            let source = try SourceText(bytes: bytes)
            text = source.text
            record.style = source.style
        } catch {
            switch error {
            case .utf16:
                report(.utf16, line: 1, column: 1)
            case .notUTF8(let offset):
                let position = position(ofByte: offset, in: bytes)
                report(.notUTF8(byteOffset: offset), line: position.line, column: position.column)
            }
            return record
        }
        let split: FrontMatterSplit
        do {
            split = try FrontMatterSplit(text)
        } catch {
            report(error == .missing ? .frontMatterMissing : .frontMatterUnclosed, line: 1, column: 1)
            return record
        }

        let lineOffset = split.yamlFirstLine - 1
        let parsed = FrontMatterParser.parse(split.yaml, firstLine: split.yamlFirstLine)
        func place(_ located: LocatedProblem) {
            report(located.problem, line: located.line + lineOffset, column: located.column)
        }
        parsed.problems.forEach(place)

        guard split.body.utf8.count <= maximumBodySize else {
            report(.tooMuchText(bytes: split.body.utf8.count, limit: maximumBodySize), line: split.bodyFirstLine, column: 1)
            return record
        }
        let body = Body(markdown: split.body, firstLine: split.bodyFirstLine)
        record.body = body
        let syntaxBroken = parsed.problems.contains { $0.problem.code == .yamlSyntax || $0.problem.code == .tooDeep }
        guard !syntaxBroken else { return record }

        var validator = SchemaValidator()
        let root = parsed.root ?? YAMLNode.emptyMapping
        record.frontMatter = validator.validate(root, as: .object(Schema.procedure), key: "")
        let misplaced = misplacedLocalKeys(in: root, yaml: split.yaml)
        // Said once, as what it is: not also "unknown key" at the same place.
        validator.problems.filter { problem in
            problem.problem.code != .unknownKey || !misplaced.contains { $0.line == problem.line && $0.column == problem.column }
        }.forEach(place)
        misplaced.forEach(place)

        if let mark = root.valueNode(forKey: "ma_thu_tuc")?.mark {
            record.codePosition = (mark.line + lineOffset, mark.column)
        }
        if let (block, lines) = localBlock(in: split.yaml, root: root) {
            record.localBlock = block
            record.localLines = (lines.lowerBound + lineOffset)...(lines.upperBound + lineOffset)
        }
        var referenceNodes = root.valueNode(forKey: "lien_quan")?.sequence ?? []
        referenceNodes += [root.valueNode(forKey: "thay_the_boi")].compactMap { $0 }
        record.references = referenceNodes.compactMap { node in
            guard let code = node.scalar?.string, Syntax.isProcedureCode(code) else { return nil }
            let mark = node.mark
            return Reference(code: code, line: mark.line + lineOffset, column: mark.column)
        }
        if record.frontMatter?["nguon_goc"]?.string == "noi_bo",
           let mark = root.valueNode(forKey: "nguon_goc")?.mark {
            report(.internalProcedure, line: mark.line + lineOffset, column: mark.column)
        }
        if let code = record.frontMatter?["ma_thu_tuc"]?.string, record.fileName != "\(code).md" {
            report(.fileNameMismatch(expected: "\(code).md"), line: record.codePosition.line, column: record.codePosition.column)
        }
        checkBody(body, report: report, closingLine: split.bodyFirstLine - 1)

        if !record.diagnostics.hasErrors, let value = record.frontMatter {
            record.procedure = try? ValueDecoding.decode(Procedure.self, from: value)
        }
        return record
    }

    private static func checkBody(_ body: Body, report: (Problem, Int, Int) -> Void, closingLine: Int) {
        // The national sections as the split sees them: each once, each titled exactly.
        var firstLine: [String: Int] = [:]
        var meant: Set<String> = []
        for section in body.sections {
            guard let title = section.title else { continue }
            if section.isNational {
                if let first = firstLine[title] {
                    report(.duplicateSection(title, firstLine: first), section.line, 1)
                } else {
                    firstLine[title] = section.line
                }
            } else if let national = Suggestion.nationalSection(resembling: title) {
                report(.sectionHeading("## " + title, meant: national), section.line, 1)
                meant.insert(national)
            }
        }
        for heading in body.unspacedHeadings {
            report(.sectionHeading(heading.written, meant: heading.meant), heading.line, 1)
            meant.insert(heading.meant)
        }
        let steps = body.section(Schema.nationalSections[0])
        // A misspelt steps heading is already an error at its line: not also "missing" at the `---`.
        if steps == nil && !meant.contains(Schema.nationalSections[0]) || steps?.markdown.isEmpty == true {
            report(.missingSteps, steps?.line ?? closingLine, 1)
        }
        for pasted in body.frontMatterLines {
            report(.frontMatterInBody(pasted.key, closingLine: closingLine), pasted.line, pasted.column)
        }
        // Decomposed text is usually pasted in one go: one warning, at its first line, is enough.
        if let line = body.firstNonNFCLine {
            report(.notNFC, line, 1)
        }
    }

    /// The lines of the top-level `dia_phuong:` entry, from its key to the next key, as written,
    /// and their numbers in `yaml`.
    static func localBlock(in yaml: String, root: YAMLNode) -> (String, ClosedRange<Int>)? {
        guard case .mapping(let pairs, _) = root else { return nil }
        let keys = pairs.map(\.key)
        guard let index = keys.firstIndex(where: { $0.scalar?.string == "dia_phuong" }) else { return nil }
        let start = keys[index].mark
        guard start.column == 1 else { return nil }
        var lines = Body.lines(yaml)
        let end = index + 1 < keys.count ? keys[index + 1].mark.line - 1 : lines.count
        guard start.line >= 1, end >= start.line, end <= lines.count else { return nil }
        lines = Array(lines[(start.line - 1)..<end])
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return (lines.map { $0 + "\n" }.joined(), start.line...(start.line + max(lines.count, 1) - 1))
    }

    /// Line and column (in Unicode scalars) of a byte offset, counting the bytes as they are on disk.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let prefix = bytes[lineStart..<min(offset, bytes.count)]
        let column = prefix.filter { $0 & 0xC0 != 0x80 }.count + 1
        return (line, column)
    }
}
