import Compliance
import Foundation
import Records

extension ProvinceBuild {
    /// `bao-cao/index.html` of the province's output, from the units as the build planned them:
    /// each unit's report is the one its own `/bao-cao/` page shows (computed once), or, for a
    /// unit whose report is not public, computed from the same records.
    func reportFiles(_ prepared: Prepared, templates: Templates, province: ProvinceConfiguration) -> [(path: String, data: Data)] {
        guard province.publishesReport, let compliance = prepared.compliance, let table = compliance.table else { return [] }
        let sources = ProvinceReporting.Sources(compliance: compliance, table: table,
                                                sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        let units = prepared.units.map { planned in
            ProvinceReporting.unit(planned.unit.slug, configuration: planned.configuration, records: planned.plan.records,
                                   changeLog: planned.plan.changeLog, sources, computed: planned.plan.report)
        }
        let report = ProvinceReport(code: province.code, name: province.name, units: units, table: table)
        return ProvinceReportPage(report: report, province: province, table: table, standalone: false).files(templates: templates)
    }
}
