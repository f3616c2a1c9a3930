import Escaping
import Foundation
import Records

/// The line a diagnostic points at, with a caret under its column, as compilers show it:
///
///      9 | trang_thai: hieu luc
///        |             ^
struct SourceExcerpt {
    private let site: URL
    /// Each file read once: its bytes and where each line starts (a site's report can quote
    /// thousands of lines of thousands of files, and only those lines become text).
    private var cache: [String: (bytes: [UInt8], lineStarts: [Int])] = [:]

    init(site: URL) { self.site = site }

    /// The most of one line an excerpt shows.
    static let widest = 160

    mutating func excerpt(file: String, line: Int, column: Int) -> String? {
        if cache[file] == nil {
            // A file refused for its size (or not a file at all) is not read for its first line either.
            let path = site.appendingPathComponent(file).path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  ((attributes[.size] as? NSNumber)?.intValue ?? 0) <= Record.maximumFileSize,
                  let data = FileManager.default.contents(atPath: path) else { return nil }
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var lineStarts = [0]
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
            cache[file] = (bytes, lineStarts)
        }
        guard let (bytes, lineStarts) = cache[file], line >= 1, line <= lineStarts.count else { return nil }
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > lineStarts[line - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var source = Substring(String(decoding: bytes[lineStarts[line - 1]..<end], as: UTF8.self))
        var column = column
        // A very long line (a paste) is shown around the column, not whole.
        let scalars = source.unicodeScalars
        if scalars.count > Self.widest {
            let start = scalars.index(scalars.startIndex, offsetBy: max(0, min(column - 1 - Self.widest / 2, scalars.count - Self.widest)))
            let end = scalars.index(start, offsetBy: Self.widest)
            let skipped = scalars.distance(from: scalars.startIndex, to: start)
            source = (skipped > 0 ? "…" : "") + Substring(scalars[start..<end]) + (end < scalars.endIndex ? "…" : "")
            column = column - skipped + (skipped > 0 ? 1 : 0)
        }
        // Columns count Unicode scalars; the caret counts what a terminal shows: a combining mark
        // (decomposed Vietnamese) takes no cell, a tab stays a tab, and a control shown escaped
        // (`\u{1B}`, TerminalText) takes the cells of its escape.
        // A report may quote thousands of lines: the scalars' shown forms are made only for a
        // line that holds something to escape.
        let text = String(source)
        let shownLine = TerminalText.escape(text)
        let shown = shownLine == text ? nil : TerminalText.shownScalars(text)
        var caret = ""
        for (offset, scalar) in source.unicodeScalars.prefix(max(0, column - 1)).enumerated() {
            if (0x0300...0x036F).contains(scalar.value) { continue }
            caret += scalar == "\t" ? "\t" : String(repeating: " ", count: shown?[offset].unicodeScalars.count ?? 1)
        }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        return "    \(number) | \(shownLine)\n    \(gutter) | \(caret)^\n"
    }
}
