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
        let rendered = sectionsHTML
        return ViewValues.compact([
            "code": p.code,
            "name": p.name,
            "jsonLD": StructuredData.governmentService(p, url: configuration.rootURL + "thu-tuc/\(p.code)/", configuration: configuration),
            "sector": ["name": p.sector.name, "url": root + "linh-vuc/\(SitePlan.sectorSlug(p.sector))/"],
            "levels": p.levels.map { ["label": Labels.level($0), "url": root + "cap/\(Labels.levelSlug($0))/"] },
            "status": Labels.status(p.status),
            "abolished": p.status == .abolished ? abolishedNotice : nil,
            "summary": summary,
            "channels": ViewValues.section((p.channels ?? []).map { channel in
                ViewValues.compact([
                    "label": Labels.channel(channel.kind),
                    "time": Labels.duration(channel.duration),
                    "fees": channel.fees.isEmpty ? ["Không quy định"] : channel.fees.map(Labels.fee),
                    "channelNote": channel.description,
                ])
            }),
            "documentGroups": ViewValues.section((p.documentGroups ?? []).map { group in
                ViewValues.compact([
                    "groupName": group.name,
                    "documents": group.documents.map { document in
                        [
                            // The portal writes many names as "- …" items; the checklist has its own boxes.
                            "name": Self.withoutListMarker(document.name),
                            "originals": document.originals,
                            "copies": document.copies,
                            "forms": (document.forms ?? []).map { ViewValues.compact(["formName": $0.name, "formURL": $0.url]) },
                        ] as [String: Any]
                    },
                ])
            }),
            "subjects": ViewValues.section((p.subjects ?? []).map(\.name)),
            "agencies": p.agencies.map { agencies in
                ViewValues.compact([
                    "executing": agencies.executing,
                    "competent": ViewValues.section(agencies.competent ?? []),
                    "authorized": ViewValues.section(agencies.authorized ?? []),
                    "coordinating": ViewValues.section(agencies.coordinating ?? []),
                ])
            },
            "receivingPlace": p.receivingPlace,
            "results": ViewValues.section((p.results ?? []).map(\.name)),
            "legalBases": ViewValues.section((p.legalBases ?? []).map { ["number": $0.number, "title": $0.title] }),
            "cases": ViewValues.section((p.cases ?? []).map {
                ["code": $0.code, "name": $0.name, "time": Labels.duration($0.duration)]
            }),
            "related": ViewValues.section((p.related ?? []).compactMap { code in
                names[code].map { ["code": code, "name": $0, "url": root + "thu-tuc/\(code)/"] }
            }),
            "decision": p.decision.map {
                ["number": $0.number, "date": Labels.date($0.date) ?? $0.date, "issuer": $0.issuer]
            },
            "sourceURL": p.source?.url,
            "synchronizedAt": Labels.date(p.source?.synchronizedAt),
            "steps": rendered.steps,
            "conditions": rendered.conditions,
            "localSections": rendered.local,
        ])
    }

    private var abolishedNotice: [String: Any] {
        ViewValues.compact([
            "abolishedOn": Labels.date(procedure.abolishedDate),
            "replacedBy": procedure.replacedBy.map { code in
                ["code": code, "name": names[code] ?? code, "url": root + "thu-tuc/\(code)/"]
            },
        ])
    }

    static func withoutListMarker(_ text: String) -> String {
        // Compared as bytes: every marker is whole characters, and most names start with none.
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == 0xE2 else { return text }
        for marker in ["- ", "+ ", "• ", "-", "+"] where text.utf8.starts(with: marker.utf8) && text.count > marker.count + 1 {
            return String(text.dropFirst(marker.count)).trimmingSpaces()
        }
        return text
    }

    /// The box at the top: what a citizen asks first.
    private var summary: [String: Any] {
        let p = procedure
        let channels = p.channels ?? []
        let main = channels.first { $0.kind == .inPerson } ?? channels.first
        var fees: [String] = main.map { $0.fees.map(Labels.fee) } ?? []
        if let local = p.local?.fees { fees = [local] }
        var submitURL: String?
        if let service = p.onlineService, service.level != .none, p.status != .abolished { submitURL = service.url }
        return ViewValues.compact([
            "fees": fees.isEmpty ? ["Không quy định"] : fees,
            "time": Labels.duration(main?.duration),
            "online": Labels.online(p.onlineService?.level ?? .none),
            "place": p.local?.receivingAddress ?? p.receivingPlace ?? p.agencies?.executing.joined(separator: "; "),
            "hours": p.local?.openingHours ?? configuration.openingHours,
            "contact": p.local?.contact,
            "note": p.local?.note,
            "submitURL": submitURL,
        ])
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
            case let title?: local.append(["heading": title, "id": Slug.make(title), "html": html])
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
