import Compliance
import Escaping
import Foundation
import Records

/// The province's report as a page (`public/bao-cao/`, or a folder of its own with `tthc bao-cao
/// --html DIR` when `tinh.yml` keeps it off the portal): one table of every unit, worst first as
/// written (a small script may re-sort it; it reads without one), each unit linking to its own
/// report, the province's totals, and a bar chart per indicator drawn by `ReportCharts`.
struct ProvinceReportPage {
    let report: ProvinceReport
    let province: ProvinceConfiguration
    let table: IndicatorTable
    /// In a folder of its own: links to the units are absolute, and every unit's figures are
    /// shown. On the portal, a unit whose `site.yml` keeps its report private is listed without
    /// its figures (they still count in the province's totals).
    let standalone: Bool

    static let folder = "bao-cao/"
    static let title = "Báo cáo công khai, minh bạch thủ tục hành chính các đơn vị"

    /// The page's files: `bao-cao/index.html` in the province's output; `index.html`,
    /// `bao-cao.json` (what `tthc bao-cao --format json` prints) and the theme's `assets/` alone.
    func files(templates: Templates, assets: [(path: String, data: Data)] = []) -> [(path: String, data: Data)] {
        let html = Data(templates.renderBytes("bao-cao-tinh", context))
        guard standalone else { return [(Self.folder + "index.html", html)] }
        return [("index.html", html), ("bao-cao.json", Data((report.json().json(pretty: true) + "\n").utf8))] + assets
    }

    /// Where a unit's own report is, from this page (nil when it is not published).
    func link(_ unit: ProvinceReport.Unit) -> String? {
        guard unit.publishesReport else { return nil }
        if !standalone, unit.rootURL == province.defaultBaseURL(slug: unit.slug) { return "../\(unit.slug)/\(ReportPage.url)" }
        return unit.rootURL + ReportPage.url
    }

    /// Figures a reader of this page may see.
    func shows(_ unit: ProvinceReport.Unit) -> Bool { standalone || unit.publishesReport }

    /// The indicators the table has a column for: those computed for the province (0/0 included).
    var columns: [ProvinceReport.Total] { report.totals.filter { $0.figure.state != .notComputable } }

    var context: TemplateValue {
        let columns = self.columns
        let ranked = report.ranked
        let rows: [TemplateValue] = ranked.enumerated().map { rank, unit in
            let shown = shows(unit)
            return [
                "name": .text(unit.report.unitName), "slug": .text(unit.slug), "rank": TemplateValue(rank + 1),
                "url": TemplateValue(link(unit).flatMap(HTML.address)), "hidden": .flag(!shown),
                "notMet": .text(shown ? String(unit.notMet) : "-1"), "notMetText": .text(shown ? String(unit.notMet) : "—"),
                "cells": .list(columns.map { column in
                    let figure = unit.report.figures.first { $0.indicator.code == column.figure.indicator.code }
                    return shown ? Self.cell(figure) : ["text": "—", "sort": "-1", "state": "an"]
                }),
            ]
        }
        let hidden = standalone ? 0 : report.units.filter { !$0.publishesReport }.count
        let page: TemplateValue = [
            "province": .text(province.name), "date": TemplateValue(report.date.map(ReportNumbers.day)),
            "unitCount": TemplateValue(report.units.count), "tableName": .text(table.name), "tableVersion": .text(table.version),
            "hiddenCount": hidden > 0 ? TemplateValue(hidden) : nil,
            "columns": .list(columns.map { total in
                ["code": .text(total.figure.indicator.code), "name": .text(total.figure.indicator.name),
                 "threshold": TemplateValue(total.figure.threshold.map(ReportNumbers.threshold))]
            }),
            "rows": .section(rows),
            "totalNotMet": TemplateValue(columns.filter { $0.figure.state == .notMet }.count),
            "totals": .list(columns.map { Self.cell($0.figure, units: $0) }),
            "charts": .section(charts(columns, ranked)),
            "uncomputable": .section(report.totals.filter { $0.figure.state == .notComputable }.map { total in
                ["name": .text(total.figure.indicator.name), "reference": .text(total.figure.indicator.reference)]
            }),
        ]
        return base(["report": page])
    }

    /// A unit's (or the province's) figure in the table: its rate, the word for a failure
    /// (colour is not the only sign), and the number the script sorts by.
    static func cell(_ figure: Figure?, units total: ProvinceReport.Total? = nil) -> TemplateValue {
        guard let figure else { return ["text": "—", "sort": "-1", "state": "khong_ap_dung"] }
        let counted = total.map { " (\($0.unitsNotMet) đơn vị chưa đạt)" } ?? ""
        switch figure.state {
        case .notApplicable: return ["text": "không áp dụng", "sort": "-1", "state": .text(figure.state.rawValue)]
        case .notComputable: return ["text": "chưa tính được", "sort": "-1", "state": .text(figure.state.rawValue)]
        default:
            let rate = figure.rate.map(ReportNumbers.percent) ?? "—"
            let text = figure.state == .notMet ? "\(rate), chưa đạt\(counted)" : rate
            return ["text": .text(text), "sort": .text(figure.rate.map { String(format: "%.4f", $0) } ?? "-1"),
                    "state": .text(figure.state.rawValue), "detail": .text("\(figure.numerator ?? 0)/\(figure.denominator ?? 0)")]
        }
    }

    /// One chart per indicator: each unit's bar, in the table's order, against the threshold.
    private func charts(_ columns: [ProvinceReport.Total], _ ranked: [ProvinceReport.Unit]) -> [TemplateValue] {
        columns.compactMap { total -> TemplateValue? in
            let indicator = total.figure.indicator
            let bars: [TemplateValue] = ranked.filter(shows).compactMap { unit in
                guard let figure = unit.report.figures.first(where: { $0.indicator.code == indicator.code }), let rate = figure.rate else { return nil }
                let label = "\(unit.report.unitName), \(indicator.name): \(ReportNumbers.percent(rate))"
                return ["unit": .text(unit.report.unitName), "rate": .text(ReportNumbers.percent(rate)), "state": .text(figure.state.rawValue),
                        "stateLabel": .text(ReportView.label(figure.state)),
                        "svg": .text(ReportCharts.bar(rate: rate, threshold: figure.threshold, state: figure.state, label: label))]
            }
            guard !bars.isEmpty else { return nil }
            return ["code": .text(indicator.code), "name": .text(indicator.name),
                    "threshold": TemplateValue(total.figure.threshold.map(ReportNumbers.threshold)), "items": .list(bars)]
        }
    }

    /// The theme's base page around it, as the province's list of units has it: no unit's
    /// navigation, the province's name in the header.
    private func base(_ context: TemplateValue) -> TemplateValue {
        var context = context
        let root = standalone ? province.rootURL : "../"
        context["title"] = .text(Self.title)
        context["description"] = .text("Mức độ công khai, minh bạch thủ tục hành chính của \(report.units.count) đơn vị thuộc \(province.name), theo các chỉ số của QĐ 766/QĐ-TTg và NĐ 224/2026/NĐ-CP.")
        context["canonical"] = .text(HTML.address(province.rootURL + Self.folder) ?? "")
        context["assets"] = .text(standalone ? "assets/" : "../assets/")
        context["root"] = .text(HTML.address(root) ?? root)
        context["unit"] = ["name": .text(province.name)]
        context["standalone"] = .flag(true)
        context["provinceIndex"] = .flag(true)
        context["ogType"] = .text("website")
        return context
    }
}
