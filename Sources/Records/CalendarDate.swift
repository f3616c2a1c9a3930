import Foundation

/// Dates as records write them: `YYYY-MM-DD`, and instants with an offset.
public enum CalendarDate {
    public static func isValid(_ text: String) -> Bool {
        parts(text) != nil
    }

    static func parts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        // ASCII digits only: `Int("+1")` is 1, and `\.isNumber` holds for every script's digits.
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.indices.allSatisfy({ $0 == 4 || $0 == 7 || Syntax.isDigit(bytes[$0]) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)),
              let day = Int(text.suffix(2)) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` and `Z` or `±HH:MM`, in ASCII digits, every field in
    /// its range (a day that exists, 00–23 hours, 00–59 minutes and seconds).
    public static func isValidDateTime(_ text: String) -> Bool {
        isInstant(text, secondsRequired: false)
    }

    /// As `isValidDateTime`, with the seconds: RFC 3339's date-time, what `tthc sync` logs and an
    /// Atom feed's `<updated>` must be.
    public static func isValidInstant(_ text: String) -> Bool {
        isInstant(text, secondsRequired: true)
    }

    private static func isInstant(_ text: String, secondsRequired: Bool) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes[10] == UInt8(ascii: "T"), isValid(String(decoding: bytes[0..<10], as: UTF8.self)) else { return false }
        func number(_ start: Int, maximum: Int) -> Bool {
            guard start + 2 <= bytes.count, Syntax.isDigit(bytes[start]), Syntax.isDigit(bytes[start + 1]) else { return false }
            return Int(bytes[start] - 48) * 10 + Int(bytes[start + 1] - 48) <= maximum
        }
        guard number(11, maximum: 23), bytes[13] == UInt8(ascii: ":"), number(14, maximum: 59) else { return false }
        var index = 16
        if bytes[index] == UInt8(ascii: ":") {
            guard number(index + 1, maximum: 59) else { return false }
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let digits = bytes[index...].prefix(while: Syntax.isDigit).count
                guard digits > 0 else { return false }
                index += digits
            }
        } else if secondsRequired {
            return false
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
              number(index + 1, maximum: 23), bytes[index + 3] == UInt8(ascii: ":"), number(index + 4, maximum: 59) else { return false }
        return true
    }

    /// "15/01/2026" (how dates are written in Vietnam) suggests `2026-01-15`.
    public static func suggestion(for text: String) -> String? {
        let text = Suggestion.withoutQuotes(text)
        if text.count == 10, isValid(text) { return text }
        let pieces = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard pieces.count == 3, let day = Int(pieces[0]), let month = Int(pieces[1]),
              let year = Int(pieces[2]), pieces[2].count == 4 else { return nil }
        let candidate = String(format: "%04d-%02d-%02d", year, month, day)
        return isValid(candidate) ? candidate : nil
    }

    /// The calendar day in Vietnam (UTC+7, no daylight saving) of an instant in epoch milliseconds.
    public static func vietnamDay(epochMilliseconds: Int64) -> String {
        let seconds = epochMilliseconds / 1000 + 7 * 3600
        let (year, month, day) = civil(fromDays: Int(floorDivide(seconds, 86400)))
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// An instant in Vietnam time, `YYYY-MM-DDTHH:MM:SS+07:00`.
    public static func vietnamDateTime(epochSeconds: Int64) -> String {
        let local = epochSeconds + 7 * 3600
        let days = floorDivide(local, 86400)
        let secondOfDay = Int(local - days * 86400)
        let (year, month, day) = civil(fromDays: Int(days))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+07:00", year, month, day,
                      secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
