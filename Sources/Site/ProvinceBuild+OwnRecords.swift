import Records

extension ProvinceBuild {
    /// The unit's own records it publishes, as a single site publishes its local records: `chon`
    /// takes them all but those in `chon.bo` (and never an internal one), each left out said at its
    /// code. A related code (`lien_quan`, `thay_the_boi`) the unit does not publish, from the pool
    /// or of its own, is the single site's warning at that code.
    static func ownRecords(of unit: ProvinceUnit, configuration: SiteConfiguration, publishedFromPool: Set<String>)
        -> (records: [Record], diagnostics: [Diagnostic]) {
        var records: [Record] = [], diagnostics: [Diagnostic] = []
        for record in unit.own {
            guard let procedure = record.procedure else { continue }
            guard let exclusion = configuration.exclusion(of: procedure) else {
                records.append(record)
                continue
            }
            // An internal procedure is already reported where `nguon_goc` says so.
            guard exclusion != .internalProcedure else { continue }
            diagnostics.append(Diagnostic(file: record.path, line: record.codePosition.line, column: record.codePosition.column,
                                          problem: .notSelected(procedure.code, exclusion, by: configuration)))
        }
        let published = publishedFromPool.union(records.compactMap(\.procedure?.code))
        for record in records {
            for reference in record.references where !published.contains(reference.code) {
                diagnostics.append(Diagnostic(file: record.path, line: reference.line, column: reference.column,
                                              problem: .unpublishedRelated(reference.code)))
            }
        }
        return (records, diagnostics)
    }
}
