import Compliance
import Foundation
import Records

/// Every unit's report of a province from its content read once (docs/bao-cao.md, "A
/// province"): the pool is parsed a single time, and each unit's report counts the pool records
/// its `chon` selects, under its overlays, with the province's change log, table and history.
public enum ProvinceReporting {
    /// What every unit's report shares.
    public struct Sources: Sendable {
        public var compliance: ComplianceSources
        public var table: IndicatorTable
        public var catalogue: Catalogue?
        public var thresholds: ThresholdChoice?
        /// `--ngay`.
        public var date: String?
        public var sourceDateEpoch: String?

        public init(compliance: ComplianceSources, table: IndicatorTable, catalogue: Catalogue? = nil, thresholds: ThresholdChoice? = nil,
                    date: String? = nil, sourceDateEpoch: String? = nil) {
            self.compliance = compliance
            self.table = table
            self.catalogue = catalogue
            self.thresholds = thresholds
            self.date = date
            self.sourceDateEpoch = sourceDateEpoch
        }
    }

    /// The report of every unit `content` holds (one, when it was read with `only`); nil without
    /// `tinh.yml`. Units whose `site.yml` could not be read are left out: the caller refuses
    /// to report while one has errors.
    public static func report(_ content: ProvinceContent, _ sources: Sources) -> ProvinceReport? {
        guard let province = content.province else { return nil }
        let pool = content.pool.records
        let units = content.units
        // Units are counted on every core: each reads the pool, none changes it.
        let reports = Parallel.map(units.count) { index -> ProvinceReport.Unit? in
            let unit = units[index]
            guard let configuration = unit.configuration, let records = unit.publishedRecords(from: pool) else { return nil }
            return Self.unit(unit.slug, configuration: configuration, records: records, changeLog: content.pool.changeLog, sources)
        }
        return ProvinceReport(code: province.code, name: province.name, units: reports.compactMap { $0 }, table: sources.table)
    }

    /// One unit's report, as `tthc bao-cao` makes it for a single site (`computed`: made already
    /// from the same records and sources, by the unit's plan).
    static func unit(_ slug: String, configuration: SiteConfiguration, records: [Record], changeLog: ChangeLog,
                     _ sources: Sources, computed: ComplianceReport? = nil) -> ProvinceReport.Unit {
        let report = computed ?? {
            let (published, unreadable) = ComplianceInput.procedures(of: records)
            let input = ComplianceInput(configuration: configuration, procedures: published, unreadable: unreadable, changeLog: changeLog,
                                        catalogue: sources.catalogue, history: sources.compliance.history, date: sources.date,
                                        sourceDateEpoch: sources.sourceDateEpoch)
            return ComplianceReport.compute(input, table: sources.table, tableFile: sources.compliance.tableFile,
                                            thresholds: sources.thresholds)
        }()
        let file = slug == ProvinceConfiguration.ownSlug ? ProvinceConfiguration.fileName
            : "\(ProvinceUnit.folder)/\(slug)/\(SiteConfiguration.fileName)"
        return ProvinceReport.Unit(slug: slug, report: report, configurationFile: file, publishesReport: configuration.publishesReport,
                                   rootURL: configuration.rootURL)
    }
}
