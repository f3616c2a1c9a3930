import Foundation
import Records

/// The report's day, never the wall clock (the same input gives the same report): the day asked
/// for (`--ngay`), else `SOURCE_DATE_EPOCH`, else the last sync's day, else the latest
/// `nguon.dong_bo_luc`, else the catalogue's latest change; none when nothing is dated.
enum ReportDate {
    static func decide(_ input: ComplianceInput, syncs: ChangeLog) -> (day: Int?, warnings: [Localized]) {
        var warnings: [Localized] = []
        if let text = input.date, let day = CalendarDate.dayNumber(text) { return (day, warnings) }
        if let epoch = input.sourceDateEpoch {
            if let seconds = Int(epoch.trimmingCharacters(in: .whitespaces)) {
                return (CalendarDate.vietnamDayNumber(epochSeconds: seconds), warnings)
            }
            warnings.append(Localized(vi: "SOURCE_DATE_EPOCH=\(epoch) không phải số giây: lấy ngày đồng bộ gần nhất.",
                                      en: "SOURCE_DATE_EPOCH=\(epoch) is not a number of seconds: using the last sync's day."))
        }
        let lastSync = syncs.entries.compactMap { CalendarDate.epochSeconds(ofDateTime: $0.date) }.max()
        let lastRecord = input.procedures.compactMap { $0.procedure.source?.synchronizedAt.flatMap(CalendarDate.epochSeconds(ofDateTime:)) }.max()
        let lastChange = input.catalogue?.procedures.values
            .compactMap { $0.source?.catalogUpdatedAt.flatMap(CalendarDate.epochSeconds(ofDateTime:)) }.max()
        return ((lastSync ?? lastRecord ?? lastChange).map { CalendarDate.vietnamDayNumber(epochSeconds: $0) }, warnings)
    }
}
