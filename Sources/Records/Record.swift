/// One procedure file as read from `content/thu-tuc/`: what it says and what is wrong with it.
public struct Record: Sendable {
    /// Path relative to the site folder, with `/` separators.
    public var path: String
    /// The typed procedure, present when the front matter has no error. Held in a box of its own
    /// (copied on write): a build and each `tthc serve` rebuild copy every record several times,
    /// and a procedure held inline made each copy retain every one of its texts (`swift_retain`
    /// and `swift_release` were 38 % of a rebuild at 10,000 procedures).
    public var procedure: Procedure? {
        _read { yield procedureBox.value }
        _modify {
            if !isKnownUniquelyReferenced(&procedureBox) { procedureBox = ProcedureBox(procedureBox.value) }
            yield &procedureBox.value
        }
    }
    private var procedureBox: ProcedureBox
    /// The front matter as far as it could be read, even with errors (for cross-file checks).
    public var frontMatter: Value?
    public var body: Body
    public var diagnostics: [Diagnostic]
    /// Where `ma_thu_tuc`'s value is written, for problems about the code itself.
    public var codePosition: (line: Int, column: Int)
    /// The `dia_phuong:` block exactly as written in the front matter (its lines, LF-terminated),
    /// so that sync can put it back byte for byte.
    public var localBlock: String?
    /// The file lines of that block, from `dia_phuong:` to its last line: outside the national part.
    public var localLines: ClosedRange<Int>?
    /// Whether the national part is still as sync wrote it (`Catalog/AsSynced`); nil when nothing
    /// asked, as for a record without a warning that could be the national record's.
    public var nationalPartAsSynced: Bool?
    /// Where the unit's own part of this record is written when not in the file itself: for a
    /// province's pool, the units' overlay folders (`don-vi/<tên>/thu-tuc`); nil for a site's record.
    public var localPartsFolder: String?
    /// How the file was saved (Windows editors write CRLF and sometimes a BOM): sync keeps it.
    public var style = FileStyle()

    public struct FileStyle: Sendable, Equatable {
        public var crlf = false
        public var byteOrderMark = false
        public init() {}
    }

    /// Codes of other procedures this one names (`lien_quan`, `thay_the_boi`), where they are written.
    public var references: [Reference] = []

    public struct Reference: Sendable, Equatable {
        public var code: String
        public var line: Int
        public var column: Int
    }

    /// The procedure code, as far as it could be read.
    public var code: String? { procedure?.code ?? frontMatter?["ma_thu_tuc"]?.string }

    public var fileName: String { String(path.split(separator: "/").last ?? Substring(path)) }

    public init(path: String, procedure: Procedure?, frontMatter: Value?, body: Body, diagnostics: [Diagnostic],
                codePosition: (line: Int, column: Int)) {
        self.path = path
        procedureBox = ProcedureBox(procedure)
        self.frontMatter = frontMatter
        self.body = body
        self.diagnostics = diagnostics
        self.codePosition = codePosition
    }
}

/// A record's procedure, shared by the record's copies until one of them changes it.
private final class ProcedureBox: @unchecked Sendable {
    var value: Procedure?
    init(_ value: Procedure?) { self.value = value }
}
