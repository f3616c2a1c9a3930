import FileSystem
import Foundation
import Records

/// A national catalog export, in any of the three shapes CATALOG.md describes: a JSON array of
/// API responses, a JSON array of bare `data` objects, or JSON Lines of either.
///
/// Reading finds where each procedure's JSON starts and ends in one pass over the bytes; each
/// procedure is then parsed on its own (on any core), so a 185 MB export is never one huge
/// object tree in memory.
public struct NationalExport: Sendable {
    /// One procedure as the portal returned it, and where it stands in the file.
    public struct Entry {
        /// 1-based: the element of the array, or the line of a JSON Lines file.
        public var position: Int
        public var data: [String: Any]?
        /// Why this entry could not be read as a procedure object.
        public var problem: String?
        /// The entry is not JSON at all: the export is damaged, not just this record.
        public var malformed = false
    }

    public enum Unreadable: Error, Equatable, CustomStringConvertible {
        case empty
        case notJSON(detail: String)
        case badLine(Int)
        case tooManyEntries(Int, limit: Int)
        case notUTF8(Int, byteOffset: Int)
        /// Saved as UTF-16 or UTF-32 (Windows PowerShell's `>` writes UTF-16), named as such.
        case wideEncoding(String)

        public var description: String {
            switch self {
            case .empty: return "tệp xuất rỗng (empty export)"
            case .notJSON(let detail): return "không đọc được JSON, có thể tệp bị cắt cụt (not JSON or truncated): \(detail)"
            case .badLine(let line): return "bản ghi \(line) không phải JSON, có thể tệp bị cắt cụt (record \(line) is not JSON)"
            case .notUTF8(let entry, let offset):
                return "bản ghi \(entry) có byte không phải UTF-8 ở vị trí \(offset) của tệp; có thể một phần tệp được lưu bằng bảng mã cũ (record \(entry) is not UTF-8 at byte \(offset))"
            case .wideEncoding(let encoding):
                return "tệp xuất được lưu ở mã \(encoding), không phải UTF-8 (thường do lệnh `>` của PowerShell trên Windows): hãy lưu lại ở UTF-8, ví dụ `iconv -f \(encoding.split(separator: " ")[0]) -t UTF-8 tep.json > tep-utf8.json`, hoặc trong PowerShell `Get-Content tep.json | Set-Content -Encoding utf8 tep-utf8.json` (the export is \(encoding), not UTF-8)"
            case .tooManyEntries(let count, let limit):
                return "tệp xuất có \(count) thủ tục, quá giới hạn \(limit); hãy tải lại tệp xuất của tỉnh hoặc bộ, ngành mình (an export holds at most \(limit) procedures)"
            }
        }
    }

    private let bytes: ExportBytes
    /// Byte ranges of the entries, and their 1-based positions.
    private let spans: [(range: Range<Int>, position: Int)]

    public var count: Int { spans.count }

    public init(data: Data) throws(Unreadable) {
        try self.init(bytes: ExportBytes(data: data))
    }

    /// Maps the file, so that only the entries being worked on are in memory.
    public init(contentsOf url: URL) throws {
        guard let mapped = ExportBytes(mapping: url) else {
            // Not mapped (empty, a pipe, or not readable at all): read, failing with the path and the cause.
            try self.init(data: Data(try Files.readToEnd(url.path)))
            return
        }
        try self.init(bytes: mapped)
    }

    private init(bytes: ExportBytes) throws(Unreadable) {
        self.bytes = bytes
        let scanned = try Self.scan(bytes)
        guard !scanned.isEmpty else { throw .empty }
        // Counted before any entry is parsed: a huge export is refused in the time of one byte scan.
        guard scanned.count <= Record.maximumRecords else { throw .tooManyEntries(scanned.count, limit: Record.maximumRecords) }
        spans = scanned
        bytes.rewind()
    }

    /// Parses one entry (safe from any thread: the bytes are only read).
    public func entry(at index: Int) -> Entry {
        let span = spans[index]
        let slice = bytes.slice(span.range)
        if let element = try? JSONSerialization.jsonObject(with: slice) { return Self.entry(element, position: span.position) }
        // Valid JSON the parser refuses for one value (a lone surrogate, 1e400): that value is judged, not the export.
        guard let repaired = ExportRepair.repaired([UInt8](slice)),
              let element = try? JSONSerialization.jsonObject(with: Data(repaired)) else {
            return Entry(position: span.position, data: nil, problem: "không phải JSON (not JSON)", malformed: true)
        }
        return Self.entry(element, position: span.position)
    }

