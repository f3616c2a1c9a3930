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
        let (published, unreadable) = ComplianceInput.procedures(of: records)
        let input = ComplianceInput(configuration: configuration, procedures: published, unreadable: unreadable,
                                    changeLog: changeLog, history: sources.history, sourceDateEpoch: sourceDateEpoch)
        return ComplianceReport.compute(input, table: table, tableFile: sources.tableFile)
    }

    static func page(_ report: ComplianceReport, procedures: String? = nil) -> Page {
        let view = ReportView(report: report, procedures: procedures ?? Page.root(for: url))
        return Page(url: url, template: "bao-cao", title: title,
                    description: "Mức độ công khai, minh bạch thủ tục hành chính của \(report.unitName) theo các chỉ số của QĐ 766/QĐ-TTg và NĐ 224/2026/NĐ-CP.",
                    context: { view.context })
    }

    static func json(_ report: ComplianceReport) -> Data {
        Data((report.json().json(pretty: true) + "\n").utf8)
    }
}
