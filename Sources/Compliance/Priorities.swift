/// What to fix first: the indicators below their threshold, the most points at stake first (then
/// the widest gap), and the procedures that fail the most indicators.
extension ComplianceReport {
    public struct Priority: Sendable {
        public var figure: Figure
        public var pointsAtStake: Double?
        /// Threshold − rate.
        public var gap: Double
    }

    public var priorities: [Priority] {
        figures.compactMap { figure -> Priority? in
            guard figure.state == .notMet, let rate = figure.rate, let threshold = figure.threshold else { return nil }
            return Priority(figure: figure, pointsAtStake: figure.pointsAtStake, gap: threshold - rate)
        }.sorted {
            ($0.pointsAtStake ?? -1, $0.gap, $1.figure.indicator.code) > ($1.pointsAtStake ?? -1, $1.gap, $0.figure.indicator.code)
        }
    }

    /// Procedures that fail indicators below their threshold, the most indicators first, each with
    /// the indicators and reasons.
    public func worstProcedures(limit: Int) -> [(code: String, name: String?, file: String?, failures: [(indicator: Indicator, reason: String)])] {
        var byCode: [String: (name: String?, file: String?, failures: [(indicator: Indicator, reason: String)])] = [:]
        for figure in figures where figure.state == .notMet {
            for finding in figure.findings {
                guard let code = finding.code else { continue }
                var entry = byCode[code] ?? (finding.name, finding.file, [])
                entry.failures.append((figure.indicator, finding.reason.vi))
                byCode[code] = entry
            }
        }
        return byCode.map { (code: $0.key, name: $0.value.name, file: $0.value.file, failures: $0.value.failures) }
            .sorted { ($1.failures.count, $0.code) < ($0.failures.count, $1.code) }
            .prefix(limit).map { $0 }
    }
}
