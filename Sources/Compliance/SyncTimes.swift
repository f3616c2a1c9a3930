import Records

/// When the site took national changes, from the change log (`content/.dong-bo/nhat-ky.jsonl`).
/// A sync's entry for a code is the moment the site took whatever the catalogue had changed
/// before it: the first entry at or after a change is the sync that took that change (a later
/// sync that rewrote the record for another reason, such as a new record format, is not).
struct SyncTimes {
    /// The site's first sync, in epoch seconds: changes made before it were the first import,
    /// not something the site could have been late for.
    let first: Int?
    /// Per code, the epoch seconds of its entries, in order.
    private let taken: [String: [Int]]
    /// Entries whose date is not an instant (`"ngay": "hôm qua"`): not counted.
    let undated: Int

    init(_ log: ChangeLog) {
        var taken: [String: [Int]] = [:]
        var undated = 0
        for entry in log.entries {
            guard let instant = CalendarDate.epochSeconds(ofDateTime: entry.date) else {
                undated += 1
                continue
            }
            taken[entry.code, default: []].append(instant)
        }
        self.taken = taken.mapValues { $0.sorted() }
        first = taken.values.compactMap(\.first).min()
        self.undated = undated
    }

    /// The sync that took a change made at `changed` (epoch seconds): the code's first entry at
    /// or after it; nil when the log has none.
    func take(of code: String, changedAt changed: Int) -> Int? {
        taken[code]?.first { $0 >= changed }
    }
}
