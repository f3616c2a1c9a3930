import Records

extension ProvinceUnit {
    /// The pool's records the unit publishes, each under its overlay when it has one: what its
    /// pages show and its report counts (the build plans the same, `ProvinceBuild.plan`). Nil for
    /// a unit whose `site.yml` could not be read.
    func publishedRecords(from pool: [Record]) -> [Record]? {
        guard let configuration else { return nil }
        return pool.compactMap { record in
            guard let procedure = record.procedure, configuration.exclusion(of: procedure) == nil else { return nil }
            return overlays[procedure.code].map(record.overlaid(by:)) ?? record
        }
    }
}
