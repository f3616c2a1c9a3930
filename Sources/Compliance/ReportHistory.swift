import FileSystem
import Foundation
import Records

/// The reports kept at each sync (`content/.dong-bo/bao-cao.jsonl`): one JSON line per sync with
/// each indicator's figures, appended, so that the page can draw the trend and the file diffs
/// line by line. Lines that cannot be read are skipped and counted, never fatal.
public struct ReportHistory: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// The sync's time, ISO 8601 with its offset.
        public var date: String
        public var tableVersion: String?
        public var figures: [Entry]

        public struct Entry: Sendable, Equatable {
            public var code: String
            public var numerator: Int?
            public var denominator: Int?
            public var rate: Double?
        }

        /// The line written for a report.
        public init(date: String, report: ComplianceReport) {
            self.date = date
            tableVersion = report.tableVersion
            figures = report.figures.filter { $0.state != .notComputable }.map {
                Entry(code: $0.indicator.code, numerator: $0.numerator, denominator: $0.denominator, rate: $0.rate)
            }
        }

        init(date: String, tableVersion: String?, figures: [Entry]) {
            self.date = date
            self.tableVersion = tableVersion
            self.figures = figures
        }

        var json: String {
            Value.object([
                .init("ngay", .string(date)),
                .init("bang_chi_so", tableVersion.map(Value.string) ?? .null),
                .init("chi_so", .list(figures.map { entry in
                    .object([.init("ma", .string(entry.code)), .init("tu_so", entry.numerator.map(Value.integer) ?? .null),
                             .init("mau_so", entry.denominator.map(Value.integer) ?? .null),
                             .init("ti_le", entry.rate.map(Value.number) ?? .null)])
                })),
            ]).json()
        }

        /// The sync's day in Vietnam.
        public var day: Int? { CalendarDate.vietnamDayNumber(ofDateTime: date) }
    }

    public static let path = OwnPlaces.reportHistory

    /// In the file's order.
    public var lines: [Line] = []
    /// 1-based numbers of the lines that are not a report (or hold an impossible date).
    public var unreadableLines: [Int] = []

    public init() {}

    /// The history of a site whose `content/.dong-bo/` leads where it should (`SiteFolders`), as the
    /// change log is read: nothing when there is none yet, `OutsideSite` when a link leads out, a
    /// `FileError` with its path and cause when it is there and cannot be read (a folder, a pipe).
    public static func read(in folders: SiteFolders) throws -> ReportHistory {
        _ = try folders.resolve(path)
        // The file itself is never followed if it is a link: it is tthc's own.
        return ReportHistory(bytes: Data(try Files.readIfPresent(folders.site.path + "/" + path, followingLinks: false) ?? []))
    }

    init(bytes: Data) {
        for (offset, text) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where text.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) {
            if let line = Self.line(Data(text)) { lines.append(line) } else { unreadableLines.append(offset + 1) }
        }
    }

    private static func line(_ data: Data) -> Line? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let date = object["ngay"] as? String, CalendarDate.epochSeconds(ofDateTime: date) != nil,
              let items = object["chi_so"] as? [[String: Any]] else { return nil }
        let figures = items.compactMap { item -> Line.Entry? in
            guard let code = item["ma"] as? String else { return nil }
            let rate = (item["ti_le"] as? NSNumber)?.doubleValue
            return Line.Entry(code: code, numerator: (item["tu_so"] as? NSNumber)?.intValue,
                              denominator: (item["mau_so"] as? NSNumber)?.intValue,
                              rate: rate.flatMap { (0...1).contains($0) ? $0 : nil })
        }
        return Line(date: date, tableVersion: object["bang_chi_so"] as? String, figures: figures)
    }

    /// The file's text with `line` appended (a file without a final line break gets one first).
    public static func appending(_ line: Line, to existing: String) -> String {
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        return existing + separator + line.json + "\n"
    }
}
