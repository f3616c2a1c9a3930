import Foundation
import Records

/// One unit's compliance report (COMPLIANCE.md): each indicator of the table that applies to its
/// level, computed in one pass over its procedures. A province's report will hold one of these per
/// unit and combine their numerators and denominators.
public struct ComplianceReport: Sendable {
    public var unitName: String
    public var level: String
    public var provinceCode: String
    /// The report's day (`YYYY-MM-DD`), nil when nothing is dated.
    public var date: String?
    public var tableName: String
    public var tableVersion: String
    /// Where the table came from: `chi-so.yml` of the site, or nil for the one inside tthc.
    public var tableFile: String?
    public var catalogueFile: String?
    public var catalogueSize: Int?
    /// Published procedures counted (in force or abolished).
    public var procedureCount: Int
    public var unreadable: [Finding]
    /// What the report could not read (junk lines of the change log or the history) or decide.
    public var warnings: [Localized]
    public var figures: [Figure]
    public var history: ReportHistory
    /// What the national records of the procedures in force leave out (`tthc check`'s findings of
    /// origin national), by the body that announced them, then by code: for that body to complete.
    public var nationalGaps: [ProcedureGaps] = []

    public static func compute(_ input: ComplianceInput, table: IndicatorTable, tableFile: String? = nil,
                               thresholds: ThresholdChoice? = nil) -> ComplianceReport {
        let configuration = input.configuration
        let (day, dateWarnings) = ReportDate.decide(input, syncs: input.changeLog)
        let syncs = SyncTimes(input.changeLog)
        let firstSync = syncs.first ?? input.procedures
            .compactMap { $0.procedure.source?.synchronizedAt.flatMap(CalendarDate.epochSeconds(ofDateTime:)) }.min()
        let calendar = table.calendar
        let indicators = table.indicators.filter { $0.appliesTo(level: configuration.level) }
        let contexts = indicators.map { indicator in
            MeasureContext(configuration: configuration, parameters: indicator.parameters ?? .init(), reason: indicator.reason,
                           calendar: calendar, day: day, syncs: syncs, catalogue: input.catalogue, firstSync: firstSync)
        }
        var tallies = indicators.map { $0.measure.tally() }
        // One pass: each procedure is shown to every indicator's tally in turn.
        for procedure in input.procedures {
            for index in tallies.indices { tallies[index].count(procedure, in: contexts[index]) }
        }
        let figures = indicators.indices.map { index -> Figure in
            let indicator = indicators[index]
            var threshold = indicator.threshold
            var gated = false
            switch thresholds {
            case .table?: gated = threshold != nil
            case .given(let given)?:
                if let value = given[indicator.code] { threshold = value; gated = true }
            case nil: break
            }
            var figure = Figure(indicator, tallies[index].outcome(in: contexts[index]), threshold: threshold)
            figure.gated = gated
            return figure
        }
        var warnings = dateWarnings
        if !input.changeLog.unreadableLines.isEmpty {
            warnings.append(Localized(
                vi: "Nhật ký đồng bộ (\(ChangeLog.path)) có dòng không đọc được, không tính: dòng \(Self.list(input.changeLog.unreadableLines)).",
                en: "The change log (\(ChangeLog.path)) has lines that cannot be read, not counted: line \(Self.list(input.changeLog.unreadableLines))."))
        }
        if !input.history.unreadableLines.isEmpty {
            warnings.append(Localized(
                vi: "Lịch sử báo cáo (\(ReportHistory.path)) có dòng không đọc được, bỏ qua: dòng \(Self.list(input.history.unreadableLines)).",
                en: "The report history (\(ReportHistory.path)) has lines that cannot be read, skipped: line \(Self.list(input.history.unreadableLines))."))
        }
        if let catalogue = input.catalogue, catalogue.unmapped > 0 {
            warnings.append(Localized(
                vi: "Tệp xuất \(catalogue.file) có \(catalogue.unmapped) bản ghi không chuyển được thành thủ tục (xem tthc sync --dry-run): không tính.",
                en: "The export \(catalogue.file) has \(catalogue.unmapped) entries that cannot be mapped (see tthc sync --dry-run): not counted."))
        }
        let gaps = input.procedures.filter { $0.isInForce && !$0.nationalGaps.isEmpty }.map { procedure in
            ProcedureGaps(code: procedure.code, name: procedure.procedure.name, file: procedure.file,
                          announcedBy: procedure.procedure.source?.announcedBy?.name, gaps: procedure.nationalGaps)
        }.sorted { ($0.announcedBy ?? "", $0.code, $0.file) < ($1.announcedBy ?? "", $1.code, $1.file) }
        return ComplianceReport(
            unitName: configuration.unitName, level: configuration.level, provinceCode: configuration.province.code,
            date: day.map(CalendarDate.text(ofDay:)), tableName: table.name, tableVersion: table.version, tableFile: tableFile,
            catalogueFile: input.catalogue?.file, catalogueSize: input.catalogue?.procedures.count,
            procedureCount: input.procedures.count, unreadable: input.unreadable.sorted(by: Finding.ordered),
            warnings: warnings, figures: figures, history: input.history, nationalGaps: gaps)
    }

    /// "3, 7, 12" (the first 20, then how many more).
    static func list(_ numbers: [Int]) -> String {
        numbers.prefix(20).map(String.init).joined(separator: ", ") + (numbers.count > 20 ? " … (+\(numbers.count - 20))" : "")
    }

    /// Some indicator the gate checks is below its threshold.
    public var failsGate: Bool { figures.contains(where: \.failsGate) }
}
