import Records

/// A change-log entry as a citizen reads it on the home page and in the feed: what happened, on a
/// date that is true. The log holds when this site took each change; a procedure new to the site
/// was announced by its decision (`quyet_dinh_cong_bo.ngay`), often years before a first import,
/// and one that left the catalog is known to be gone only since the sync that noticed.
struct ChangeNotice {
    let entry: ChangeLog.Entry
    /// "Công bố mới", "Cập nhật" …
    let label: String
    /// The date told (`YYYY-MM-DD`, or the sync's time for what happened on this site).
    let date: String
    /// The date is when the change was noticed, not when it happened ("từ ngày", not "ngày").
    let since: Bool

    init(_ entry: ChangeLog.Entry, procedure: Procedure?) {
        self.entry = entry
        since = entry.kind == .abolished
        if entry.kind == .created, let decided = procedure?.decision?.date, CalendarDate.isValid(decided) {
            label = entry.kind.label
            date = decided
        } else {
            // Created without a decision to date it: what is true is that the site published it then.
            label = entry.kind == .created ? "Đăng lên trang" : entry.kind.label
            date = entry.date
        }
    }

    /// "16/01/2026".
    var shownDate: String { Labels.date(date) ?? date }

    /// "Công bố mới ngày 16/01/2026", "Không còn trong CSDL quốc gia từ ngày 01/12/2026".
    var sentence: String { "\(label) \(since ? "từ ngày" : "ngày") \(shownDate)" }

    /// The short form of the home page's list: "Công bố mới 16/01/2026".
    var short: String { "\(label) \(since ? "từ " : "")\(shownDate)" }

    /// For a feed's `<published>`: the date as an instant, midnight in Vietnam for a day.
    var instant: String { date.count == 10 ? date + "T00:00:00+07:00" : date }

    /// Entries of published procedures (`entries` in the log's order), newest change to the site
    /// first; among the changes of one sync (a first import logs every procedure at once), the
    /// most recent date told first, then the later in the log. `latestOnly`: one per procedure.
    static func newest(_ entries: [ChangeLog.Entry], procedures: [String: Procedure], latestOnly: Bool = false,
                       limit: Int) -> [ChangeNotice] {
        var last: [String: Int] = [:]
        if latestOnly { for (index, entry) in entries.enumerated() { last[entry.code] = index } }
        let notices = entries.enumerated().compactMap { index, entry -> (Int, ChangeNotice)? in
            if latestOnly, last[entry.code] != index { return nil }
            return procedures[entry.code].map { (index, ChangeNotice(entry, procedure: $0)) }
        }
        return notices.sorted { a, b in
            if a.1.entry.date != b.1.entry.date { return a.1.entry.date > b.1.entry.date }
            if a.1.date != b.1.date { return a.1.date > b.1.date }
            return a.0 > b.0
        }.prefix(limit).map(\.1)
    }
}
