import Compliance
import Foundation
import Records

/// The compliance report for a person at a terminal or in a CI log: each indicator with its
/// figure against its threshold, the first failing procedures, what to fix first.
struct ReportText {
    var report: ComplianceReport
    var language: Language

    /// Failing procedures quoted per indicator; `--format json` lists them all.
    static let shownPerIndicator = 10

    private func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    var text: String {
        var out = say("Báo cáo công khai, minh bạch TTHC: ", "Compliance report: ") + report.unitName + "\n"
        out += say("Ngày: ", "Date: ") + (report.date ?? say("chưa rõ (chưa có lần đồng bộ nào)", "unknown (never synchronized)"))
        out += say(" · bảng chỉ số ", " · indicator table ") + report.tableVersion
            + (report.tableFile.map { " (\($0))" } ?? say(" (có sẵn của tthc)", " (tthc's default)"))
        out += say(" · \(report.procedureCount) thủ tục", " · \(report.procedureCount) procedures")
        if let file = report.catalogueFile {
            out += say(" · so với \(report.catalogueSize ?? 0) thủ tục của \(file)", " · against \(report.catalogueSize ?? 0) procedures of \(file)")
        }
        out += "\n\n"
        for figure in report.figures { out += block(figure) }
        let priorities = report.priorities
        if !priorities.isEmpty {
            out += say("Việc cần làm trước:\n", "Fix first:\n")
            for (index, priority) in priorities.enumerated() {
                let indicator = priority.figure.indicator
                out += "  \(index + 1). \(indicator.code): \(indicator.action ?? indicator.name)"
                out += say(" (\(priority.figure.findings.count) mục", " (\(priority.figure.findings.count) items")
                if let stake = priority.pointsAtStake, stake > 0 { out += say(", thêm được \(number(stake)) điểm", ", \(number(stake)) points to gain") }
                out += ")\n"
            }
            out += "\n"
        }
        out += nationalGaps
        for warning in report.warnings { out += say("Cảnh báo: ", "Warning: ") + warning[language] + "\n" }
        for finding in report.unreadable { out += say("Cảnh báo: ", "Warning: ") + "\(finding.file ?? ""): \(finding.reason[language])\n" }
        if report.gateChecked {
            let failing = report.figures.filter(\.failsGate).map(\.indicator.code)
            out += failing.isEmpty ? say("Mọi chỉ số được kiểm tra đều đạt ngưỡng.\n", "Every indicator checked meets its threshold.\n")
                : say("Dưới ngưỡng: \(failing.joined(separator: ", ")).\n", "Below the threshold: \(failing.joined(separator: ", ")).\n")
        }
        return out
    }

    /// The national records' gaps, by the body that announced each procedure: what to pass on to
    /// it, since no edit of the unit's mends them.
    private var nationalGaps: String {
        let gaps = report.nationalGaps
        guard !gaps.isEmpty else { return "" }
        var out = say("Thiếu sót của dữ liệu quốc gia (\(gaps.count) thủ tục; đơn vị không sửa được, báo cơ quan công bố bổ sung trên CSDL quốc gia):\n",
                      "Gaps in the national records (\(gaps.count) procedures; the unit cannot mend them: ask the announcing body to complete them):\n")
        var bodies: [String?] = []
        for procedure in gaps where !bodies.contains(procedure.announcedBy) { bodies.append(procedure.announcedBy) }
        for body in bodies {
            let procedures = gaps.filter { $0.announcedBy == body }
            out += "  " + (body ?? say("cơ quan công bố chưa rõ", "announcing body unknown")) + say(" (\(procedures.count) thủ tục):\n", " (\(procedures.count) procedures):\n")
            for procedure in procedures.prefix(Self.shownPerIndicator) {
                out += "    - \(procedure.code) \(Self.short(procedure.name)): " + procedure.gaps.map { $0.text[language] }.joined(separator: "; ") + "\n"
            }
            if procedures.count > Self.shownPerIndicator {
                let more = procedures.count - Self.shownPerIndicator
                out += say("    … và \(more) thủ tục khác (--format json liệt kê đủ)\n", "    … and \(more) more (--format json lists them all)\n")
            }
        }
        return out + "\n"
    }

