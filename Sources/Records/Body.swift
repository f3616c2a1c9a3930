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
        /// Where `markdown` starts in the file: its first line, and the column of its first
        /// character (the blank lines and spaces trimmed before it are not part of it). Positions
        /// in `markdown` (cmark's, for links and headings) become file positions from here.
        public var markdownLine: Int = 0
        public var markdownColumn: Int = 1

        public init(title: String?, markdown: String, line: Int, raw: String = "") {
            self.title = title
            self.markdown = markdown
            self.line = line
            self.raw = raw
        }

        /// The file position of a position (1-based) in `markdown`.
        public func filePosition(line: Int, column: Int) -> (line: Int, column: Int) {
            (markdownLine + line - 1, line == 1 ? markdownColumn + column - 1 : column)
        }

        /// Sections the national catalog owns; any other heading is the unit's own.
        public var isNational: Bool { title.map(Schema.nationalSections.contains) ?? false }
    }

    public var sections: [Section]
    /// Lines below the front matter that start like one of its keys (`dia_phuong:`, `lien_he:`…),
    /// outside code: pasted under the closing `---`, they are published as text.
    public var frontMatterLines: [PastedKey] = []

    /// Lines that would be a national section's heading but for the space after the `#`s
    /// (`##Trình tự thực hiện`): neither a heading for cmark nor a section here.
    public var unspacedHeadings: [UnspacedHeading] = []

    public struct UnspacedHeading: Sendable, Equatable {
        public var line: Int
        public var written: String
        public var meant: String
    }

    public struct PastedKey: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var key: String
    }

    /// The body exactly as written.
    public var source: String
    /// The file line the body starts on.
    public var firstLine: Int

    public init(markdown: String, firstLine: Int) {
        self.firstLine = firstLine
        self.source = markdown
        var sections: [Section] = []
        var title: String?
        var titleLine = firstLine
        var headingLine: Substring?
        var lines: [Substring] = []
        var fence: Substring?
        var frontMatterLines: [PastedKey] = []
        var pastedBlockEnd: Int?
        var unspacedHeadings: [UnspacedHeading] = []
        for (offset, line) in Body.lines(markdown).enumerated() {
            let lineNumber = firstLine + offset
            let look = Glance(line)
            if let open = fence {
                let trimmed = line[line.utf8.index(line.startIndex, offsetBy: look.indent)...]
                if trimmed.hasPrefix(open) { fence = nil }
            } else if look.opensFence {
                fence = line[line.utf8.index(line.startIndex, offsetBy: look.indent)...].prefix(3)
            } else if look.startsLikeAKey, let key = Body.frontMatterKey(line, indent: look.indent) {
                // The indented lines of a `dia_phuong:` block pasted here belong to its one report.
                if look.indent > 0, pastedBlockEnd == lineNumber - 1 {
                    pastedBlockEnd = lineNumber
                } else {
                    frontMatterLines.append(PastedKey(line: lineNumber, column: look.indent + 1, key: key))
                    pastedBlockEnd = key == "dia_phuong" ? lineNumber : nil
                }
            } else if look.startsWithHash, !look.isHeading, let heading = Body.unspacedHeading(line, at: lineNumber) {
                unspacedHeadings.append(heading)
            } else if look.isHeading {
                if title != nil || !Body.isBlank(lines) {
                    sections.append(Body.section(title, at: titleLine, heading: headingLine, lines))
                }
                headingLine = line
                title = Body.headingText(line)
                titleLine = lineNumber
                lines = []
                continue
            }
            lines.append(line)
        }
        if title != nil || !Body.isBlank(lines) {
            sections.append(Body.section(title, at: titleLine, heading: headingLine, lines))
        }
        self.sections = sections
        self.frontMatterLines = frontMatterLines
        self.unspacedHeadings = unspacedHeadings
    }

    private static func unspacedHeading(_ line: Substring, at lineNumber: Int) -> UnspacedHeading? {
        let hashes = line.prefix { $0 == "#" }
        guard hashes.count <= 6, let next = line.dropFirst(hashes.count).first, next != " ", next != "\t" else { return nil }
        let text = line.dropFirst(hashes.count).trimmingSpaces().nfc
        guard let meant = Schema.nationalSections.contains(text) ? text : Suggestion.nationalSection(resembling: text) else { return nil }
        return UnspacedHeading(line: lineNumber, written: String(line.trimmingSpaces()), meant: meant)
    }

    /// Keys a line pasted from the front matter starts with: `dia_phuong` and its keys, and the
    /// record's keys written with `_` (no sentence starts with those).
    static let frontMatterKeys: Set<String> = Set(["dia_phuong"] + Schema.local.objectFields.map(\.key)
                                                    + Schema.procedure.fields.map(\.key).filter { $0.contains("_") })

    /// The key a line starts with (`key:` then a space or the line's end), if it is one of `frontMatterKeys`.
    private static func frontMatterKey(_ line: Substring, indent: Int) -> String? {
        guard indent < 4 else { return nil }  // four spaces make code, shown as code
        let rest = line.utf8.dropFirst(indent)
        let name = rest.prefix { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "_") }
        let after = rest.dropFirst(name.count)
        guard after.first == UInt8(ascii: ":"), after.count == 1 || after.dropFirst().first == UInt8(ascii: " ") else { return nil }
        let key = String(decoding: name, as: UTF8.self)
        return frontMatterKeys.contains(key) ? key : nil
    }

    /// A section with what it holds, and where its Markdown starts (after its heading line).
    private static func section(_ title: String?, at line: Int, heading: Substring?, _ lines: [Substring]) -> Section {
        var section = Section(title: title, markdown: Body.joined(lines), line: line, raw: Body.raw(heading: heading, lines))
        let first = title == nil ? line : line + 1
        // What `joined` trims: the blank lines before the text, then the spaces on its first line.
        if let index = lines.firstIndex(where: { $0.leadingWhitespaceCount < $0.unicodeScalars.count }) {
            section.markdownLine = first + index
            section.markdownColumn = 1 + lines[index].leadingWhitespaceCount
        } else {
            section.markdownLine = first
        }
        return section
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

    /// What a line's bytes say at a glance: its indentation, whether it opens a fence
    /// (```` ``` ```` or `~~~` after the spaces) or is a `## ` heading.
    private struct Glance {
        var indent = 0
        var opensFence = false
        var isHeading = false
        /// Its first character (after spaces) is a lowercase ASCII letter, as a key's is.
        var startsLikeAKey = false
        var startsWithHash = false

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
            startsLikeAKey = indent < bytes.count && bytes[indent] >= UInt8(ascii: "a") && bytes[indent] <= UInt8(ascii: "z")
            startsWithHash = !bytes.isEmpty && bytes[0] == UInt8(ascii: "#")
        }
    }
}
