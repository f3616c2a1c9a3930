import Records

extension SiteConfiguration {
    /// Whether the unit publishes this catalog procedure: one of its levels, its province's
    /// specific procedures only, never an internal one; then its field filter and explicit codes.
    public func publishes(_ procedure: Procedure) -> Bool {
        if procedure.origin == .internal { return false }
        if selection.remove?.contains(procedure.code) == true { return false }
        if procedure.origin == .provinceSpecific, procedure.source?.announcedBy?.code != province.code { return false }
        if selection.add?.contains(procedure.code) == true { return true }
        guard procedure.levels.contains(where: selection.levels.contains) else { return false }
        if let sectors = selection.sectors, !sectors.contains(procedure.sector.code) { return false }
        return true
    }
}
