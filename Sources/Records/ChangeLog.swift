import Foundation

/// The committed record of what each sync changed (`content/.dong-bo/nhat-ky.jsonl`): one JSON
/// line per change, appended, so that it diffs line by line. The site shows it as "recently changed".
public struct ChangeLog: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case created = "tao_moi", updated = "cap_nhat", abolished = "bai_bo"
        /// A record the unit had deleted, brought back from the catalog on request: not news of the catalog.
        case restored = "dang_lai"

        public var label: String {
            switch self {
            case .created: return "Công bố mới"
            case .updated: return "Cập nhật"
            // The catalog drops an abolished procedure without a date: what sync knows is its absence.
            case .abolished: return "Không còn trong CSDL quốc gia"
            case .restored: return "Đăng lại"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        /// ISO 8601 with +07:00, the time of the sync.
        public var date: String
        public var code: String
        public var kind: Kind

        public init(date: String, code: String, kind: Kind) {
            self.date = date
            self.code = code
            self.kind = kind
        }

        var line: String {
            Value.object([.init("ngay", .string(date)), .init("ma", .string(code)), .init("thay_doi", .string(kind.rawValue))])
                .json() + "\n"
        }
    }

    public static let path = "content/.dong-bo/nhat-ky.jsonl"

    public var entries: [Entry]

    /// Reads the log; lines that cannot be read are skipped (the log is informative, never blocking).
    public init(site: URL) {
        let data = FileManager.default.contents(atPath: site.appendingPathComponent(Self.path).path) ?? Data()
        entries = data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let date = object["ngay"] as? String, let code = object["ma"] as? String,
                  let kind = (object["thay_doi"] as? String).flatMap(Kind.init(rawValue:)) else { return nil }
            return Entry(date: date, code: code, kind: kind)
        }
    }

    /// The log's text with `new` appended.
    public static func appending(_ new: [Entry], to site: URL) -> String {
        let existing = FileManager.default.contents(atPath: site.appendingPathComponent(path).path)
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        return existing + separator + new.map(\.line).joined()
    }

    /// The most recent change of each code, newest first.
    public func recent(limit: Int) -> [Entry] {
        var seen: Set<String> = []
        var result: [Entry] = []
        for entry in entries.reversed() where seen.insert(entry.code).inserted {
            result.append(entry)
            if result.count == limit { break }
        }
        return result
    }
}
