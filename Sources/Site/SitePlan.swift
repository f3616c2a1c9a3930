import Compliance
import Foundation
import Records

/// One page of the site: where it goes, which template renders it, with what.
struct Page {
    /// Site-relative URL path of the page, e.g. `thu-tuc/1.001193/` (empty for the home page).
    var url: String
    var template: String
    var title: String
    /// For `<meta name="description">` and Open Graph; the site's own description when nil.
    var description: String? = nil
    /// Built only when the page is rendered: listing URLs (the link check) must not render Markdown.
    var context: () -> TemplateValue
    /// Written alone into a folder of its own (a report that is not public): its links to the
    /// site are absolute, its assets beside it, and it has no navigation.
    var standalone = false
    /// For a procedure's page, the procedure: a build renders its body once, for the page and for
    /// the checks of what cmark found in it.
    var procedure: ProcedureView? = nil

    /// Output file relative to the output folder.
    var file: String { url.isEmpty || url.hasSuffix("/") ? url + "index.html" : url }

    /// Relative prefix from this page back to the site root.
    static func root(for url: String) -> String {
        String(repeating: "../", count: url.split(separator: "/").count)
    }
}

/// A published procedure with its body. A class: the lists of a large site (A–Z, fields, levels,
/// agencies) each hold thousands of entries, and copying a reference is one retain where copying
/// a record's every text was a hundred.
final class PublishedProcedure: Sendable {
    let procedure: Procedure
    let body: Body
    /// The record's file, relative to the site.
    let path: String

    init(procedure: Procedure, body: Body, path: String) {
        self.procedure = procedure
        self.body = body
        self.path = path
    }
}

/// The pages of a site (DESIGN.md, "The site"), computed from its records without writing anything.
struct SitePlan {
    let configuration: SiteConfiguration
    let records: [Record]

    /// Published procedures in Vietnamese alphabetical order of the name citizens look for.
    let procedures: [PublishedProcedure]
    let names: [String: String]

    let changeLog: ChangeLog
    /// The compliance report, computed from the records the plan holds (nil without a usable table),
    /// when first asked for: by the build's site files, or by the preview's report page.
    var report: ComplianceReport? { deferredReport?.value }
    private let deferredReport: Deferred<ComplianceReport>?
    var hasReport: Bool { deferredReport != nil }
    /// Ids the templates write themselves (`HTMLIDs.written`): no heading of a record takes one.
    let reservedIDs: Set<String>

    /// Work a province's units share (rendered sections, search terms), or nil for a single site.
    let shared: SharedRendering?

    /// `published`, when given, are the entries of `records` already made (a province's units share
    /// the entries of the records they publish alike, and `shared` the work done on them).
    init(configuration: SiteConfiguration, records: [Record], changeLog: ChangeLog, compliance: ComplianceSources? = nil,
         sourceDateEpoch: String? = nil, reservedIDs: Set<String> = [], published: [PublishedProcedure]? = nil,
         shared: SharedRendering? = nil, sortKey: (@Sendable (PublishedProcedure) -> VietnameseSortKey)? = nil) {
        self.configuration = configuration
        self.records = records
        self.changeLog = changeLog
        self.reservedIDs = reservedIDs
        self.shared = shared
        // Only a public report is part of the site (`tthc bao-cao --html` makes the others).
        deferredReport = compliance.flatMap { sources in
            guard configuration.publishesReport, let table = sources.table else { return nil }
            return Deferred {
                ReportPage.report(configuration: configuration, records: records, changeLog: changeLog, sources: sources,
                                  table: table, sourceDateEpoch: sourceDateEpoch)
            }
        }
        let published = (published ?? records.compactMap { record in
            record.procedure.map { PublishedProcedure(procedure: $0, body: record.body, path: record.path) }
        })
            .filter { $0.procedure.origin != .internal }
        // Sort keys on every core: the plan is made before any page, with one core otherwise idle.
        // `tthc serve` keeps them between its builds (`RecordCache.sortKey`).
        let keys = shared.map { shared in published.map(shared.sortKey) }
            ?? Parallel.map(published.count) { index in
                sortKey?(published[index]) ?? VietnameseSortKey(ProcedureTitle.sortingName(published[index].procedure.name))
            }
        procedures = published.indices
            .sorted { (keys[$0], published[$0].procedure.code) < (keys[$1], published[$1].procedure.code) }
            .map { published[$0] }
        names = Dictionary(procedures.map { ($0.procedure.code, $0.procedure.name) }, uniquingKeysWith: { first, _ in first })
        sectorGroups = Self.sectorGroups(of: procedures)
        let slugs = Slug.unique(sectorGroups.map { Self.sectorSlug($0.sector) })
        sectorSlugs = Dictionary(zip(sectorGroups.map(\.sector), slugs), uniquingKeysWith: { first, _ in first })
        absentSince = Dictionary(changeLog.recent(limit: .max).filter { $0.kind == .abolished }.map { ($0.code, $0.date) },
                                 uniquingKeysWith: { first, _ in first })
        pages = []
        pages = makePages()
    }

