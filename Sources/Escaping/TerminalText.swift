/// Text from outside (records, exports, file names, the change log, templates) as a terminal or a
/// CI log shows it: every character that a terminal would act on rather than show, or that makes
/// text read differently from what it is, is written visibly as `\u{…}` (Swift's spelling).
///
/// - ESC and the other C0 controls (ANSI sequences, a CR that rewinds the line, a line feed that
///   starts a new one), DEL and the C1 controls;
/// - U+2028 and U+2029, line ends for some viewers;
/// - the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), with which
///   "Trojan Source" text shows one thing and is another.
///
/// Tab is kept. A value that starts, after white space, with `::` is written with its first colon
/// escaped: GitHub Actions runs any output line whose trimmed text starts with `::` as a workflow
/// command (`::add-mask::`, `::stop-commands::`, `::error file=…::`).
public enum TerminalText {
    /// `text` as one piece of a line: a line feed in it is escaped too, so it cannot start a line.
    public static func escape(_ text: String) -> String {
        escape(text, keepingLineFeeds: false)
    }

    /// A block of lines from outside (a diff, a quoted file), each escaped as a value: the line
    /// feeds between them are kept, and none of its lines can be a workflow command.
    public static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    /// A whole report of tthc's own lines, made safe at the last moment (what every command
    /// prints goes through here): controls escaped, line feeds kept. Values in it were escaped
    /// with `escape` when the report was made; this catches any that a new message forgets.
    public static func report(_ text: String) -> String {
        escape(text, keepingLineFeeds: true, guardingCommands: false)
    }

    public static func isBidirectionalControl(_ value: UInt32) -> Bool {
        value == 0x061C || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    static func mustEscape(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || isBidirectionalControl(value)
    }

    /// How each Unicode scalar of `text` is shown, in order (`escape` joins them): a caret under
    /// a column (`tthc check`'s excerpts) counts the cells of what is shown before it.
    public static func shownScalars(_ text: String) -> [String] {
        var shown: [String] = []
        shown.reserveCapacity(text.unicodeScalars.count)
        visit(text, keepingLineFeeds: false, guardingCommands: true) { shown.append($0) }
        return shown
    }

    private static func escape(_ text: String, keepingLineFeeds: Bool, guardingCommands: Bool = true) -> String {
        // Most text holds nothing to escape: a byte scan decides (every escaped character is a C0
        // control or DEL, or starts with C2, D8 or E2 in UTF-8).
        let suspicious = text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        guard suspicious || (guardingCommands && startsWithCommand(text)) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        visit(text, keepingLineFeeds: keepingLineFeeds, guardingCommands: guardingCommands) { out += $0 }
        return out
    }

    private static func visit(_ text: String, keepingLineFeeds: Bool, guardingCommands: Bool, _ emit: (String) -> Void) {
        // The colon to escape: the first one, when the text starts with `::` past white space.
        var commandColonPending = guardingCommands && startsWithCommand(text)
        for scalar in text.unicodeScalars {
            if commandColonPending, scalar == ":" {
                emit("\\u{3A}")
                commandColonPending = false
            } else if mustEscape(scalar.value), !(keepingLineFeeds && scalar == "\n") {
                emit("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}")
            } else {
                emit(String(scalar))
            }
        }
    }

    /// True when the text, past any white space (as the runner trims it), starts with `::`.
    private static func startsWithCommand(_ text: String) -> Bool {
        let rest = text.unicodeScalars.drop { $0.properties.isWhitespace }
        return rest.starts(with: "::".unicodeScalars)
    }
}
