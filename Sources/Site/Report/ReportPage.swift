import Compliance
import Foundation
import Records

/// The compliance report as a page: `/bao-cao/` in the site, with its JSON beside it, when
/// `site.yml` leaves it public; otherwise only `tthc bao-cao --html DIR` writes it, into a folder
/// of its own.
enum ReportPage {
    static let url = "bao-cao/"
    static let jsonFile = "bao-cao/bao-cao.json"
    static let title = "Báo cáo công khai, minh bạch thủ tục hành chính"

    /// The report of the records a build holds, in one pass over them.
    static func report(configuration: SiteConfiguration, records: [Record], changeLog: ChangeLog,
                       sources: ComplianceSources, sourceDateEpoch: String?) -> ComplianceReport? {
        guard let table = sources.table else { return nil }
        return report(configuration: configuration, records: records, changeLog: changeLog, sources: sources, table: table,
                      sourceDateEpoch: sourceDateEpoch)
    }

    static func report(configuration: SiteConfiguration, records: [Record], changeLog: ChangeLog, sources: ComplianceSources,
                       table: IndicatorTable, sourceDateEpoch: String?) -> ComplianceReport {
        let (published, unreadable) = ComplianceInput.procedures(of: records)
        let input = ComplianceInput(configuration: configuration, procedures: published, unreadable: unreadable,
                                    changeLog: changeLog, history: sources.history, sourceDateEpoch: sourceDateEpoch)
        return ComplianceReport.compute(input, table: table, tableFile: sources.tableFile)
    }

    static func page(_ report: ComplianceReport, procedures: String? = nil) -> Page {
        page(unitName: report.unitName, procedures: procedures) { report }
    }

    /// The page of a report made only when the page is rendered (`SitePlan.report`).
    static func page(unitName: String, procedures: String? = nil, report: @escaping () -> ComplianceReport) -> Page {
        let procedures = procedures ?? Page.root(for: url)
        return Page(url: url, template: "bao-cao", title: title,
                    description: "Mức độ công khai, minh bạch thủ tục hành chính của \(unitName) theo các chỉ số của QĐ 766/QĐ-TTg và NĐ 224/2026/NĐ-CP.",
                    context: { ReportView(report: report(), procedures: procedures).context })
    }

    static func json(_ report: ComplianceReport) -> Data {
        Data((report.json().json(pretty: true) + "\n").utf8)
    }
}
