import Compliance
import Escaping
import Foundation
import Records

/// The report's charts, drawn by tthc as SVG text: nothing to load, no script. Every label is
/// escaped; every chart names itself for screen readers and has a table with the same figures.
enum ReportCharts {
    static let met = "#1a6b34", notMet = "#8a1c1c", neutral = "#0b4f8a", track = "#e3e8ee", ink = "#1b1b1b"

    /// One indicator's bar: its rate against the whole width, and a mark at its threshold. The
    /// bar stretches with its line of text (the label is HTML, so it reads at any width).
    static func bar(rate: Double, threshold: Double?, state: Figure.State, label: String) -> String {
        let color = state == .met ? met : state == .notMet ? notMet : neutral
        var svg = #"<svg class="bar-chart" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=""#
            + HTML.escape(label) + #"" focusable="false">"#
        svg += #"<rect x="0" y="0" width="100" height="6" fill="\#(track)"/>"#
        svg += #"<rect x="0" y="0" width="\#(number(rate * 100))" height="6" fill="\#(color)"/>"#
        if let threshold {
            svg += #"<line x1="\#(number(threshold * 100))" y1="0" x2="\#(number(threshold * 100))" y2="6" stroke="\#(ink)" stroke-width="2" vector-effect="non-scaling-stroke"/>"#
        }
        return svg + "</svg>"
    }

    /// An indicator's rate at each sync (oldest first), with its threshold dashed across.
    static func trend(points: [(day: Int, rate: Double)], threshold: Double?, label: String) -> String {
        let width = 300.0, height = 120.0, left = 34.0, right = 8.0, top = 8.0, bottom = 22.0
        let first = Double(points.first?.day ?? 0), last = Double(points.last?.day ?? 0)
        let span = max(last - first, 1)
        func x(_ day: Int) -> Double { left + (Double(day) - first) / span * (width - left - right) }
        func y(_ rate: Double) -> Double { top + (1 - rate) * (height - top - bottom) }
        var svg = #"<svg class="trend-chart" viewBox="0 0 300 120" role="img" aria-label=""# + HTML.escape(label) + #"" focusable="false">"#
        for (rate, text) in [(1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")] {
            svg += #"<line x1="\#(number(left))" y1="\#(number(y(rate)))" x2="\#(number(width - right))" y2="\#(number(y(rate)))" stroke="\#(track)" stroke-width="1"/>"#
            svg += #"<text x="\#(number(left - 4))" y="\#(number(y(rate) + 4))" text-anchor="end" font-size="10" fill="\#(ink)">\#(text)</text>"#
        }
        if let threshold {
            svg += #"<line x1="\#(number(left))" y1="\#(number(y(threshold)))" x2="\#(number(width - right))" y2="\#(number(y(threshold)))" stroke="\#(ink)" stroke-width="1" stroke-dasharray="4 3"/>"#
        }
        let path = points.map { "\(number(x($0.day))),\(number(y($0.rate)))" }.joined(separator: " ")
        svg += #"<polyline points="\#(path)" fill="none" stroke="\#(neutral)" stroke-width="2"/>"#
        for point in points {
            svg += #"<circle cx="\#(number(x(point.day)))" cy="\#(number(y(point.rate)))" r="3" fill="\#(neutral)"/>"#
        }
        if let firstDay = points.first?.day, let lastDay = points.last?.day {
            svg += #"<text x="\#(number(left))" y="\#(number(height - 6))" font-size="10" fill="\#(ink)">\#(short(firstDay))</text>"#
            if lastDay != firstDay {
                svg += #"<text x="\#(number(width - right))" y="\#(number(height - 6))" text-anchor="end" font-size="10" fill="\#(ink)">\#(short(lastDay))</text>"#
            }
        }
        return svg + "</svg>"
    }

    /// Coordinates with at most two decimals, the same on every machine.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    private static func short(_ day: Int) -> String {
        ReportNumbers.day(CalendarDate.text(ofDay: day))
    }
}
