/// The counting an indicator names in the table (`cach_tinh`): each is Swift, in `Measures/`;
/// everything said about it (label, source, threshold, points, levels) is data.
public enum Measure: String, Codable, Sendable, CaseIterable {
    /// NĐ 63/2010 Điều 8's components a–g (`Completeness`).
    case components = "thanh_phan"
    /// Offered online, fully or partly (`OnlineShare`).
    case online = "truc_tuyen"
    /// Only the denominator of online payment: procedures with a fee above 0 (`FeeDenominator`).
    case fees = "co_phi"
    /// National changes taken within a number of working days (`Timeliness`).
    case timeliness = "kip_thoi"
    /// What the unit must publish against what it publishes (`Coverage`).
    case coverage = "bao_phu"
    /// Decision date to national publication (`PublicationDelay`).
    case publicationDelay = "cong_khai_dung_han"
    /// What every procedure page must show (`PageDuties`).
    case pageDuties = "trang_thu_tuc"
    /// What the site must show (`SiteDuties`).
    case siteDuties = "trang_don_vi"
    /// Not computable from records: said so, with the reason, never 0.
    case notComputable = "chua_tinh_duoc"

    /// The parameters (`tham_so`) each measure reads; any other is a mistake in the table.
    var parameters: Set<Indicator.Parameters.Key> {
        switch self {
        case .timeliness: return [.workingDays]
        case .publicationDelay: return [.ministryDays, .provinceDays, .migrationDates, .sharedAtLeast]
        default: return []
        }
    }

    /// The measure says why it cannot count (`ly_do`), so the table must give the reason.
    var needsReason: Bool { self == .notComputable || self == .fees }

    func tally() -> any Tally {
        switch self {
        case .components: return Completeness()
        case .online: return OnlineShare()
        case .fees: return FeeDenominator()
        case .timeliness: return Timeliness()
        case .coverage: return Coverage()
        case .publicationDelay: return PublicationDelay()
        case .pageDuties: return PageDuties()
        case .siteDuties: return SiteDuties()
        case .notComputable: return NotComputable()
        }
    }
}
