import FileSystem
import Foundation
import Records

/// What a site brings for its report besides its records: its own indicator table (`chi-so.yml`
/// beside `site.yml`, else the one inside tthc) and the reports kept at each sync.
public struct ComplianceSources: Sendable {
    public var table: IndicatorTable?
    /// `chi-so.yml` when the site has one; nil for the default table.
    public var tableFile: String?
    /// The table's problems, at their lines: any error means no report.
    public var diagnostics: [Diagnostic]
    public var history: ReportHistory

    /// A history that leads out of the site is an `outside-site` error, not read; one that cannot
    /// be read throws its `FileError` (path and cause), never taken for no history.
    public static func load(site: URL) throws -> ComplianceSources {
        var history = ReportHistory(), historyDiagnostics: [Diagnostic] = []
        do {
            history = try ReportHistory.read(in: try SiteFolders(site: site))
        } catch let outside as OutsideSite {
            historyDiagnostics.append(outside.diagnostic)
        }
        let name = IndicatorTable.fileName
        // Looked at without following a link: a link that leads nowhere is reported, not taken for no table.
        guard (try? Files.kind(site.path + "/" + name)) != .some(nil) else {
            return ComplianceSources(table: IndicatorTable.defaultTable, tableFile: nil, diagnostics: historyDiagnostics, history: history)
        }
        switch RecordFile.read(name, in: site) {
        case .bytes(let bytes):
            let (table, diagnostics) = IndicatorTable.read(bytes: bytes, path: name)
            return ComplianceSources(table: table, tableFile: name, diagnostics: historyDiagnostics + diagnostics, history: history)
        case .refused(let problem):
            return ComplianceSources(table: nil, tableFile: name,
                                     diagnostics: historyDiagnostics + [Diagnostic(file: name, line: 1, column: 1, problem: problem)],
                                     history: history)
        }
    }
}

extension IndicatorTable {
    /// The table inside the binary; a test keeps it equal to `Sources/Compliance/chi-so.yml` and valid.
    public static let defaultTable: IndicatorTable? = read(bytes: Array(defaultText.utf8), path: "chi-so.yml").table
}
