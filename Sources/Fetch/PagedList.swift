import Foundation

/// One of the portal's paged lists (cursor `lastId`, rows in descending id order), each page kept
/// in the journal as it arrives so that an interrupted listing goes on where it stopped.
struct PagedList {
    /// Which list, the request for a page after a cursor, and where a page keeps its rows.
    struct Source: Sendable {
        var name: String
        var endpoint: String
        var body: @Sendable (String) -> Data
        var itemsKey: String
    }

    static let catalogue = Source(name: "danh_muc", endpoint: PortalEndpoint.list, body: { PortalEndpoint.listBody(after: $0) }, itemsKey: "items")

    static func unitServices(_ unit: String) -> Source {
        Source(name: "don_vi", endpoint: PortalEndpoint.units, body: { PortalEndpoint.unitsBody(department: unit, after: $0) }, itemsKey: "rows")
    }

    var source: Source
    var client: PortalClient
    var journal: FetchJournal
    /// A cursor loop or an endless list from a broken server ends here (29 pages hold the country).
    static let maximumPages = 1000

    enum Result {
        /// Every row in list order; `total` is the largest the portal gave.
        case complete(items: [Any], total: Int?, pages: Int)
        case halted(PortalClient.Halt)
        case failed(String, page: Int)
    }

    func run() -> Result {
        var pages = journal.pages(of: source.name)
        while !(pages.last?.isLast ?? false) {
            guard pages.count < Self.maximumPages else { return .failed("danh sách không kết thúc sau \(Self.maximumPages) trang (the list does not end)", page: pages.count + 1) }
            let cursor = pages.last?.next ?? ""
            client.pause()
            switch client.ask(source.endpoint, body: source.body(cursor)) {
            case .refused(let refusal):
                return .halted(client.halt ?? .refused(refusal))
            case .transient(let reason):
                if let halt = client.halt { return .halted(halt) }
                return .failed(reason, page: pages.count + 1)
            case .failed(let reason):
                return .failed(reason, page: pages.count + 1)
            case .data(let data):
                guard let page = page(data, sent: cursor, rowsBefore: pages.reduce(0) { $0 + $1.items.count }) else {
                    return .failed("trang danh sách không có dạng {\(source.itemsKey), lastId} (not a list page)", page: pages.count + 1)
                }
                if let next = page.next, !page.isLast, pages.contains(where: { $0.sent == next }) {
                    return .failed("con trỏ lastId lặp lại (the cursor repeats)", page: pages.count + 1)
                }
                journal.record(page: page)
                pages.append(page)
            }
        }
        return .complete(items: pages.flatMap(\.items), total: pages.compactMap(\.total).max(), pages: pages.count)
    }

    /// A page, and whether it is the last: empty, without a new cursor, or short (CATALOG.md). A
    /// short page is the last only when it reaches the total the portal announces: a portal that
    /// serves fewer rows a page than asked is followed to its end, not taken as ending early.
    func page(_ data: Any, sent cursor: String, rowsBefore: Int) -> FetchJournal.Page? {
        guard let object = data as? [String: Any], let items = object[source.itemsKey] as? [Any] else { return nil }
        let next = (object["lastId"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let total = (object["total"] as? NSNumber)?.intValue
        let short = items.count < PortalEndpoint.pageSize && total.map { rowsBefore + items.count >= $0 } ?? true
        let isLast = items.isEmpty || next == nil || next == cursor || short
        return FetchJournal.Page(list: source.name, sent: cursor, items: items, next: next, total: total, isLast: isLast)
    }
}
