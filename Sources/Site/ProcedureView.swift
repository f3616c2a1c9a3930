import Escaping
import Foundation
import Markdown
import Records

/// A procedure as its page's template sees it: every value already in the words citizens read.
/// A class: each page holds one, and the preview copies its 10,000 pages into a table after every
/// save (a struct copy retained every text of the procedure and the site's configuration).
final class ProcedureView: @unchecked Sendable {
    /// The published entry this view shows (its procedure, body and file are the entry's, not
    /// copies), and what a province's units share of its rendering.
    let entry: PublishedProcedure
    let shared: SharedRendering?
    // Borrowed from the entry (`_read`), not copied at each use.
    var procedure: Procedure { _read { yield entry.procedure } }
    var body: Body { _read { yield entry.body } }
    /// The record's file, relative to the site.
    var path: String { entry.path }
    let configuration: SiteConfiguration
    /// Names of published procedures, for related links.
    let names: [String: String]
    /// Relative prefix from this page to the site root, e.g. `../../`.
    let root: String
    /// Its field's page under `linh-vuc/` (unique among the site's fields).
    let sectorSlug: String
    /// Ids the page's templates write themselves: a heading from the record never takes one.
    let reservedIDs: Set<String>
    /// When a sync found the procedure gone from the catalog and marked it abolished (the change
    /// log's word), if that is its latest change.
    let absentSince: String?

    init(entry: PublishedProcedure, configuration: SiteConfiguration, names: [String: String], root: String,
         sectorSlug: String, reservedIDs: Set<String>, absentSince: String?, shared: SharedRendering? = nil) {
        self.entry = entry
        self.configuration = configuration
        self.names = names
        self.root = root
        self.sectorSlug = sectorSlug
        self.reservedIDs = reservedIDs
        self.absentSince = absentSince
        self.shared = shared
    }

    typealias Sections = (steps: String?, conditions: String?, local: [TemplateValue])

    /// `body` rendered: the caller keeps what cmark found in it.
    func context(_ body: RenderedBody) -> TemplateValue {
        context { sectionsHTML(body) }
    }

    /// The body rendered here, what cmark finds in it not kept. For a unit of a province, the
    /// sections of a pool record are rendered once for every unit that publishes it (and what cmark
    /// finds in them is checked once, on the pool's record).
    var renderedContext: TemplateValue {
        context {
            let render = { self.sectionsHTML(RenderedBody(self.body, root: self.root, reservedIDs: self.reservedIDs)) }
            guard let shared else { return render() }
            return shared.sections(of: entry, root: root, make: render)
        }
    }

    /// What the page's template sees: the procedure's own values (for an entry a province's units
    /// share, made once for all of them), then what depends on the site publishing it.
    private func context(_ sections: () -> Sections) -> TemplateValue {
        var context = shared.map { shared in shared.context(of: entry, root: root) { procedureContext(sections()) } }
            ?? procedureContext(sections())
        let p = procedure
        context["jsonLD"] = .text(StructuredData.governmentService(p, url: configuration.rootURL + "thu-tuc/\(p.code)/", configuration: configuration))
        // A field's slug is unique among the site's own fields, which differ from unit to unit.
        context["sector"] = ["name": .text(p.sector.name), "url": .text(root + "linh-vuc/\(sectorSlug)/")]
        context["abolished"] = p.status == .abolished ? abolishedNotice : nil
        context["summary"] = summary
        context["related"] = .section((p.related ?? []).compactMap { code in
            names[code].map { ["code": .text(code), "name": .text($0), "url": .text(root + "thu-tuc/\(code)/")] }
        })
        return context
    }

    /// The values that depend on the procedure and the page's depth alone.
    private func procedureContext(_ rendered: Sections) -> TemplateValue {
        let p = procedure
        return [
            "code": .text(p.code),
            "name": .text(p.name),
            "levels": .list(p.levels.map { ["label": .text(Labels.level($0)), "url": .text(root + "cap/\(Labels.levelSlug($0))/")] }),
            "status": .text(Labels.status(p.status)),
            "channels": .section((p.channels ?? []).map { channel in
                [
                    "label": .text(Labels.channel(channel.kind)),
                    "time": .text(Labels.duration(channel.duration, otherwise: p.local?.duration)),
                    "fees": TemplateValue(channel.fees.isEmpty ? ["Không quy định"] : channel.fees.map(Labels.fee)),
                    "channelNote": TemplateValue(channel.description),
                ]
            }),
            "documentGroups": .section((p.documentGroups ?? []).map { group in
                [
                    "groupName": TemplateValue(group.name),
                    "documents": .list(group.documents.map { document in
                        [
                            // The portal writes many names as "- …" items; the checklist has its own boxes.
                            "name": .text(Self.withoutListMarker(document.name)),
                            "originals": TemplateValue(document.originals),
                            "copies": TemplateValue(document.copies),
                            "forms": .list((document.forms ?? []).map { ["formName": .text($0.name), "formURL": TemplateValue($0.url.flatMap(HTML.address))] }),
                        ]
                    }),
                ]
            }),
            "subjects": .section((p.subjects ?? []).map { .text($0.name) }),
            "agencies": p.agencies.map { agencies in
                [
                    "executing": TemplateValue(agencies.executing),
                    "competent": .section((agencies.competent ?? []).map(TemplateValue.text)),
                    "authorized": .section((agencies.authorized ?? []).map(TemplateValue.text)),
                    "coordinating": .section((agencies.coordinating ?? []).map(TemplateValue.text)),
                ]
            } ?? nil,
            "receivingPlace": TemplateValue(p.receivingPlace),
            "results": .section((p.results ?? []).map { .text($0.name) }),
            "legalBases": .section((p.legalBases ?? []).map { ["number": .text($0.number), "title": .text($0.title)] }),
            "cases": .section((p.cases ?? []).map {
                ["code": TemplateValue($0.code), "name": .text($0.name), "time": .text(Labels.duration($0.duration, otherwise: p.local?.duration))]
            }),
            "decision": p.decision.map {
                ["number": .text($0.number), "date": .text(Labels.date($0.date) ?? $0.date), "issuer": .text($0.issuer)]
            } ?? nil,
            "sourceURL": TemplateValue(p.source?.url.flatMap(HTML.address)),
            "synchronizedAt": TemplateValue(Labels.date(p.source?.synchronizedAt)),
            "steps": TemplateValue(rendered.steps),
            "conditions": TemplateValue(rendered.conditions),
            "localSections": .list(rendered.local),
        ]
    }

