import FileSystem
import Foundation

/// The run in progress, beside the export (`FILE.dang-tai`): one JSON line per list page and per
/// detail as each arrives, appended with a single write. A run killed at any moment leaves at
/// most a torn last line, which the next run drops; everything before it is not asked again.
/// The file is locked while a run holds it, so two runs never write one export.
final class FetchJournal: @unchecked Sendable {
    struct Header: Equatable {
        /// Seconds since 1970 when the run began.
        var started: Int
        var api: String
        /// The site's selection when the run began (a journal of another selection is not reused).
        var selection: String
    }

    struct Page {
        /// Which list: `PagedList.catalogue` or `PagedList.unitServices`.
        var list: String
        var sent: String
        var items: [Any]
        var next: String?
        var total: Int?
        var isLast: Bool
    }

    /// A detail this run already has: its export line, or nil when it is outside the site's scope.
    struct Detail {
        var code: String
        var line: Data?
    }

    enum Problem: Error, Equatable {
        case notOurs
        case busy
        case cannotOpen(FileError)
    }

    static let marker = "tthc_fetch_dang_tai"
    /// A run older than this is begun again: what it had is a day old.
    static let maximumAge = 24 * 3600

    let url: URL
    private(set) var header: Header
    private(set) var pages: [Page] = []
    private(set) var details: [String: Detail] = [:]
    /// The fingerprint of the export this journal's run was writing when it stopped, if it got there.
    private(set) var finishing: String?
    /// What an earlier journal at this path said it was writing, even if that journal is not reused.
    private(set) var inheritedFinishing: String?
    /// The run was resumed from an earlier, interrupted one.
    private(set) var resumed = false
    private let file: LockedFile
    private let lock = NSLock()
    /// Bytes of the earlier journal that this run keeps; nil when it starts a journal of its own.
    private var reusableLength: Int?

