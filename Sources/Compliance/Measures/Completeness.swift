import Records

/// `thanh_phan` (QĐ 766 1.3): procedures in force with every component NĐ 63/2010 Điều 8 khoản 2
/// lists, in record terms as COMPLIANCE.md defines them; each failure names what is missing.
struct Completeness: Tally {
    private var complete = 0, counted = 0
    private var findings: [Finding] = []

    /// The components, in the law's order, with what each is in a record.
    static let components: [(letter: String, vi: String, en: String, present: @Sendable (ReportedProcedure) -> Bool)] = [
        ("a", "tên (`ten`)", "name (`ten`)", { !$0.procedure.name.isBlank }),
        ("b", "trình tự thực hiện (mục `## Trình tự thực hiện`)", "steps (section `## Trình tự thực hiện`)", \.hasSteps),
        ("c", "cách thức thực hiện (`cach_thuc`)", "channels (`cach_thuc`)", { !($0.procedure.channels ?? []).isEmpty }),
        ("d", "thành phần, số lượng hồ sơ (`thanh_phan_ho_so`)", "documents (`thanh_phan_ho_so`)",
         { ($0.procedure.documentGroups ?? []).contains { !$0.documents.isEmpty } }),
        ("đ", "thời hạn giải quyết (`thoi_han`)", "processing time (`thoi_han`)", { hasDuration($0.procedure) }),
        ("e", "đối tượng thực hiện (`doi_tuong`)", "who may use it (`doi_tuong`)", { !($0.procedure.subjects ?? []).isEmpty }),
        ("g", "cơ quan thực hiện (`co_quan.thuc_hien`)", "agency (`co_quan.thuc_hien`)",
         { ($0.procedure.agencies?.executing ?? []).contains { !$0.isBlank } }),
    ]

    /// Some channel or case gives a duration: a number in a unit other than `khac`, or words.
    static func hasDuration(_ procedure: Procedure) -> Bool {
        let durations = (procedure.channels ?? []).map(\.duration) + (procedure.cases ?? []).compactMap(\.duration)
        return durations.contains { duration in
            (duration.amount != nil && duration.unit != .other) || !(duration.description ?? "").isBlank
        }
    }

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        guard procedure.isInForce else { return }
        counted += 1
        let missing = Self.components.filter { !$0.present(procedure) }
        guard !missing.isEmpty else {
            complete += 1
            return
        }
        var reason = Localized(
            vi: "thiếu " + missing.map { "\($0.letter): \($0.vi)" }.joined(separator: "; "),
            en: "missing " + missing.map { "\($0.letter): \($0.en)" }.joined(separator: "; "))
        // Said as `tthc check` says it: what a record still as sync wrote it lacks, the national
        // record lacks, and the body that announced it completes it (the portal scores that record).
        if procedure.nationalPartAsSynced {
            reason.vi += " (thiếu trong dữ liệu quốc gia: cơ quan công bố bổ sung"
            reason.en += " (missing in the national record: for the announcing body to complete"
            if missing.contains(where: { $0.letter == "đ" }), let local = procedure.procedure.local?.duration, !local.isBlank {
                reason.vi += "; đơn vị đã ghi thời hạn ở `dia_phuong.thoi_han`"
                reason.en += "; the unit gives the time in `dia_phuong.thoi_han`"
            }
            reason.vi += ")"
            reason.en += ")"
        }
        findings.append(procedure.finding(reason, missing: missing.map(\.letter),
                                          national: procedure.nationalPartAsSynced ? true : nil))
    }

    func outcome(in context: MeasureContext) -> Outcome {
        Outcome(.counted(numerator: complete, denominator: counted), findings: findings)
    }
}

extension String {
    /// Nothing but white space (or nothing at all).
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}
