import Records
import Search

/// The published procedures as the search index sees them (SEARCH.md): which text goes in which
/// field, and the facets the search page filters by.
struct SearchEntries {
    let facets: [SearchFacet]
    /// Without their body text: it is made batch by batch in `index`, so that the text of every
    /// procedure (some 140 MB for 10,000) is never in memory at once.
    let documents: [SearchDocument]
    private let procedures: [PublishedProcedure]
    private let shared: SharedRendering?

    init(_ plan: SitePlan) {
        let procedures = plan.procedures
        self.procedures = procedures
        shared = plan.shared
        let sectors = plan.sectorGroups.map(\.sector)
        let levels = Self.levels(of: procedures.map(\.procedure))
        facets = Self.facets(of: plan)
        let sectorIndex = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($0.element, $0.offset) })
        documents = procedures.map { entry in
            let p = entry.procedure
            let online = p.onlineService?.level ?? .none
            return SearchDocument(
                code: p.code, name: p.name, keywords: (p.keywords ?? []) + [p.sector.name],
                body: "", abolished: p.status == .abolished,
                facets: ["linh-vuc": [sectorIndex[p.sector] ?? 0],
                         "cap": p.levels.compactMap { levels.firstIndex(of: $0) },
                         "truc-tuyen": [Self.onlineValues.firstIndex { $0.level == online } ?? 2]])
        }
    }

    /// Tokenizes every procedure on every core and writes the index files.
    var index: SearchIndex {
        let documents = documents
        let shared = self.shared
        var postings = SearchIndex.Postings()
        // In batches: a batch's term tables are merged and dropped before the next is made.
        for start in stride(from: 0, to: documents.count, by: 512) {
            let batch = start..<min(start + 512, documents.count)
            let procedures = procedures
            let terms = Parallel.map(batch.count) { offset -> DocumentTerms in
                let source = procedures[batch.lowerBound + offset]
                func terms() -> DocumentTerms {
                    var document = documents[batch.lowerBound + offset]
                    document.body = Self.bodyText(source.procedure, source.body)
                    return DocumentTerms(document)
                }
                // The terms depend on the entry alone (its facets are counted apart): one count for every unit.
                return shared.map { $0.terms(of: source, make: terms) } ?? terms()
            }
            for (offset, table) in terms.enumerated() { postings.add(table, document: batch.lowerBound + offset) }
        }
        return SearchIndex(documents: documents, postings: postings, facets: facets)
    }

    /// The filters, in the order the page shows them; a document's facet values index these lists.
    static func facets(of plan: SitePlan) -> [SearchFacet] {
        [
            SearchFacet(key: "linh-vuc", label: "Lĩnh vực", values: plan.sectorGroups.map(\.sector.name)),
            SearchFacet(key: "cap", label: "Cấp thực hiện", values: levels(of: plan.procedures.map(\.procedure)).map(Labels.level)),
            SearchFacet(key: "truc-tuyen", label: "Nộp trực tuyến", values: onlineValues.map(\.label)),
        ]
    }

    static let onlineValues: [(level: Procedure.OnlineService.Level, label: String)] = [
        (.full, "Toàn trình"), (.partial, "Một phần"), (.none, "Không, nộp trực tiếp hoặc qua bưu chính"),
    ]

    static func levels(of procedures: [Procedure]) -> [Procedure.Level] {
        let present = Set(procedures.flatMap(\.levels))
        return Procedure.Level.allCases.filter(present.contains)
    }

    /// Everything on the page besides the name, code and keywords.
    static func bodyText(_ p: Procedure, _ body: Body) -> String {
        var parts: [String] = []
        parts += (p.subjects ?? []).map(\.name)
        if let agencies = p.agencies {
            parts += agencies.executing + (agencies.competent ?? []) + (agencies.authorized ?? []) + (agencies.coordinating ?? [])
        }
        for channel in p.channels ?? [] {
            parts += [channel.description, channel.duration.description].compactMap { $0 }
            parts += channel.fees.compactMap(\.description)
        }
        for group in p.documentGroups ?? [] {
            parts += [group.name].compactMap { $0 }
            for document in group.documents { parts += [document.name] + (document.forms ?? []).map(\.name) }
        }
        parts += (p.cases ?? []).map(\.name)
        parts += [p.receivingPlace].compactMap { $0 }
        parts += (p.results ?? []).map(\.name)
        parts += (p.legalBases ?? []).map { "\($0.number) \($0.title)" }
        parts += body.sections.map { section in [section.title, section.markdown].compactMap { $0 }.joined(separator: "\n") }
        return parts.joined(separator: "\n")
    }
}
