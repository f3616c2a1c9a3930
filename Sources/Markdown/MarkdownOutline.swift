/// What a Markdown text holds that tthc checks, as cmark-gfm parsed it: links and images with
/// their destinations, raw HTML and headings, each where it is written. It comes from the parse
/// that renders the text (`MarkdownRenderer.render`), or from a parse of its own for text that is
/// checked but not rendered: what is checked is what a page shows, never a second reading beside it.
///
/// Positions count from 1 on the text given: lines, and columns in Unicode scalars (cmark counts
/// bytes; Vietnamese takes two or three per letter).
public struct MarkdownOutline: Sendable, Equatable {
    public struct Position: Sendable, Equatable, Comparable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    public struct Link: Sendable, Equatable {
        /// As cmark resolved it: escapes and character references decoded, a reference looked up.
        public var destination: String
        /// Where the destination is written: inside the `(…)` of an inline link, after `<` of an
        /// autolink, after `[label]:` of the definition a reference link uses; where the link
        /// starts when that cannot be told.
        public var position: Position
    }

    public struct Heading: Sendable, Equatable {
        public var level: Int
        /// The heading's text without markup.
        public var text: String
        /// Where the heading starts: its first `#`, or for an underlined heading its text.
        public var position: Position
        /// Underlined with `===` or `---` rather than started with `#`.
        public var isUnderlined: Bool
    }

    public var links: [Link] = []
    /// Where each piece of raw HTML starts (a block, or a tag within text).
    public var rawHTML: [Position] = []
    public var headings: [Heading] = []

    init() {}

    /// The first position that is not inside `markdown` (a line past its last, a column past its
    /// line's end), nil when every one is: what the fuzzer and the tests hold the outline to.
    public func positionOutside(_ markdown: String) -> Position? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let positions = links.map(\.position) + rawHTML + headings.map(\.position)
        return positions.first { position in
            position.line < 1 || position.line > lines.count || position.column < 1
                || position.column > lines[position.line - 1].unicodeScalars.count + 1
        }
    }

    /// Parses `markdown` only to outline it, without rendering: for text that is checked but not
    /// rendered (`tthc check`, a record that is not published).
    public init(_ markdown: String) {
        self = CommonMark.outline(markdown)
    }
}
