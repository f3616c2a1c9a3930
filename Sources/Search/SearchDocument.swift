/// One procedure as search sees it: the fields in the order they weigh (SEARCH.md, "Fields
/// first"), what a result shows, and the facet values the page filters by.
public struct SearchDocument: Sendable {
    public var code: String
    public var name: String
    /// `tu_khoa` and the field's name: words the unit chose, or that classify the procedure.
    public var keywords: [String]
    /// Every other text of the page: documents, steps, conditions, legal bases, local notes.
    public var body: String
    public var abolished: Bool
    /// Facet key → indices into that facet's values (`SearchFacet.values`). A result shows the
    /// first value of each facet (its field, level, online level).
    public var facets: [String: [Int]]

    public init(code: String, name: String, keywords: [String], body: String, abolished: Bool, facets: [String: [Int]]) {
        self.code = code
        self.name = name
        self.keywords = keywords
        self.body = body
        self.abolished = abolished
        self.facets = facets
    }
}

/// A filter of the search page: its URL parameter, its label and its values in display order.
public struct SearchFacet: Sendable {
    public var key: String
    public var label: String
    public var values: [String]

    public init(key: String, label: String, values: [String]) {
        self.key = key
        self.label = label
        self.values = values
    }
}
