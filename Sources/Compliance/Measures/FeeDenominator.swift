import Records

/// `co_phi` (QĐ 766 3.5): the denominator of online payment, procedures in force with a fee
/// neither 0 nor unknown; the numerator (dossiers paid online) is in the payment system.
struct FeeDenominator: Tally {
    private var charged = 0

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        guard procedure.isInForce else { return }
        let fees = (procedure.procedure.channels ?? []).flatMap(\.fees)
        if fees.contains(where: { ($0.amount ?? 0) > 0 }) { charged += 1 }
    }

    func outcome(in context: MeasureContext) -> Outcome {
        Outcome(.denominatorOnly(charged, reason: .same(context.reason ?? "")))
    }
}
