import Records

/// A province's compliance report (docs/bao-cao.md, "A province"): each unit's own report, as
/// `tthc bao-cao` makes it for a single site, and the province's figure per indicator.
///
/// The province's figure is the sum of the units' numerators over the sum of their denominators
/// (QĐ 766 counts procedures, not units): a unit of 400 procedures weighs forty times one of 10,
/// and the total is exactly what one site publishing every unit's procedures would get. An
/// average of the units' rates would let ten small units outvote a large one.
public struct ProvinceReport: Sendable {
    /// One unit's report, with the folder it comes from (`don-vi/<slug>/`, or `tinh` for the
    /// province's own publication).
    public struct Unit: Sendable {
        public var slug: String
        public var report: ComplianceReport
        /// The unit's configuration file, relative to the province's folder (`don-vi/<slug>/site.yml`, `tinh.yml`).
        public var configurationFile: String
        /// Whether its `site.yml` lets its report be published.
        public var publishesReport: Bool
        /// The unit's address (`base_url`, one trailing slash).
        public var rootURL: String

        public init(slug: String, report: ComplianceReport, configurationFile: String, publishesReport: Bool, rootURL: String) {
            self.slug = slug
            self.report = report
            self.configurationFile = configurationFile
            self.publishesReport = publishesReport
            self.rootURL = rootURL
        }

        /// Indicators below their threshold.
        public var notMet: Int { report.figures.filter { $0.state == .notMet }.count }

        /// How far below their thresholds its indicators are, summed (0 when every one is met).
        public var shortfall: Double {
            report.figures.reduce(0) { sum, figure in
                guard figure.state == .notMet, let rate = figure.rate, let threshold = figure.threshold else { return sum }
                return sum + (threshold - rate)
            }
        }
    }

    /// The province's figure for one indicator, and how many units it is made of.
    public struct Total: Sendable {
        public var figure: Figure
        /// Units whose figure was counted into the total (computed, denominator 0 included).
        public var units: Int
        /// Units below the threshold.
        public var unitsNotMet: Int
    }

    public var code: String
    public var name: String
    /// The report's day, the same for every unit (one change log, one `--ngay`).
    public var date: String?
    /// In folder order.
    public var units: [Unit]
    /// In the table's order, each indicator that applies to some unit.
    public var totals: [Total]

    public init(code: String, name: String, units: [Unit], table: IndicatorTable) {
        self.code = code
        self.name = name
        self.units = units.sorted { $0.slug < $1.slug }
        date = units.lazy.compactMap(\.report.date).first
        totals = table.indicators.compactMap { indicator in
            let figures = units.compactMap { unit in unit.report.figures.first { $0.indicator.code == indicator.code } }
            return Self.total(of: indicator, figures)
        }
    }

    /// Worst first: most indicators below their thresholds, then the largest total shortfall,
    /// then the folder's name (a stable order whatever the names).
    public var ranked: [Unit] {
        units.sorted { ($1.notMet, $1.shortfall, $0.slug) < ($0.notMet, $0.shortfall, $1.slug) }
    }

    /// Some unit is below a threshold the gate checks (a total below one implies such a unit:
    /// a sum of fractions each at least t is at least t).
    public var failsGate: Bool { units.contains { $0.report.failsGate } }
    public var gateChecked: Bool { units.contains { $0.report.gateChecked } }

    static func total(of indicator: Indicator, _ figures: [Figure]) -> Total? {
        guard let first = figures.first else { return nil }
        let counted = figures.filter { $0.numerator != nil && $0.denominator != nil }
        let outcome: Outcome
        var notes: [Localized] = []
        if !counted.isEmpty {
            outcome = Outcome(.counted(numerator: counted.reduce(0) { $0 + ($1.numerator ?? 0) },
                                       denominator: counted.reduce(0) { $0 + ($1.denominator ?? 0) }))
            if counted.count < figures.count {
                notes.append(Localized(vi: "Tính trên \(counted.count)/\(figures.count) đơn vị; các đơn vị khác chưa tính được chỉ số này.",
                                       en: "Counted over \(counted.count) of \(figures.count) units; the others cannot compute it."))
            }
        } else if figures.contains(where: { $0.denominator != nil }) {
            outcome = Outcome(.denominatorOnly(figures.reduce(0) { $0 + ($1.denominator ?? 0) },
                                               reason: first.reason ?? .same("")))
        } else {
            outcome = Outcome(.notComputable(first.reason ?? .same("")))
        }
        var figure = Figure(indicator, outcome, threshold: first.threshold)
        figure.gated = figures.contains(where: \.gated)
        figure.notes = notes
        return Total(figure: figure, units: counted.count, unitsNotMet: figures.filter { $0.state == .notMet }.count)
    }
}
