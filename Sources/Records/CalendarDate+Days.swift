/// Days as numbers, for counting between dates (working days, delays): day 0 is 1970-01-01.
extension CalendarDate {
    /// The day number of a `YYYY-MM-DD` date; nil when the text is not a date that exists.
    public static func dayNumber(_ text: String) -> Int? {
        guard let (year, month, day) = parts(text) else { return nil }
        return dayNumber(year: year, month: month, day: day)
    }

    /// The `YYYY-MM-DD` text of a day number.
    public static func text(ofDay number: Int) -> String {
        let (year, month, day) = civil(fromDays: number)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The year, month and day of a day number.
    public static func date(ofDay number: Int) -> (year: Int, month: Int, day: Int) {
        civil(fromDays: number)
    }

    /// Seconds since 1970-01-01T00:00:00Z of an instant written `YYYY-MM-DDTHH:MM[:SS[.f]]` with `Z`
    /// or an offset, as records and the change log write them; nil when it is not one.
    public static func epochSeconds(ofDateTime text: String) -> Int? {
        guard isValidDateTime(text), let date = dayNumber(String(text.prefix(10))) else { return nil }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
        let second = bytes.count > 16 && bytes[16] == UInt8(ascii: ":") ? number(17..<19) : 0
        guard let second, second < 60 else { return nil }
        var offset = 0
        if bytes.last != UInt8(ascii: "Z") {
            let end = bytes.count
            guard let offsetHours = number(end - 5..<end - 3), let offsetMinutes = number(end - 2..<end),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (bytes[end - 6] == UInt8(ascii: "-") ? -1 : 1)
        }
        return date * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// The calendar day in Vietnam (UTC+7, no daylight saving) of an instant in epoch seconds.
    public static func vietnamDayNumber(epochSeconds: Int) -> Int {
        let local = epochSeconds + 7 * 3600
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// The calendar day in Vietnam of an instant written as `epochSeconds(ofDateTime:)` reads it.
    public static func vietnamDayNumber(ofDateTime text: String) -> Int? {
        epochSeconds(ofDateTime: text).map { vietnamDayNumber(epochSeconds: $0) }
    }

    /// 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday).
    public static func weekday(ofDay number: Int) -> Int {
        ((number + 4) % 7 + 7) % 7
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of `civil(fromDays:)`,
    /// Howard Hinnant's algorithm).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
