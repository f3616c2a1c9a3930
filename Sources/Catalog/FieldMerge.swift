import Records

/// The three-way merge of one record's national part, decided field by field: a field the unit
/// changed and the catalog did not stays the unit's (a local override), a field only the catalog
/// changed takes the catalog's value, and only a field changed on both sides, differently, is a
/// conflict. Without a merge base nobody can tell who changed what: every field that differs from
/// the catalog is then a conflict.
struct FieldMerge {
    /// Changed on both sides, differently (or differing, without a base), in record order.
    var conflicts: [String] = []
    /// Changed here only: the unit's value is kept.
    var overrides: [String] = []

    init(local: [String: String], base: [String: String]?, catalog: [String: String]) {
        for key in NationalPart.fieldKeys where local[key] != catalog[key] {
            if let base, local[key] == base[key] { continue }  // the catalog's change lands
            if let base, catalog[key] == base[key] {
                overrides.append(key)
            } else {
                conflicts.append(key)
            }
        }
    }

    /// The fields that keep the unit's value once the conflicts are settled as `resolution` says
    /// (unsettled, the file is not written at all).
    func localFields(resolving resolution: CatalogSync.Resolution) -> Set<String> {
        Set(overrides + (resolution == .keepLocal ? conflicts : []))
    }
}
