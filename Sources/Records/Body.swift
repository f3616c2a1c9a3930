import Foundation

/// A record's Markdown body, split at its `## ` headings.
public struct Body: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        /// The heading's text, or nil for text before the first heading.
        public var title: String?
        /// The Markdown under the heading, without the heading line.
        public var markdown: String
        /// The file line of the heading (or of the first line, for text before any heading).
        public var line: Int
        /// The heading line and everything under it, exactly as written (without trailing blank lines).
        public var raw: String = ""

        public init(title: String?, markdown: String, line: Int, raw: String = "") {
            self.title = title
            self.markdown = markdown
            self.line = line
            self.raw = raw
        }

        /// Sections the national catalog owns; any other heading is the unit's own.
        public var isNational: Bool { title.map(Schema.nationalSections.contains) ?? false }
    }

    /// A link destination written in the body, at its place in the file.
    public struct Link: Sendable, Equatable {
        public var target: String
        public var line: Int
        public var column: Int
    }

    public var sections: [Section]
    public var links: [Link]
    /// Where raw HTML tags are written (line, column), outside code spans and fenced code.
    public var rawHTML: [Position] = []

    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }
    /// The body exactly as written.
    public var source: String
    /// The file line the body starts on.
    public var firstLine: Int

    public init(markdown: String, firstLine: Int) {
        self.firstLine = firstLine
        self.source = markdown
        var sections: [Section] = []
        var links: [Link] = []
        var title: String?
        var titleLine = firstLine
        var headingLine: Substring?
        var lines: [Substring] = []
        var fence: Substring?
        // Raw HTML is looked for in the same pass, with its own (simpler) idea of fences.
        var inRawHTMLFence = false
        var rawHTML: [Position] = []
        for (offset, line) in Body.lines(markdown).enumerated() {
            let lineNumber = firstLine + offset
            let look = Glance(line)
            let trimmed = line[line.utf8.index(line.startIndex, offsetBy: look.indent)...]
            if look.opensFence {
                inRawHTMLFence.toggle()
            } else if !inRawHTMLFence, look.indent < 4, look.hasAngle, let column = Body.rawHTMLColumn(in: line) {
                rawHTML.append(Position(line: lineNumber, column: column))
            }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if look.opensFence {
                fence = trimmed.prefix(3)
            } else if look.isHeading {
                if title != nil || !Body.isBlank(lines) {
                    sections.append(Section(title: title, markdown: Body.joined(lines), line: titleLine,
                                            raw: Body.raw(heading: headingLine, lines)))
                }
                headingLine = line
                title = Body.headingText(line)
                titleLine = lineNumber
                lines = []
                continue
            } else if look.hasBracket || look.hasAngle {
                links += Body.links(in: line, lineNumber: lineNumber)
            }
            lines.append(line)
        }
        if title != nil || !Body.isBlank(lines) {
            sections.append(Section(title: title, markdown: Body.joined(lines), line: titleLine,
                                    raw: Body.raw(heading: headingLine, lines)))
        }
        self.sections = sections
        self.links = links
        self.rawHTML = rawHTML
    }

    var firstNonNFCLine: Int? {
        guard source.mayNeedNFC else { return nil }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { !String($0).isNFC }.map { firstLine + $0 }
    }

    /// Lines split on bytes: splitting into `Character`s first costs more than the rest of the scan.
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    public func section(_ title: String) -> Section? { sections.first { $0.title == title } }

    private static func headingText(_ line: Substring) -> String {
        var text = line.dropFirst(3).trimmingSpaces()
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingSpaces().nfc
    }

    private static func raw(heading: Substring?, _ lines: [Substring]) -> String {
        var all = (heading.map { [$0] } ?? []) + lines
        while let last = all.last, last.allSatisfy(\.isWhitespace) { all.removeLast() }
        while heading == nil, let first = all.first, first.allSatisfy(\.isWhitespace) { all.removeFirst() }
        return all.joined(separator: "\n")
    }

    private static func isBlank(_ lines: [Substring]) -> Bool {
        lines.allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }

    private static func joined(_ lines: [Substring]) -> String {
        lines.joined(separator: "\n").trimmingWhitespace()
    }

    // MARK: - What the validator looks for in the text

    private static let linkPatterns = [
        // A destination may hold balanced parentheses: `(javascript:alert(1))`.
        try! NSRegularExpression(pattern: #"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))+)"#),
        try! NSRegularExpression(pattern: #"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)"#),
        // Autolinks, `<https://…>`: only the ones whose scheme matters here (the rest are web addresses).
        try! NSRegularExpression(pattern: #"<((?i:javascript|vbscript|data|file):[^\s<>]*)>"#),
    ]

    private static func links(in line: Substring, lineNumber: Int) -> [Link] {
        let text = String(line)
        let range = NSRange(text.startIndex..., in: text)
        let targets = linkPatterns.flatMap { pattern in
            pattern.matches(in: text, range: range).filter { !isEscaped(text, at: $0.range.location) }
                .compactMap { Range($0.range(at: 1), in: text) }
        }
        // Columns counted onward from the previous link, not from the line's start each time: a
        // pasted line with thousands of links would otherwise be counted thousands of times over.
        var links: [Link] = []
        var counted = text.startIndex, column = 1
        for target in targets.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            column += text.unicodeScalars[counted..<target.lowerBound].count
            counted = target.lowerBound
            links.append(Link(target: String(text[target]), line: lineNumber, column: column))
        }
        return links
    }

    private static let rawHTMLPattern = try! NSRegularExpression(
        // `[^<>]`, not `[^>]`: a line of `<a <a <a …` without `>` would otherwise be retried from
        // every `<` to the line's end (a 250 KB line took minutes).
        pattern: #"<(/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|/?[A-Za-z][A-Za-z0-9-]*\s*$|!--)"#)

    /// What a line's bytes say at a glance, in one pass: its indentation, whether it opens a
    /// fence (```` ``` ```` or `~~~` after the spaces) or is a `## ` heading, and whether it
    /// holds a `]` or a `<` (only then can it hold a link or a tag).
    private struct Glance {
        var indent = 0
        var opensFence = false
        var isHeading = false
        var hasBracket = false
        var hasAngle = false

        init(_ line: Substring) {
            if line.utf8.withContiguousStorageIfAvailable({ look($0) }) == nil {
                Array(line.utf8).withUnsafeBufferPointer { look($0) }
            }
        }

        private mutating func look(_ bytes: UnsafeBufferPointer<UInt8>) {
            while indent < bytes.count, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
            if indent + 3 <= bytes.count {
                let first = bytes[indent]
                opensFence = (first == UInt8(ascii: "`") || first == UInt8(ascii: "~"))
                    && bytes[indent + 1] == first && bytes[indent + 2] == first
            }
            isHeading = bytes.count >= 3 && bytes[0] == UInt8(ascii: "#") && bytes[1] == UInt8(ascii: "#") && bytes[2] == UInt8(ascii: " ")
            for byte in bytes {
                if byte == UInt8(ascii: "]") { hasBracket = true } else if byte == UInt8(ascii: "<") { hasAngle = true }
            }
        }
    }

    /// The column of the first raw HTML tag of a line outside fenced code (not in an indented
    /// code block or a code span), or nil.
    private static func rawHTMLColumn(in line: Substring) -> Int? {
        let text = withoutCodeSpans(String(line))
        let range = NSRange(text.startIndex..., in: text)
        var rest = range
        while let match = rawHTMLPattern.firstMatch(in: text, range: rest) {
            guard isEscaped(text, at: match.range.location) else {
                guard let start = Range(match.range, in: text)?.lowerBound else { return nil }
                return text[..<start].unicodeScalars.count + 1
            }
            let next = match.range.location + 1
            rest = NSRange(location: next, length: range.length - next)
        }
        return nil
    }

    /// Whether the `]` or `<` a match starts at (a UTF-16 offset, as `NSRegularExpression` gives)
    /// follows an odd number of backslashes: `\](` and `\<` are text in CommonMark (what sync
    /// writes for the catalog's plain text), `\\](` is a backslash and then a link. Asked only
    /// of a match, so lines without one cost nothing more.
    private static func isEscaped(_ text: String, at location: Int) -> Bool {
        let utf16 = text.utf16
        var index = utf16.index(utf16.startIndex, offsetBy: location)
        var backslashes = 0
        while index > utf16.startIndex {
            index = utf16.index(before: index)
            guard utf16[index] == UInt16(UInt8(ascii: "\\")) else { break }
            backslashes += 1
        }
        return backslashes % 2 == 1
    }

    /// Blanks out `code spans` (keeping every column where it was).
    private static func withoutCodeSpans(_ line: String) -> String {
        var result = ""
        var inCode = false
        for character in line {
            if character == "`" { inCode.toggle(); result.append(character); continue }
            result.append(inCode ? " " : character)
        }
        return result
    }
}
