import Records

/// What the national record of a procedure leaves out, as `tthc check` finds it on a record still
/// as sync wrote it (`origin: national`): not the unit's to fix, but the body's that announced
/// the procedure. The report lists them per procedure, and says where the unit has told citizens
/// what is missing in `dia_phuong`.
public struct NationalGap: Sendable, Equatable {
    /// The check's stable code (`duration-without-description`, `incomplete` …).
    public var code: String
    /// The kind, in the words of `tthc check`'s summary.
    public var kind: Localized
    /// How many places of the record show it (a duration per channel).
    public var places: Int
    /// `dia_phuong.thoi_han` when the unit's text answers it for citizens.
    public var answeredBy: String?

    public init(code: String, kind: Localized, places: Int = 1, answeredBy: String? = nil) {
        self.code = code
        self.kind = kind
        self.places = places
        self.answeredBy = answeredBy
    }

    /// The gaps of a record as read by the site, one per kind, in the order first found.
    public static func of(_ record: Record) -> [NationalGap] {
        var gaps: [NationalGap] = []
        for diagnostic in record.diagnostics where diagnostic.origin == .national {
            guard let reading = diagnostic.problem.nationalReading, reading.isGap else { continue }
            let answeredBy = record.isAnsweredLocally(diagnostic) ? reading.localKey.map { "dia_phuong." + $0 } : nil
            if let index = gaps.firstIndex(where: { $0.code == diagnostic.code && $0.kind == reading.kind }) {
                gaps[index].places += 1
                if gaps[index].answeredBy == nil { gaps[index].answeredBy = answeredBy }
            } else {
                gaps.append(NationalGap(code: diagnostic.code, kind: reading.kind, answeredBy: answeredBy))
            }
        }
        return gaps
    }

    /// "thời hạn … (3 chỗ; đơn vị đã bổ sung ở `dia_phuong.thoi_han`)".
    public var text: Localized {
        var notes: [Localized] = []
        if places > 1 { notes.append(Localized(vi: "\(places) chỗ", en: "\(places) places")) }
        if let answeredBy { notes.append(Localized(vi: "đơn vị đã bổ sung ở `\(answeredBy)`", en: "the unit gives it in `\(answeredBy)`")) }
        guard !notes.isEmpty else { return kind }
        return Localized(vi: kind.vi + " (" + notes.map(\.vi).joined(separator: "; ") + ")",
                         en: kind.en + " (" + notes.map(\.en).joined(separator: "; ") + ")")
    }
}

/// The national record's gaps of one published procedure, for the body that announced it.
public struct ProcedureGaps: Sendable, Equatable {
    public var code: String
    public var name: String
    public var file: String
    /// `nguon.co_quan_cong_bo.ten`, when the record names it.
    public var announcedBy: String?
    public var gaps: [NationalGap]
}
