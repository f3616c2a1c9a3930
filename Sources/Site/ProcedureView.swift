import Escaping
import Foundation
import Markdown
import Records

/// A procedure as its page's template sees it: every value already in the words citizens read.
struct ProcedureView {
    let procedure: Procedure
    let body: Body
    let configuration: SiteConfiguration
    /// Names of published procedures, for related links.
    let names: [String: String]
    /// Relative prefix from this page to the site root, e.g. `../../`.
    let root: String
    /// The published entry this view shows, and what a province's units share of its rendering.
    var entry: PublishedProcedure? = nil
    var shared: SharedRendering? = nil

    /// What the page's template sees: the procedure's own values (for an entry a province's units
    /// share, made once for all of them), then what depends on the unit publishing it.
    var context: TemplateValue {
        var context = shared.flatMap { shared in entry.map { shared.context(of: $0, root: root) { procedureContext } } } ?? procedureContext
        let p = procedure
        context["jsonLD"] = .text(StructuredData.governmentService(p, url: configuration.rootURL + "thu-tuc/\(p.code)/", configuration: configuration))
        context["abolished"] = p.status == .abolished ? abolishedNotice : nil
        context["summary"] = summary
        context["related"] = .section((p.related ?? []).compactMap { code in
            names[code].map { ["code": .text(code), "name": .text($0), "url": .text(root + "thu-tuc/\(code)/")] }
        })
        return context
    }

    /// The values that depend on the procedure and the page's depth alone.
    private var procedureContext: TemplateValue {
        let p = procedure
        let rendered = sectionsHTML
        return [
            "code": .text(p.code),
            "name": .text(p.name),
            "sector": ["name": .text(p.sector.name), "url": .text(root + "linh-vuc/\(SitePlan.sectorSlug(p.sector))/")],
            "levels": .list(p.levels.map { ["label": .text(Labels.level($0)), "url": .text(root + "cap/\(Labels.levelSlug($0))/")] }),
            "status": .text(Labels.status(p.status)),
            "channels": .section((p.channels ?? []).map { channel in
                [
                    "label": .text(Labels.channel(channel.kind)),
                    "time": .text(Labels.duration(channel.duration)),
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
                ["code": TemplateValue($0.code), "name": .text($0.name), "time": .text(Labels.duration($0.duration))]
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

    private var abolishedNotice: TemplateValue {
        [
            "abolishedOn": TemplateValue(Labels.date(procedure.abolishedDate)),
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
            "time": .text(Labels.duration(main?.duration)),
            "online": .text(Labels.online(p.onlineService?.level ?? .none)),
            "place": TemplateValue(p.local?.receivingAddress ?? p.receivingPlace ?? p.agencies?.executing.joined(separator: "; ")),
            "hours": TemplateValue(p.local?.openingHours ?? configuration.openingHours),
            "contact": TemplateValue(p.local?.contact),
            "note": TemplateValue(p.local?.note),
            "submitURL": TemplateValue(submitURL),
        ]
    }

    private var sectionsHTML: (steps: String?, conditions: String?, local: [TemplateValue]) {
        guard let shared, let entry else { return renderedSections }
        return shared.sections(of: entry, root: root) { renderedSections }
    }

    private var renderedSections: (steps: String?, conditions: String?, local: [TemplateValue]) {
        var steps: String?
        var conditions: String?
        var local: [TemplateValue] = []
        for section in body.sections {
            let html = Self.render(section.markdown, root: root)
            switch section.title {
            case Schema.nationalSections[0]?: steps = html
            case Schema.nationalSections[1]?: conditions = html
            case let title?: local.append(["heading": .text(title), "id": .text(Slug.make(title)), "html": .text(html)])
            case nil: local.append(["html": .text(html)])
            }
        }
        return (steps, conditions, local)
    }

    /// Markdown to HTML; site-absolute links (`/thu-tuc/…`) become relative so they work under any base path.
    static func render(_ markdown: String, root: String) -> String {
        MarkdownRenderer.render(markdown.nfc, anchor: Slug.make, rewriteLink: { target in
            target.hasPrefix("/") && !target.hasPrefix("//") ? root + target.dropFirst() : target
        }).html
    }
}
