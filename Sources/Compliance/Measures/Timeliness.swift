import Catalog
import Records

/// `kip_thoi` (NĐ 224/2026 Điều 9, "kịp thời ngay khi có sự thay đổi"; the limit in working days is
/// the table's). Each record's latest national change (`nguon.cap_nhat_nguon`) against the sync
/// that took it (the change log's first entry for the code after the change; `nguon.dong_bo_luc`
/// when the log has none); changes made before the site's first sync were its first import and are
/// not counted. With the catalogue, what the site has not taken yet: missing, changed or abolished
/// there; late once older than the limit, pending until then.
struct Timeliness: Tally {
    private var onTime = 0, counted = 0
    private var findings: [Finding] = [], excluded: [Finding] = []
    private var beforeFirstSync = 0
    /// What the site shows, for the comparison with the catalogue: code → catalogue time it holds.
    private var shown: [String: (procedure: ReportedProcedure, changedAt: Int?)] = [:]

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        let changedText = procedure.procedure.source?.catalogUpdatedAt
        let changed = changedText.flatMap(CalendarDate.epochSeconds(ofDateTime:))
        if context.catalogue != nil { shown[procedure.code] = (procedure, changed) }
        guard procedure.isNational, let changed, let changedText else { return }
        guard let first = context.firstSync, changed > first else {
            beforeFirstSync += 1
            return
        }
        let synchronized = procedure.procedure.source?.synchronizedAt.flatMap(CalendarDate.epochSeconds(ofDateTime:))
        guard let taken = context.syncs.take(of: procedure.code, changedAt: changed) ?? synchronized.flatMap({ $0 >= changed ? $0 : nil })
        else {
            excluded.append(procedure.finding(Localized(
                vi: "thay đổi lúc \(changedText) nhưng không có lần đồng bộ nào sau đó trong nhật ký",
                en: "changed at \(changedText) but no sync after it in the change log")))
            return
        }
        counted += 1
        let limit = context.parameters.workingDays ?? 0
        let days = context.calendar.workingDays(after: CalendarDate.vietnamDayNumber(epochSeconds: changed),
                                                through: CalendarDate.vietnamDayNumber(epochSeconds: taken))
        if days <= limit {
            onTime += 1
        } else {
            let changedDay = CalendarDate.text(ofDay: CalendarDate.vietnamDayNumber(epochSeconds: changed))
            let takenDay = CalendarDate.text(ofDay: CalendarDate.vietnamDayNumber(epochSeconds: taken))
            findings.append(procedure.finding(Localized(
                vi: "nhận thay đổi sau \(days) ngày làm việc (CSDL quốc gia đổi ngày \(changedDay), trang đồng bộ ngày \(takenDay); hạn \(limit))",
                en: "took the change after \(days) working days (changed \(changedDay), synchronized \(takenDay); limit \(limit))"),
                days: days))
        }
    }

    func outcome(in context: MeasureContext) -> Outcome {
        var late = findings, waiting: [Finding] = []
        var behind = 0
        if let catalogue = context.catalogue {
            for item in self.behind(catalogue, context) {
                if let days = item.days, days <= context.parameters.workingDays ?? 0 { waiting.append(item) } else {
                    late.append(item)
                    behind += 1
                }
            }
        }
        var outcome = Outcome(.counted(numerator: onTime, denominator: counted + behind), findings: late, excluded: excluded,
                              pending: waiting)
        if beforeFirstSync > 0 {
            outcome.notes.append(Localized(
                vi: "\(beforeFirstSync) thủ tục có thay đổi trước lần đồng bộ đầu tiên của trang (lần nhập đầu): không tính.",
                en: "\(beforeFirstSync) procedures last changed before the site's first sync (its first import): not counted."))
        }
        if context.syncs.undated > 0 {
            outcome.notes.append(Localized(
                vi: "\(context.syncs.undated) dòng nhật ký đồng bộ có ngày không đọc được: không tính.",
                en: "\(context.syncs.undated) change-log entries have a date that cannot be read: not counted."))
        }
        if context.catalogue == nil {
            outcome.notes.append(Localized(
                vi: "Chưa so với CSDL quốc gia: thêm `--catalog TỆP` để biết thủ tục nào trang chưa nhận.",
                en: "Not compared with the national catalogue: add `--catalog FILE` to see what the site has not taken yet."))
        }
        return outcome
    }

    /// What the catalogue has that the site has not taken, with the working days it has waited
    /// (nil when the catalogue gives no time: an abolition, a change without `updatedAt`).
    private func behind(_ catalogue: Catalogue, _ context: MeasureContext) -> [Finding] {
        var items: [Finding] = []
        func waited(_ instant: Int?) -> Int? {
            guard let instant, let day = context.day else { return nil }
            return context.calendar.workingDays(after: CalendarDate.vietnamDayNumber(epochSeconds: instant), through: day)
        }
        for (code, national) in catalogue.procedures where context.configuration.publishes(national) {
            let changed = national.source?.catalogUpdatedAt.flatMap(CalendarDate.epochSeconds(ofDateTime:))
            guard let here = shown[code] else {
                let days = waited(changed)
                items.append(Finding(code: code, name: national.name, reason: Localized(
                    vi: "có trong CSDL quốc gia nhưng trang chưa đăng" + (days.map { " (đã \($0) ngày làm việc)" } ?? ""),
                    en: "in the national catalogue but not on the site" + (days.map { " (\($0) working days)" } ?? "")),
                    days: days))
                continue
            }
            if let changed, here.changedAt.map({ changed > $0 }) ?? true {
                let days = waited(changed)
                items.append(here.procedure.finding(Localized(
                    vi: "CSDL quốc gia đã thay đổi, trang chưa đồng bộ" + (days.map { " (đã \($0) ngày làm việc)" } ?? ""),
                    en: "changed in the national catalogue, not synchronized yet" + (days.map { " (\($0) working days)" } ?? "")),
                    days: days))
            }
        }
        for (code, entry) in shown where entry.procedure.isNational && entry.procedure.isInForce && catalogue.procedures[code] == nil {
            items.append(entry.procedure.finding(Localized(
                vi: "CSDL quốc gia không còn thủ tục này (đã bãi bỏ) nhưng trang vẫn ghi còn hiệu lực",
                en: "no longer in the national catalogue (abolished) but shown in force")))
        }
        return items
    }
}
