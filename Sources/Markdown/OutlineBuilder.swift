/// Builds a `MarkdownOutline` from what the walk over cmark's tree hands it (plain Swift values:
/// nothing of cmark's types reaches here), finding on the source bytes what cmark does not say:
/// columns in Unicode scalars rather than bytes, and where a link's destination is written.
struct OutlineBuilder {
    typealias Position = MarkdownOutline.Position

    private let bytes: [UInt8]
    /// The offset of each line's first byte (line 1 at index 0), found on the first need: most
    /// sections (the catalog's steps) hold no link, heading or HTML, and never need it.
    private var foundLineStarts: [Int]?
    /// The position of the last node seen before the line starts were found.
    private var pending: (line: Int, byteColumn: Int)?
    private(set) var outline = MarkdownOutline()
    /// The offset of the last position cmark gave that lies on its line: some nodes come without
    /// one (autolinked `www.…` text), and after a `\` line break cmark keeps counting on the line
    /// before (the columns then run past that line's end).
    private var lastKnown = 0
    /// Bytes the destination searches may still read: links nested in link texts could otherwise
    /// make the searches quadratic on a hostile text; once spent, links keep cmark's position.
    private var budget: Int
    /// Reference definitions (`[label]: destination`) by normalized label, found on first need.
    private var definitions: [String: Position]?
    /// Unicode scalars before each 256-byte block, made on the first conversion: a column is then
    /// counted over at most one block, however long the line and however many links it holds.
    private var scalarsBeforeBlock: [Int] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        budget = 4 * bytes.count + 1024
    }

    private var lineStarts: [Int] {
        mutating get {
            if let found = foundLineStarts { return found }
            var starts = [0]
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
            foundLineStarts = starts
            if let (line, column) = pending, let offset = offset(line: line, byteColumn: column) { lastKnown = offset }
            return starts
        }
    }

    // MARK: - What the walk reports

    /// A node cmark gave a position: remembered for the nodes that come without one.
    mutating func saw(line: Int, byteColumn: Int) {
        guard foundLineStarts != nil else {
            if line >= 1 { pending = (line, byteColumn) }
            return
        }
        if let offset = offset(line: line, byteColumn: byteColumn) { lastKnown = offset }
    }

    mutating func link(destination: String, line: Int, byteColumn: Int,
                       firstText: (literal: String, line: Int, byteColumn: Int)?) {
        outline.links.append(.init(destination: destination,
                                   position: destinationPosition(destination, line: line, byteColumn: byteColumn, firstText: firstText)))
    }

    /// Every heading is kept (the renderer gives each its anchor in this order), even one cmark
    /// gave no position.
    mutating func heading(level: Int, text: String, line: Int, byteColumn: Int) {
        guard let offset = offset(line: line, byteColumn: byteColumn) else {
            outline.headings.append(.init(level: level, text: text, position: position(of: lastKnown), isUnderlined: false))
            return
        }
        outline.headings.append(.init(level: level, text: text, position: position(of: offset),
                                      isUnderlined: bytes[offset] != UInt8(ascii: "#")))
    }

    mutating func rawHTML(line: Int, byteColumn: Int) {
        let offset = offset(line: line, byteColumn: byteColumn) ?? next(UInt8(ascii: "<"), from: lastKnown) ?? lastKnown
        outline.rawHTML.append(position(of: offset))
    }

    // MARK: - Destinations

    private mutating func destinationPosition(_ destination: String, line: Int, byteColumn: Int,
                                              firstText: (literal: String, line: Int, byteColumn: Int)?) -> Position {
        // `<https://…>`: cmark misplaces these after a line break, but not their text.
        if let text = firstText, text.literal == destination || "mailto:" + text.literal == destination,
           let offset = offset(line: text.line, byteColumn: text.byteColumn), offset > 0, bytes[offset - 1] == UInt8(ascii: "<") {
            return position(of: offset)
        }
        // No position at all: an extension's link (`www.…` text), at the text it was made from.
        guard line >= 1 else { return position(of: lastKnown) }
        guard var start = offset(line: line, byteColumn: byteColumn),
              bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "!") else {
            guard let found = written(destination, after: lastKnown) else { return position(of: lastKnown) }
            lastKnown = found
            return position(of: found)
        }
        if bytes[start] == UInt8(ascii: "!") { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "["), let close = closingBracket(from: start) else {
            return position(of: start)
        }
        let after = close + 1
        if after < bytes.count, bytes[after] == UInt8(ascii: "(") {
            return position(of: destinationStart(from: after + 1))
        }
        // A reference link: `[text][label]`, `[text][]` or `[text]`.
        var label = bytes[(start + 1)..<close]
        if after < bytes.count, bytes[after] == UInt8(ascii: "["),
           let end = bytes[(after + 1)...].prefix(1000).firstIndex(of: UInt8(ascii: "]")), end > after + 1 {
            label = bytes[(after + 1)..<end]
        }
        return definition(Self.normalized(label)) ?? position(of: start)
    }

    /// Where a destination spelt exactly as cmark resolved it is written after `offset`
    /// (`](destination`, `](<destination` or the autolink `<destination>`), for a link cmark gave
    /// no usable position.
    private mutating func written(_ destination: String, after offset: Int) -> Int? {
        let needle = Array(destination.utf8)
        guard !needle.isEmpty else { return nil }
        var index = offset
        while index + 1 < bytes.count, budget > 0 {
            budget -= 1
            if bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: "(") {
                let start = destinationStart(from: index + 2)
                if bytes[start...].starts(with: needle) { return start }
            } else if bytes[index] == UInt8(ascii: "<"), bytes[(index + 1)...].starts(with: needle) {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// The next `byte` at or after `offset`, within the budget.
    private mutating func next(_ byte: UInt8, from offset: Int) -> Int? {
        var index = offset
        while index < bytes.count, budget > 0 {
            budget -= 1
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The `]` that closes the `[` at `open`, as CommonMark pairs them: nested brackets count,
    /// a backslash escapes, a code span hides what it holds; nil past a blank line.
    private mutating func closingBracket(from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < bytes.count, budget > 0 {
            budget -= 1
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
                continue
            case UInt8(ascii: "`"):
                index = afterCodeSpan(at: index)
                continue
            case UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            case UInt8(ascii: "\n"):
                if isBlankLine(from: index + 1) { return nil }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Past the code span opened by the backticks at `index`, or past the backticks alone when
    /// no run of the same length closes them.
    private mutating func afterCodeSpan(at index: Int) -> Int {
        var run = index
        while run < bytes.count, bytes[run] == UInt8(ascii: "`") { run += 1 }
        let length = run - index
        var search = run
        while search < bytes.count, budget > 0 {
            budget -= 1
            if bytes[search] == UInt8(ascii: "`") {
                var end = search
                while end < bytes.count, bytes[end] == UInt8(ascii: "`") { end += 1 }
                if end - search == length { return end }
                search = end
            } else {
                search += 1
            }
        }
        return run
    }

    /// After spaces, at most one line break, and an opening `<`.
    private func destinationStart(from index: Int) -> Int {
        var index = index
        func skipSpaces() { while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 } }
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") {
            index += 1
            skipSpaces()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<") { index += 1 }
        return min(index, max(bytes.count - 1, 0))
    }

    private func isBlankLine(from index: Int) -> Bool {
        var index = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index >= bytes.count || bytes[index] == UInt8(ascii: "\n")
    }

    /// Where the destination of the first definition of `label` is written (CommonMark: the first wins).
    private mutating func definition(_ label: String) -> Position? {
        if definitions == nil {
            var found: [String: Position] = [:]
            for start in lineStarts {
                var index = start
                while index < bytes.count, index - start < 3, bytes[index] == UInt8(ascii: " ") { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "["),
                      let close = bytes[(index + 1)...].prefix(1000).firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "\n") }),
                      bytes[close] == UInt8(ascii: "]"), close + 1 < bytes.count, bytes[close + 1] == UInt8(ascii: ":") else { continue }
                let name = Self.normalized(bytes[(index + 1)..<close])
                if found[name] == nil { found[name] = position(of: destinationStart(from: close + 2)) }
            }
            definitions = found
        }
        return definitions?[label]
    }

    /// A label as CommonMark matches them: case-folded, inner white space as one space.
    private static func normalized(_ label: ArraySlice<UInt8>) -> String {
        String(decoding: label, as: UTF8.self).lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    // MARK: - Positions

    /// The byte offset of cmark's (line, byte column), nil for a position it did not give.
    private mutating func offset(line: Int, byteColumn: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return nil }
        let offset = lineStarts[line - 1] + byteColumn - 1
        // Within its line: cmark misplaces some inline nodes past their line's end.
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        return offset < min(end, bytes.count) ? offset : nil
    }

    /// Line and column (in Unicode scalars) of a byte offset.
    private mutating func position(of offset: Int) -> Position {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return Position(line: low + 1, column: scalars(before: offset) - scalars(before: lineStarts[low]) + 1)
    }

    /// Unicode scalars in `bytes[..<offset]`.
    private mutating func scalars(before offset: Int) -> Int {
        if scalarsBeforeBlock.isEmpty {
            var count = 0
            scalarsBeforeBlock.reserveCapacity(bytes.count / 256 + 1)
            for index in bytes.indices {
                if index % 256 == 0 { scalarsBeforeBlock.append(count) }
                if bytes[index] & 0xC0 != 0x80 { count += 1 }
            }
            scalarsBeforeBlock.append(count)
        }
        let block = offset / 256
        var count = scalarsBeforeBlock[min(block, scalarsBeforeBlock.count - 1)]
        for index in (block * 256)..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
