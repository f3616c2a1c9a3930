/// One `templates/*.mustache` file, parsed once: text, values, sections, partials and Mustache's
/// inheritance (`{{<parent}}` with `{{$block}}` overrides), as the Mustache specification says.
///
/// tthc has its own reader and renderer (`TemplateRendering`) instead of a general Mustache
/// library because a page is rendered 10,000 times a build: names are split once here, and
/// values are looked up in typed `TemplateValue`s, not found by dynamic casts.
struct Template {
    indirect enum Node {
        case text([UInt8])
        /// `{{name}}` (escaped) or `{{{name}}}`/`{{&name}}`; an empty path is `{{.}}`.
        case value(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, body: [Node])
        /// A standalone partial's indentation is put before each of its lines.
        case partial(String, indentation: [UInt8])
        case parent(String, indentation: [UInt8], overrides: [String: [Node]])
        case block(String, body: [Node])
    }

    let nodes: [Node]

    /// Where a template cannot be read, and why, in the two languages of the diagnostics.
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        var line: Int
        /// In Unicode scalars, as a record's diagnostics count.
        var column: Int
        var message: String
        var english: String
        var description: String { "dòng \(line), cột \(column): \(message)" }
    }

    init(_ text: String) throws(SyntaxError) {
        var reader = Reader(bytes: Array(text.utf8))
        nodes = try reader.read()
    }
}

extension Template {
    /// Reads tags left to right, keeping a stack of the sections, parents and blocks still open.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)

        init(bytes: [UInt8]) { self.bytes = bytes }

        private struct Frame {
            enum Kind { case root, section(inverted: Bool), parent(indentation: [UInt8]), block }
            var kind: Kind
            var name: String
            var line: Int
            var column: Int
            var nodes: [Node] = []
            var overrides: [String: [Node]] = [:]
        }

        mutating func read() throws(SyntaxError) -> [Node] {
            var frames = [Frame(kind: .root, name: "", line: 1, column: 1)]
            var text: [UInt8] = []
            /// Where the current line starts, to tell a standalone tag (alone on its line) from one
            /// within text: a standalone tag's line disappears from the output.
            var lineStart = 0

            func flushText() {
                guard !text.isEmpty else { return }
                frames[frames.count - 1].nodes.append(.text(text))
                text = []
            }

            while position < bytes.count {
                guard let tagStart = find(open, from: position) else {
                    text += bytes[position...]
                    break
                }
                for index in position..<tagStart where bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                text += bytes[position..<tagStart]
                let tagLine = line
                let tagColumn = column(of: tagStart)
                func failure(_ vi: String, _ en: String) -> SyntaxError {
                    SyntaxError(line: tagLine, column: tagColumn, message: vi, english: en)
                }
                var contentStart = tagStart + open.count
                var closing = close
                var sigil: UInt8 = 0
                if contentStart < bytes.count, "#^/!>&<$=%{".utf8.contains(bytes[contentStart]) {
                    sigil = bytes[contentStart]
                    contentStart += 1
                    if sigil == UInt8(ascii: "{") { closing = Array("}".utf8) + close }
                    if sigil == UInt8(ascii: "=") { closing = Array("=".utf8) + close }
                }
                // A tag whose closing delimiter comes only after another tag opens was not closed
                // where it was meant to be (`<title>{{title</title> … {{x}}`): said so, not read as a name.
                let opening = String(decoding: open, as: UTF8.self)
                guard let contentEnd = find(closing, from: contentStart),
                      sigil == UInt8(ascii: "!") || find(open, from: contentStart).map({ $0 >= contentEnd }) ?? true else {
                    throw failure("thẻ mở \(opening) chưa được đóng", "the tag opened by \(opening) is never closed")
                }
                let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
                for byte in bytes[contentStart..<contentEnd] where byte == UInt8(ascii: "\n") { line += 1 }
                let name = content.trimmingCharacters(in: .whitespaces)
                position = contentEnd + closing.count
                // Transforms (`upper(name)`) and dynamic partials (`{{>*name}}`) belong to some
                // Mustache libraries, not to the specification: said plainly, not shown as nothing.
                if sigil != UInt8(ascii: "!"), sigil != UInt8(ascii: "="), sigil != UInt8(ascii: "%"),
                   name.contains("(") || name.hasPrefix("*") {
                    let tag = content.trimmingCharacters(in: .whitespaces)
                    throw failure("thẻ {{\(tag)}} dùng cú pháp ngoài chuẩn Mustache (hàm biến đổi hoặc partial động), tthc không hỗ trợ",
                                  "the tag {{\(tag)}} is not standard Mustache (a transform or a dynamic partial): tthc does not support it")
                }

                // Values and text are never standalone; every other tag alone on its line takes
                // the line with it (and its indentation, which a partial keeps for its own lines).
                let canStandAlone = sigil != 0 && sigil != UInt8(ascii: "&") && sigil != UInt8(ascii: "{")
                var indentation: [UInt8] = []
                if canStandAlone, let end = standaloneEnd(lineStart: lineStart, tagStart: tagStart) {
                    indentation = Array(bytes[lineStart..<tagStart])
                    text.removeLast(tagStart - lineStart)
                    if end > position, bytes[end - 1] == UInt8(ascii: "\n") { line += 1 }
                    position = end
                    lineStart = end
                }

                switch sigil {
                case 0, UInt8(ascii: "&"), UInt8(ascii: "{"):
                    flushText()
                    frames[frames.count - 1].nodes.append(.value(path: Self.path(name), escaped: sigil == 0))
                case UInt8(ascii: "!"), UInt8(ascii: "%"):
                    break
                case UInt8(ascii: "="):
                    let parts = name.split(separator: " ", omittingEmptySubsequences: true)
                    guard parts.count == 2 else {
                        throw failure("thẻ đổi dấu mở/đóng phải có hai phần: {{=<% %>=}}",
                                      "a delimiter tag needs two delimiters: {{=<% %>=}}")
                    }
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                case UInt8(ascii: ">"):
                    flushText()
                    frames[frames.count - 1].nodes.append(.partial(name, indentation: indentation))
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    flushText()
                    frames.append(Frame(kind: .section(inverted: sigil == UInt8(ascii: "^")), name: name, line: tagLine, column: tagColumn))
                case UInt8(ascii: "<"):
                    flushText()
                    frames.append(Frame(kind: .parent(indentation: indentation), name: name, line: tagLine, column: tagColumn))
                case UInt8(ascii: "$"):
                    flushText()
                    frames.append(Frame(kind: .block, name: name, line: tagLine, column: tagColumn))
                default:  // "/"
                    flushText()
                    let frame = frames.removeLast()
                    guard case .root = frame.kind else {
                        guard frame.name == name else {
                            throw failure("thẻ đóng {{/\(name)}} không khớp thẻ mở {{\(frame.name)}} ở dòng \(frame.line)",
                                          "the closing tag {{/\(name)}} does not match the tag {{\(frame.name)}} opened on line \(frame.line)")
                        }
                        try close(frame, into: &frames)
                        continue
                    }
                    throw failure("thẻ đóng {{/\(name)}} không có thẻ mở tương ứng", "the closing tag {{/\(name)}} closes nothing")
                }
            }
            flushText()
            guard frames.count == 1, let root = frames.first else {
                let unclosed = frames[frames.count - 1]
                throw SyntaxError(line: unclosed.line, column: unclosed.column,
                                  message: "thẻ {{\(unclosed.name)}} chưa có thẻ đóng {{/\(unclosed.name)}}",
                                  english: "the tag {{\(unclosed.name)}} is never closed by {{/\(unclosed.name)}}")
            }
            return root.nodes
        }

