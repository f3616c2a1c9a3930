import Foundation

/// The portal's public list, page by page (cursor `lastId`, rows in descending id order), each
/// page kept in the journal as it arrives so that an interrupted listing goes on where it stopped.
struct CatalogueListing {
    var client: PortalClient
    var journal: FetchJournal
    /// A cursor loop or an endless list from a broken server ends here (29 pages hold the country).
    static let maximumPages = 1000

    enum Result {
        /// Every row, first occurrence of each id, in list order; `total` is the largest the portal gave.
        case complete(rows: [ListedProcedure], unusable: Int, total: Int?, pages: Int)
        case halted(PortalClient.Halt)
        case failed(String, page: Int)
    }

    func run() -> Result {
        var pages = journal.pages
        while !(pages.last?.isLast ?? false) {
            guard pages.count < Self.maximumPages else { return .failed("danh sách không kết thúc sau \(Self.maximumPages) trang (the list does not end)", page: pages.count + 1) }
            let cursor = pages.last?.next ?? ""
            if !pages.isEmpty { client.pause() }
            switch client.ask(PortalEndpoint.list, body: PortalEndpoint.listBody(after: cursor)) {
            case .refused(let refusal):
                return .halted(client.halt ?? .refused(refusal))
            case .transient(let reason):
                if let halt = client.halt { return .halted(halt) }
                return .failed(reason, page: pages.count + 1)
            case .failed(let reason):
                return .failed(reason, page: pages.count + 1)
            case .data(let data):
                guard let page = Self.page(data, sent: cursor, rowsBefore: pages.reduce(0) { $0 + $1.items.count }) else {
                    return .failed("trang danh sách không có dạng {items, lastId} (not a list page)", page: pages.count + 1)
                }
                if let next = page.next, !page.isLast, pages.contains(where: { $0.sent == next }) || next == cursor {
                    return .failed("con trỏ lastId lặp lại (the cursor repeats)", page: pages.count + 1)
                }
                journal.record(page: page)
                pages.append(page)
            }
        }
        guard pages.contains(where: { !$0.items.isEmpty }) else { return .failed("danh sách trống (the list is empty)", page: 1) }
        var seen: Set<String> = []
        var rows: [ListedProcedure] = []
        var unusable = 0
        for item in pages.flatMap(\.items) {
            guard let row = ListedProcedure(row: item) else { unusable += 1; continue }
            if seen.insert(row.id).inserted { rows.append(row) }
        }
        return .complete(rows: rows, unusable: unusable, total: pages.compactMap(\.total).max(), pages: pages.count)
    }

    /// A page, and whether it is the last: empty, without a new cursor, or short (CATALOG.md). A
    /// short page is the last only when it reaches the total the portal announces: a portal that
    /// serves fewer rows a page than asked is followed to its end, not taken as ending early.
    static func page(_ data: Any, sent cursor: String, rowsBefore: Int) -> FetchJournal.Page? {
        guard let object = data as? [String: Any], let items = object["items"] as? [Any] else { return nil }
        let next = (object["lastId"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let total = (object["total"] as? NSNumber)?.intValue
        let short = items.count < PortalEndpoint.pageSize && total.map { rowsBefore + items.count >= $0 } ?? true
        let isLast = items.isEmpty || next == nil || next == cursor || short
        return FetchJournal.Page(sent: cursor, items: items, next: next, total: total, isLast: isLast)
    }
}
