import Records

/// Everything one unit's report is computed from. A build fills it from the records it already
/// holds; `tthc bao-cao` from the site's files. (At a province root, one of these per unit: the
/// pool's records the unit publishes, with its own `site.yml`.)
public struct ComplianceInput: Sendable {
    public var configuration: SiteConfiguration
    /// Published procedures (internal ones are never published), in any order.
    public var procedures: [ReportedProcedure]
    /// Record files that could not be read as procedures: listed, not counted.
    public var unreadable: [Finding]
    public var changeLog: ChangeLog
    /// The national catalogue (`--catalog`), when one is given.
    public var catalogue: Catalogue?
    /// The reports kept at each sync.
    public var history: ReportHistory
    /// The report's day: `--ngay`; else `SOURCE_DATE_EPOCH`; else the last sync's (`ReportDate`).
    public var date: String?
    /// `SOURCE_DATE_EPOCH` as the environment holds it.
    public var sourceDateEpoch: String?

    public init(configuration: SiteConfiguration, procedures: [ReportedProcedure], unreadable: [Finding] = [],
                changeLog: ChangeLog, catalogue: Catalogue? = nil, history: ReportHistory = ReportHistory(),
                date: String? = nil, sourceDateEpoch: String? = nil) {
        self.configuration = configuration
        self.procedures = procedures
        self.unreadable = unreadable
        self.changeLog = changeLog
        self.catalogue = catalogue
        self.history = history
        self.date = date
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The published procedures and unreadable files of a site's records, as a build or
    /// `tthc bao-cao` has read them.
    public static func procedures(of records: [Record]) -> (published: [ReportedProcedure], unreadable: [Finding]) {
        var published: [ReportedProcedure] = []
        var unreadable: [Finding] = []
        for record in records {
            guard let procedure = record.procedure else {
                let errors = record.diagnostics.filter { $0.severity == .error }.count
                unreadable.append(Finding(code: record.code, file: record.path, reason: Localized(
                    vi: "hồ sơ có \(errors) lỗi (tthc check): không tính vào báo cáo",
                    en: "the record has \(errors) error(s) (tthc check): not counted")))
                continue
            }
            guard procedure.origin != .internal else { continue }
            published.append(ReportedProcedure(procedure: procedure, body: record.body, file: record.path,
                                               nationalGaps: NationalGap.of(record),
                                               nationalPartAsSynced: record.nationalPartAsSynced == true))
        }
        return (published, unreadable)
    }
}
