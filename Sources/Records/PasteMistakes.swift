/// What pasting from Word or a web page, and typing in Notepad, does to YAML, found where it is
/// done: spaces that are not spaces, quotes left open, quotes inside quotes, Word's quotes, a `#`
/// that starts a comment in the middle of a value, a quote with no partner. Before the text is
/// read (spaces), when libyaml refuses it (its message would name a symptom lines away), and when
/// YAML reads it but not as meant (a warning).
///
/// Every check runs only when a byte scan of the text shows what it looks for: nearly every
/// record is tthc's own canonical text, and reading records is the build's hot path.
enum PasteMistakes {
    typealias Lines = [Substring]

    // MARK: - Spaces that are not spaces, before the text is read

    /// Unicode spaces (U+00A0 and the other separators) where YAML needs a plain space: in a
    /// line's indentation, after a list's `-`, before or after a key's `:`. Each line is reported
    /// once, at the first of them, and the text is given back with them made plain spaces (one
    /// character for one, so that every column stays), so the rest of the file is still read.
    static func invisibleSpaces(in yaml: String, _ look: Look) -> (yaml: String, problems: [LocatedProblem]) {
        guard look.unicodeSpace else { return (yaml, []) }
        var problems: [LocatedProblem] = []
        var lines = Body.lines(yaml).map(String.init)
        // The lines of a literal or folded block (`|`, `>`) are text, whatever spaces they hold.
        var blockParent: Int?
        for index in lines.indices {
            let indent = lines[index].utf8.prefix { $0 == UInt8(ascii: " ") }.count
            if let parent = blockParent {
                if lines[index].utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) || indent > parent { continue }
                blockParent = nil
            }
            if opensBlock(lines[index]) { blockParent = indent }
            guard mayHoldUnicodeSpace(lines[index]) else { continue }
            var scalars = Array(lines[index].unicodeScalars)
            let found = syntaxSpaces(in: scalars)
            guard let first = found.first else { continue }
            let name = describe(scalars[first])
            for position in found { scalars[position] = " " }
            lines[index] = String(String.UnicodeScalarView(scalars))
            problems.append(LocatedProblem(line: index + 1, column: first + 1,
                                           problem: .nonBreakingSpace(name, fixed: lines[index].trimmingSpacesAtEnd)))
        }
        return (lines.joined(separator: "\n"), problems)
    }

    /// `key: |`, `- >-`…: the lines after it, more indented, are a block of text.
    private static func opensBlock(_ line: String) -> Bool {
        let text = line.trimmingSpacesAtEnd
        guard let indicator = text.utf8.lastIndex(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ">") }) else { return false }
        let after = text.utf8[text.utf8.index(after: indicator)...]
        guard after.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || ($0 >= 0x31 && $0 <= 0x39) }),
              indicator > text.utf8.startIndex else { return false }
        let before = text.utf8[text.utf8.index(before: indicator)]
        return before == UInt8(ascii: " ")
    }

    private static func isUnicodeSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator
    }

    private static func mayHoldUnicodeSpace(_ text: String) -> Bool {
        Look(text).unicodeSpace
    }

    /// Places on a line where YAML's syntax needs a space and a Unicode space stands.
    private static func syntaxSpaces(in scalars: [Unicode.Scalar]) -> [Int] {
        var found: [Int] = []
        var index = 0
        // Indentation, and the `- ` of list items (each may follow the other).
        while index < scalars.count {
            if scalars[index] == " " { index += 1; continue }
            if isUnicodeSpace(scalars[index]) { found.append(index); index += 1; continue }
            if scalars[index] == "-", index + 1 < scalars.count, scalars[index + 1] == " " || isUnicodeSpace(scalars[index + 1]) {
                index += 1
                continue
            }
            break
        }
        // A key: letters, digits, `_` or `-`, then (perhaps after a Unicode space) `:`.
        var end = index
        while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end].properties.numericType != nil
                || scalars[end] == "_" || scalars[end] == "-" { end += 1 }
        guard end > index else { return found }
        if end < scalars.count, isUnicodeSpace(scalars[end]), end + 1 < scalars.count, scalars[end + 1] == ":" {
            found.append(end)
            end += 1
        }
        if end < scalars.count, scalars[end] == ":" {
            var after = end + 1
            while after < scalars.count, scalars[after] == " " || isUnicodeSpace(scalars[after]) {
                if isUnicodeSpace(scalars[after]) { found.append(after) }
                after += 1
            }
        }
        return found
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        return scalar.value == 0xA0 ? "dấu cách không ngắt (\(code))" : "khoảng trắng đặc biệt (\(code))"
    }

    // MARK: - When libyaml refuses the text

    /// The real cause of a failure that a quote explains, at the quote; nil when none does.
    /// `firstLine`: the file line the text starts on (messages name lines of the file).
    static func diagnose(_ failure: YAMLReader.Failure, in yaml: String, firstLine: Int) -> LocatedProblem? {
        let lines = Body.lines(yaml)
        // A quote never closed: libyaml reached the end, or read on to some later quote.
        if failure.context == "while scanning a quoted scalar", let start = failure.contextMark,
           failure.problem.contains("end of stream") || failure.problem.contains("document indicator") {
            return unclosed(at: start, closingLine: nil, lines, firstLine: firstLine)
        }
        // The value closed at a later quote, and the line it closed on is where reading failed.
        if let span = failure.openQuote, span.endLine == failure.mark.line {
            return unclosed(at: span.start, closingLine: span.endLine, lines, firstLine: firstLine)
        }
        guard failure.mark.line >= 1, failure.mark.line <= lines.count else { return nil }
        let line = Array(lines[failure.mark.line - 1].unicodeScalars)
        if let inner = quoteInsideQuotes(line, failedAt: failure.mark.column - 1) {
            return LocatedProblem(line: failure.mark.line, column: inner.column + 1,
                                  problem: .quoteInsideQuotes(inner.quote, fixed: inner.fixed))
        }
        if let typographic = typographicValue(line) {
            return LocatedProblem(line: failure.mark.line, column: typographic.column + 1,
                                  problem: .typographicQuotesBreakYAML(fixed: typographic.fixed))
        }
        return nil
    }

    private static func unclosed(at start: YAMLMark, closingLine: Int?, _ lines: Lines, firstLine: Int) -> LocatedProblem {
        var fixed: String?
        var quote: Character = "\""
        if start.line >= 1, start.line <= lines.count {
            let line = String(lines[start.line - 1])
            let scalars = Array(line.unicodeScalars)
            if start.column - 1 < scalars.count { quote = Character(scalars[start.column - 1]) }
            fixed = line.trimmingSpacesAtEnd + String(quote)
        }
        return LocatedProblem(line: start.line, column: start.column,
                              problem: .unclosedQuote(quote, closingLine: closingLine.map { $0 + firstLine - 1 }, fixed: fixed))
    }

    /// `key: "a "b" c"`: libyaml stops just after the quote that ended the value early. The
    /// column of that quote, and the line with the value in the other quote mark.
    private static func quoteInsideQuotes(_ line: [Unicode.Scalar], failedAt failure: Int) -> (quote: Character, column: Int, fixed: String)? {
        var before = min(failure, line.count) - 1
        while before >= 0, line[before] == " " { before -= 1 }
        guard before > 0, line[before] == "\"" || line[before] == "'" else { return nil }
        let quote = line[before]
        guard let open = line.firstIndex(of: quote), open < before, let close = line.lastIndex(of: quote), close > before else { return nil }
        let prefix = String(String.UnicodeScalarView(line[..<open]))
        let content = String(String.UnicodeScalarView(line[(open + 1)..<close]))
        let rest = String(String.UnicodeScalarView(line[(close + 1)...]))
        return (Character(quote), before, (prefix + quotedForYAML(content) + rest).trimmingSpacesAtEnd)
    }

    private static let typographicOpening: Set<Unicode.Scalar> = ["\u{201C}", "\u{2018}", "\u{201E}", "\u{00AB}"]
    private static let typographicClosing: Set<Unicode.Scalar> = ["\u{201D}", "\u{2019}", "\u{00BB}"]
    private static func isTypographicQuote(_ scalar: Unicode.Scalar) -> Bool {
        typographicOpening.contains(scalar) || typographicClosing.contains(scalar)
    }

    /// `key: “…”` (or `- “…”`): where the value's first typographic quote is, and the line with
    /// straight quotes.
    private static func typographicValue(_ line: [Unicode.Scalar]) -> (column: Int, fixed: String)? {
        guard let start = valueStart(line), start < line.count, isTypographicQuote(line[start]) else { return nil }
        var end = line.count
        while end > start + 1, line[end - 1] == " " { end -= 1 }
        var content = line[(start + 1)..<end]
        if let last = content.last, isTypographicQuote(last) { content = content.dropLast() }
        let prefix = String(String.UnicodeScalarView(line[..<start]))
        return (start, prefix + quotedForYAML(String(String.UnicodeScalarView(content))))
    }

    /// Where the value of `key: value` or `- value` starts on a line, if the line is one of those.
    private static func valueStart(_ line: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index < line.count, line[index] == " " { index += 1 }
        if index + 1 < line.count, line[index] == "-", line[index + 1] == " " {
            index += 2
            while index < line.count, line[index] == " " { index += 1 }
        }
        var colon = index
        while colon < line.count, line[colon] != ":", line[colon] != " " { colon += 1 }
        if colon + 1 < line.count, line[colon] == ":", line[colon + 1] == " " {
            index = colon + 2
            while index < line.count, line[index] == " " { index += 1 }
        }
        return index < line.count ? index : nil
    }

    // MARK: - When YAML reads the text, but not as meant

    /// Warnings where the value read is not what the line shows a person: the end of a value cut
    /// off by `#`, Word's quotes kept as text, a quote with no partner, a quoted value that
    /// swallowed the lines after it.
    static func warnings(root: YAMLNode?, yaml: String, _ look: Look, multilineQuotes: [YAMLReader.QuotedSpan],
                         firstLine: Int) -> [LocatedProblem] {
        guard look.any || !multilineQuotes.isEmpty else { return [] }
        let lines = Body.lines(yaml)
        var found: [LocatedProblem] = []
        for span in multilineQuotes {
            found += swallowed(span, lines, firstLine: firstLine)
        }
        guard look.any, let root else { return found }
        var scalars: [YAMLNode.Scalar] = []
        var visited = 0
        collectValues(root, into: &scalars, visited: &visited)
        // An alias gives its anchor's scalars again, at the same place: each is reported once.
        var seen = Set<Int>()
        for scalar in scalars where scalar.plain && seen.insert(scalar.mark.line << 24 | scalar.mark.column).inserted {
            if let problem = warning(for: scalar, lines, look) { found.append(problem) }
        }
        return found
    }

    /// What one byte scan of the whole text shows: only then are its lines or values looked at.
    struct Look {
        var comment = false, typographic = false, quote = false
        /// Lead bytes of U+00A0 (C2 A0), U+2000–U+200A, U+202F, U+205F (E2 80/81) and U+3000 (E3 80).
        var unicodeSpace = false
        var any: Bool { comment || typographic || quote }

        init(typographic: Bool, quote: Bool) {
            self.typographic = typographic
            self.quote = quote
        }

        init(_ yaml: String) {
            var text = yaml
            text.withUTF8 { bytes in
                let count = bytes.count
                var quotesOnLine = 0
                var index = 0
                while index < count {
                    let byte = bytes[index]
                    defer { index += 1 }
                    if byte >= 0x80 {
                        // Only three lead bytes start what is looked for; Vietnamese letters pass.
                        guard byte == 0xC2 || byte == 0xE2 || byte == 0xE3, index + 1 < count else { continue }
                        let second = bytes[index + 1], third = index + 2 < count ? bytes[index + 2] : 0
                        switch (byte, second) {
                        case (0xC2, 0xA0): unicodeSpace = true  // U+00A0
                        case (0xC2, 0xAB), (0xC2, 0xBB): typographic = true  // « »
                        case (0xE2, 0x80):
                            if third <= 0x8A || third == 0xAF { unicodeSpace = true }  // U+2000–U+200A, U+202F
                            if third == 0x98 || third == 0x99 || (third >= 0x9C && third <= 0x9E) { typographic = true }  // ‘ ’ “ ” „
                        case (0xE2, 0x81): if third == 0x9F { unicodeSpace = true }  // U+205F
                        case (0xE3, 0x80): if third == 0x80 { unicodeSpace = true }  // U+3000
                        default: break
                        }
                        continue
                    }
                    // Letters, digits and most punctuation: one comparison lets them pass.
                    guard byte <= UInt8(ascii: "'") else { continue }
                    switch byte {
                    case UInt8(ascii: "#"):
                        if index > 0, bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t") { comment = true }
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quotesOnLine += 1
                    case 0x0A:
                        if quotesOnLine % 2 == 1 { quote = true }
                        quotesOnLine = 0
                    default:
                        break
                    }
                }
                if quotesOnLine % 2 == 1 { quote = true }
            }
        }
    }

    /// The scalars a person wrote, each once: an alias repeats its anchor's values (an alias bomb
    /// would repeat them billions of times), so no more are looked at than the validator reads.
    private static func collectValues(_ node: YAMLNode, into scalars: inout [YAMLNode.Scalar], visited: inout Int) {
        visited += 1
        guard visited <= SchemaValidator.maximumNodes else { return }
        switch node {
        case .scalar(let scalar): scalars.append(scalar)
        case .sequence(let items, _): for item in items { collectValues(item, into: &scalars, visited: &visited) }
        case .mapping(let pairs, _): for pair in pairs { collectValues(pair.value, into: &scalars, visited: &visited) }
        }
    }

    private static func warning(for scalar: YAMLNode.Scalar, _ lines: Lines, _ look: Look) -> LocatedProblem? {
        let mark = scalar.mark
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        // What could be wrong with this value, told from its text and its line's bytes.
        let couldBeCommented = look.comment && lines[mark.line - 1].utf8.contains(UInt8(ascii: "#"))
        let couldBeTypographic = look.typographic && scalar.string.unicodeScalars.first.map {
            typographicOpening.contains($0) || $0 == "\u{201D}" } == true
        let couldBeStray = look.quote && scalar.string.utf8.last.map { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") } == true
        guard couldBeCommented || couldBeTypographic || couldBeStray else { return nil }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        let value = Array(scalar.string.unicodeScalars)
        // Only a value written whole on its line, as read: a folded one is not compared.
        guard start >= 0, start + value.count <= line.count, Array(line[start..<(start + value.count)]) == value else { return nil }
        var prefix = String(String.UnicodeScalarView(line[..<start]))
        if !prefix.hasSuffix(" ") { prefix += " " }  // an empty value's place may be right after the colon
        var after = start + value.count
        while after < line.count, line[after] == " " || line[after] == "\t" { after += 1 }
        let rest = after < line.count ? String(String.UnicodeScalarView(line[after...])) : ""
        let text = scalar.string

        if couldBeCommented, rest.hasPrefix("#"), value.isEmpty || after > start + value.count {
            let whole = text + String(String.UnicodeScalarView(line[(start + value.count)...])).trimmingSpacesAtEnd
            let fixed = prefix + quotedForYAML(whole.trimmingSpaces())
            return LocatedProblem(line: mark.line, column: after + 1, problem: .commentInValue(kept: text, fixed: fixed))
        }
        // Word's quotes typed as YAML's: one pair around the whole value (or one opening quote
        // alone). Text that quotes something inside it (the law, a form's name) is left alone.
        let typographicCount = couldBeTypographic ? value.filter(isTypographicQuote).count : 0
        if let first = value.first, let last = value.last, typographicOpening.contains(first) || first == "\u{201D}",
           (typographicCount == 2 && isTypographicQuote(last)) || typographicCount == 1 {
            var inner = value[...]
            if let head = inner.first, isTypographicQuote(head) { inner = inner.dropFirst() }
            if let tail = inner.last, isTypographicQuote(tail) { inner = inner.dropLast() }
            let fixed = prefix + quotedForYAML(String(String.UnicodeScalarView(inner))) + (rest.isEmpty ? "" : " " + rest)
            return LocatedProblem(line: mark.line, column: mark.column, problem: .typographicQuotes(fixed: fixed))
        }
        if couldBeStray {
            for quote in ["\"", "'"] as [Unicode.Scalar] where value.filter({ $0 == quote }).count % 2 == 1 {
                guard let stray = value.lastIndex(of: quote) else { continue }
                var kept = value
                kept.remove(at: stray)
                let fixed = (prefix + String(String.UnicodeScalarView(kept)).trimmingSpaces()) + (rest.isEmpty ? "" : " " + rest)
                return LocatedProblem(line: mark.line, column: mark.column + stray, problem: .strayQuote(Character(quote), fixed: fixed))
            }
        }
        return nil
    }

    /// A quoted value over several lines, one of which looks like a key (`trang_thai: …`) or an
    /// item (`- …`): the quote meant to close on its first line.
    private static func swallowed(_ span: YAMLReader.QuotedSpan, _ lines: Lines, firstLine: Int) -> [LocatedProblem] {
        guard span.start.line >= 1, span.endLine <= lines.count, span.endLine > span.start.line else { return [] }
        let continued = lines[span.start.line..<span.endLine]
        guard continued.contains(where: looksLikeAnEntry) else { return [] }
        let line = String(lines[span.start.line - 1])
        let scalars = Array(line.unicodeScalars)
        let quote = span.start.column - 1 < scalars.count ? String(scalars[span.start.column - 1]) : "\""
        return [LocatedProblem(line: span.start.line, column: span.start.column,
                               problem: .quoteSwallowsLines(closingLine: span.endLine + firstLine - 1, fixed: line.trimmingSpacesAtEnd + quote))]
    }

    private static func looksLikeAnEntry(_ line: Substring) -> Bool {
        let text = line.drop { $0 == " " }
        if text.hasPrefix("- ") { return true }
        let key = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return !key.isEmpty && text.dropFirst(key.count).hasPrefix(":")
    }

    // MARK: - Writing a value back

    /// `text` as a YAML value that reads back as `text`: in double quotes, or single quotes when
    /// it holds a double quote (Vietnamese rarely has an apostrophe), or escaped.
    static func quotedForYAML(_ text: String) -> String {
        if !text.contains("\"") && !text.contains("\\") { return "\"" + text + "\"" }
        if !text.contains("'") { return "'" + text + "'" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension String {
    var trimmingSpacesAtEnd: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
