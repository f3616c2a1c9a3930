extension Overlay {
    /// Reads and checks one overlay. Never throws: every problem is a diagnostic at its line. A key
    /// of the national part is an error at that key, a national section at its heading, a local
    /// key written at the top level an error that says to indent it under `dia_phuong`.
    public static func read(bytes: [UInt8], path: String) -> Overlay {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        var overlay = Overlay(path: path, code: Syntax.isProcedureCode(stem) ? stem : nil, local: nil,
                              body: Body(markdown: "", firstLine: 1), diagnostics: [])
        func report(_ problem: Problem, _ line: Int, _ column: Int) {
            overlay.diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
        }
        if overlay.code == nil {
            report(.overlayName(stem), 1, 1)
        }
        guard bytes.count <= Record.maximumFileSize else {
            report(.tooLarge(bytes: bytes.count, limit: Record.maximumFileSize), 1, 1)
            return overlay
        }
        guard let text = SourceText.reading(bytes, report: report)?.text else { return overlay }
        var yaml: (text: String, firstLine: Int)?
        let bodyText: String, bodyFirstLine: Int
        do {
            let split = try FrontMatterSplit(text)
            yaml = (split.yaml, split.yamlFirstLine)
            (bodyText, bodyFirstLine) = (split.body, split.bodyFirstLine)
        } catch {
            guard error == .missing else {
                report(.frontMatterUnclosed, 1, 1)
                return overlay
            }
            // No front matter: a file of the unit's own sections only.
            (bodyText, bodyFirstLine) = (text, 1)
        }
        guard bodyText.utf8.count <= Record.maximumBodySize else {
            report(.tooMuchText(bytes: bodyText.utf8.count, limit: Record.maximumBodySize), bodyFirstLine, 1)
            return overlay
        }
        if let yaml { overlay.readFrontMatter(yaml.text, lineOffset: yaml.firstLine - 1, code: stem) }
        overlay.body = Body(markdown: bodyText, firstLine: bodyFirstLine)
        overlay.checkBody(hasFrontMatter: yaml != nil)
        return overlay
    }

    private mutating func readFrontMatter(_ yaml: String, lineOffset: Int, code: String) {
        let path = self.path
        var problems: [Diagnostic] = []
        func report(_ problem: Problem, _ line: Int, _ column: Int) {
            problems.append(Diagnostic(file: path, line: line + lineOffset, column: column, problem: problem))
        }
        defer { diagnostics += problems }
        let parsed = FrontMatterParser.parse(yaml)
        parsed.problems.forEach { report($0.problem, $0.line, $0.column) }
        guard !parsed.problems.contains(where: { $0.problem.code == .yamlSyntax || $0.problem.code == .tooDeep }) else { return }
        let root = parsed.root ?? YAMLNode.emptyMapping
        guard case .mapping(let pairs, _) = root else {
            report(.wrongType("", expected: Localized(vi: "một khối các trường", en: "a mapping of keys"), found: root.kindDescription),
                   root.mark.line, root.mark.column)
            return
        }
        let national = Set(Schema.procedure.fields.map(\.key))
        for (keyNode, valueNode) in pairs {
            guard let key = keyNode.scalar?.string.nfc else { continue }
            let mark = keyNode.mark
            switch key {
            case "dia_phuong":
                var validator = SchemaValidator()
                guard let value = validator.validate(valueNode, as: Schema.local, key: key) else {
                    validator.problems.forEach { report($0.problem, $0.line, $0.column) }
                    continue
                }
                validator.problems.forEach { report($0.problem, $0.line, $0.column) }
                if !validator.problems.contains(where: { $0.problem.severity == .error }) {
                    local = try? ValueDecoding.decode(Procedure.LocalAdditions.self, from: value)
                }
            case "ma_thu_tuc" where valueNode.scalar?.string.trimmingWhitespace() == code:
                // Naming the procedure the file is named after changes nothing.
                continue
            case "ma_thu_tuc":
                report(.overlayCode(written: valueNode.scalar?.string ?? "", file: code), valueNode.mark.line, valueNode.mark.column)
            case _ where national.contains(key) || Schema.localKeys.contains(key):
                report(.nationalKeyInOverlay(key), mark.line, mark.column)
            default:
                report(.unknownOverlayKey(key, suggestion: Suggestion.closest(to: key, among: ["dia_phuong"] + Schema.localKeys)),
                       mark.line, mark.column)
            }
        }
    }

    private mutating func checkBody(hasFrontMatter: Bool) {
        let path = self.path
        func report(_ problem: Problem, _ line: Int, _ column: Int) {
            diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
        }
        for section in body.sections {
            if let title = section.title, section.isNational { report(.nationalSectionInOverlay(title), section.line, 1) }
        }
        // A `dia_phuong:` line that Markdown will show as text: the block was meant as front matter.
        for (offset, line) in Body.lines(body.source).enumerated() where line.hasPrefix("dia_phuong:") {
            report(.localBlockInBody(hasFrontMatter: hasFrontMatter), body.firstLine + offset, 1)
            break
        }
        if let line = body.firstNonNFCLine { report(.notNFC, line, 1) }
    }
}
