import Records

/// Working days in Vietnam: Monday to Friday, less the holidays of the indicator table, plus the
/// Saturdays worked in a swap.
public struct WorkingCalendar: Sendable {
    /// Month × 100 + day.
    private let yearly: Set<Int>
    private let extra: Set<Int>
    private let workingSaturdays: Set<Int>

    public init(_ holidays: IndicatorTable.Holidays) {
        yearly = Set((holidays.yearly ?? []).compactMap(Self.monthAndDay))
        extra = Set((holidays.extra ?? []).compactMap(CalendarDate.dayNumber))
        workingSaturdays = Set((holidays.workingSaturdays ?? []).compactMap(CalendarDate.dayNumber))
    }

    public func isWorkingDay(_ day: Int) -> Bool {
        if workingSaturdays.contains(day) { return true }
        let weekday = CalendarDate.weekday(ofDay: day)
        if weekday == 0 || weekday == 6 || extra.contains(day) { return false }
        let date = CalendarDate.date(ofDay: day)
        return !yearly.contains(date.month * 100 + date.day)
    }

    /// The working days after `start` up to and including `end`: a change made on a Friday and
    /// taken on the Monday after took 1; taken the same day, 0. Never negative.
    public func workingDays(after start: Int, through end: Int) -> Int {
        guard end > start else { return 0 }
        return (start + 1...end).reduce(0) { $0 + (isWorkingDay($1) ? 1 : 0) }
    }

    /// `MM-DD` as month × 100 + day, when it names a day of some year (02-29 does: 2024 has it).
    static func monthAndDay(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 2 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }),
              CalendarDate.dayNumber("2024-" + text) != nil,
              let month = Int(text.prefix(2)), let day = Int(text.suffix(2)) else { return nil }
        return month * 100 + day
    }
}
