/// A warning about the national record itself: found on a key or section of a record's national
/// part while that part is still as `tthc sync` wrote it (`Record+NationalFindings`). The unit
/// cannot mend it where it is: sync owns that text, and an edit there is a local override that
/// the next catalog change of the same field turns into a conflict. So it reads as the national
/// record's, and its advice is either a `dia_phuong` key (which sync never touches) that tells
/// citizens what the national record leaves out, or the body that announced the procedure.
public struct NationalReading: Sendable, Hashable, Codable {
    /// What the finding says of the national record.
    public var message: Localized
    /// Its kind, the same for every finding of it: one line of `tthc check`'s summary.
    public var kind: Localized
    public var action: Action
    /// A gap of the national record (a component of NĐ 63/2010, a duration, a fee), which the
    /// compliance report lists for the body that announced the procedure.
    public var isGap: Bool

    /// What the unit can do about it.
    public enum Action: Sendable, Hashable, Codable {
        /// Write what the national record leaves out in `dia_phuong.<key>`, which the page shows:
        /// the finding is answered once that key has text.
        case writeLocally(LocalLine)
        /// Nothing here: tell the body that announced the procedure; `meanwhile`, a line the unit
        /// may write for citizens until then (it does not answer the finding: the gap stays).
        case report(meanwhile: LocalLine?)
        case other(Localized)
    }

    /// A line of the `dia_phuong` block an advice asks for: the only place sync never writes.
    public struct LocalLine: Sendable, Hashable, Codable {
        public var key: String
        /// The line to write, "…" where the unit's own value goes.
        public var example: String
        /// What the unit writes there, as the advice names it.
        public var what: Localized
    }

    /// The `dia_phuong` key that answers the finding, when one does.
    public var localKey: String? {
        if case .writeLocally(let line) = action { return line.key }
        return nil
    }

    /// The `dia_phuong` line the advice asks for, answering or meanwhile.
    public var localLine: LocalLine? {
        switch action {
        case .writeLocally(let line), .report(meanwhile: let line?): return line
        case .report(meanwhile: nil), .other: return nil
        }
    }

    /// The advice, once for the kind; `announcedBy` names the body to tell, when known.
    public func advice(announcedBy: String? = nil) -> Localized {
        switch action {
        case .writeLocally(let line):
            return Localized(vi: "Ghi \(line.what.vi) vào `dia_phuong.\(line.key)`: trang hiện nội dung này, và đồng bộ không bao giờ sửa khối `dia_phuong`. \(Self.notHere.vi).",
                             en: "Write \(line.what.en) in `dia_phuong.\(line.key)`: the page shows it, and sync never touches the `dia_phuong` block. \(Self.notHere.en).")
        case .report(let meanwhile):
            let body = announcedBy.map { Localized(vi: "(\($0))", en: "(\($0))") }
                ?? Localized(vi: "(`nguon.co_quan_cong_bo`)", en: "(`nguon.co_quan_cong_bo`)")
            return Localized(
                vi: "Báo cơ quan công bố thủ tục \(body.vi) bổ sung trên CSDL quốc gia; lần đồng bộ sau tthc tự cập nhật. \(Self.notHere.vi)."
                    + (meanwhile.map { " Trong lúc chờ, có thể ghi \($0.what.vi) ở `dia_phuong.\($0.key)`." } ?? ""),
                en: "Ask the body that announced the procedure \(body.en) to complete the national record; the next sync brings it here. \(Self.notHere.en)."
                    + (meanwhile.map { " Meanwhile, `dia_phuong.\($0.key)` can tell citizens \($0.what.en)." } ?? ""))
        case .other(let advice):
            return advice
        }
    }
}

extension NationalReading {
    /// Why no edit of the national part helps, said the same way in every advice.
    static let notHere = Localized(
        vi: "Đừng sửa phần quốc gia: bản sửa thành \"sửa tại chỗ\", và khi CSDL quốc gia sửa mục đó, lần đồng bộ sau báo xung đột",
        en: "Do not edit the national part: the edit becomes a local override, and once the catalog changes that field the next sync reports a conflict")

