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
    /// Counted without walking the days: a province's report dates hundreds of procedures a unit,
    /// each over years (decision to publication), and a walk day by day was a tenth of its build.
    /// The weekdays of the span, then each day the table names in it (a holiday, a swapped
    /// Saturday) set right by `isWorkingDay`.
    public func workingDays(after start: Int, through end: Int) -> Int {
        guard end > start else { return 0 }
        var count = Self.weekdays(from: start + 1, through: end)
        for day in namedDays(from: start + 1, through: end) {
            let weekday = CalendarDate.weekday(ofDay: day)
            count += (isWorkingDay(day) ? 1 : 0) - (weekday == 0 || weekday == 6 ? 0 : 1)
        }
        return count
    }

    /// The same count, one day at a time (the reference the tests hold `workingDays` to).
    func workingDaysCountedOneByOne(after start: Int, through end: Int) -> Int {
        guard end > start else { return 0 }
        return (start + 1...end).reduce(0) { $0 + (isWorkingDay($1) ? 1 : 0) }
    }

    /// Monday to Friday from `first` through `last`.
    static func weekdays(from first: Int, through last: Int) -> Int {
        guard last >= first else { return 0 }
        let span = last - first + 1
        var count = span / 7 * 5
        for day in stride(from: first + span / 7 * 7, through: last, by: 1) {
            let weekday = CalendarDate.weekday(ofDay: day)
            if weekday != 0, weekday != 6 { count += 1 }
        }
        return count
    }

    /// Every day from `first` through `last` that the table names: the yearly holidays in each
    /// year of the span, the extra ones, the Saturdays worked.
    private func namedDays(from first: Int, through last: Int) -> Set<Int> {
        var days = Set(extra.filter { (first...last).contains($0) })
        days.formUnion(workingSaturdays.filter { (first...last).contains($0) })
        for year in CalendarDate.date(ofDay: first).year ... CalendarDate.date(ofDay: last).year {
            for monthAndDay in yearly {
                let (month, day) = (monthAndDay / 100, monthAndDay % 100)
                // 29/02 only in the years that have it.
                guard day <= CalendarDate.daysIn(month: month, year: year) else { continue }
                let number = CalendarDate.dayNumber(year: year, month: month, day: day)
                if (first...last).contains(number) { days.insert(number) }
            }
        }
        return days
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