    private func block(_ figure: Figure) -> String {
        let indicator = figure.indicator
        let name = language == .en ? indicator.englishName ?? indicator.name : indicator.name
        var out = "[\(label(figure.state))] \(indicator.code): \(name) (\(indicator.reference))\n    "
        switch figure.state {
        case .notComputable:
            out += say("chưa tính được", "not computable")
            if let denominator = figure.denominator { out += say(" (mẫu số: \(denominator) thủ tục)", " (denominator: \(denominator) procedures)") }
            out += ": " + (figure.reason?[language] ?? "")
        case .notApplicable:
            out += say("không áp dụng: mẫu số bằng 0", "not applicable: the denominator is 0")
        default:
            out += "\(figure.numerator ?? 0)/\(figure.denominator ?? 0) = \(figure.rate.map(percent) ?? "—")"
            if let threshold = figure.threshold { out += say(", ngưỡng ", ", threshold ") + percent(threshold) }
            if let points = figure.points, let maximum = indicator.points?.maximum {
                out += say(", \(number(points))/\(number(maximum)) điểm", ", \(number(points))/\(number(maximum)) points")
            }
        }
        out += "\n"
        for note in figure.notes { out += "    " + note[language] + "\n" }
        for finding in figure.findings.prefix(Self.shownPerIndicator) {
            out += "    - \(finding.code ?? finding.file ?? "")" + (finding.name.map { " \(Self.short($0))" } ?? "") + ": \(finding.reason[language])\n"
        }
        if figure.findings.count > Self.shownPerIndicator {
            let more = figure.findings.count - Self.shownPerIndicator
            out += say("    … và \(more) mục khác (--format json liệt kê đủ)\n", "    … and \(more) more (--format json lists them all)\n")
        }
        if !figure.pending.isEmpty {
            out += say("    đang chờ, chưa quá hạn: \(figure.pending.count)\n", "    pending, not late yet: \(figure.pending.count)\n")
        }
        if !figure.excluded.isEmpty {
            out += say("    không tính: \(figure.excluded.count) (xem --format json)\n", "    not counted: \(figure.excluded.count) (see --format json)\n")
        }
        return out + "\n"
    }

    private func label(_ state: Figure.State) -> String {
        switch state {
        case .met: return say("ĐẠT", "MET")
        case .notMet: return say("CHƯA ĐẠT", "NOT MET")
        case .notApplicable: return say("KHÔNG ÁP DỤNG", "NOT APPLICABLE")
        case .notComputable: return say("CHƯA TÍNH ĐƯỢC", "NOT COMPUTABLE")
        case .noThreshold: return say("CHƯA CÓ NGƯỠNG", "NO THRESHOLD")
        }
    }

    private func percent(_ rate: Double) -> String {
        let text = String(format: "%.2f %%", rate * 100)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    private func number(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A name quoted in a log line: a pasted page would flood it.
    static func short(_ name: String) -> String {
        name.count > 60 ? String(name.prefix(57)) + "…" : name
    }
}

/// `--format github`: an `::error` annotation at each failing procedure's record file, for every
/// indicator the gate checks and finds below its threshold; what concerns the site, at `site.yml`.
/// In a province, each names its unit, and what concerns the unit's site is at its own `site.yml`.
struct ReportAnnotations {
    var report: ComplianceReport
    var language: Language
    var site: URL
    /// The unit's folder name and configuration file, in a province.
    var unit: (slug: String, configurationFile: String)? = nil

    var github: String {
        DiagnosticReport(diagnostics: diagnostics, language: language, strict: false, site: site).github
    }

    /// The summaries first (one per failing indicator), then every failing procedure.
    var diagnostics: [Diagnostic] {
        var summaries: [Diagnostic] = [], findings: [Diagnostic] = []
        let configurationFile = unit?.configurationFile ?? SiteConfiguration.fileName
        let who = unit.map { "\($0.slug): " } ?? ""
        for figure in report.figures where figure.failsGate {
            let indicator = figure.indicator
            let rate = figure.rate.map { String(format: "%.2f %%", $0 * 100) } ?? "—"
            let threshold = figure.threshold.map { String(format: "%.2f %%", $0 * 100) } ?? "—"
            summaries.append(diagnostic(configurationFile, Localized(
                vi: "[\(indicator.code)] \(who)\(indicator.name): \(rate), dưới ngưỡng \(threshold) (\(indicator.reference)).",
                en: "[\(indicator.code)] \(who)\(indicator.englishName ?? indicator.name): \(rate), below the threshold \(threshold) (\(indicator.reference)).")))
            for finding in figure.findings {
                let subject = finding.code.map { "\($0): " } ?? ""
                // A finding about the site itself is the unit's `site.yml`'s; one about a procedure, its record's (the pool's file).
                let file = finding.file.map { $0 == SiteConfiguration.fileName ? configurationFile : $0 } ?? configurationFile
                findings.append(diagnostic(file, Localized(
                    vi: "[\(indicator.code)] \(who)\(subject)\(finding.reason.vi)", en: "[\(indicator.code)] \(who)\(subject)\(finding.reason.en)")))
            }
        }
        return summaries + findings
    }

    private func diagnostic(_ file: String, _ message: Localized) -> Diagnostic {
        Diagnostic(file: file, line: 1, column: 1, problem: Problem(.belowThreshold, .error, vi: message.vi, en: message.en))
    }
}
