import Records

/// `chua_tinh_duoc`: what records do not hold (QĐ 766 1.1, the dossier figures). Said so with the
/// table's reason, never shown as 0.
struct NotComputable: Tally {
    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {}

    func outcome(in context: MeasureContext) -> Outcome {
        Outcome(.notComputable(.same(context.reason ?? "")))
    }
}
