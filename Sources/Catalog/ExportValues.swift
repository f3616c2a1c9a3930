import Foundation
import Records

/// The one way in for every value of an export entry (`CatalogMapping` reads nothing else):
/// whatever the JSON holds, what comes out can be written into a record that `tthc check`
/// accepts, or is reported.
///
/// The rule, by kind of value:
/// - **Text** is normalized, never refused (`CatalogText`): invisible and control characters
///   carry no meaning, and one stray character must not keep a procedure off the site.
/// - **Numbers that state a fact** (copies of a document, a fee, a time limit) and **the date of
///   the announcing decision** are refused when out of their domain: not a number, NaN or
///   infinite, negative, fractional where a count is meant, too large to be written exactly
///   (beyond 999,999,999,999,999, or a time limit with no decimal form such as 1e-05), a date
///   outside 1900–2100. The record is then reported with its code, its position and the field,
///   and nothing of it is written: a guess would publish a wrong fee or time limit as the law's.
///   Empty (`null`, absent) stays as the mapping says (no amount, no time, no copies).
/// - **Time stamps** (`updatedAt`) are dropped when absurd: they never decide a merge.
/// - **Words of a vocabulary** (`type`, `submissionMethod`…) are read exactly; the mapping says
///   what an unknown one means.
///
/// One instance reads one entry (not shared between threads); what it refused is in `problems`.
final class ExportValues {
    private(set) var problems: [Localized] = []

    /// The largest whole number a record holds: below 10^15 every whole `Double` is exact and
    /// is written as an integer (`Double.wholeNumber`), and JavaScript reads it back exactly.
    static let largestWhole = 999_999_999_999_999.0
    static let earliestDay = "1900-01-01", latestDay = "2100-12-31"

    // MARK: - Text, words, flags, structure

    func text(_ raw: Any?) -> String? { CatalogText.multiline(raw) }
    func line(_ raw: Any?) -> String? { CatalogText.oneLine(raw) }
    func word(_ raw: Any?) -> String { (raw as? String) ?? "" }

    func flag(_ raw: Any?) -> Bool {
        (raw as? Bool) ?? (raw as? NSNumber)?.boolValue ?? false
    }

    /// A yes/no that may be absent (`required` of a document): anything but a boolean is absent.
    func optionalFlag(_ raw: Any?) -> Bool? {
        guard let number = raw as? NSNumber, Self.isBoolean(number) else { return nil }
        return number.boolValue
    }

    func object(_ raw: Any?) -> [String: Any]? { raw as? [String: Any] }

