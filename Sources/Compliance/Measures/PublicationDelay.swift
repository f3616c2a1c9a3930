import Records

/// `cong_khai_dung_han` (QĐ 766 1.2, as a proxy): the decision's date to the day the national
/// database published the procedure (`quyet_dinh_cong_bo.ngay_cong_khai`), within the limit of its
/// announcer: a ministry (code `G…`) or a province (`H…`). A publication date that very many
/// procedures share is the portal's 2026 migration, not a publication: flagged, not counted.
struct PublicationDelay: Tally {
    private var candidates: [(procedure: ReportedProcedure, decided: Int, published: Int)] = []
    private var excluded: [Finding] = []
    private var undated = 0

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        guard procedure.isInForce, procedure.isNational, let decision = procedure.procedure.decision else { return }
        guard let publishedText = decision.publishedOn, let published = CalendarDate.dayNumber(publishedText),
              let decided = CalendarDate.dayNumber(decision.date) else {
            undated += 1
            return
        }
        guard published >= decided else {
            excluded.append(procedure.finding(Localized(
                vi: "ngày công khai \(publishedText) trước ngày ký quyết định \(decision.date): dữ liệu không hợp lệ, không tính",
                en: "published on \(publishedText), before the decision of \(decision.date): not counted")))
            return
        }
        candidates.append((procedure, decided, published))
    }

    func outcome(in context: MeasureContext) -> Outcome {
        let parameters = context.parameters
        let migration = Set((parameters.migrationDates ?? []).compactMap(CalendarDate.dayNumber))
        let shared = Dictionary(grouping: candidates, by: \.published).mapValues(\.count)
        var excluded = self.excluded, findings: [Finding] = []
        var onTime = 0, counted = 0
        for candidate in candidates {
            let publishedText = CalendarDate.text(ofDay: candidate.published)
            let sharing = shared[candidate.published] ?? 0
            if migration.contains(candidate.published) || sharing >= (parameters.sharedAtLeast ?? Int.max) {
                excluded.append(candidate.procedure.finding(Localized(
                    vi: "ngày công khai \(publishedText) là ngày chuyển đổi dữ liệu của Cổng (\(sharing) thủ tục của đơn vị cùng ngày): không tính",
                    en: "published on \(publishedText), the portal's data migration (\(sharing) of the unit's procedures that day): not counted")))
                continue
            }
            let announcer = candidate.procedure.procedure.source?.announcedBy?.code ?? ""
            guard let limit = announcer.hasPrefix("G") ? parameters.ministryDays : announcer.hasPrefix("H") ? parameters.provinceDays : nil else {
                excluded.append(candidate.procedure.finding(Localized(
                    vi: "không rõ cơ quan công bố là bộ, ngành hay UBND tỉnh (`nguon.co_quan_cong_bo`): không tính",
                    en: "the announcer is neither a ministry nor a province (`nguon.co_quan_cong_bo`): not counted")))
                continue
            }
            counted += 1
            let days = context.calendar.workingDays(after: candidate.decided, through: candidate.published)
            if days <= limit {
                onTime += 1
            } else {
                let decided = CalendarDate.text(ofDay: candidate.decided)
                findings.append(candidate.procedure.finding(Localized(
                    vi: "công khai sau \(days) ngày làm việc (ký ngày \(decided), công khai ngày \(publishedText); hạn \(limit))",
                    en: "published after \(days) working days (signed \(decided), published \(publishedText); limit \(limit))"),
                    days: days))
            }
        }
        guard undated == 0 || !candidates.isEmpty || !excluded.isEmpty else {
            return Outcome(.notComputable(Localized(
                vi: "Chưa hồ sơ nào có ngày công khai trên CSDL quốc gia (`quyet_dinh_cong_bo.ngay_cong_khai`): chạy lại `tthc sync` để ghi ngày này.",
                en: "No record holds its national publication date (`quyet_dinh_cong_bo.ngay_cong_khai`): run `tthc sync` again to add it.")))
        }
        let notes = undated == 0 ? [] : [Localized(
            vi: "\(undated) thủ tục chưa có ngày công khai hoặc ngày ký quyết định: không tính.",
            en: "\(undated) procedures lack the publication or decision date: not counted.")]
        return Outcome(.counted(numerator: onTime, denominator: counted), findings: findings, excluded: excluded, notes: notes)
    }
}
