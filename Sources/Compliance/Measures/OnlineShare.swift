import Records

/// `truc_tuyen` (QĐ 766 3.1): procedures offered online, fully or partly, among those in force
/// that the unit handles (a commune's: those with `cap_thuc_hien: xa`).
struct OnlineShare: Tally {
    private var online = 0, handled = 0
    private var findings: [Finding] = []

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        guard procedure.isInForce, procedure.procedure.levels.contains(context.configuration.unitLevel) else { return }
        handled += 1
        switch procedure.procedure.onlineService?.level {
        case .full?, .partial?:
            online += 1
        case .none?:
            findings.append(procedure.finding(Localized(
                vi: "chưa cung cấp dịch vụ công trực tuyến (`dvc_truc_tuyen.muc_do: khong`)",
                en: "not offered online (`dvc_truc_tuyen.muc_do: khong`)")))
        case nil:
            findings.append(procedure.finding(Localized(
                vi: "chưa ghi mức độ dịch vụ công trực tuyến (`dvc_truc_tuyen`)",
                en: "no online service level (`dvc_truc_tuyen`)")))
        }
    }

    func outcome(in context: MeasureContext) -> Outcome {
        Outcome(.counted(numerator: online, denominator: handled), findings: findings)
    }
}
