/// Plain text from the national catalog written as Markdown that renders as the same text.
///
/// The catalog's steps and conditions are plain text with line breaks, not Markdown. Written
/// as is, "- Nếu…" would become a list, "*" emphasis, an indented line a code block. Here every
/// line becomes its own paragraph and every character Markdown would interpret is escaped.
public enum PlainTextMarkdown {
    public static func markdown(fromPlainText text: String) -> String {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .map { withoutSpacesAround(Substring($0)) }
            .filter { !$0.isEmpty }
            .map(escapeLine)
            .joined(separator: "\n\n")
    }

    /// Without spaces and tabs (any Unicode space separator) at either end, as Foundation's
    /// `.whitespaces` trims, without its round trip through UTF-16.
    private static func withoutSpacesAround(_ line: Substring) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(line[first...last])
    }

    /// ASCII punctuation that CommonMark lets a backslash escape and that can start or shape markup.
    private static let special: Set<UInt8> = Set("\\`*_[]<>#|~!&".utf8)

    /// Works on bytes: every character to escape is ASCII, and iterating `Character`s cost more
    /// than the rest of an import.
    static func escapeLine(_ line: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.utf8.count + 8)
        for byte in line.utf8 {
            if special.contains(byte) { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        var out = String(decoding: bytes, as: UTF8.self)
        // A line that starts like a list item, block quote, heading or thematic break.
        if let first = out.first, "-+=".contains(first) {
            out = "\\" + out
        } else if let marker = orderedListMarker(out) {
            out.insert("\\", at: marker)
        }
        return out
    }

    /// "1." or "2)" at the start of a line would start an ordered list: escape its punctuation.
    private static func orderedListMarker(_ line: String) -> String.Index? {
        var index = line.startIndex
        var digits = 0
        while index < line.endIndex, line[index].isASCII, line[index].isNumber, digits < 10 {
            index = line.index(after: index)
            digits += 1
        }
        guard digits > 0, index < line.endIndex, line[index] == "." || line[index] == ")" else { return nil }
        return index
    }
}

import Foundation
