import Foundation
import Records

/// The line a diagnostic points at, with a caret under its column, as compilers show it:
///
///      9 | trang_thai: hieu luc
///        |             ^
struct SourceExcerpt {
    private let site: URL
    private var cache: [String: [Substring]] = [:]

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
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            // Split on bytes: a file with hundreds of warnings was split into `Character`s each time.
            cache[file] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
            }
        }
        guard let lines = cache[file], line >= 1, line <= lines.count else { return nil }
        var source = lines[line - 1]
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
        // (decomposed Vietnamese) takes no cell, a tab stays a tab.
        var caret = ""
        for scalar in source.unicodeScalars.prefix(max(0, column - 1)) {
            if (0x0300...0x036F).contains(scalar.value) { continue }
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        return "    \(number) | \(source)\n    \(gutter) | \(caret)^\n"
    }
}
