import Foundation
import Testing

/// A unit's site on the day it imports the national catalog (the fixture export, changed as the
/// catalog would have it), and `tthc check` as the clerk runs it there.
enum National {
    static let fixture = Repository.fixture("export-sample.json")
    /// The fixture's procedures a commune of H35 publishes.
    static let paternity = "content/thu-tuc/1.000080.md", birth = "content/thu-tuc/1.001193.md", land = "content/thu-tuc/1.115563.md"

    static func entries() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [[String: Any]])
    }

    /// `entries` with the data of `code` changed by `change`.
    static func changing(_ entries: [[String: Any]], _ code: String, _ change: (inout [String: Any]) -> Void) -> [[String: Any]] {
        entries.map { entry in
            guard var data = entry["data"] as? [String: Any], data["code"] as? String == code else { return entry }
            change(&data)
            var changed = entry
            changed["data"] = data
            return changed
        }
    }

    /// Each execution method (channel) of an entry's data changed by `change`.
    static func methods(_ data: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        data["executionMethods"] = (data["executionMethods"] as? [[String: Any]] ?? []).map { method in
            var method = method
            change(&method)
            return method
        }
    }

    /// The catalog's later version of an entry: changed, and updated a day later.
    static func later(_ entries: [[String: Any]], _ code: String, _ change: (inout [String: Any]) -> Void) -> [[String: Any]] {
        changing(entries, code) { data in
            change(&data)
            data["updatedAt"] = (data["updatedAt"] as? Int ?? 1_776_000_000_000) + 86_400_000
        }
    }

    /// A new site with `entries` imported by `tthc sync`.
    static func imported(_ entries: [[String: Any]]) throws -> TemporarySite {
        let site = try TemporarySite()
        try synchronize(site, with: try JSONSerialization.data(withJSONObject: entries))
        return site
    }

    static func check(_ site: TemporarySite, _ arguments: String...) throws -> CommandLineTests.Run {
        try CommandLineTests().tthc(["check"] + arguments, in: site.folder)
    }

    /// `tthc check --format json`, every entry.
    static func findings(_ site: TemporarySite, _ arguments: String...) throws -> [[String: Any]] {
        let run = try CommandLineTests().tthc(["check", "--format", "json"] + arguments, in: site.folder)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]], "\(run.output)\(run.errors)")
    }

    /// Inserts `lines` above the line numbered `line` of the file (1-based), as a clerk types them.
    static func insert(_ lines: [String], above line: Int, in path: String, of site: TemporarySite) throws {
        var text = try site.read(path).components(separatedBy: "\n")
        text.insert(contentsOf: lines, at: line - 1)
        try site.write(path, text.joined(separator: "\n"))
    }

    /// The file's lines, CRLF or LF (a `"\r\n"` is one `Character`: split on scalars).
    static func lines(_ path: String, of site: TemporarySite) throws -> [String] {
        try site.read(path).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line[...]))
        }
    }

    /// The line number of the front matter's closing `---`.
    static func closingLine(_ path: String, of site: TemporarySite) throws -> Int {
        let lines = try lines(path, of: site)
        return try #require(lines.indices.dropFirst().first { lines[$0] == "---" }) + 1
    }

    /// The number of the first line that is `text`.
    static func firstLine(_ text: String, of path: String, in site: TemporarySite) throws -> Int {
        try #require(try lines(path, of: site).firstIndex(of: text)) + 1
    }
}