    static let durationWithoutWords = NationalReading(
        message: Localized(vi: "Dữ liệu quốc gia ghi thời hạn giải quyết với đơn vị `khac` mà không có mô tả, nên trang chỉ hiện \"Xem trình tự thực hiện\".",
                           en: "The national data gives this processing time in unit `khac` without a description, so the page only says \"Xem trình tự thực hiện\"."),
        kind: Localized(vi: "thời hạn giải quyết có đơn vị `khac` mà không có mô tả",
                        en: "a processing time in unit `khac` without a description"),
        action: .writeLocally(LocalLine(key: "thoi_han", example: "thoi_han: \"Không quá … ngày làm việc\"",
                                        what: Localized(vi: "thời hạn đơn vị thực tế áp dụng", en: "the processing time the unit applies"))),
        isGap: true)

    static let feeWithoutAmount = NationalReading(
        message: Localized(vi: "Dữ liệu quốc gia ghi phí, lệ phí không có số tiền (`so_tien: null`) mà không có mô tả, nên trang chỉ hiện \"theo quy định\".",
                           en: "The national data gives a fee without an amount (`so_tien: null`) or a description, so the page only says \"theo quy định\"."),
        kind: Localized(vi: "phí, lệ phí không có số tiền mà không có mô tả", en: "a fee without an amount or a description"),
        action: .writeLocally(LocalLine(key: "phi_le_phi", example: "phi_le_phi: \"… đồng (Nghị quyết số …/NQ-HĐND tỉnh)\"",
                                        what: Localized(vi: "mức thu đơn vị áp dụng", en: "the fee the unit charges"))),
        isGap: true)

    /// `what` names the part and, where the law lists it, its component (a–g).
    static func missing(_ what: Localized) -> NationalReading {
        NationalReading(
            message: Localized(vi: "Dữ liệu quốc gia của thủ tục chưa đầy đủ: thiếu \(what.vi).",
                               en: "The national record is incomplete: it lacks \(what.en)."),
            kind: Localized(vi: "thiếu \(what.vi)", en: "missing \(what.en)"),
            action: .report(meanwhile: LocalLine(key: "ghi_chu", example: "ghi_chu: \"Hỏi thêm tại Bộ phận Một cửa, điện thoại …\"",
                                                 what: Localized(vi: "hướng dẫn cho người dân", en: "where to ask"))),
            isGap: true)
    }

    static func unpublishedRelated(_ code: String) -> NationalReading {
        NationalReading(
            message: Localized(vi: "Dữ liệu quốc gia nêu thủ tục liên quan `\(code)`, thủ tục này không đăng trên trang này nên trang không liên kết tới.",
                               en: "The national data names the related procedure `\(code)`, which this site does not publish, so the page does not link to it."),
            kind: Localized(vi: "nêu thủ tục liên quan không đăng trên trang này", en: "a related procedure this site does not publish"),
            action: .other(Localized(vi: "Nếu đơn vị thực hiện thủ tục đó, đăng nó bằng `chon.them` trong site.yml; nếu không, không cần làm gì. \(notHere.vi).",
                                     en: "If the unit handles that procedure, publish it with `chon.them` in site.yml; otherwise nothing to do. \(notHere.en).")),
            isGap: false)
    }

    /// Text the catalog wrote that a paste check warns about (Word's quotes around a name…): as
    /// the national record has it.
    static func asWritten(_ problem: Problem) -> NationalReading {
        NationalReading(
            message: Localized(vi: "Dữ liệu quốc gia ghi như vậy: \(problem.message.vi)", en: "As the national data has it: \(problem.message.en)"),
            kind: Localized(vi: "văn bản tthc cảnh báo `\(problem.code.rawValue)`, ghi đúng như CSDL quốc gia",
                            en: "text tthc warns about (`\(problem.code.rawValue)`), as the catalog writes it"),
            action: .report(meanwhile: nil), isGap: false)
    }
}

extension Problem {
    /// How this warning reads on the national part, nil when it can only be the unit's: an error
    /// (which stops the build whoever wrote it), a file's name, a file tthc does not read.
    public var nationalReading: NationalReading? {
        guard severity == .warning else { return nil }
        if let inNationalData { return inNationalData }
        return mayBeNational ? .asWritten(self) : nil
    }

    /// Cheap: whether `nationalReading` would be one (asked of every warning of every record).
    public var mayBeNational: Bool {
        guard severity == .warning else { return false }
        if inNationalData != nil { return true }
        switch code {
        case .commentInValue, .typographicQuotes, .strayQuote, .unclosedQuote, .notNFC, .rawHTML: return true
        default: return false
        }
    }
}
