import Records

/// What a site publishes of the records it holds (issue 16): `chon` of `site.yml` decides at
/// build time, whatever files `content/thu-tuc/` holds, so a code added to `bo`, a corrected
/// `tinh.ma` or another province's procedure copied in leaves the site at the next build. Each
/// record left out is reported at its code (a warning: the file is kept, only not published).
struct SelectedRecords {
    /// Records published, and those that could not be read (their errors block the build anyway).
    var records: [Record]
    var diagnostics: [Diagnostic] = []

    init(_ all: [Record], configuration: SiteConfiguration) {
        records = []
        var leftOut: Set<String> = []
        for record in all {
            guard let procedure = record.procedure, let exclusion = configuration.exclusion(of: procedure) else {
                records.append(record)
                continue
            }
            leftOut.insert(procedure.code)
            // An internal procedure is already reported where `nguon_goc` says so.
            guard exclusion != .internalProcedure else { continue }
            diagnostics.append(Diagnostic(file: record.path, line: record.codePosition.line, column: record.codePosition.column,
                                          problem: .notSelected(procedure.code, exclusion, by: configuration)))
        }
        // A related procedure the site holds but does not publish gets no link either: said like one it does not hold.
        for record in records {
            for reference in record.references where leftOut.contains(reference.code) {
                diagnostics.append(Diagnostic(file: record.path, line: reference.line, column: reference.column,
                                              problem: .unpublishedRelated(reference.code)))
            }
        }
    }
}

extension SiteContent {
    /// The records the site publishes (the build's, and so the report's): what `chon` selects.
    public var publishedRecords: [Record] {
        configuration.map { SelectedRecords(records, configuration: $0).records } ?? records
    }
}
