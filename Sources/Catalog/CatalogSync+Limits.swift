import Records

extension CatalogSync {
    /// Below this many bytes no record limit can be reached: a file of 1 MB, a body of 256 KB,
    /// and 200,000 values, each of which takes at least two bytes of front matter (`- `, `: `).
    static let sizeWithinEveryLimit = 200_000

    /// Why `text`, which sync is about to write, would fail `tthc check` on a record limit; nil
    /// when it will not. A text large enough to reach one is read back as `tthc check` reads
    /// it (rare: the largest national record is a tenth of this), so a catalog entry with a
    /// 300 KB step or 300,000 documents is reported instead of written and then blocking its code.
    static func limitProblem(_ text: String, path: String) -> Localized? {
        guard text.utf8.count > sizeWithinEveryLimit else { return nil }
        return problem(ofWriting: text, path: path)
    }

    /// Why `text` would fail `tthc check`, read back as check reads it; nil when it passes. Every
    /// field of a merged record passed alone; this makes sure they pass together.
    static func problem(ofWriting text: String, path: String) -> Localized? {
        let errors = Record.read(bytes: Array(text.utf8), path: path).diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return nil }
        func listed(_ language: Language) -> String {
            errors.prefix(3).map { "\($0.line):\($0.column) \($0.message(language))" }.joined(separator: "; ")
        }
        return Localized(vi: "bản ghi sẽ viết ra không hợp lệ nên không ghi: \(listed(.vi))",
                         en: "the record would not be valid, so it is not written: \(listed(.en))")
    }
}
