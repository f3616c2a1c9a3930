import Compliance
import Escaping
import Foundation
import Records

/// The compliance report as its page's template sees it (`templates/bao-cao.mustache`).
struct ReportView {
    let report: ComplianceReport
    /// Where procedure pages are, from the report page: `../` in the site, the site's address
    /// for a report in a folder of its own.
    let procedures: String

    /// Rows of failing procedures a section shows; the JSON lists them all.
    static let shownPerList = 100

    var context: TemplateValue {
        let header: [(String, TemplateValue)] = [
            ("unit", .text(report.unitName)),
            ("date", TemplateValue(report.date.map(ReportNumbers.day))),
            ("tableName", .text(report.tableName)),
            ("tableVersion", .text(report.tableVersion)),
            ("tableFile", TemplateValue(report.tableFile)),
            ("procedureCount", TemplateValue(report.procedureCount)),
            ("catalogue", catalogue),
        ]
        let sections: [(String, TemplateValue)] = [
            ("bars", bars), ("figures", figures), ("priorities", priorities), ("worst", worst), ("trend", trend),
            ("details", .list(report.figures.filter { $0.state != .notComputable }.map(details))),
            ("uncomputable", uncomputable), ("warnings", warnings),
            ("uncomputableCount", TemplateValue(report.figures.filter { $0.state == .notComputable }.count).nonZero),
        ]
        return .object([(name: "report", value: .object((header + sections).map { (name: $0.0, value: $0.1) }))])
    }

    private var catalogue: TemplateValue {
        guard let file = report.catalogueFile else { return .null }
        let count = TemplateValue(report.catalogueSize ?? 0)
        return .object([(name: "file", value: .text(file)), (name: "count", value: count)])
    }

    private var bars: TemplateValue {
        .section(report.figures.compactMap { figure -> TemplateValue? in
            guard let rate = figure.rate else { return nil }
            let svg = ReportCharts.bar(rate: rate, threshold: figure.threshold, state: figure.state,
                                       label: "\(figure.indicator.name): \(ReportNumbers.percent(rate))")
            return [
                "code": .text(figure.indicator.code), "name": .text(figure.indicator.name),
                "rate": .text(ReportNumbers.percent(rate)), "state": .text(figure.state.rawValue),
                "stateLabel": .text(Self.label(figure.state)),
                "threshold": TemplateValue(figure.threshold.map(ReportNumbers.threshold)), "svg": .text(svg),
            ]
        })
    }

    /// The summary table: what is computed (what is not has a table of its own).
    private var figures: TemplateValue {
        .list(report.figures.filter { $0.state != .notComputable }.map { figure -> TemplateValue in
            [
                "code": .text(figure.indicator.code), "name": .text(figure.indicator.name),
                "reference": .text(figure.indicator.reference), "result": .text(Self.result(figure)),
                "threshold": .text(figure.threshold.map(ReportNumbers.threshold) ?? "—"),
                "state": .text(figure.state.rawValue), "stateLabel": .text(Self.label(figure.state)),
                "points": .text(Self.points(figure) ?? "—"),
            ]
        })
    }

    private var priorities: TemplateValue {
        .section(report.priorities.map { priority -> TemplateValue in
            let figure = priority.figure
            let stake = priority.pointsAtStake.flatMap { $0 > 0 ? ReportNumbers.points($0) : nil }
            return [
                "code": .text(figure.indicator.code), "name": .text(figure.indicator.name), "result": .text(Self.result(figure)),
                "threshold": .text(figure.threshold.map(ReportNumbers.threshold) ?? "—"), "pointsAtStake": TemplateValue(stake),
                "action": TemplateValue(figure.indicator.action.map(Self.html)), "count": TemplateValue(figure.findings.count),
            ]
        })
    }

    private var worst: TemplateValue {
        .section(report.worstProcedures(limit: 10).map { entry -> TemplateValue in
            let reasons = entry.failures.map { "\($0.indicator.name) (\($0.reason))" }.joined(separator: "; ")
            return [
                "code": .text(entry.code), "name": .text(entry.name ?? entry.code),
                "url": TemplateValue(entry.file == nil ? nil : procedures + "thu-tuc/\(entry.code)/"),
                "count": TemplateValue(entry.failures.count), "reasons": .text(Self.html(reasons)),
            ]
        })
    }

    /// What records cannot tell, in one table: said so, with the reason.
    private var uncomputable: TemplateValue {
        .section(report.figures.filter { $0.state == .notComputable }.map { figure -> TemplateValue in
            let maximum = figure.indicator.points?.maximum.map(ReportNumbers.points)
            let reason = (figure.denominator.map { "Mẫu số: \($0) thủ tục. " } ?? "") + (figure.reason?.vi ?? "")
            return [
                "code": .text(figure.indicator.code), "name": .text(figure.indicator.name),
                "reference": .text(figure.indicator.reference), "reason": .text(Self.html(reason)), "points": TemplateValue(maximum),
            ]
        })
    }

    private var warnings: TemplateValue {
        let unreadable = report.unreadable.map { "\($0.file ?? ""): \($0.reason.vi)" }
        return .section((report.warnings.map(\.vi) + unreadable).map { .text(Self.html($0)) })
    }

