import Compliance
import Foundation
import Records
import Site

/// `tthc bao-cao` at a province's folder: every unit's report (or `--don-vi`'s), from the pool
/// read once, with the province's totals; the gate fails when any unit is below.
extension ReportCommand {
    func runProvince(_ site: URL) throws {
        let (sources, table, thresholds) = try readSources(site)
        let catalogue = try catalog.map(readCatalogue)
        let content: ProvinceContent
        do {
            content = try ProvinceContent.load(from: site, only: unit)
        } catch {
            throw cannotRun("bao-cao", error, lang)
        }
        // What a unit publishes is unknown while its site.yml (or tinh.yml, or its folder's name)
        // has errors: no report rather than one that leaves it out.
        let blocking = content.diagnostics + content.units.filter { $0.configuration == nil }.flatMap(\.diagnostics)
        guard let province = content.province, !blocking.hasErrors else {
            printError(DiagnosticReport(diagnostics: blocking.sortedForReport(), language: lang, strict: false, site: site).text
                + refusal("cấu hình của tỉnh hoặc của đơn vị có lỗi (tthc check), không lập được báo cáo.",
                          "the province's or a unit's configuration has errors (tthc check); no report."))
            throw Exit.cannotRun
        }
        guard !content.units.isEmpty else { throw cannotRun("bao-cao", ProvinceOptions.noUnit, lang) }
        let shared = ProvinceReporting.Sources(compliance: sources, table: table, catalogue: catalogue, thresholds: thresholds, date: ngay,
                                               sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        guard let report = ProvinceReporting.report(content, shared) else { throw Exit.cannotRun }
        let single = unit.flatMap { slug in report.units.first { $0.slug == slug } }

        switch format {
        case .json: print((single?.json(lang) ?? report.json(lang)).json(pretty: true))
        case .text: printOutput(text(report, single), terminator: "")
        case .github:
            let diagnostics = report.units.flatMap { unit in
                ReportAnnotations(report: unit.report, language: lang, site: site, unit: (unit.slug, unit.configurationFile)).diagnostics
            }
            print(DiagnosticReport(diagnostics: diagnostics, language: lang, strict: false, site: site).github, terminator: "")
            printError(text(report, single).trimmingCharacters(in: .newlines))
        }
        if let html {
            try writeHTML(into: html, site: site) { try ReportFolder.files(report, province: province, table: table, site: site) }
        }
        if report.failsGate { throw Exit.problems }
    }

    /// `--don-vi`: that unit's report as a single site's; else the table of every unit.
    private func text(_ report: ProvinceReport, _ single: ProvinceReport.Unit?) -> String {
        if let single {
            return (lang == .vi ? "Đơn vị \(single.slug) (\(single.configurationFile))\n" : "Unit \(single.slug) (\(single.configurationFile))\n")
                + ReportText(report: single.report, language: lang).text
        }
        return ProvinceReportText(report: report, language: lang).text
    }
}
