import Foundation
import Records

/// What `--nguong` asks the gate to check: the table's thresholds (`bang`), or given ones
/// (`day_du=0.95,dvctt=80%`).
public enum ThresholdChoice: Sendable, Equatable {
    case table
    case given([String: Double])

    public struct Invalid: Error, Equatable {
        public var message: Localized
    }

    /// Reads `--nguong`; names are checked against the table so that a typo is an error, not an
    /// indicator silently left unchecked.
    public static func parse(_ text: String, table: IndicatorTable) throws(Invalid) -> ThresholdChoice {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "bang" || trimmed == "bảng" { return .table }
        let codes = table.indicators.map(\.code)
        var given: [String: Double] = [:]
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let code = pieces[0].trimmingCharacters(in: .whitespaces)
            guard pieces.count == 2, !code.isEmpty else {
                throw Invalid(message: Localized(
                    vi: "`--nguong` cần dạng `ma=ti_le`, ví dụ `day_du=0.95,dvctt=0.8`, hoặc `bang` (ngưỡng của bảng chỉ số); ở đây là `\(part)`.",
                    en: "`--nguong` takes `code=rate`, e.g. `day_du=0.95,dvctt=0.8`, or `bang` (the table's thresholds); found `\(part)`."))
            }
            guard codes.contains(code) else {
                let closest = Suggestion.closest(to: code, among: codes)
                throw Invalid(message: Localized(
                    vi: "Bảng chỉ số không có chỉ số `\(code)`" + (closest.map { "; có phải ý bạn là `\($0)`?" } ?? "") + " Các mã: \(codes.joined(separator: ", ")).",
                    en: "The indicator table has no `\(code)`" + (closest.map { "; did you mean `\($0)`?" } ?? "") + " Codes: \(codes.joined(separator: ", "))."))
            }
            guard let rate = Self.rate(pieces[1].trimmingCharacters(in: .whitespaces)) else {
                throw Invalid(message: Localized(
                    vi: "Ngưỡng của `\(code)` phải là tỉ lệ từ 0 đến 1 (0.8) hoặc phần trăm (80%); ở đây là `\(pieces[1])`.",
                    en: "The threshold of `\(code)` must be a rate from 0 to 1 (0.8) or a percentage (80%); found `\(pieces[1])`."))
            }
            given[code] = rate
        }
        return .given(given)
    }

    /// `0.8` or `80%` (a decimal comma would read as the list's separator); nil outside 0…1.
    static func rate(_ text: String) -> Double? {
        let percent = text.hasSuffix("%")
        let number = (percent ? String(text.dropLast()) : text).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(number).map({ percent ? $0 / 100 : $0 }), (0...1).contains(value) else { return nil }
        return value
    }
}
