import Escaping
import Records

/// The national record's findings of one check, one line per kind: a fresh import holds about a
/// hundred of them, and listed one by one they would bury the few problems that are the unit's.
/// `tthc check --du-lieu-quoc-gia` lists them one by one.
struct NationalSummary {
    struct Kind {
        var code: String
        var kind: Localized
        var advice: Localized
        /// Distinct files, and findings in them.
        var procedures: Int
        var places: Int
    }

    /// The most common kind first, then by code and words: the same order on every run.
    var kinds: [Kind]
    var count: Int
    var procedures: Int

    init(_ diagnostics: [Diagnostic]) {
        var groups: [String: (kind: Kind, files: Set<String>)] = [:]
        var files: Set<String> = []
        var count = 0
        for diagnostic in diagnostics where diagnostic.origin == .national {
            guard let reading = diagnostic.problem.nationalReading else { continue }
            count += 1
            files.insert(diagnostic.file)
            let key = diagnostic.code + "\u{0}" + reading.kind.vi
            var group = groups[key] ?? (Kind(code: diagnostic.code, kind: reading.kind, advice: reading.advice(), procedures: 0, places: 0), [])
            group.kind.places += 1
            group.files.insert(diagnostic.file)
            group.kind.procedures = group.files.count
            groups[key] = group
        }
        kinds = groups.values.map(\.kind).sorted {
            ($1.procedures, $1.places, $0.code, $0.kind.vi) < ($0.procedures, $0.places, $1.code, $1.kind.vi)
        }
        self.count = count
        procedures = files.count
    }

    var isEmpty: Bool { count == 0 }

    private func amount(_ kind: Kind, _ language: Language) -> String {
        let places = kind.places == kind.procedures ? "" : language == .vi ? " (\(kind.places) chỗ)" : " (\(kind.places) places)"
        return language == .vi ? "\(kind.procedures) thủ tục\(places)" : "\(kind.procedures) procedure\(kind.procedures == 1 ? "" : "s")\(places)"
    }

    /// The block `tthc check` prints above its count.
    func text(_ language: Language) -> String {
        guard !isEmpty else { return "" }
        var out = language == .vi
            ? "Dữ liệu quốc gia: \(count) chỗ ở \(procedures) thủ tục, đúng như CSDL quốc gia đang ghi; không phải lỗi của đơn vị, --strict không tính:\n"
            : "National data: \(count) findings in \(procedures) procedures, as the national catalog has them; not the unit's mistakes, --strict does not count them:\n"
        for kind in kinds {
            out += "  \(amount(kind, language)): \(TerminalText.escape(kind.kind[language]))\n"
            out += "    → \(TerminalText.escape(kind.advice[language]))\n"
        }
        out += language == .vi ? "  Từng thủ tục, từng chỗ: tthc check --du-lieu-quoc-gia\n"
                               : "  Each procedure and place: tthc check --du-lieu-quoc-gia\n"
        return out
    }

    /// One notice per kind, on no file: a pull request is not annotated a hundred times for
    /// what its author did not write.
    func github(_ language: Language) -> String {
        kinds.map { kind in
            let title = language == .vi ? "Dữ liệu quốc gia" : "National data"
            let message = "\(amount(kind, language)): \(kind.kind[language]). \(kind.advice[language]) (tthc check --du-lieu-quoc-gia)"
            return "::notice title=\(DiagnosticReport.escapeProperty(title))::\(DiagnosticReport.escapeData(message))\n"
        }.joined()
    }
}
