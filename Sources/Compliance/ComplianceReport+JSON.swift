import Records

/// The report as JSON with stable keys (the issue's, and more): numbers as numbers, a rate of null
/// when the denominator is 0 ("không áp dụng") or nothing can be counted ("chưa tính được", with
/// its reason), never 0.
extension ComplianceReport {
    public func json(_ language: Language = .vi) -> Value {
        func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
        func number(_ value: Int?) -> Value { value.map(Value.integer) ?? .null }
        func rate(_ value: Double?) -> Value { value.map(Value.number) ?? .null }
        func findings(_ list: [Finding]) -> Value {
            .list(list.map { finding in
                var members: [Value.Member] = [
                    .init("ma_thu_tuc", optional(finding.code)),
                    .init("ly_do", .string(finding.reason[language])),
                ]
                if let name = finding.name { members.append(.init("ten", .string(name))) }
                if let file = finding.file { members.append(.init("tep", .string(file))) }
                if let missing = finding.missing { members.append(.init("thieu", .list(missing.map(Value.string)))) }
                if let days = finding.days { members.append(.init("so_ngay_lam_viec", .integer(days))) }
                if let national = finding.national { members.append(.init("du_lieu_quoc_gia", .bool(national))) }
                return .object(members)
            })
        }
        return .object([
            .init("don_vi", .string(unitName)),
            .init("cap", .string(level)),
            .init("ma_tinh", .string(provinceCode)),
            .init("ngay", optional(date)),
            .init("bang_chi_so", .object([.init("ten", .string(tableName)), .init("phien_ban", .string(tableVersion)),
                                          .init("tep", optional(tableFile))])),
            .init("danh_muc_quoc_gia", catalogueFile.map { file in
                .object([.init("tep", .string(file)), .init("so_thu_tuc", number(catalogueSize))])
            } ?? .null),
            .init("so_thu_tuc", .integer(procedureCount)),
            .init("ho_so_loi", findings(unreadable)),
            .init("canh_bao", .list(warnings.map { .string($0[language]) })),
            .init("dat_nguong", gateChecked ? .bool(!failsGate) : .null),
            .init("chi_so", .list(figures.map { figure in
                .object(figure.summaryJSON(language) + [
                    .init("chi_tiet", findings(figure.findings)),
                    .init("khong_tinh", findings(figure.excluded)),
                    .init("dang_cho", findings(figure.pending)),
                    .init("ngoai_pham_vi", findings(figure.outside)),
                    .init("ghi_chu", .list(figure.notes.map { .string($0[language]) })),
                ])
            })),
            .init("thieu_sot_du_lieu_quoc_gia", .list(nationalGaps.map { procedure in
                .object([
                    .init("ma_thu_tuc", .string(procedure.code)), .init("ten", .string(procedure.name)),
                    .init("tep", .string(procedure.file)), .init("co_quan_cong_bo", optional(procedure.announcedBy)),
                    .init("thieu_sot", .list(procedure.gaps.map { gap in
                        .object([.init("ma", .string(gap.code)), .init("loai", .string(gap.kind[language])),
                                 .init("so_cho", .integer(gap.places)), .init("don_vi_bo_sung", optional(gap.answeredBy))])
                    })),
                ])
            })),
            .init("viec_can_lam", .list(priorities.map { priority in
                .object([.init("ma", .string(priority.figure.indicator.code)),
                         .init("viec", optional(priority.figure.indicator.action)),
                         .init("so_thu_tuc", .integer(priority.figure.findings.count)),
                         .init("diem_co_the_them", rate(priority.pointsAtStake))])
            })),
        ])
    }

    /// The gate (`--nguong`) checks some indicator.
    public var gateChecked: Bool { figures.contains(where: \.gated) }
}

extension Figure {
    /// The figure's own keys, before the procedures behind it: a unit's report and a province's
    /// totals write them alike.
    func summaryJSON(_ language: Language) -> [Value.Member] {
        func rate(_ value: Double?) -> Value { value.map(Value.number) ?? .null }
        return [
            .init("ma", .string(indicator.code)),
            .init("ten", .string(language == .en ? indicator.englishName ?? indicator.name : indicator.name)),
            .init("can_cu", .string(indicator.reference)),
            .init("cach_tinh", .string(indicator.measure.rawValue)),
            .init("tu_so", numerator.map(Value.integer) ?? .null),
            .init("mau_so", denominator.map(Value.integer) ?? .null),
            .init("ti_le", rate(self.rate)),
            .init("nguong", rate(threshold)),
            .init("dat", met.map(Value.bool) ?? .null),
            .init("trang_thai", .string(state.rawValue)),
            .init("ly_do", reason.map { .string($0[language]) } ?? .null),
            .init("kiem_tra", .bool(gated)),
            .init("diem", rate(points)),
            .init("diem_toi_da", rate(indicator.points?.maximum)),
        ]
    }
}