    private func details(_ figure: Figure) -> TemplateValue {
        let indicator = figure.indicator
        let lists: [(id: String, heading: String, items: [Finding])] = [
            ("chua-dat", "Chưa đạt", figure.findings), ("dang-cho", "Đang chờ đồng bộ, chưa quá hạn", figure.pending),
            ("khong-tinh", "Không tính", figure.excluded), ("ngoai-pham-vi", "Đăng thêm, ngoài phạm vi phải công khai", figure.outside),
        ]
        return [
            "code": .text(indicator.code), "name": .text(indicator.name), "reference": .text(indicator.reference),
            "confidence": TemplateValue(indicator.confidence.map(Self.label)),
            "quote": TemplateValue(indicator.quote), "formula": .text(Self.html(indicator.formula)),
            "reason": TemplateValue(figure.reason.map { Self.html($0.vi) }),
            "state": .text(figure.state.rawValue), "stateLabel": .text(Self.label(figure.state)),
            "result": .text(Self.result(figure)),
            "threshold": TemplateValue(figure.threshold.map(ReportNumbers.threshold)),
            "points": TemplateValue(Self.points(figure)),
            "notes": TemplateValue(figure.notes.map { Self.html($0.vi) }),
            "lists": .list(lists.filter { !$0.items.isEmpty }.map { list in
                [
                    "id": .text("\(indicator.code)-\(list.id)"), "heading": .text(list.heading), "count": TemplateValue(list.items.count),
                    "items": .list(list.items.prefix(Self.shownPerList).map { finding in
                        [
                            "code": .text(finding.code ?? "—"), "name": .text(finding.name ?? finding.file ?? ""),
                            "url": TemplateValue(finding.code != nil && finding.file != nil ? procedures + "thu-tuc/\(finding.code ?? "")/" : nil),
                            "reason": .text(Self.html(finding.reason.vi)),
                        ]
                    }),
                    "more": list.items.count > Self.shownPerList ? TemplateValue(list.items.count - Self.shownPerList) : nil,
                    "json": "bao-cao.json",
                ]
            }),
        ]
    }

    /// One small chart per indicator with at least two dated figures, and the table of them all.
    private var trend: TemplateValue {
        let lines = report.history.lines.compactMap { line in line.day.map { (day: $0, line: line) } }
        let codes = report.figures.filter { $0.rate != nil || $0.state == .notApplicable }.map(\.indicator)
        let series = codes.compactMap { indicator -> (Indicator, [(day: Int, rate: Double)])? in
            // One point a day: the day's last sync.
            var byDay: [Int: Double] = [:]
            for (day, line) in lines {
                if let rate = line.figures.first(where: { $0.code == indicator.code })?.rate { byDay[day] = rate }
            }
            let points = byDay.sorted { $0.key < $1.key }.map { (day: $0.key, rate: $0.value) }
            return points.count >= 2 ? (indicator, points) : nil
        }
        guard !series.isEmpty else { return nil }
        let days = Array(Set(lines.map(\.day))).sorted()
        return [
            "items": .list(series.map { indicator, points in
                let threshold = report.figures.first { $0.indicator.code == indicator.code }?.threshold
                let first = ReportNumbers.percent(points[0].rate), last = ReportNumbers.percent(points[points.count - 1].rate)
                return [
                    "name": .text(indicator.name), "first": .text(first), "last": .text(last),
                    "svg": .text(ReportCharts.trend(points: points, threshold: threshold,
                                                    label: "\(indicator.name): từ \(first) đến \(last) qua \(points.count) lần đồng bộ")),
                ]
            }),
            "columns": TemplateValue(series.map(\.0.name)),
            "rows": .list(days.map { day in
                [
                    "date": .text(ReportNumbers.day(CalendarDate.text(ofDay: day))),
                    "cells": TemplateValue(series.map { _, points in
                        points.first { $0.day == day }.map { ReportNumbers.percent($0.rate) } ?? "—"
                    }),
                ]
            }),
        ]
    }

    /// Text as HTML, escaped, with its `code` spans (keys such as `nguon.url`) as `<code>`: the
    /// template writes these values unescaped, so everything goes through `HTML.escape` here.
    static func html(_ text: String) -> String {
        let parts = HTML.escape(text).split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return HTML.escape(text) }
        var out = ""
        for (index, part) in parts.enumerated() {
            let closed = index % 2 == 1 && index < parts.count - 1
            if index % 2 == 1 { out += closed ? "<code>" + part + "</code>" : "`" + part } else { out += part }
        }
        return out
    }

    static func result(_ figure: Figure) -> String {
        switch figure.state {
        case .notComputable:
            return figure.denominator.map { "chưa tính được (mẫu số: \($0) thủ tục)" } ?? "chưa tính được"
        case .notApplicable:
            return "không áp dụng (0/0)"
        default:
            return "\(figure.numerator ?? 0)/\(figure.denominator ?? 0) = \(figure.rate.map(ReportNumbers.percent) ?? "—")"
        }
    }

    static func points(_ figure: Figure) -> String? {
        guard let maximum = figure.indicator.points?.maximum else { return nil }
        return "\(figure.points.map(ReportNumbers.points) ?? "—")/\(ReportNumbers.points(maximum))"
    }

    static func label(_ state: Figure.State) -> String {
        switch state {
        case .met: return "Đạt"
        case .notMet: return "Chưa đạt"
        case .notApplicable: return "Không áp dụng"
        case .notComputable: return "Chưa tính được"
        case .noThreshold: return "Chưa có ngưỡng"
        }
    }

    static func label(_ confidence: Indicator.Confidence) -> String {
        switch confidence {
        case .law: return "văn bản pháp luật"
        case .portalData: return "số liệu Cổng Dịch vụ công quốc gia"
        case .secondary: return "tài liệu không chính thức, khớp số liệu của Cổng"
        case .tthcAim: return "mục tiêu của tthc, không văn bản nào quy định"
        }
    }
}

private extension TemplateValue {
    /// Nothing for "0", so that a section about none is not shown.
    var nonZero: TemplateValue {
        if case .text("0") = self { return .null }
        return self
    }
}