        private func close(_ frame: Frame, into frames: inout [Frame]) throws(SyntaxError) {
            let node: Node
            switch frame.kind {
            case .root: return
            case .section(let inverted): node = .section(path: Self.path(frame.name), inverted: inverted, body: frame.nodes)
            case .parent(let indentation): node = .parent(frame.name, indentation: indentation, overrides: frame.overrides)
            case .block:
                // Inside a parent, a block overrides the parent's block of that name; elsewhere
                // it is the place where an override (or this default) goes.
                if case .parent = frames[frames.count - 1].kind {
                    frames[frames.count - 1].overrides[frame.name] = frame.nodes
                    return
                }
                node = .block(frame.name, body: frame.nodes)
            }
            // A parent's own content other than blocks is never shown.
            if case .parent = frames[frames.count - 1].kind { return }
            frames[frames.count - 1].nodes.append(node)
        }

        /// Where the output resumes when the tag that ended at `position` is alone on its line:
        /// after the line's end (or at the end of the text); nil when anything else shares the line.
        private func standaloneEnd(lineStart: Int, tagStart: Int) -> Int? {
            guard bytes[lineStart..<tagStart].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
            var index = position
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            if index == bytes.count { return index }
            if bytes[index] == UInt8(ascii: "\n") { return index + 1 }
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return index + 2 }
            return nil
        }

        /// The column of a byte offset, in Unicode scalars from its line's start (errors only).
        private func column(of offset: Int) -> Int {
            var start = offset
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            return bytes[start..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        }

        private func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard let first = needle.first, needle.count <= bytes.count else { return nil }
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }

        /// `a.b.c` → ["a", "b", "c"]; `.` → [] (the current value).
        private static func path(_ name: String) -> [String] {
            name == "." ? [] : name.split(separator: ".").map(String.init)
        }
    }
}
