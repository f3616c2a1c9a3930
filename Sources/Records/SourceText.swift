import Foundation

/// A record file's bytes turned into text that the parser can trust, with positions kept.
///
/// Accepts a UTF-8 byte order mark and CRLF line endings (files saved on Windows): the BOM is
/// dropped and CRLF (or a lone CR) becomes LF, which changes no line number and no column before a
/// line's end.
struct SourceText {
    var text: String
    var style = Record.FileStyle()

    enum Failure: Error, Equatable {
        /// Offset of the first byte that is not valid UTF-8.
        case notUTF8(byteOffset: Int)
        /// Saved as UTF-16 (Notepad's "Unicode"): with a byte order mark, or ASCII with a zero
        /// byte before or after each character, which is valid UTF-8 and would read as garbage.
        case utf16
    }

    init(bytes: [UInt8]) throws(Failure) {
        if Self.isUTF16(bytes) { throw .utf16 }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            start = 3
            style.byteOrderMark = true
        }
        let body = bytes[start...]
        // The standard library validates fast; the byte-by-byte scan runs only to find where it failed.
        guard var decoded = String(validating: body, as: UTF8.self) else {
            throw .notUTF8(byteOffset: SourceText.firstInvalidUTF8(body) ?? start)
        }
        if body.contains(0x0D) {
            decoded = decoded.replacingOccurrences(of: "\r\n", with: "\n")
            style.crlf = true
            // A CR alone ends a line for editors and for the YAML parser alike: counted the same
            // way here, every reported line is the one the editor shows.
            if decoded.utf8.contains(0x0D) { decoded = decoded.replacingOccurrences(of: "\r", with: "\n") }
        }
        text = decoded
    }

    /// A byte order mark FF FE or FE FF, or (without one) zero bytes at every other place among
    /// the first bytes: UTF-16 text, whose ASCII letters each come with a zero byte.
    static func isUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return true }
        let sample = bytes.prefix(64)
        guard sample.count >= 8 else { return false }
        let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        return max(evenZeros, oddZeros) * 4 >= sample.count
    }

    /// The offset (from the start of the file) of the first invalid UTF-8 sequence, if any.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.endIndex else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            let second = bytes[index + 1]
            if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) {
                return index
            }
            index += length
        }
        return nil
    }
}

/// A record split into its YAML front matter and its Markdown body.
struct FrontMatterSplit {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// The file line on which the YAML starts (the line after the opening `---`).
    var yamlFirstLine: Int
    /// The Markdown after the closing `---`.
    var body: String
    /// The file line on which the body starts.
    var bodyFirstLine: Int

    enum Failure: Error, Equatable {
        case missing, unclosed
    }

    /// Works on UTF-8 bytes: splitting a large file into `Character`s costs more than parsing it.
    init(_ text: String) throws(Failure) {
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = Self.withoutTrailingSpaces(bytes[lineStart..<lineEnd])
            let next = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            if let start = yamlStart {
                if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                    // Up to the line break before the closing line (none when the YAML is empty).
                    let yamlEnd = lineStart > start ? bytes.index(before: lineStart) : start
                    yaml = String(text[start..<yamlEnd])
                    yamlFirstLine = 2
                    body = String(text[next...])
                    bodyFirstLine = lineNumber + 1
                    return
                }
            } else {
                guard line.elementsEqual("---".utf8) else { throw .missing }
                yamlStart = next
            }
            lineStart = next
            lineNumber += 1
        }
        throw yamlStart == nil ? .missing : .unclosed
    }

    private static func withoutTrailingSpaces(_ line: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        var line = line
        while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line = line.dropLast() }
        return line
    }
}

/// Where bytes stop being UTF-8, for any reader that must say so (an export as well as a record).
public enum UTF8Check {
    public static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        SourceText.firstInvalidUTF8(bytes[...])
    }
}
