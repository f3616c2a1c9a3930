import Foundation
import Records

/// Files in `content/thu-tuc/` that tthc does not read but that a person meant as records: the
/// extension in capitals (`.MD`), spelt out (`.markdown`), hidden by Windows (`.md.txt`), with a
/// space after it, or Notepad's `.txt` holding front matter.
public enum IgnoredFile {
    /// The name the file should have, nil for a file that does not look like a record.
    public static func rename(_ name: String, header: () -> [UInt8]) -> String? {
        var trimmed = Substring(name)
        while let last = trimmed.last, last == " " || last == "." || last.isWhitespace { trimmed = trimmed.dropLast() }
        let lower = trimmed.lowercased()
        for suffix in [".md.txt", ".markdown", ".mdown", ".mkd", ".md"] where lower.hasSuffix(suffix) {
            return trimmed.dropLast(suffix.count) + ".md"
        }
        if lower.hasSuffix(".txt"), startsLikeARecord(header()) {
            return trimmed.dropLast(4) + ".md"
        }
        return nil
    }

    /// `---` at the start, in UTF-8 (with or without its byte order mark) or in UTF-16.
    private static func startsLikeARecord(_ bytes: [UInt8]) -> Bool {
        let text = bytes.filter { $0 != 0 && $0 != 0xFF && $0 != 0xFE && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return text.starts(with: Array("---".utf8))
    }

    /// The first bytes of a file, read only if it is a regular file inside the site.
    public static func header(_ path: String, in site: URL) -> [UInt8] {
        guard case .bytes(let bytes) = RecordFile.read(path, in: site) else { return [] }
        return Array(bytes.prefix(16))
    }
}
