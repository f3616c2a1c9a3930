import Records

extension ProvinceUnit {
    /// The pool's records the unit publishes, each under its overlay when it has one, and its own
    /// records: what its pages show and its report counts (the build plans the same,
    /// `ProvinceBuild.plan`); an own record that could not be read counts as unreadable, as on a
    /// single site. Nil for a unit whose `site.yml` could not be read.
    func publishedRecords(from pool: [Record]) -> [Record]? {
        guard let configuration else { return nil }
        let fromPool = pool.compactMap { record -> Record? in
            guard let procedure = record.procedure, configuration.exclusion(of: procedure) == nil else { return nil }
            return overlays[procedure.code].map(record.overlaid(by:)) ?? record
        }
        return fromPool + own.filter { $0.procedure.map { configuration.exclusion(of: $0) == nil } ?? true }
    }
}
