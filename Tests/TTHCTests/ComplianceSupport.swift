import Compliance
import Foundation
import Records
import Testing

/// Hand-made inputs for the compliance report, where the answer is known: SampleRecord's valid
/// procedure changed one thing at a time, a change log, a catalogue, a one-indicator table.
enum Hand {
    static let steps = "## Trình tự thực hiện\n\nNộp hồ sơ tại Ủy ban nhân dân xã.\n"

    /// SampleRecord's procedure with another code, changed by `change`.
    static func procedure(_ code: String, _ change: (inout Procedure) -> Void = { _ in }) -> Procedure {
        // SampleRecord is valid (ValidationTests); a minimal record stands in should it ever not be.
        var procedure = SampleRecord.read(SampleRecord.text()).procedure
            ?? Procedure(code: code, name: "", levels: [.commune], sector: .init(code: "", name: ""), status: .inForce, origin: .national)
        procedure.code = code
        procedure.name = "Thủ tục \(code)"
        procedure.source = .init(system: .national, url: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/\(code)",
                                 announcedBy: .init(code: "G15", name: "Bộ Tư pháp"))
        procedure.onlineService = .init(level: .partial, url: nil)
        change(&procedure)
        return procedure
    }

    static func reported(_ code: String, steps: Bool = true, _ change: (inout Procedure) -> Void = { _ in }) -> ReportedProcedure {
        ReportedProcedure(procedure: procedure(code, change), body: Body(markdown: steps ? Self.steps : "", firstLine: 1),
                          file: "content/thu-tuc/\(code).md")
    }

    static func configuration(_ extra: String = "") throws -> SiteConfiguration {
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array((TemporarySite.configuration + "\n" + extra).utf8))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(configuration)
    }

    /// A change log holding `entries` (date, code).
    static func log(_ entries: [(String, String)]) -> ChangeLog {
        var log = ChangeLog(site: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        log.entries = entries.map { ChangeLog.Entry(date: $0.0, code: $0.1, kind: .updated) }
        return log
    }

    static func defaultTable() throws -> IndicatorTable {
        try #require(IndicatorTable.defaultTable, "the default indicator table does not read")
    }

    static func report(_ procedures: [ReportedProcedure], log: ChangeLog = Hand.log([]), catalogue: [Procedure]? = nil,
                       table: IndicatorTable? = nil, date: String? = "2026-11-23",
                       configuration: SiteConfiguration? = nil, thresholds: ThresholdChoice? = nil) throws -> ComplianceReport {
        let input = ComplianceInput(
            configuration: try configuration ?? Hand.configuration(), procedures: procedures, changeLog: log,
            catalogue: catalogue.map { Catalogue(procedures: Dictionary($0.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), file: "xuat.json") },
            date: date)
        return ComplianceReport.compute(input, table: try table ?? Hand.defaultTable(), thresholds: thresholds)
    }

    /// A table read from its text (which must be valid).
    static func table(_ text: String) throws -> IndicatorTable {
        let (table, diagnostics) = IndicatorTable.read(bytes: Array(text.utf8), path: "chi-so.yml")
        #expect(!diagnostics.hasErrors, "\(diagnostics.map { "\($0.line):\($0.column) \($0.message(.vi))" })")
        return try #require(table)
    }
}

extension ComplianceReport {
    func figure(_ code: String) -> Figure? { figures.first { $0.indicator.code == code } }
}
