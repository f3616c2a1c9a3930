import Records

/// A unit's folder name under `don-vi/`, which is also its address under the province's portal
/// (`public/<slug>/`, `<tinh base_url><slug>/`): lowercase ASCII letters and digits, words joined
/// by single hyphens, and never a name the province's output uses itself.
public enum UnitSlug {
    /// `assets/` holds the shared theme files; `tinh/` the province's own publication;
    /// `bao-cao/` the province's report of every unit.
    public static let reserved: Set<String> = ["assets", ProvinceConfiguration.ownSlug, "bao-cao"]

    public static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, name.first != "-", name.last != "-", !name.contains("--") else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The name it would be as a slug ("Xã Hoa Ban" → `xa-hoa-ban`), when that one is valid.
    public static func suggestion(for name: String) -> String? {
        let slug = Slug.make(name, maxLength: 100)
        return slug != name && isValid(slug) && !reserved.contains(slug) ? slug : nil
    }

    /// Why `name` cannot be a unit's folder, or nil.
    public static func problem(_ name: String) -> Problem? {
        guard isValid(name) else { return .invalidSlug(name, suggestion: suggestion(for: name)) }
        return reserved.contains(name) ? .reservedSlug(name) : nil
    }
}
