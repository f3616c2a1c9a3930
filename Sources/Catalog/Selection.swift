import Records

extension SiteConfiguration {
    /// Whether the unit publishes this catalog procedure (`exclusion(of:)` says why not): one of
    /// its levels, its province's specific procedures only, never an internal one; then its field
    /// filter and explicit codes.
    public func publishes(_ procedure: Procedure) -> Bool {
        exclusion(of: procedure) == nil
    }
}