    /// XXH3 of the entry's bytes as they stand in the file, under `seed`: the same key again means
    /// the same entry, read the same way (`CatalogSync.plan`'s entries as last synchronized).
    public func key(at index: Int, seed: UInt64) -> ContentHash {
        bytes.withBuffer { ContentHash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0[spans[index].range])), seed: seed) }
    }

    /// Why the entry at `position` (1-based, as in `Entry`) could not be read: bytes that are not
    /// UTF-8 are named as such, anything else is damaged JSON.
    public func unreadable(at position: Int) -> Unreadable {
        guard let span = spans.first(where: { $0.position == position }) else { return .badLine(position) }
        if let offset = UTF8Check.firstInvalidByte(in: [UInt8](bytes.slice(span.range))) {
            return .notUTF8(position, byteOffset: span.range.lowerBound + offset)
        }
        return .badLine(position)
    }

    /// Entries before `index` are done with: their bytes may leave memory.
    public func release(before index: Int) {
        guard index > 0 else { return }
        bytes.release(upTo: index < spans.count ? spans[index].range.lowerBound : bytes.count)
    }

    /// Every entry, parsed (for tests and small exports).
    public var entries: [Entry] { (0..<count).map(entry(at:)) }

    // MARK: - Finding the entries

    private static func scan(_ storage: ExportBytes) throws(Unreadable) -> [(range: Range<Int>, position: Int)] {
        let result = storage.withBuffer { bytes -> Result<[(range: Range<Int>, position: Int)], Unreadable> in
            if let encoding = wideEncoding(bytes) { return .failure(.wideEncoding(encoding)) }
            var index = 0
            skipSpace(bytes, &index)
            guard index < bytes.count else { return .failure(.empty) }
            do throws(Unreadable) {
                // The scan reads every byte once; what it has read is released as it goes.
                let release = { (offset: Int) in storage.release(upTo: offset) }
                return .success(bytes[index] == UInt8(ascii: "[") ? try arrayElements(bytes, from: index, release: release)
                                                                   : try lines(bytes, release: release))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// UTF-16 or UTF-32, from a byte-order mark or, without one, from the NUL bytes beside the
    /// first character (an export starts with ASCII: `[`, `{` or a space).
    private static func wideEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = Array(bytes.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - bytes.count))
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return "UTF-32BE (big-endian)"
        case (0xFF, 0xFE, 0x00, 0x00): return "UTF-32LE (little-endian)"
        case (0xFE, 0xFF, _, _): return "UTF-16BE (big-endian)"
        case (0xFF, 0xFE, _, _): return "UTF-16LE (little-endian)"
        case (0x00, 0x00, 0x00, let c) where c != 0: return "UTF-32BE (big-endian)"
        case (let c, 0x00, 0x00, 0x00) where c != 0: return "UTF-32LE (little-endian)"
        case (0x00, let c, _, _) where c != 0: return "UTF-16BE (big-endian)"
        case (let c, 0x00, _, _) where c != 0: return "UTF-16LE (little-endian)"
        default: return nil
        }
    }

    /// Every 16 MB the scan hands back what it has read.
    private static let releaseInterval = (1 << 24) - 1

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        // A UTF-8 byte order mark may precede the JSON.
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    /// The top-level elements of `[ … ]`, each as a byte range; a truncated array throws.
    private static func arrayElements(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                      release: (Int) -> Void) throws(Unreadable) -> [(range: Range<Int>, position: Int)] {
        var elements: [(range: Range<Int>, position: Int)] = []
        var index = start + 1
        var depth = 0
        var elementStart: Int?
        var inString = false
        var escaped = false
        while index < bytes.count {
            if index & releaseInterval == 0 { release(index) }
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    if elementStart == nil { elementStart = index }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if elementStart == nil { elementStart = index }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 {
                        guard byte == UInt8(ascii: "]") else { throw .notJSON(detail: "unbalanced brackets") }
                        if let begin = elementStart { elements.append((begin..<index, elements.count + 1)) }
                        index += 1
                        skipSpace(bytes, &index)
                        guard index == bytes.count else { throw .notJSON(detail: "data after the array") }
                        return elements
                    }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 {
                        guard let begin = elementStart else { throw .notJSON(detail: "empty element") }
                        elements.append((begin..<index, elements.count + 1))
                        elementStart = nil
                    }
                default:
                    if !isSpace(byte), elementStart == nil { elementStart = index }
                }
            }
            index += 1
        }
        throw .notJSON(detail: "the array is not closed")
    }

    /// JSON Lines: one entry per non-blank line; a line that does not look like an object is
    /// checked by parsing it now, so that a truncated file is refused before anything is planned.
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>, release: (Int) -> Void) throws(Unreadable) -> [(range: Range<Int>, position: Int)] {
        var result: [(range: Range<Int>, position: Int)] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var first = start, last = end
            while first < last, isSpace(bytes[first]) || bytes[first] == 0xEF || bytes[first] == 0xBB || bytes[first] == 0xBF { first += 1 }
            while last > first, isSpace(bytes[last - 1]) { last -= 1 }
            if first < last {
                guard bytes[first] == UInt8(ascii: "{"), bytes[last - 1] == UInt8(ascii: "}") else { throw .badLine(line) }
                result.append((first..<last, line))
            }
            if (start ^ end) & ~releaseInterval != 0 { release(end) }
            start = end + 1
            line += 1
        }
        return result
    }

    // MARK: - Reading one entry

    /// An API response `{"code": "OK", "data": {...}}` or a bare data object.
    private static func entry(_ element: Any, position: Int) -> Entry {
        guard let object = element as? [String: Any] else {
            return Entry(position: position, data: nil, problem: "không phải một đối tượng JSON (not an object)")
        }
        if let data = object["data"] as? [String: Any], object["name"] == nil {
            return Entry(position: position, data: data, problem: nil)
        }
        if object.keys.contains("data"), object["name"] == nil {
            let status = (object["message"] as? String) ?? (object["code"] as? String) ?? ""
            return Entry(position: position, data: nil, problem: "phản hồi không có dữ liệu (response without data) \(status)")
        }
        return Entry(position: position, data: object, problem: nil)
    }
}