    /// Opens and locks the journal at `url` and reads it. It is taken up again when it belongs to a
    /// run like this one (same portal, same selection, begun within a day); `begin` starts it anew
    /// otherwise. Nothing is written before `begin`.
    init(_ url: URL, header: Header) throws(Problem) {
        self.url = url
        self.header = header
        do {
            switch try LockedFile.acquire(url.path) {
            case .acquired(let file): self.file = file
            case .busy: throw Problem.busy
            case .notAFile: throw Problem.notOurs
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .cannotOpen(error as? FileError ?? FileError(.write, url.path, .ioError))
        }
        let bytes: [UInt8]
        do { bytes = try file.readAll() } catch { throw .cannotOpen(error as? FileError ?? FileError(.read, url.path, .ioError)) }
        guard let content = Self.parse(bytes) else { throw .notOurs }
        inheritedFinishing = content.finishing
        if let earlier = content.header, earlier.api == header.api, earlier.selection == header.selection,
           header.started - earlier.started < Self.maximumAge, header.started >= earlier.started {
            self.header = earlier
            pages = content.pages
            details = content.details
            finishing = content.finishing
            resumed = !content.pages.isEmpty || !content.details.isEmpty
            reusableLength = content.validLength
        }
    }

    /// Ready to record: a torn last line cut off (the next line starts on its own), or the journal
    /// of another run replaced by this one's header.
    func begin() {
        if let length = reusableLength {
            try? file.truncate(to: length)
        } else {
            try? file.truncate(to: 0)
            writeHeader()
        }
    }

    /// Refused before anything was recorded: a journal file this run created goes again.
    func abandon() {
        if file.wasCreated { try? file.remove() }
    }

    func record(page: Page) {
        var entry: [String: Any] = ["ds": page.list, "gui": page.sent, "muc": page.items, "het": page.isLast]
        if let next = page.next { entry["tiep"] = next }
        if let total = page.total { entry["tong"] = total }
        append(["trang": entry])
        lock.withLock { pages.append(page) }
    }

    /// A detail received: in scope with its export line (`envelope` is what the line holds), or out of scope.
    func record(id: String, code: String, envelope: [String: Any]?, line: Data?) {
        appendDetail(id: id, code: code, envelope: envelope)
        lock.withLock { details[id] = Detail(code: code, line: line) }
    }

    func record(finishing fingerprint: String) {
        append(["ket_thuc": fingerprint])
        finishing = fingerprint
    }

    func detail(_ id: String) -> Detail? { lock.withLock { details[id] } }

    /// The run is complete: the journal goes (while still locked, so no other run takes it meanwhile).
    func remove() {
        try? file.remove()
    }

    func pages(of list: String) -> [Page] { lock.withLock { pages.filter { $0.list == list } } }

    /// Forgets the lists (a suspicious one is asked again next time); the details stay.
    func forgetListing() {
        lock.withLock { pages = [] }
        try? file.truncate(to: 0)
        writeHeader()
        for (id, detail) in lock.withLock({ details }).sorted(by: { $0.key < $1.key }) {
            appendDetail(id: id, code: detail.code,
                         envelope: detail.line.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        }
    }

    // MARK: - The file

    /// In scope: the envelope the export line is made of; out of scope: only that it was asked.
    private func appendDetail(id: String, code: String, envelope: [String: Any]?) {
        var entry: [String: Any] = ["id": id, "ma": code]
        if let envelope { entry["dong"] = envelope }
        append([envelope == nil ? "ngoai" : "chi_tiet": entry])
    }

    private func writeHeader() {
        append([Self.marker: 1, "bat_dau": header.started, "api": header.api, "chon": header.selection])
    }

    /// One write per entry. A failed write (a full disk) loses only what this run would not ask
    /// again: the export itself is written through `Files`, which reports the failure.
    private func append(_ object: [String: Any]) {
        var line = ExportLine.canonical(object)
        line.append(0x0A)
        lock.withLock { try? file.append([UInt8](line)) }
    }

    private struct Content {
        var header: Header?
        var pages: [Page] = []
        var details: [String: Detail] = [:]
        var finishing: String?
        var validLength = 0
    }

    /// Nil when the file is not a journal of tthc fetch. An empty file is one (killed at once).
    private static func parse(_ bytes: [UInt8]) -> Content? {
        var content = Content()
        var start = 0
        var first = true
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { break }  // a torn last line
            let object = try? JSONSerialization.jsonObject(with: Data(bytes[start..<end])) as? [String: Any]
            if first {
                guard let object, object[marker] as? Int == 1, let started = object["bat_dau"] as? Int,
                      let api = object["api"] as? String, let selection = object["chon"] as? String else { return nil }
                content.header = Header(started: started, api: api, selection: selection)
                first = false
            } else if let object {
                read(object, into: &content)
            } else {
                break  // damaged from here on: what follows is asked again
            }
            start = end + 1
            content.validLength = start
        }
        // No complete line: an empty file, or a header torn by a kill (it begins as every header does).
        if first, !bytes.isEmpty {
            let opening = Array(#"{"api":""#.utf8)
            guard bytes.firstIndex(of: 0x0A) == nil, bytes.starts(with: opening.prefix(bytes.count)) || bytes.starts(with: opening) else { return nil }
        }
        return content
    }

    private static func read(_ object: [String: Any], into content: inout Content) {
        if let page = object["trang"] as? [String: Any], let sent = page["gui"] as? String, let items = page["muc"] as? [Any] {
            content.pages.append(Page(list: page["ds"] as? String ?? "", sent: sent, items: items, next: page["tiep"] as? String,
                                      total: page["tong"] as? Int, isLast: page["het"] as? Bool ?? false))
        } else if let detail = object["chi_tiet"] as? [String: Any], let id = detail["id"] as? String,
                  let envelope = detail["dong"] as? [String: Any] {
            content.details[id] = Detail(code: detail["ma"] as? String ?? "", line: ExportLine.canonical(envelope))
        } else if let detail = object["ngoai"] as? [String: Any], let id = detail["id"] as? String {
            content.details[id] = Detail(code: detail["ma"] as? String ?? "", line: nil)
        } else if let fingerprint = object["ket_thuc"] as? String {
            content.finishing = fingerprint
        }
    }
}
