import FileSystem
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
        /// The fingerprint of the national version the change brought (`phien_ban`), so that a
        /// run retried after a failure does not log the same change twice. Absent in older logs.
        public var version: String?

        public init(date: String, code: String, kind: Kind, version: String? = nil) {
            self.date = date
            self.code = code
            self.kind = kind
            self.version = version
        }

        var line: String {
            var fields: [Value.Member] = [.init("ngay", .string(date)), .init("ma", .string(code)), .init("thay_doi", .string(kind.rawValue))]
            if let version { fields.append(.init("phien_ban", .string(version))) }
            return Value.object(fields).json() + "\n"
        }

        /// The same change of the same version: what a retried run would log again.
        func repeats(_ other: Entry) -> Bool {
            code == other.code && kind == other.kind && version != nil && version == other.version
        }
    }

    public static let path = OwnPlaces.changeLog

    public var entries: [Entry]
    /// The lines that were skipped, each a warning at its line (the log is informative, never
    /// blocking: a build goes on without them).
    public var skipped: [Diagnostic] = []
    /// The 1-based numbers of the lines that hold something other than an entry (a merge
    /// conflict's markers, a hand edit), so that a report can say what it did not count.
    public var unreadableLines: [Int] { skipped.map(\.line) }

    /// Reads the log. A line is used only when its date is an instant (`2026-11-22T09:00:00+07:00`),
    /// its code a procedure code and its change one of the three: the feed and the home page
    /// write these values, and a line edited by hand must not put anything else there.
    public init(site: URL) {
        self.init(bytes: FileManager.default.contents(atPath: site.appendingPathComponent(Self.path).path).map { [UInt8]($0) } ?? [])
    }

    /// The log of a site whose `content/.dong-bo/` leads where it should (`SiteFolders`): nothing
    /// when there is no log yet, a `FileError` when it is there and cannot be read.
    public static func read(in folders: SiteFolders) throws -> ChangeLog {
        ChangeLog(bytes: try bytes(in: folders))
    }

    /// The log's bytes (none when there is no log yet).
    public static func bytes(in folders: SiteFolders) throws -> [UInt8] {
        _ = try folders.resolve(path)
        // Read as spelled, the log itself never followed if it is a link (it is tthc's own file).
        return try Files.readIfPresent(folders.site.path + "/" + path, followingLinks: false) ?? []
    }

    public init(bytes: [UInt8]) {
        entries = []
        for (offset, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }) else { continue }
            switch Self.entry(Data(line)) {
            case .success(let entry): entries.append(entry)
            case .failure(let unusable):
                skipped.append(Diagnostic(file: Self.path, line: offset + 1, column: 1,
                                          problem: .changeLogLine(offset + 1, reason: unusable.reason)))
            }
        }
    }

    /// Why a line is not used, for its warning.
    private struct Unusable: Error {
        var reason: Localized
        init(_ vi: String, _ en: String) { reason = Localized(vi: vi, en: en) }
    }

    private static func entry(_ line: Data) -> Result<Entry, Unusable> {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            return .failure(Unusable("không phải một đối tượng JSON", "it is not a JSON object"))
        }
        guard let date = object["ngay"] as? String, CalendarDate.isValidInstant(date) else {
            return .failure(Unusable("`ngay` không phải thời điểm dạng 2026-11-22T09:00:00+07:00",
                                     "`ngay` is not an instant like 2026-11-22T09:00:00+07:00"))
        }
        guard let code = object["ma"] as? String, Syntax.isProcedureCode(code) else {
            return .failure(Unusable("`ma` không phải mã thủ tục dạng 1.001193", "`ma` is not a procedure code like 1.001193"))
        }
        guard let kind = (object["thay_doi"] as? String).flatMap(Kind.init(rawValue:)) else {
            let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(Unusable("`thay_doi` phải là một trong: \(kinds)", "`thay_doi` must be one of: \(kinds)"))
        }
        // Only ever compared, never shown: a value that is not a fingerprint is left out.
        let version = (object["phien_ban"] as? String).flatMap { Self.isFingerprint($0) ? $0 : nil }
        return .success(Entry(date: date, code: code, kind: kind, version: version))
    }

    /// The log's text `existing` with `new` appended, but for the entries that repeat the latest
    /// entry of their code: a sync that failed after writing the log (a record it could not
    /// write) plans the same changes again, and they are news once.
    public static func appending(_ new: [Entry], to existing: String) -> String {
        var latest: [String: Entry] = [:]
        for entry in ChangeLog(bytes: Array(existing.utf8)).entries { latest[entry.code] = entry }
        let fresh = new.filter { entry in !(latest[entry.code].map(entry.repeats) ?? false) }
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        return existing + separator + fresh.map(\.line).joined()
    }

    private static func isFingerprint(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
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
