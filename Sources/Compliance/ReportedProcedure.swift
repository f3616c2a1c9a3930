import Records

/// One published procedure as the report counts it: the typed record, what the body shows of
/// component b, and the file an annotation points to.
public struct ReportedProcedure: Sendable {
    public var procedure: Procedure
    /// The body has text under `## Trình tự thực hiện` (NĐ 63/2010 Điều 8 khoản 2 b).
    public var hasSteps: Bool
    /// Relative to the site folder (`content/thu-tuc/1.001193.md`).
    public var file: String
    /// What the national record leaves out, as `tthc check` found it (`NationalGap.of`).
    public var nationalGaps: [NationalGap]
    /// The record's national part is still as sync wrote it: what it lacks, the national record lacks.
    public var nationalPartAsSynced: Bool

    public init(procedure: Procedure, body: Body, file: String, nationalGaps: [NationalGap] = [], nationalPartAsSynced: Bool = false) {
        self.procedure = procedure
        self.file = file
        self.nationalGaps = nationalGaps
        self.nationalPartAsSynced = nationalPartAsSynced
        hasSteps = body.sections.contains { section in
            section.title == Schema.nationalSections[0]
                && section.markdown.unicodeScalars.contains { !$0.properties.isWhitespace }
        }
    }

    var code: String { procedure.code }
    var isInForce: Bool { procedure.status != .abolished }
    var isNational: Bool { procedure.source?.system == .national }

    func finding(_ reason: Localized, missing: [String]? = nil, days: Int? = nil, national: Bool? = nil) -> Finding {
        Finding(code: code, name: procedure.name, file: file, reason: reason, missing: missing, days: days, national: national)
    }
}

/// A procedure that fails an indicator, or that it leaves out, and why.
public struct Finding: Sendable, Equatable {
    /// The procedure's code; nil for what concerns the site itself.
    public var code: String?
    public var name: String?
    /// The file to fix, relative to the site folder (`site.yml` for the site's own duties).
    public var file: String?
    public var reason: Localized
    /// The missing components (`d`, `g` …) or duties, when the reason is a list of them.
    public var missing: [String]?
    /// Working days late, or waited so far.
    public var days: Int?
    /// What is missing is missing in the national record itself (the record is as sync wrote
    /// it): for the body that announced the procedure to complete, not for the unit.
    public var national: Bool?

    public init(code: String?, name: String? = nil, file: String? = nil, reason: Localized,
                missing: [String]? = nil, days: Int? = nil, national: Bool? = nil) {
        self.code = code
        self.name = name
        self.file = file
        self.reason = reason
        self.missing = missing
        self.days = days
        self.national = national
    }

    /// Site-wide findings first, then by code: the order of every list in the report.
    static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        (a.code ?? "", a.file ?? "", a.reason.vi) < (b.code ?? "", b.file ?? "", b.reason.vi)
    }
}
