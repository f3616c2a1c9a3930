import Records

/// The province's report as JSON: each unit's object exactly as `tthc bao-cao` writes it for a
/// single site, with its folder (`thu_muc`) first, then the province's totals.
extension ProvinceReport {
    public func json(_ language: Language = .vi) -> Value {
        .object([
            .init("tinh", .string(name)),
            .init("ma_tinh", .string(code)),
            .init("ngay", date.map(Value.string) ?? .null),
            .init("so_don_vi", .integer(units.count)),
            .init("dat_nguong", gateChecked ? .bool(!failsGate) : .null),
            .init("xep_hang", .list(ranked.map { .string($0.slug) })),
            .init("don_vi", .list(units.map { $0.json(language) })),
            .init("toan_tinh", .object([
                .init("cach_tinh", .string(language == .en
                    ? "sum of the units' numerators over the sum of their denominators"
                    : "tổng tử số của các đơn vị chia tổng mẫu số của các đơn vị")),
                .init("chi_so", .list(totals.map { total in
                    .object(total.figure.summaryJSON(language) + [
                        .init("so_don_vi", .integer(total.units)),
                        .init("so_don_vi_chua_dat", .integer(total.unitsNotMet)),
                        .init("ghi_chu", .list(total.figure.notes.map { .string($0[language]) })),
                    ])
                })),
            ])),
        ])
    }
}

extension ProvinceReport.Unit {
    /// The unit's single-site object, its folder added first.
    public func json(_ language: Language = .vi) -> Value {
        guard case .object(let members) = report.json(language) else { return report.json(language) }
        return .object([.init("thu_muc", .string(slug))] + members)
    }
}
