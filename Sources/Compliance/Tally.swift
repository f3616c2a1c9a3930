import Records

/// A measure while the report's one pass over the procedures runs: it counts each procedure it
/// is shown, then says what it found.
protocol Tally {
    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext)
    func outcome(in context: MeasureContext) -> Outcome
}

/// What a measure sees besides the procedures: the unit, its indicator's parameters, the calendar,
/// the report's day, the change log's times and the catalogue.
struct MeasureContext {
    let configuration: SiteConfiguration
    let parameters: Indicator.Parameters
    let reason: String?
    let calendar: WorkingCalendar
    /// The report's day (day number), when there is one.
    let day: Int?
    let syncs: SyncTimes
    let catalogue: Catalogue?
    /// Epoch seconds of the first sync, or of the earliest `dong_bo_luc` when the log has none.
    let firstSync: Int?
}

/// What a measure found: the figure and the procedures behind it.
struct Outcome {
    enum Count {
        case counted(numerator: Int, denominator: Int)
        /// Only the denominator is known here (online payment); the reason says where the rest is.
        case denominatorOnly(Int, reason: Localized)
        case notComputable(Localized)
    }

    var count: Count
    /// Procedures (or the site) that fail, and why.
    var findings: [Finding] = []
    /// Left out of the count on purpose (a migration date, a change before the first sync), with the reason.
    var excluded: [Finding] = []
    /// Not late yet: changes the site has not taken, still within the limit.
    var pending: [Finding] = []
    /// Published but outside what the unit must publish (another level, another province).
    var outside: [Finding] = []
    var notes: [Localized] = []

    init(_ count: Count, findings: [Finding] = [], excluded: [Finding] = [], pending: [Finding] = [],
         outside: [Finding] = [], notes: [Localized] = []) {
        self.count = count
        self.findings = findings
        self.excluded = excluded
        self.pending = pending
        self.outside = outside
        self.notes = notes
    }
}

extension Localized {
    /// The same words in both languages (codes, numbers).
    static func same(_ text: String) -> Localized { Localized(vi: text, en: text) }
}