    func objects(_ raw: Any?) -> [[String: Any]] {
        (raw as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    // MARK: - Numbers

    /// A count (copies of a document): whole, 0 or more; absent is 0.
    func count(_ raw: Any?, field: @autoclosure () -> String) -> Int {
        whole(raw, field: field) ?? 0
    }

    /// An amount of money in đồng: whole, 0 or more; absent is no amount (`so_tien: null`).
    func amount(_ raw: Any?, field: @autoclosure () -> String) -> Int? {
        whole(raw, field: field)
    }

    /// A time limit: 0 or more, fractions allowed (0.5 ngày), written as a decimal. Text that is
    /// a decimal ("15", "0,5") is the number; other text ("Theo mô tả") is its description.
    func duration(_ raw: Any?, field: @autoclosure () -> String) -> (amount: Double?, description: String?) {
        if let written = raw as? String, !ExportRepair.isOutOfRange(written) {
            guard let cleaned = line(written) else { return (nil, nil) }
            // The Vietnamese decimal comma: "0,5" is 0.5.
            let pointed = String(decoding: cleaned.utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
            guard let decimal = Double(decimalText: pointed) else { return (nil, text(written)) }
            return (quantity(decimal, shown: cleaned, field: field), nil)
        }
        switch Self.reading(raw) {
        case .absent: return (nil, nil)
        case .number(let number, let shown): return (quantity(number, shown: shown, field: field), nil)
        case .outOfRange(let shown): refuse(field(), shown, expected: Self.decimalExpectation)
        case .notANumber(let kind): refuse(field(), nil, kind: kind, expected: Self.decimalExpectation)
        }
        return (nil, nil)
    }

    private func quantity(_ number: Double, shown: String, field: () -> String) -> Double? {
        guard number >= 0, number.isWrittenAsDecimal else {
            refuse(field(), shown, expected: Self.decimalExpectation)
            return nil
        }
        return number + 0  // -0 is 0
    }

    private func whole(_ raw: Any?, field: () -> String) -> Int? {
        switch Self.reading(raw) {
        case .absent:
            return nil
        case .number(let number, let shown):
            guard number >= 0, number <= Self.largestWhole, number.rounded() == number else {
                refuse(field(), shown, expected: Self.wholeExpectation)
                return nil
            }
            return Int(number)
        case .outOfRange(let shown):
            refuse(field(), shown, expected: Self.wholeExpectation)
        case .notANumber(let kind):
            refuse(field(), nil, kind: kind, expected: Self.wholeExpectation)
        }
        return nil
    }

    // MARK: - Dates

    /// A calendar day from an instant in epoch milliseconds at midnight in Vietnam (converted in
    /// UTC+7, or it lands a day early); absent is nil, anything outside 1900–2100 is refused.
    func day(epochMilliseconds raw: Any?, field: @autoclosure () -> String) -> String? {
        let expected = Localized(vi: "một ngày từ năm 1900 đến 2100, tính bằng mili giây từ 1970",
                                 en: "a day from 1900 to 2100, in milliseconds since 1970")
        switch Self.reading(raw) {
        case .absent:
            return nil
        case .number(let number, let shown):
            if let milliseconds = Self.milliseconds(number) {
                let day = CalendarDate.vietnamDay(epochMilliseconds: milliseconds)
                if Self.isInRange(day) { return day }
            }
            refuse(field(), shown, expected: expected)
        case .outOfRange(let shown):
            refuse(field(), shown, expected: expected)
        case .notANumber(let kind):
            refuse(field(), nil, kind: kind, expected: expected)
        }
        return nil
    }

    /// A time stamp in epoch milliseconds, as `YYYY-MM-DDTHH:MM:SS+07:00`; nil when absent or absurd.
    func instant(epochMilliseconds raw: Any?) -> String? {
        guard case .number(let number, _) = Self.reading(raw), let milliseconds = Self.milliseconds(number) else { return nil }
        let instant = CalendarDate.vietnamDateTime(epochSeconds: Int64(floor(Double(milliseconds) / 1000)))
        return Self.isInRange(String(instant.prefix(10))) ? instant : nil
    }

    /// Whole milliseconds, when the number is within ±10^14 (about 3,000 years of 1970): beyond,
    /// no date in range is possible, and an `Int64` conversion would trap.
    private static func milliseconds(_ number: Double) -> Int64? {
        guard abs(number) < 1e14 else { return nil }
        return Int64(number.rounded(.down))
    }

    private static func isInRange(_ day: String) -> Bool {
        CalendarDate.isValid(day) && day >= earliestDay && day <= latestDay
    }

    // MARK: - Reading a JSON number

    private enum Reading {
        case absent
        case number(Double, shown: String)
        /// A number no `Double` holds (1e400), as `ExportRepair` kept it.
        case outOfRange(shown: String)
        case notANumber(Localized)
    }

    private static func reading(_ raw: Any?) -> Reading {
        switch raw {
        case nil, is NSNull:
            return .absent
        case let number as NSNumber where !isBoolean(number):
            let value = number.doubleValue
            return value.isFinite ? .number(value, shown: number.description) : .outOfRange(shown: number.description)
        case let text as String where ExportRepair.isOutOfRange(text):
            return .outOfRange(shown: ExportRepair.literal(text))
        default:
            return .notANumber(kind(of: raw as Any))
        }
    }

    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// `true` and `false` come as numbers from Foundation's parser: they are not counts.
    static func isBoolean(_ number: NSNumber) -> Bool {
        ObjectIdentifier(type(of: number)) == booleanType
    }

    // MARK: - Reporting

    private static let wholeExpectation = Localized(vi: "một số nguyên từ 0 đến 999 999 999 999 999",
                                                    en: "a whole number from 0 to 999,999,999,999,999")
    private static let decimalExpectation = Localized(vi: "một số không âm viết được dạng thập phân (ví dụ 15 hoặc 0.5)",
                                                      en: "a non-negative number written as a decimal (e.g. 15 or 0.5)")

    /// "`executionMethods[1].fees[1].value` = -5: cần một số nguyên từ 0 …" (the value shown short).
    private func refuse(_ field: String, _ shown: String?, kind: Localized? = nil, expected: Localized) {
        let value = shown.map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
        let vi = value.map { "`\(field)` = \($0): cần \(expected.vi)" }
            ?? "`\(field)` là \(kind?.vi ?? "giá trị khác"), cần \(expected.vi)"
        let en = value.map { "`\(field)` = \($0): expected \(expected.en)" }
            ?? "`\(field)` is \(kind?.en ?? "another value"), expected \(expected.en)"
        problems.append(Localized(vi: vi, en: en))
    }

    /// What a JSON value is, in the words of a report: "một số" / "a number"…
    static func kind(of value: Any) -> Localized {
        switch value {
        case is String: return Localized(vi: "văn bản", en: "text")
        case let number as NSNumber where isBoolean(number): return Localized(vi: "giá trị đúng/sai", en: "true or false")
        case is NSNumber: return Localized(vi: "một số", en: "a number")
        case is [Any]: return Localized(vi: "một danh sách", en: "a list")
        case is [String: Any]: return Localized(vi: "một đối tượng", en: "an object")
        default: return Localized(vi: "giá trị rỗng", en: "null")
        }
    }
}
