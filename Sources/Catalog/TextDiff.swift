import Escaping

/// A unified diff of two texts, line by line, for `tthc sync --dry-run`.
public enum TextDiff {
    public static func unified(old: String?, new: String, path: String, context: Int = 3) -> String {
        let a = old.map(lines) ?? [], b = lines(new)
        let edits = script(a, b)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        let path = TerminalText.escape(path)
        var out = "--- \(old == nil ? "/dev/null" : "a/" + path)\n+++ b/\(path)\n"
        // Group edits into hunks with `context` unchanged lines around each change.
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if edits[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<end]
            let oldStart = (hunk.first?.oldLine ?? 0), newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != .added }.count, newCount = hunk.filter { $0.kind != .removed }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                let marker = edit.kind == .same ? " " : edit.kind == .removed ? "-" : "+"
                out += Self.shown(marker, edit.text) + "\n"
            }
            index = end
        }
        return out
    }

    /// A line of a record as a terminal or CI log may show it: every control escaped, and no
    /// line of the file read as a workflow command (a context line starts with a space, which
    /// the runner trims).
    private static func shown(_ marker: String, _ text: Substring) -> String {
        TerminalText.escape(marker + text)
    }

    struct Edit {
        enum Kind { case same, removed, added }
        var kind: Kind
        var text: Substring
        /// 0-based positions in the old and new texts where this edit stands.
        var oldLine: Int
        var newLine: Int
    }

    /// Lines without their ends: CRLF is one `Character` in Swift, so splitting on "\n" alone
    /// left a CRLF file in one piece.
    private static func lines(_ text: String) -> [Substring] {
        var result = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if result.last == "" { result.removeLast() }
        return result
    }

    /// Longest common subsequence on the lines between the common prefix and suffix: records
    /// change in a few places, so the middle is small.
    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var edits: [Edit] = (0..<prefix).map { Edit(kind: .same, text: a[$0], oldLine: $0, newLine: $0) }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                edits.append(Edit(kind: .same, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1; j += 1
            } else if j < y.count, i == x.count || table[i][j + 1] >= table[i + 1][j] {
                edits.append(Edit(kind: .added, text: y[j], oldLine: prefix + i, newLine: prefix + j)); j += 1
            } else {
                edits.append(Edit(kind: .removed, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1
            }
        }
        for k in 0..<suffix {
            edits.append(Edit(kind: .same, text: a[a.count - suffix + k], oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return edits
    }
}
