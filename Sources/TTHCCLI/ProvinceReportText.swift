import Compliance
import Foundation
import Records

/// A province's report on a terminal or in a CI log: one line per unit, worst first, with each
/// computed indicator's rate, then the province's totals (sums of numerators and denominators).
struct ProvinceReportText {
    var report: ProvinceReport
    var language: Language

    private func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    var text: String {
        let columns = report.totals.filter { $0.figure.state != .notComputable }.map(\.figure.indicator.code)
        var out = say("Báo cáo công khai, minh bạch TTHC: ", "Compliance report: ") + "\(report.name) (\(report.code)), "
            + say("\(report.units.count) đơn vị\n", "\(report.units.count) units\n")
        out += say("Ngày: ", "Date: ") + (report.date ?? say("chưa rõ (chưa có lần đồng bộ nào)", "unknown (never synchronized)")) + "\n\n"
        out += say("Các đơn vị, cần cải thiện nhất trước (tỉ lệ từng chỉ số; * dưới ngưỡng):\n",
                   "Units, worst first (each indicator's rate; * below the threshold):\n")
        let ranked = report.ranked
        let names = ranked.map { "\($0.slug) \(ReportText.short($0.report.unitName))" }
        let width = min(max(names.map(\.count).max() ?? 0, 8), 70)
        let header = ["#".padding(4), say("Đơn vị", "Unit").padding(width), say("chưa đạt", "not met").padding(9)]
            + columns.map { $0.padding(max(10, $0.count)) }
        out += "  " + header.joined(separator: " ") + "\n"
        for (index, unit) in ranked.enumerated() {
            let cells = columns.map { code in
                cell(unit.report.figures.first { $0.indicator.code == code }).padding(max(10, code.count))
            }
            out += "  " + (["\(index + 1)".padding(4), names[index].padding(width), "\(unit.notMet)".padding(9)] + cells).joined(separator: " ") + "\n"
        }
        out += "\n" + say("Toàn tỉnh (tổng tử số chia tổng mẫu số của các đơn vị, không phải trung bình tỉ lệ):\n",
                          "The province (the units' numerators summed over their denominators summed, not an average of rates):\n")
        for total in report.totals {
            let figure = total.figure
            let name = language == .en ? figure.indicator.englishName ?? figure.indicator.name : figure.indicator.name
            out += "  \(figure.indicator.code): \(name): "
            switch figure.state {
            case .notComputable: out += say("chưa tính được", "not computable")
            case .notApplicable: out += say("không áp dụng (0/0)", "not applicable (0/0)")
            default:
                out += "\(figure.numerator ?? 0)/\(figure.denominator ?? 0) = \(figure.rate.map(percent) ?? "—")"
                if let threshold = figure.threshold { out += say(", ngưỡng ", ", threshold ") + percent(threshold) }
                out += say(", \(total.unitsNotMet)/\(report.units.count) đơn vị chưa đạt", ", \(total.unitsNotMet)/\(report.units.count) units not met")
            }
            out += "\n"
            for note in figure.notes { out += "    " + note[language] + "\n" }
        }
        out += "\n" + say("Chi tiết từng đơn vị: tthc bao-cao --don-vi <tên>; mọi thủ tục: --format json.\n",
                          "Each unit in detail: tthc bao-cao --don-vi <slug>; every procedure: --format json.\n")
        if report.gateChecked {
            let failing = ranked.filter(\.report.failsGate).map { unit in
                "\(unit.slug) (" + unit.report.figures.filter(\.failsGate).map(\.indicator.code).joined(separator: ", ") + ")"
            }
            out += failing.isEmpty ? say("Mọi đơn vị đạt mọi ngưỡng được kiểm tra.\n", "Every unit meets every threshold checked.\n")
                : say("Dưới ngưỡng: \(failing.joined(separator: "; ")).\n", "Below the threshold: \(failing.joined(separator: "; ")).\n")
        }
        return out
    }

    private func cell(_ figure: Figure?) -> String {
        guard let figure else { return "—" }
        switch figure.state {
        case .notApplicable: return "0/0"
        case .notComputable: return "—"
        default: return (figure.rate.map(percent) ?? "—") + (figure.state == .notMet ? "*" : "")
        }
    }

    private func percent(_ rate: Double) -> String {
        let text = String(format: "%.2f %%", rate * 100)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

private extension String {
    /// Left-aligned in `width` characters (never cut: a column of a log, not a form).
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