    /// What is known of the abolition, and nothing more. Sync learns of one only when the catalog
    /// drops the procedure: the record then has no `ngay_bai_bo` (older syncs wrote that day there)
    /// and the change log says which sync noticed, so the page says since when it is missing.
    private var abolishedNotice: TemplateValue {
        let noticed = absentSince.map { String($0.prefix(10)) }
        let date = procedure.abolishedDate.flatMap { $0 == noticed ? nil : $0 }
        let absent: TemplateValue = date == nil ? TemplateValue(Labels.date(noticed)) : .null
        let undated: TemplateValue = date == nil && noticed == nil ? .flag(true) : .null
        return [
            "abolishedOn": TemplateValue(Labels.date(date)),
            "absentSince": absent,
            "abolishedUndated": undated,
            "replacedBy": procedure.replacedBy.map { code in
                ["code": .text(code), "name": .text(names[code] ?? code), "url": .text(root + "thu-tuc/\(code)/")]
            } ?? nil,
        ]
    }

    static func withoutListMarker(_ text: String) -> String {
        // Compared as bytes: every marker is whole characters, and most names start with none.
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == 0xE2 else { return text }
        // At least two characters after the marker, counted without walking the whole name.
        for marker in ["- ", "+ ", "• ", "-", "+"] where text.utf8.starts(with: marker.utf8) && !text.dropFirst(marker.count + 1).isEmpty {
            return String(text.dropFirst(marker.count)).trimmingSpaces()
        }
        return text
    }

    /// The box at the top: what a citizen asks first.
    private var summary: TemplateValue {
        let p = procedure
        let channels = p.channels ?? []
        let main = channels.first { $0.kind == .inPerson } ?? channels.first
        var fees: [String] = main.map { $0.fees.map(Labels.fee) } ?? []
        if let local = p.local?.fees { fees = [local] }
        var submitURL: String?
        if let service = p.onlineService, service.level != .none, p.status != .abolished { submitURL = service.url.flatMap(HTML.address) }
        return [
            "fees": TemplateValue(fees.isEmpty ? ["Không quy định"] : fees),
            // The unit's own time, as its own fee, is what the summary tells first.
            "time": .text(p.local?.duration ?? Labels.duration(main?.duration)),
            "online": .text(Labels.online(p.onlineService?.level ?? .none)),
            "place": TemplateValue(p.local?.receivingAddress ?? p.receivingPlace ?? p.agencies?.executing.joined(separator: "; ")),
            "hours": TemplateValue(p.local?.openingHours ?? configuration.openingHours),
            "contact": TemplateValue(p.local?.contact),
            "note": TemplateValue(p.local?.note),
            "submitURL": TemplateValue(submitURL),
        ]
    }

    private func sectionsHTML(_ rendered: RenderedBody) -> Sections {
        var steps: String?
        var conditions: String?
        var local: [TemplateValue] = []
        for (index, section) in body.sections.enumerated() {
            let html = rendered.html[index]
            switch section.title {
            case Schema.nationalSections[0]?: steps = html
            case Schema.nationalSections[1]?: conditions = html
            case let title?: local.append(["heading": .text(title), "id": .text(rendered.headingIDs[index] ?? Slug.make(title)), "html": .text(html)])
            case nil: local.append(["html": .text(html)])
            }
        }
        return (steps, conditions, local)
    }
}

/// A record's body rendered for its page, each section once: its HTML, and what cmark found in it
/// (the same parse, so that what is checked is what is shown). Every heading's id is unique on
/// the page: the template's own ids are taken first, then each heading in the order of the file.
struct RenderedBody {
    var html: [String] = []
    var outlines: [MarkdownOutline] = []
    /// The id of each section's own heading (a unit's section), by the section's place.
    var headingIDs: [Int: String] = [:]

    init(_ body: Body, root: String, reservedIDs: Set<String> = []) {
        var ids = PageIDs(reserved: reservedIDs)
        for (index, section) in body.sections.enumerated() {
            if let title = section.title, !Schema.nationalSections.contains(title) {
                headingIDs[index] = ids.claim(Slug.make(title))
            }
            let rendered = Self.render(section.markdown, root: root, ids: &ids)
            html.append(rendered.html)
            outlines.append(rendered.outline)
        }
    }

    /// Markdown to HTML; site-absolute links (`/thu-tuc/…`) become relative so they work under any base path.
    static func render(_ markdown: String, root: String, ids: inout PageIDs) -> RenderedMarkdown {
        MarkdownRenderer.render(markdown.nfc, anchor: { ids.claim(Slug.make($0)) }, rewriteLink: { target in
            target.hasPrefix("/") && !target.hasPrefix("//") ? root + target.dropFirst() : target
        })
    }
}
