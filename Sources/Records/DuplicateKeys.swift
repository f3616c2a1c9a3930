/// Finds keys written twice in one block mapping, so that each is reported at its second
/// occurrence and the rest of the file is still checked.
///
/// Yams' `compose` stops at the first duplicate and points at the first occurrence. This scan
/// reads the block-style YAML that records use, reports every second occurrence, and renames
/// it so that composing the text succeeds and validation goes on.
enum DuplicateKeys {
    static let placeholderPrefix = "__trung_lap_"

    struct Finding {
        var key: String
        var line: Int
        var column: Int
    }

    static func scan(_ yaml: String) -> (findings: [Finding], renamed: String) {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var contexts: [(indent: Int, keys: Set<String>)] = []
        var blockScalarIndent: Int?
        var findings: [Finding] = []

        for index in lines.indices {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if let scalarIndent = blockScalarIndent {
                if indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            // "- key: value" opens a new mapping inside a list, one column per "- ".
            var column = indent
            var rest = Substring(content)
            var startsItem = false
            while rest.hasPrefix("- ") || rest == "-" {
                rest = rest.dropFirst(2).drop { $0 == " " }
                column = line.count - rest.count
                startsItem = true
            }
            guard let key = keyName(rest) else { continue }
            if startsItem {
                contexts.removeAll { $0.indent >= column }
                contexts.append((column, []))
            } else {
                contexts.removeAll { $0.indent > column }
                if contexts.last?.indent != column { contexts.append((column, [])) }
            }
            let normalized = key.nfc
            if contexts[contexts.count - 1].keys.contains(normalized) {
                findings.append(Finding(key: normalized, line: index + 1, column: column + 1))
                let keyStart = line.index(line.startIndex, offsetBy: column)
                lines[index].insert(contentsOf: placeholderPrefix + "\(findings.count)_", at: keyStart)
            } else {
                contexts[contexts.count - 1].keys.insert(normalized)
            }
            if Syntax.opensBlockScalar(rest) {
                blockScalarIndent = column
            }
        }
        return (findings, lines.joined(separator: "\n"))
    }

    /// The key of a `key: value` line, unquoted; nil when the line is not a mapping entry.
    private static func keyName(_ text: Substring) -> String? {
        if let quote = text.first, quote == "\"" || quote == "'" {
            guard let close = text.dropFirst().firstIndex(of: quote) else { return nil }
            let after = text[text.index(after: close)...].drop { $0 == " " }
            guard after.hasPrefix(":") else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        guard let first = text.first, !"[{&*!|>%@`#".contains(first) else { return nil }
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" {
                    return String(text[..<index]).trimmingSpaces()
                }
            }
            if text[index] == "#", index > text.startIndex, text[text.index(before: index)] == " " { return nil }
            index = text.index(after: index)
        }
        return nil
    }
}

import Foundation
