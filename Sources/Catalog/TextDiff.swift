import Escaping

/// A unified diff of two texts, line by line, for `tthc sync --dry-run` and for the long values of
/// a conflict. Within each change, removed lines come before added ones, as `diff -u` and git
/// print them: the old text reads first, then what replaces it.
public enum TextDiff {
    public static func unified(old: String?, new: String, path: String, context: Int = 3) -> String {
        let body = hunks(old: old ?? "", new: new, context: context)
        guard !body.isEmpty else { return "" }
        let path = TerminalText.escape(path)
        return "--- \(old == nil ? "/dev/null" : "a/" + path)\n+++ b/\(path)\n" + body
    }

    /// The hunks alone (`@@ … @@` and the lines), empty when the texts have the same lines.
    public static func hunks(old: String, new: String, context: Int = 3) -> String {
        let edits = script(lines(old), lines(new))
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var out = ""
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

    struct Edit {
        enum Kind { case same, removed, added }
        var kind: Kind
        var text: Substring
        /// 0-based positions in the old and new texts where this edit stands.
        var oldLine: Int
        var newLine: Int
    }

    /// A line of a record as a terminal or CI log may show it: every control escaped, and no
    /// line of the file read as a workflow command (a context line starts with a space, which
    /// the runner trims).
    private static func shown(_ marker: String, _ text: Substring) -> String {
        TerminalText.escape(marker + text)
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
        var kinds: [(Edit.Kind, Substring)] = a[..<prefix].map { (.same, $0) }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                kinds.append((.same, x[i])); i += 1; j += 1
            } else if i < x.count, j == y.count || table[i + 1][j] >= table[i][j + 1] {
                kinds.append((.removed, x[i])); i += 1
            } else {
                kinds.append((.added, y[j])); j += 1
            }
        }
        kinds += a[(a.count - suffix)...].map { (.same, $0) }
        return positioned(removalsFirst(kinds))
    }

    /// Each run of changes between unchanged lines with its removed lines first (their order kept):
    /// the same lines, the same diff, only read in the order people expect.
    private static func removalsFirst(_ kinds: [(Edit.Kind, Substring)]) -> [(Edit.Kind, Substring)] {
        var result: [(Edit.Kind, Substring)] = []
        var removed: [(Edit.Kind, Substring)] = [], added: [(Edit.Kind, Substring)] = []
        for item in kinds {
            switch item.0 {
            case .removed: removed.append(item)
            case .added: added.append(item)
            case .same:
                result += removed + added + [item]
                removed = []; added = []
            }
        }
        return result + removed + added
    }

    /// The positions each edit stands at, counted along the script.
    private static func positioned(_ kinds: [(Edit.Kind, Substring)]) -> [Edit] {
        var oldLine = 0, newLine = 0
        return kinds.map { kind, text in
            let edit = Edit(kind: kind, text: text, oldLine: oldLine, newLine: newLine)
            if kind != .added { oldLine += 1 }
            if kind != .removed { newLine += 1 }
            return edit
        }
    }
}
