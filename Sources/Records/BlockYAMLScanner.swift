/// The block YAML that `tthc sync` writes (`CanonicalYAML`), read without libyaml: keys of ASCII
/// letters, digits and `_`; values plain, double-quoted without escapes, or literal blocks (`|`,
/// `|-`); lists of `- ` items; `[]` and `{}`; two more spaces for each level. Nearly every record is in this
/// form, and libyaml took a third of reading one.
///
/// Anything else (comments, flow collections, anchors, tags, escapes, single quotes, tabs, CR,
/// control characters, empty values, folded or continued text, other indentation) makes the
/// scanner give up, and libyaml reads the text instead. So what it accepts it must read exactly as
/// libyaml does: the same values, styles and positions (`BlockYAMLTests` compares the two on every
/// record of the demo site and on cases of each shape; the record fuzz target on any bytes).
enum BlockYAMLScanner {
    /// True when the whole text was read into `composer`; false (the composer is then to be
    /// dropped) when the text holds anything outside the form above.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into composer: inout YAMLComposer) -> Bool {
        guard onlyPlainCharacters(bytes) else { return false }
        var scanner = Scanner(bytes: bytes)
        return scanner.scan(into: &composer)
    }

    /// No byte that libyaml refuses, reads as a line break, or treats specially at this level.
    private static func onlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x0A { return false }  // tab, CR, controls
            if byte == 0x7F { return false }
            if byte >= 0xC2 {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                // C1 controls and NEL; BOM, U+FFFE/U+FFFF; the line and paragraph separators.
                if byte == 0xC2 && next < 0xA0 { return false }
                if byte == 0xEF && ((next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE)) { return false }
                if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return false }
            }
            index += 1
        }
        return true
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The next line's first byte, and its number (1-based).
        var position = 0
        var line = 0
        /// Open collections: whether each is a mapping, and the column of its entries.
        var open: [(isMapping: Bool, indent: Int)] = []
        /// After `key:` with nothing on its line, the column the nested block must start at.
        var nestedAt: Int?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func scan(into composer: inout YAMLComposer) -> Bool {
            while position < bytes.count, composer.tooDeep == nil {
                let (start, end) = nextLine()
                var column = start
                while column < end, bytes[column] == UInt8(ascii: " ") { column += 1 }
                if column == end { continue }  // a blank line
                let indent = column - start
                if let expected = nestedAt {
                    guard indent == expected else { return false }
                    nestedAt = nil
                    guard openBlock(at: column, lineStart: start, end: end, into: &composer) else { return false }
                } else if open.isEmpty {
                    guard indent == 0, openBlock(at: column, lineStart: start, end: end, into: &composer) else { return false }
                } else {
                    while let last = open.last, last.indent > indent {
                        composer.end()
                        open.removeLast()
                    }
                    guard let last = open.last, last.indent == indent, isItem(at: column, end: end) == !last.isMapping else { return false }
                }
                guard entry(at: column, lineStart: start, end: end, into: &composer) else { return false }
            }
            if composer.tooDeep != nil { return true }
            guard nestedAt == nil, !open.isEmpty else { return false }
            while !open.isEmpty {
                composer.end()
                open.removeLast()
            }
            return true
        }

        /// The line at `position` (without its line break), and `position` moved past it.
        private mutating func nextLine() -> (start: Int, end: Int) {
            let start = position
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            position = end + 1
            line += 1
            return (start, end)
        }

        private func isItem(at column: Int, end: Int) -> Bool {
            bytes[column] == UInt8(ascii: "-") && (column + 1 == end || bytes[column + 1] == UInt8(ascii: " "))
        }

        private func mark(_ column: Int, lineStart: Int) -> YAMLMark {
            YAMLMark(line: line, column: column - lineStart + 1)
        }

        /// A new mapping or list whose first entry is at `column`.
        private mutating func openBlock(at column: Int, lineStart: Int, end: Int, into composer: inout YAMLComposer) -> Bool {
            let isMapping = !isItem(at: column, end: end)
            composer.begin(mapping: isMapping, at: mark(column, lineStart: lineStart))
            open.append((isMapping, column - lineStart))
            return true
        }

        /// One `key: value` or `- item` at `column`, the collection it belongs to already open.
        private mutating func entry(at column: Int, lineStart: Int, end: Int, into composer: inout YAMLComposer) -> Bool {
            guard isItem(at: column, end: end) else { return keyAndValue(at: column, lineStart: lineStart, end: end, into: &composer) }
            let item = column + 2
            guard item < end, bytes[item] != UInt8(ascii: " "), bytes[item] != UInt8(ascii: "-") else { return false }
            if keyEnd(at: item, end: end) != nil {
                composer.begin(mapping: true, at: mark(item, lineStart: lineStart))
                open.append((true, item - lineStart))
                return keyAndValue(at: item, lineStart: lineStart, end: end, into: &composer)
            }
            return value(at: item, lineStart: lineStart, end: end, parentIndent: column - lineStart, into: &composer)
        }

        /// Where the `:` of a key starting at `column` is, when the line holds a key there.
        private func keyEnd(at column: Int, end: Int) -> Int? {
            var index = column
            while index < end, isKeyByte(bytes[index]) { index += 1 }
            guard index > column, index < end, bytes[index] == UInt8(ascii: ":"),
                  index + 1 == end || bytes[index + 1] == UInt8(ascii: " ") else { return nil }
            return index
        }

        private func isKeyByte(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
        }

        private mutating func keyAndValue(at column: Int, lineStart: Int, end: Int, into composer: inout YAMLComposer) -> Bool {
            guard let colon = keyEnd(at: column, end: end) else { return false }
            composer.scalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[column..<colon]), as: UTF8.self), plain: true,
                            at: mark(column, lineStart: lineStart))
            if colon + 1 == end {
                nestedAt = column - lineStart + 2
                return true
            }
            let start = colon + 2
            guard start < end, bytes[start] != UInt8(ascii: " ") else { return false }
            return value(at: start, lineStart: lineStart, end: end, parentIndent: column - lineStart, into: &composer)
        }

        /// A value starting at `column`: double-quoted, a literal block, or plain.
        private mutating func value(at column: Int, lineStart: Int, end: Int, parentIndent: Int, into composer: inout YAMLComposer) -> Bool {
            let first = bytes[column]
            let at = mark(column, lineStart: lineStart)
            if first == UInt8(ascii: "\"") {
                guard let text = doubleQuoted(from: column + 1, end: end) else { return false }
                composer.scalar(text, plain: false, at: at)
                return true
            }
            // An empty list or mapping, as `CanonicalYAML` writes them: `[]`, `{}`.
            if end - column == 2, (first, bytes[column + 1]) == (UInt8(ascii: "["), UInt8(ascii: "]"))
                || (first, bytes[column + 1]) == (UInt8(ascii: "{"), UInt8(ascii: "}")) {
                composer.begin(mapping: first == UInt8(ascii: "{"), at: at)
                composer.end()
                return true
            }
            if first == UInt8(ascii: "|") {
                let header = UnsafeBufferPointer(rebasing: bytes[(column + 1)..<end])
                guard header.isEmpty || (header.count == 1 && header[0] == UInt8(ascii: "-")),
                      let text = literalBlock(parentIndent: parentIndent, keepLastBreak: header.isEmpty) else { return false }
                composer.scalar(text, plain: false, at: at)
                return true
            }
            // Plain: not an indicator first, and nothing that would end it or start a comment.
            guard !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first), bytes[end - 1] != UInt8(ascii: " "),
                  bytes[end - 1] != UInt8(ascii: ":") else { return false }
            for index in column..<(end - 1) {
                let pair = (bytes[index], bytes[index + 1])
                if pair == (UInt8(ascii: ":"), UInt8(ascii: " ")) || pair == (UInt8(ascii: " "), UInt8(ascii: "#")) { return false }
            }
            // Word's quotes start with 0xE2 (“ ‘) or 0xC2 («); a quote closing nothing ends the value.
            let last = bytes[end - 1]
            if first == 0xE2 || first == 0xC2 || last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") {
                composer.plainValueMayMislead = true
            }
            composer.scalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[column..<end]), as: UTF8.self), plain: true, at: at)
            return true
        }

        /// A double-quoted value whose closing quote ends the line, with the escapes `CanonicalYAML`
        /// writes (quote, backslash, `\n`, `\t`, and `\u` with four hex digits); any other escape is
        /// left to libyaml.
        private func doubleQuoted(from start: Int, end: Int) -> String? {
            var text: [UInt8] = []
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { return index == end - 1 ? String(decoding: text, as: UTF8.self) : nil }
                guard byte == UInt8(ascii: "\\") else {
                    text.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < end else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 6 <= end else { return nil }
                    var value: UInt32 = 0
                    for digit in bytes[(index + 2)..<(index + 6)] {
                        guard let nibble = Self.hexValue(digit) else { return nil }
                        value = value << 4 | nibble
                    }
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    text += Array(String(Character(scalar)).utf8)
                    index += 6
                    continue
                default:
                    return nil
                }
                index += 2
            }
            return nil
        }

        private static func hexValue(_ digit: UInt8) -> UInt32? {
            switch digit {
            case 0x30...0x39: return UInt32(digit - 0x30)
            case 0x41...0x46: return UInt32(digit - 0x41 + 10)
            case 0x61...0x66: return UInt32(digit - 0x61 + 10)
            default: return nil
            }
        }

        /// The lines of a literal block after its header, more indented than `parentIndent`: the
        /// indentation of its first line taken off each; blank lines inside kept as empty lines,
        /// blank lines at its end dropped; one final line break unless the header said `|-`.
        private mutating func literalBlock(parentIndent: Int, keepLastBreak: Bool) -> String? {
            var lines: [UnsafeBufferPointer<UInt8>] = []
            var blockIndent: Int?
            var blankRun = 0
            while position < bytes.count {
                let save = (position, line)
                let (start, end) = nextLine()
                var column = start
                while column < end, bytes[column] == UInt8(ascii: " ") { column += 1 }
                if column == end {
                    // Spaces on a blank line beyond the block's indentation would be text: not this form.
                    if let blockIndent, end - start > blockIndent { return nil }
                    if blockIndent == nil, end - start > parentIndent + 2 { return nil }
                    blankRun += 1
                    continue
                }
                let indent = column - start
                if blockIndent == nil {
                    guard indent > parentIndent else { return nil }  // an empty block
                    blockIndent = indent
                }
                guard let blockIndent, indent >= blockIndent else {
                    (position, line) = save  // the line after the block is read again by the caller
                    break
                }
                for _ in 0..<blankRun { lines.append(UnsafeBufferPointer(rebasing: bytes[start..<start])) }
                blankRun = 0
                lines.append(UnsafeBufferPointer(rebasing: bytes[(start + blockIndent)..<end]))
            }
            guard !lines.isEmpty else { return nil }
            var text: [UInt8] = []
            for (index, content) in lines.enumerated() {
                if index > 0 { text.append(UInt8(ascii: "\n")) }
                text += content
            }
            if keepLastBreak { text.append(UInt8(ascii: "\n")) }
            return String(decoding: text, as: UTF8.self)
        }
    }
}
