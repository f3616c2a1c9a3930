import Records

/// The versioned table of indicators (`chi-so.yml`): the default one inside the binary, or a
/// site's own beside its `site.yml`.
public struct IndicatorTable: Codable, Sendable, Equatable {
    public var version: String
    public var name: String
    public var holidays: Holidays?
    public var indicators: [Indicator]

    enum CodingKeys: String, CodingKey { case version = "phien_ban", name = "ten", holidays = "ngay_nghi", indicators = "chi_so" }

    /// Days off besides Saturdays and Sundays, and Saturdays worked instead (COMPLIANCE.md: public
    /// holidays are data, since Tết and the swaps are announced each year).
    public struct Holidays: Codable, Sendable, Equatable {
        /// `MM-DD`, every year (Bộ luật Lao động 2019 Điều 112).
        public var yearly: [String]?
        /// `YYYY-MM-DD`: Tết, Giỗ Tổ, compensatory and swapped days.
        public var extra: [String]?
        /// `YYYY-MM-DD`: Saturdays that are working days.
        public var workingSaturdays: [String]?
        enum CodingKeys: String, CodingKey { case yearly = "hang_nam", extra = "them", workingSaturdays = "lam_bu" }
    }

    /// The site's own table, beside `site.yml`.
    public static let fileName = OwnPlaces.indicatorTable

    public var calendar: WorkingCalendar { WorkingCalendar(holidays ?? Holidays()) }
}
