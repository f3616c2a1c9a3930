import Foundation

/// The line a diagnostic points at, with a caret under its column, as compilers show it:
///
///      9 | trang_thai: hieu luc
///        |             ^
struct SourceExcerpt {
    private let site: URL
    private var cache: [String: [Substring]] = [:]

    init(site: URL) { self.site = site }

    mutating func excerpt(file: String, line: Int, column: Int) -> String? {
        if cache[file] == nil {
            guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(file).path) else { return nil }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            // Split on bytes: a file with hundreds of warnings was split into `Character`s each time.
            cache[file] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
            }
        }
        guard let lines = cache[file], line >= 1, line <= lines.count else { return nil }
        let source = lines[line - 1]
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