    /// A field's slug before it is made unique (`sectorSlugs`): its name and code folded, each cut
    /// at a word like an agency's, so that no name or code (a record's, an export's) makes a folder
    /// name the file system refuses (255 bytes): `check` passes what `build` can write.
    static func sectorSlug(_ sector: Procedure.Sector) -> String {
        Slug.make(sector.name, maxLength: 60) + "-" + Slug.make(sector.code, maxLength: 40)
    }

    /// Each field's page under `linh-vuc/`: fields whose names or codes differ only in case or
    /// marks ("Hộ tịch" and "HỘ TỊCH") fold to one slug, and get `-2`, `-3` in the fields' order.
    let sectorSlugs: [Procedure.Sector: String]

    func slug(of sector: Procedure.Sector) -> String { sectorSlugs[sector] ?? Self.sectorSlug(sector) }

    /// Per code, when a sync found it gone from the catalog, if that is its latest change.
    let absentSince: [String: String]

    /// Published procedures by code.
    var byCode: [String: Procedure] {
        Dictionary(procedures.map { ($0.procedure.code, $0.procedure) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every page, planned once (contexts stay lazy): the link check lists their URLs, the build renders them.
    private(set) var pages: [Page]

    private func makePages() -> [Page] {
        var pages: [Page] = [home, search, abolished, sectorIndex] + alphabetical
        pages += procedures.map(procedurePage)
        pages += sectorPages + levelPages + agencyPages + [online]
        // A page of the site, and so in its sitemap.
        if let deferredReport { pages.append(ReportPage.page(unitName: configuration.unitName) { deferredReport.value }) }
        return pages
    }

    /// Every URL path the site answers, for the link check.
    var urls: Set<String> {
        Set(pages.map(\.url) + ["404.html", "sitemap.xml", "robots.txt", "feed.xml", "api/thu-tuc.json", "assets/style.css"]
            + procedures.map { "api/thu-tuc/\($0.procedure.code).json" }
            + (hasReport ? [ReportPage.jsonFile] : []))
    }

    // MARK: - Pages

    private func procedurePage(_ entry: PublishedProcedure) -> Page {
        let procedure = entry.procedure
        let url = "thu-tuc/\(procedure.code)/"
        let view = ProcedureView(entry: entry, configuration: configuration, names: names,
                                 root: Page.root(for: url), sectorSlug: slug(of: procedure.sector), reservedIDs: reservedIDs,
                                 absentSince: procedure.status == .abolished ? absentSince[procedure.code] : nil, shared: shared)
        let description = "\(procedure.name) (mã \(procedure.code)): hồ sơ, trình tự, phí, lệ phí, thời hạn giải quyết và nơi nộp."
        return Page(url: url, template: "thu-tuc", title: procedure.name, description: description,
                    context: { ["procedure": view.renderedContext] }, procedure: view)
    }

    private func listItems(_ list: [PublishedProcedure], root: String) -> TemplateValue {
        .list(list.map { entry in
            let p = entry.procedure
            let online = p.onlineService.flatMap { $0.level == .none ? nil : Labels.online($0.level) }
            return [
                "code": .text(p.code), "name": .text(p.name), "url": .text(root + "thu-tuc/\(p.code)/"), "sector": .text(p.sector.name),
                "online": TemplateValue(online), "abolished": p.status == .abolished ? true : nil,
            ]
        })
    }

    private var home: Page {
        let root = ""
        let inForce = procedures.filter { $0.procedure.status != .abolished }
        let sectors = Dictionary(grouping: inForce, by: { $0.procedure.sector })
            .map { (sector: $0.key, count: $0.value.count, order: VietnameseSortKey($0.key.name)) }
            .sorted { ($0.order, $0.sector.code, $0.sector.name) < ($1.order, $1.sector.code, $1.sector.name) }
        return Page(url: "", template: "home", title: configuration.unitName, context: { [
            "count": TemplateValue(inForce.count),
            "sectors": .section(sectors.map { ["name": .text($0.sector.name), "count": TemplateValue($0.count),
                                               "url": .text(root + "linh-vuc/\(self.slug(of: $0.sector))/")] }),
            "recent": .section(self.recentChanges(root: root)),
        ] })
    }

    /// The home page's "Mới cập nhật": the latest change of each procedure, dated truly.
    private func recentChanges(root: String) -> [TemplateValue] {
        ChangeNotice.newest(changeLog.entries, procedures: byCode, latestOnly: true, limit: 10).map { notice in
            let code = notice.entry.code
            let item: TemplateValue = ["name": .text(names[code] ?? code), "url": .text(root + "thu-tuc/\(code)/"),
                                       "date": .text(notice.shownDate), "change": .text(notice.label), "when": .text(notice.short)]
            return item
        }
    }

    /// Above this many procedures the A–Z list becomes one page per initial letter.
    static let singleListLimit = 500

    private var letterGroups: [(letter: String, items: [PublishedProcedure])] {
        var groups: [(letter: String, items: [PublishedProcedure])] = []
        for entry in procedures {
            let letter = VietnameseSortKey.initial(of: ProcedureTitle.sortingName(entry.procedure.name))
            if groups.last?.letter == letter { groups[groups.count - 1].items.append(entry) } else { groups.append((letter, [entry])) }
        }
        return groups
    }

    /// `/thu-tuc/`: every procedure grouped by initial letter, or, for a large site, the letters
    /// linking to one page each (`/thu-tuc/chu-a/` …).
    private var alphabetical: [Page] {
        let url = "thu-tuc/"
        let root = Page.root(for: url)
        let groups = letterGroups
        let split = procedures.count > Self.singleListLimit
        let index = Page(url: url, template: "danh-sach", title: "Danh mục thủ tục hành chính từ A đến Z", context: { [
            "heading": "Thủ tục hành chính từ A đến Z",
            "intro": .text("Tất cả \(procedures.count) thủ tục đơn vị đang công khai, xếp theo thứ tự chữ cái tiếng Việt."),
            "letters": .section(groups.map { group in
                ["letter": .text(group.letter),
                 "url": .text(split ? root + "thu-tuc/\(Self.letterAnchor(group.letter))/" : "#" + Self.letterAnchor(group.letter))]
            }),
            "groups": split ? nil : .list(groups.map { group in
                ["letter": .text(group.letter), "id": .text(Self.letterAnchor(group.letter)), "items": self.listItems(group.items, root: root)]
            }),
        ] })
        guard split else { return [index] }
        return [index] + groups.map { group in
            listPage(url: "thu-tuc/\(Self.letterAnchor(group.letter))/", title: "Thủ tục bắt đầu bằng chữ \(group.letter)",
                     intro: "\(group.items.count) thủ tục, xếp theo thứ tự chữ cái tiếng Việt.", list: group.items)
        }
    }

    private func listPage(url: String, title: String, intro: String, list: [PublishedProcedure]) -> Page {
        Page(url: url, template: "danh-sach", title: title, context: {
            ["heading": .text(title), "intro": .text(intro), "groups": [["items": self.listItems(list, root: Page.root(for: url))]],
             "empty": .flag(list.isEmpty)]
        })
    }

    /// `chu-a`, `chu-aw` (Ă), `chu-aa` (Â), `chu-dd` (Đ): distinct anchors for letters that fold alike.
    static func letterAnchor(_ letter: String) -> String {
        let telex: [String: String] = ["Ă": "aw", "Â": "aa", "Đ": "dd", "Ê": "ee", "Ô": "oo", "Ơ": "ow", "Ư": "uw"]
        return "chu-" + (telex[letter] ?? Slug.make(letter))
    }

    private var abolished: Page {
        let list = procedures.filter { $0.procedure.status == .abolished }
        return listPage(url: "bai-bo/", title: "Thủ tục đã bãi bỏ",
                        intro: "Các thủ tục này không còn thực hiện. Mỗi thủ tục vẫn giữ trang riêng để đường dẫn cũ không bị mất.",
                        list: list)
    }

    /// The fields, in Vietnamese order, each with its procedures (made once: pages, the index and
    /// its filters all list them).
    let sectorGroups: [(sector: Procedure.Sector, list: [PublishedProcedure])]

    private static func sectorGroups(of procedures: [PublishedProcedure]) -> [(sector: Procedure.Sector, list: [PublishedProcedure])] {
        Dictionary(grouping: procedures, by: { $0.procedure.sector })
            .map { (sector: $0.key, list: $0.value, key: VietnameseSortKey($0.key.name)) }
            // The exact spelling last: two fields alike but for case must not come in the dictionary's order.
            .sorted { ($0.key, $0.sector.code, $0.sector.name) < ($1.key, $1.sector.code, $1.sector.name) }
            .map { ($0.sector, $0.list) }
    }

    private var sectorIndex: Page {
        let url = "linh-vuc/"
        let root = Page.root(for: url)
        let groups = sectorGroups
        return Page(url: url, template: "danh-sach", title: "Thủ tục theo lĩnh vực", context: { [
            "heading": "Thủ tục theo lĩnh vực",
            "intro": "Chọn một lĩnh vực để xem các thủ tục thuộc lĩnh vực đó.",
            "links": .section(groups.map { ["name": .text($0.sector.name), "count": TemplateValue($0.list.count),
                                            "url": .text(root + "linh-vuc/\(self.slug(of: $0.sector))/")] }),
        ] })
    }

    private var sectorPages: [Page] {
        sectorGroups.map { group in
            listPage(url: "linh-vuc/\(slug(of: group.sector))/", title: "Lĩnh vực \(group.sector.name)",
                     intro: "\(group.list.count) thủ tục thuộc lĩnh vực \(group.sector.name).", list: group.list)
        }
    }

    private var levelPages: [Page] {
        let levels = Set(procedures.flatMap(\.procedure.levels)).sorted { $0.rawValue < $1.rawValue }
        return levels.map { level in
            let list = procedures.filter { $0.procedure.levels.contains(level) }
            return listPage(url: "cap/\(Labels.levelSlug(level))/", title: "Thủ tục \(Labels.level(level).lowercased())",
                            intro: "\(list.count) thủ tục thực hiện ở \(Labels.level(level).lowercased()).", list: list)
        }
    }

    /// `/tim-kiem/`: the box, the filters and the script; the results come from the index
    /// (`SearchEntries`), the filters' options are written here so the page reads before the script runs.
    private var search: Page {
        let url = "tim-kiem/"
        return Page(url: url, template: "tim-kiem", title: "Tìm thủ tục", context: {
            ["filters": .list(SearchEntries.facets(of: self).map { filter in
                ["key": .text(filter.key), "label": .text(filter.label),
                 "options": .list(filter.values.enumerated().map { ["value": TemplateValue($0.offset), "label": .text($0.element)] })]
            }), "count": TemplateValue(procedures.count)]
        })
    }

    /// Agencies that carry out procedures (`co_quan.thuc_hien`), each with a slug of its own:
    /// two names that fold alike get `-2`, `-3` in Vietnamese order.
    var agencyGroups: [(name: String, slug: String, list: [PublishedProcedure])] {
        var byName: [String: [PublishedProcedure]] = [:]
        for entry in procedures {
            for name in Set(entry.procedure.agencies?.executing ?? []) { byName[name, default: []].append(entry) }
        }
        let sortedNames = byName.keys.map { (name: $0, key: VietnameseSortKey($0)) }
            .sorted { ($0.key, $0.name) < ($1.key, $1.name) }.map(\.name)
        let slugs = Slug.unique(sortedNames.map { Slug.make($0, maxLength: 60) })
        return zip(sortedNames, slugs).map { name, slug in (name, slug, byName[name] ?? []) }
    }

    /// `/co-quan/` and one page per agency.
    private var agencyPages: [Page] {
        let groups = agencyGroups
        let index = Page(url: "co-quan/", template: "danh-sach", title: "Thủ tục theo cơ quan thực hiện", context: { [
            "heading": "Thủ tục theo cơ quan thực hiện",
            "intro": "Chọn cơ quan để xem các thủ tục cơ quan đó tiếp nhận và giải quyết.",
            "links": .section(groups.map { ["name": .text($0.name), "count": TemplateValue($0.list.count),
                                            "url": .text(Page.root(for: "co-quan/") + "co-quan/\($0.slug)/")] }),
            "empty": groups.isEmpty ? true : nil,
        ] })
        return [index] + groups.map { group in
            listPage(url: "co-quan/\(group.slug)/", title: group.name,
                     intro: "\(group.list.count) thủ tục do \(group.name) thực hiện.", list: group.list)
        }
    }

    /// `/truc-tuyen/`: procedures in force that can be done fully, then partly, online.
    private var online: Page {
        let url = "truc-tuyen/"
        let root = Page.root(for: url)
        let inForce = procedures.filter { $0.procedure.status != .abolished }
        let groups: [(level: Procedure.OnlineService.Level, id: String)] = [(.full, "toan-trinh"), (.partial, "mot-phan")]
        let lists = groups.map { group in (group, inForce.filter { $0.procedure.onlineService?.level == group.level }) }
        let count = lists.reduce(0) { $0 + $1.1.count }
        return Page(url: url, template: "danh-sach", title: "Thủ tục nộp trực tuyến", context: { [
            "heading": "Thủ tục nộp trực tuyến",
            "intro": .text("\(count) thủ tục có thể nộp hồ sơ qua Cổng Dịch vụ công quốc gia, toàn trình hoặc một phần."),
            "groups": .list(lists.filter { !$0.1.isEmpty }.map { group, list in
                ["letter": .text(Labels.online(group.level)), "id": .text(group.id), "items": self.listItems(list, root: root)]
            }),
            "empty": count == 0 ? true : nil,
        ] })
    }

    var notFound: Page {
        Page(url: "404.html", template: "404", title: "Không tìm thấy trang", context: { [:] })
    }
}
