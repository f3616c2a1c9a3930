/// Which procedures a unit publishes (`chon` of its `site.yml`), and, for one it does not, why:
/// sync imports by this rule, and the build leaves out a record it refuses (issue 16: what is
/// published is what `site.yml` selects, whatever files `content/thu-tuc/` holds).
extension SiteConfiguration {
    public enum Exclusion: Sendable, Equatable {
        /// `nguon_goc: noi_bo`: never public.
        case internalProcedure
        /// Its code is in `chon.bo`.
        case removed
        /// A province-specific procedure another province announced (its code there, if written).
        case otherProvince(String?)
        /// None of its levels is in `chon.cap_thuc_hien`.
        case level([Procedure.Level])
        /// Its field is not in `chon.linh_vuc`.
        case sector(String)
    }

    /// Nil when the unit publishes `procedure`. A catalog procedure (`nguon.he_thong: csdlqg`)
    /// must be of one of the unit's levels, of its province if province-specific, then pass the
    /// field filter and the explicit codes. A record the unit wrote itself answers only to `bo`:
    /// its levels and origin are what the unit chose to write.
    public func exclusion(of procedure: Procedure) -> Exclusion? {
        if procedure.origin == .internal { return .internalProcedure }
        if selection.remove?.contains(procedure.code) == true { return .removed }
        guard procedure.source?.system == .national else { return nil }
        if procedure.origin == .provinceSpecific, procedure.source?.announcedBy?.code != province.code {
            return .otherProvince(procedure.source?.announcedBy?.code)
        }
        if selection.add?.contains(procedure.code) == true { return nil }
        guard procedure.levels.contains(where: selection.levels.contains) else { return .level(procedure.levels) }
        if let sectors = selection.sectors, !sectors.contains(procedure.sector.code) { return .sector(procedure.sector.code) }
        return nil
    }
}

extension SiteConfiguration {
    /// Everything `exclusion(of:)` reads of the unit, as one text: two units with the same key
    /// select the same procedures. Sync keys what it remembers of the catalog's entries by it, so
    /// that a changed `chon` is never answered from memory.
    public var selectionKey: String {
        // Control characters apart: no code or name holds them, so two selections never join alike.
        func list(_ values: [String]?) -> String { values.map { $0.sorted().joined(separator: "\u{1F}") } ?? "\u{18}" }
        return [province.code, list(selection.levels.map(\.rawValue)), list(selection.sectors), list(selection.add ?? []),
                list(selection.remove ?? [])].joined(separator: "\u{1E}")
    }
}
