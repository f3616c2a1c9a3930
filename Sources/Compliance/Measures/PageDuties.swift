import Records

/// `trang_thu_tuc`: what every procedure page must show, from what its record holds (the default
/// theme shows each when present): the code (always: the format requires it), the announcing
/// decision, the agency, the link to the procedure on the national portal, and a place to download
/// each form. With the catalogue, a form the national record has that the page lacks fails too.
struct PageDuties: Tally {
    private var complete = 0, counted = 0
    private var findings: [Finding] = []
    private var shown: [String: ReportedProcedure] = [:]

    mutating func count(_ procedure: ReportedProcedure, in context: MeasureContext) {
        guard procedure.isInForce else { return }
        counted += 1
        if context.catalogue != nil { shown[procedure.code] = procedure }
        let p = procedure.procedure
        var missing: [(key: String, vi: String, en: String)] = []
        if p.decision == nil { missing.append(("quyet_dinh", "quyết định công bố (`quyet_dinh_cong_bo`)", "the announcing decision")) }
        if !(p.agencies?.executing ?? []).contains(where: { !$0.isBlank }) {
            missing.append(("co_quan", "cơ quan thực hiện (`co_quan.thuc_hien`)", "the agency"))
        }
        if p.source?.url == nil { missing.append(("cong_dvc", "đường dẫn tới Cổng DVC quốc gia (`nguon.url`)", "the national portal link")) }
        let forms = (p.documentGroups ?? []).flatMap(\.documents).flatMap { $0.forms ?? [] }
        let unlinked = forms.filter { $0.url == nil }.count
        if unlinked > 0 {
            missing.append(("mau", "chỗ tải \(unlinked)/\(forms.count) mẫu đơn, tờ khai (`mau[].url`)",
                            "a download for \(unlinked) of \(forms.count) forms (`mau[].url`)"))
        }
        guard !missing.isEmpty else {
            complete += 1
            return
        }
        findings.append(procedure.finding(Localized(
            vi: "trang thiếu " + missing.map(\.vi).joined(separator: "; "),
            en: "the page lacks " + missing.map(\.en).joined(separator: "; ")), missing: missing.map(\.key)))
    }

    func outcome(in context: MeasureContext) -> Outcome {
        var findings = self.findings
        var complete = self.complete
        if let catalogue = context.catalogue {
            // A document the national record gives forms for, listed here without any.
            for (code, here) in shown {
                guard let national = catalogue.procedures[code] else { continue }
                let nationalForms = Self.formsByDocument(national), localForms = Self.formsByDocument(here.procedure)
                let lacking = nationalForms.filter { name, count in count > 0 && (localForms[name] ?? 0) == 0 }.keys.sorted()
                guard !lacking.isEmpty else { continue }
                let reason = Localized(vi: "hồ sơ quốc gia có mẫu cho \(lacking.count) giấy tờ mà trang không có",
                                       en: "the national record has forms for \(lacking.count) documents the page lacks")
                if let index = findings.firstIndex(where: { $0.code == code }) {
                    findings[index].reason = Localized(vi: findings[index].reason.vi + "; " + reason.vi,
                                                       en: findings[index].reason.en + "; " + reason.en)
                    findings[index].missing = (findings[index].missing ?? []) + ["mau_quoc_gia"]
                } else {
                    complete -= 1
                    findings.append(here.finding(Localized(vi: "trang thiếu mẫu: " + reason.vi, en: "missing forms: " + reason.en),
                                                 missing: ["mau_quoc_gia"]))
                }
            }
        }
        return Outcome(.counted(numerator: complete, denominator: counted), findings: findings)
    }

    /// Forms per document, by the document's name.
    private static func formsByDocument(_ procedure: Procedure) -> [String: Int] {
        var forms: [String: Int] = [:]
        for document in (procedure.documentGroups ?? []).flatMap(\.documents) { forms[document.name, default: 0] += document.forms?.count ?? 0 }
        return forms
    }
}
