import Foundation

/// Figures as the page writes them in Vietnamese: `85,92 %`, `1,5` (decimal comma, no trailing zeros
/// in points).
enum ReportNumbers {
    static func percent(_ rate: Double) -> String {
        String(format: "%.2f", rate * 100).replacingOccurrences(of: ".", with: ",") + " %"
    }

    /// A threshold: `80 %`, `97,5 %`.
    static func threshold(_ rate: Double) -> String {
        let percent = rate * 100
        let text = percent.rounded() == percent ? String(Int(percent)) : String(format: "%.2f", percent)
            .replacingOccurrences(of: ".", with: ",")
        return text + " %"
    }

    static func points(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// `23/11/2026` from `2026-11-23`.
    static func day(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 3 else { return text }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
