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

    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "dòng \(line): \(message)" }
    }

    init(_ text: String) throws {
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
            var nodes: [Node] = []
            var overrides: [String: [Node]] = [:]
        }

        mutating func read() throws -> [Node] {
            var frames = [Frame(kind: .root, name: "", line: 1)]
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
                var contentStart = tagStart + open.count
                var closing = close
                var sigil: UInt8 = 0
                if contentStart < bytes.count, "#^/!>&<$=%{".utf8.contains(bytes[contentStart]) {
                    sigil = bytes[contentStart]
                    contentStart += 1
                    if sigil == UInt8(ascii: "{") { closing = Array("}".utf8) + close }
                    if sigil == UInt8(ascii: "=") { closing = Array("=".utf8) + close }
                }
                guard let contentEnd = find(closing, from: contentStart) else {
                    throw SyntaxError(line: tagLine, message: "thẻ mở \(String(decoding: open, as: UTF8.self)) chưa được đóng")
                }
                let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
                for byte in bytes[contentStart..<contentEnd] where byte == UInt8(ascii: "\n") { line += 1 }
                let name = content.trimmingCharacters(in: .whitespaces)
                position = contentEnd + closing.count
                // Transforms (`upper(name)`) and dynamic partials (`{{>*name}}`) belong to some
                // Mustache libraries, not to the specification: said plainly, not shown as nothing.
                if sigil != UInt8(ascii: "!"), sigil != UInt8(ascii: "="), sigil != UInt8(ascii: "%"),
                   name.contains("(") || name.hasPrefix("*") {
                    throw SyntaxError(line: tagLine, message: "thẻ {{\(content.trimmingCharacters(in: .whitespaces))}} dùng cú pháp ngoài chuẩn Mustache (hàm biến đổi hoặc partial động), tthc không hỗ trợ")
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
                        throw SyntaxError(line: tagLine, message: "thẻ đổi dấu mở/đóng phải có hai phần: {{=<% %>=}}")
                    }
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                case UInt8(ascii: ">"):
                    flushText()
                    frames[frames.count - 1].nodes.append(.partial(name, indentation: indentation))
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    flushText()
                    frames.append(Frame(kind: .section(inverted: sigil == UInt8(ascii: "^")), name: name, line: tagLine))
                case UInt8(ascii: "<"):
                    flushText()
                    frames.append(Frame(kind: .parent(indentation: indentation), name: name, line: tagLine))
                case UInt8(ascii: "$"):
                    flushText()
                    frames.append(Frame(kind: .block, name: name, line: tagLine))
                default:  // "/"
                    flushText()
                    let frame = frames.removeLast()
                    guard case .root = frame.kind else {
                        guard frame.name == name else {
                            throw SyntaxError(line: tagLine, message: "thẻ đóng {{/\(name)}} không khớp thẻ mở {{\(frame.name)}} ở dòng \(frame.line)")
                        }
                        try close(frame, into: &frames)
                        continue
                    }
                    throw SyntaxError(line: tagLine, message: "thẻ đóng {{/\(name)}} không có thẻ mở tương ứng")
                }
            }
            flushText()
            guard frames.count == 1, let root = frames.first else {
                let unclosed = frames[frames.count - 1]
                throw SyntaxError(line: unclosed.line, message: "thẻ {{\(unclosed.name)}} chưa có thẻ đóng {{/\(unclosed.name)}}")
            }
            return root.nodes
        }

        private func close(_ frame: Frame, into frames: inout [Frame]) throws {
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
