import Records

/// One indicator's result, as every output shows it.
public struct Figure: Sendable {
    public enum State: String, Sendable {
        case met = "dat", notMet = "chua_dat"
        /// A denominator of 0: "không áp dụng", never 0 % (QĐ 766's rule).
        case notApplicable = "khong_ap_dung"
        /// Not in the records: "chưa tính được", never 0.
        case notComputable = "chua_tinh_duoc"
        /// Computed, but with no threshold to pass.
        case noThreshold = "khong_co_nguong"
    }

    public var indicator: Indicator
    public var numerator: Int?
    public var denominator: Int?
    /// numerator ÷ denominator, rounded so that the percentage has 2 decimals (0.9775 is 97.75 %).
    public var rate: Double?
    /// The threshold in effect: `--nguong`'s, else the table's.
    public var threshold: Double?
    /// Checked by the gate (`--nguong`): only these make `tthc bao-cao` exit 1.
    public var gated = false
    public var state: State
    /// Why it is not applicable or not computable.
    public var reason: Localized?
    public var points: Double?
    public var findings: [Finding]
    public var excluded: [Finding]
    public var pending: [Finding]
    public var outside: [Finding]
    public var notes: [Localized]

    public var met: Bool? {
        switch state {
        case .met: return true
        case .notMet: return false
        default: return nil
        }
    }

    /// Fails the gate: below its threshold while `--nguong` checks it.
    public var failsGate: Bool { gated && state == .notMet }

    init(_ indicator: Indicator, _ outcome: Outcome, threshold: Double?) {
        self.indicator = indicator
        self.threshold = threshold
        findings = outcome.findings.sorted(by: Finding.ordered)
        excluded = outcome.excluded.sorted(by: Finding.ordered)
        pending = outcome.pending.sorted(by: Finding.ordered)
        outside = outcome.outside.sorted(by: Finding.ordered)
        notes = outcome.notes
        switch outcome.count {
        case .notComputable(let why):
            state = .notComputable
            reason = why
        case .denominatorOnly(let denominator, let why):
            self.denominator = denominator
            state = .notComputable
            reason = why
        case .counted(let numerator, let denominator):
            self.numerator = numerator
            self.denominator = denominator
            guard denominator > 0 else {
                state = .notApplicable
                reason = Localized(vi: "Không áp dụng: không có thủ tục nào để tính (mẫu số bằng 0).",
                                   en: "Not applicable: nothing to count (the denominator is 0).")
                break
            }
            let rate = (Double(numerator) / Double(denominator) * 10_000).rounded() / 10_000
            self.rate = rate
            if let threshold { state = rate >= threshold ? .met : .notMet } else { state = .noThreshold }
            if let rule = indicator.points, let maximum = rule.maximum {
                points = (maximum * rule.share(of: rate, threshold: threshold) * 100).rounded() / 100
            }
        }
    }

    /// Points the unit would gain by meeting the indicator fully (nil when the source gives none).
    var pointsAtStake: Double? {
        guard let maximum = indicator.points?.maximum, let points else { return nil }
        return ((maximum - points) * 100).rounded() / 100
    }
}
