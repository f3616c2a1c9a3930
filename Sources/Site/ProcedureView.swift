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

    var context: [String: Any] {
        let p = procedure
        var context: [String: Any] = [
            "code": p.code,
            "name": p.name,
            "sector": ["name": p.sector.name, "url": root + "linh-vuc/\(SitePlan.sectorSlug(p.sector))/"],
            "levels": p.levels.map { ["label": Labels.level($0), "url": root + "cap/\(Labels.levelSlug($0))/"] },
            "status": Labels.status(p.status),
            "abolished": p.status == .abolished,
            "summary": summary,
            "channels": (p.channels ?? []).map { channel in
                [
                    "label": Labels.channel(channel.kind),
                    "time": Labels.duration(channel.duration),
                    "fees": channel.fees.isEmpty ? ["Không quy định"] : channel.fees.map(Labels.fee),
                    "description": channel.description as Any,
                ] as [String: Any]
            },
            "documentGroups": (p.documentGroups ?? []).map { group in
                [
                    "name": group.name as Any,
                    "documents": group.documents.map { document in
                        [
                            "name": document.name,
                            "originals": document.originals,
                            "copies": document.copies,
                            "forms": (document.forms ?? []).map { ["name": $0.name, "url": $0.url as Any] },
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "subjects": (p.subjects ?? []).map(\.name),
            "results": (p.results ?? []).map { ["name": $0.name, "code": $0.code as Any] },
            "legalBases": (p.legalBases ?? []).map { ["number": $0.number, "title": $0.title] },
            "cases": (p.cases ?? []).map { ["code": $0.code, "name": $0.name, "time": Labels.duration($0.duration)] },
            "related": (p.related ?? []).compactMap { code in
                names[code].map { ["code": code, "name": $0, "url": root + "thu-tuc/\(code)/"] }
            },
        ]
        if let agencies = p.agencies {
            context["agencies"] = [
                "executing": agencies.executing,
                "competent": agencies.competent ?? [],
                "authorized": agencies.authorized ?? [],
                "coordinating": agencies.coordinating ?? [],
            ]
        }
        if let receivingPlace = p.receivingPlace { context["receivingPlace"] = receivingPlace }
        if let decision = p.decision {
            context["decision"] = ["number": decision.number, "date": Labels.date(decision.date) ?? decision.date,
                                   "issuer": decision.issuer]
        }
        if p.status == .abolished {
            context["abolishedDate"] = Labels.date(p.abolishedDate) as Any
            if let replacement = p.replacedBy {
                context["replacedBy"] = ["code": replacement, "name": names[replacement] ?? replacement,
                                         "url": root + "thu-tuc/\(replacement)/"]
            }
        }
        if let source = p.source {
            context["sourceURL"] = source.url as Any
            context["synchronizedAt"] = Labels.date(source.synchronizedAt) as Any
        }
        let rendered = sectionsHTML
        context["steps"] = rendered.steps as Any
        context["conditions"] = rendered.conditions as Any
        context["localSections"] = rendered.local
        return context
    }

    /// The box at the top: what a citizen asks first.
    private var summary: [String: Any] {
        let p = procedure
        let channels = p.channels ?? []
        let main = channels.first { $0.kind == .inPerson } ?? channels.first
        var fees: [String] = main.map { $0.fees.map(Labels.fee) } ?? []
        if let local = p.local?.fees { fees = [local] }
        var summary: [String: Any] = [
            "fees": fees.isEmpty ? ["Không quy định"] : fees,
            "time": Labels.duration(main?.duration),
            "online": Labels.online(p.onlineService?.level ?? .none),
        ]
        summary["place"] = p.local?.receivingAddress ?? p.receivingPlace ?? p.agencies?.executing.joined(separator: "; ")
        summary["hours"] = p.local?.openingHours ?? configuration.openingHours
        summary["contact"] = p.local?.contact
        summary["note"] = p.local?.note
        if let service = p.onlineService, service.level != .none, let url = service.url, p.status != .abolished {
            summary["submitURL"] = url
        }
        return summary
    }

    private var sectionsHTML: (steps: String?, conditions: String?, local: [[String: Any]]) {
        var steps: String?
        var conditions: String?
        var local: [[String: Any]] = []
        for section in body.sections {
            let html = Self.render(section.markdown, root: root)
            switch section.title {
            case Schema.nationalSections[0]?: steps = html
            case Schema.nationalSections[1]?: conditions = html
            case let title?: local.append(["title": title, "id": Slug.make(title), "html": html])
            case nil: local.append(["html": html])
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
