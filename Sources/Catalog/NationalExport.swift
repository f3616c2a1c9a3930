import Foundation

/// A national catalog export, in any of the three shapes CATALOG.md describes: a JSON array of
/// API responses, a JSON array of bare `data` objects, or JSON Lines of either.
public struct NationalExport {
    /// One procedure as the portal returned it, and where it stands in the file.
    public struct Entry {
        /// 1-based: the element of the array, or the line of a JSON Lines file.
        public var position: Int
        public var data: [String: Any]?
        /// Why this entry could not be read as a procedure object.
        public var problem: String?
    }

    public enum Unreadable: Error, Equatable, CustomStringConvertible {
        case empty
        case notJSON(detail: String)
        case badLine(Int)

        public var description: String {
            switch self {
            case .empty: return "tệp xuất rỗng (empty export)"
            case .notJSON(let detail): return "không đọc được JSON, có thể tệp bị cắt cụt (not JSON or truncated): \(detail)"
            case .badLine(let line): return "dòng \(line) không phải JSON, có thể tệp bị cắt cụt (line \(line) is not JSON)"
            }
        }
    }

    public var entries: [Entry]

    public init(data: Data) throws(Unreadable) {
        guard let first = data.first(where: { !Self.isSpace($0) }) else { throw .empty }
        if first == UInt8(ascii: "[") {
            let array: [Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: data) as? [Any] else {
                    throw Unreadable.notJSON(detail: "not an array")
                }
                array = parsed
            } catch let error as Unreadable {
                throw error
            } catch {
                throw .notJSON(detail: (error as NSError).localizedDescription)
            }
            guard !array.isEmpty else { throw .empty }
            entries = array.enumerated().map { Self.entry($1, position: $0 + 1) }
        } else {
            var entries: [Entry] = []
            for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                guard line.contains(where: { !Self.isSpace($0) }) else { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) else {
                    throw .badLine(index + 1)
                }
                entries.append(Self.entry(object, position: index + 1))
            }
            guard !entries.isEmpty else { throw .empty }
            self.entries = entries
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }

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
