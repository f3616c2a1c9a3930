/// Which of a record's warnings are about the national record rather than the unit's own text
/// (`Problem+NationalData`). Whether the national part is still as sync wrote it is decided
/// outside (by sync's own bookkeeping: `Catalog/AsSynced`); here, where each warning is.
extension Record {
    /// Imported from the national catalog: its national part belongs to sync. Read from the
    /// front matter as far as it goes when an error left no procedure: a record with an error in
    /// its `dia_phuong` block is still imported, and its advice must still edit no national key.
    public var isImported: Bool {
        guard let procedure else { return frontMatter?["nguon"]?["he_thong"]?.string == Procedure.Source.System.national.rawValue }
        return procedure.source?.system == .national
    }

    /// A warning that may be the national record's: worth asking whether the national part is
    /// as sync wrote it (a look at each warning's code, nothing more).
    public var mayHaveNationalFindings: Bool {
        isImported && diagnostics.contains { $0.problem.mayBeNational }
    }

    /// `line` of the file is in the national part: a line of the front matter (up to its closing
    /// `---`, where a missing steps section is reported) outside the `dia_phuong` block, or a
    /// line of a national section.
    func isNational(line: Int) -> Bool {
        if line >= 1, line < body.firstLine { return !(localLines?.contains(line) ?? false) }
        let sections = body.sections
        guard let index = sections.lastIndex(where: { $0.line <= line }) else { return false }
        return sections[index].isNational
    }

    /// Says of each warning on the national part whose it is. `asSynced`: the national part is
    /// still as sync wrote it, so such a warning is the national record's (`origin: .national`),
    /// in the words of its `NationalReading`. Otherwise the unit has edited the part and the
    /// warning is its own; where a `dia_phuong` key would answer it, the advice says so, so that
    /// no advice leads to editing a national key sync will want to change.
    public mutating func classifyFindings(nationalPartAsSynced asSynced: Bool) {
        guard isImported else { return }
        let announcedBy = procedure?.source?.announcedBy?.name
        for index in diagnostics.indices {
            let diagnostic = diagnostics[index]
            guard diagnostic.origin == .unit, diagnostic.problem.mayBeNational, isNational(line: diagnostic.line),
                  let reading = diagnostic.problem.nationalReading else { continue }
            if asSynced {
                diagnostics[index].origin = .national
                diagnostics[index].problem.message = reading.message
                diagnostics[index].problem.suggestion = suggestion(reading, announcedBy: announcedBy)
            } else if reading.localKey != nil {
                let own = diagnostic.problem.suggestion.map { ($0.vi + " ", $0.en + " ") } ?? ("", "")
                let local = suggestion(reading, announcedBy: announcedBy)
                diagnostics[index].problem.suggestion = Localized(
                    vi: own.0 + "Tệp này nhập từ CSDL quốc gia; cách không gây xung đột khi đồng bộ: " + local.vi,
                    en: own.1 + "This record comes from the national catalog; the way that never conflicts with a sync: " + local.en)
            }
        }
    }

    /// The advice of `reading` for this record, with where to write its `dia_phuong` line. A
    /// meanwhile line already written is not asked for again (the gap itself stays the body's).
    private func suggestion(_ reading: NationalReading, announcedBy: String?) -> Localized {
        var reading = reading
        if case .report(meanwhile: let line?) = reading.action, hasLocalText(line.key) { reading.action = .report(meanwhile: nil) }
        let advice = reading.advice(announcedBy: announcedBy)
        guard let example = reading.localLine?.example else { return advice }
        let place = whereToWrite(example)
        return Localized(vi: advice.vi + " " + place.vi, en: advice.en + " " + place.en)
    }

    /// A warning the unit has answered for citizens: one a `dia_phuong` key would answer, on the
    /// national part of an imported record, once that key has text (the page shows it).
    public func isAnsweredLocally(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.problem.mayBeNational, let key = diagnostic.problem.inNationalData?.localKey, isImported,
              hasLocalText(key) else { return false }
        return isNational(line: diagnostic.line)
    }

    /// `dia_phuong.<key>` holds more than blanks.
    private func hasLocalText(_ key: String) -> Bool {
        guard let text = procedure?.local?.text(key) else { return false }
        return !text.allSatisfy(\.isWhitespace)
    }

    /// The diagnostics `tthc check` reports: all but those the unit has answered in `dia_phuong`
    /// (the compliance report still lists them as gaps of the national record).
    public var reportedDiagnostics: [Diagnostic] {
        guard procedure?.local != nil else { return diagnostics }
        return diagnostics.filter { !isAnsweredLocally($0) }
    }
}
