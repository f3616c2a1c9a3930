/// One row of the indicator table (`chi-so.yml`): what a leader reads about an indicator, and
/// which measure counts it.
public struct Indicator: Codable, Sendable, Equatable {
    /// Stable key of the JSON report and of `--nguong` (`day_du`).
    public var code: String
    public var name: String
    public var englishName: String?
    /// The text it comes from, by reference (`QĐ 766/QĐ-TTg, chỉ tiêu 1.3`).
    public var reference: String
    public var confidence: Confidence?
    /// The source's own words, or a faithful summary of them.
    public var quote: String?
    /// The formula in words, as the report prints it.
    public var formula: String
    public var measure: Measure
    /// Why the measure cannot count (for `chua_tinh_duoc`, `co_phi`).
    public var reason: String?
    public var parameters: Parameters?
    /// A rate from 0 to 1; none means the indicator is shown, never passed or failed.
    public var threshold: Double?
    public var points: PointsRule?
    /// The unit levels it applies to (`xa`, `tinh`).
    public var levels: [String]
    /// What to do first when it fails.
    public var action: String?

    enum CodingKeys: String, CodingKey {
        case code = "ma", name = "ten", englishName = "ten_en", reference = "can_cu", confidence = "do_tin_cay"
        case quote = "trich_dan", formula = "cong_thuc", measure = "cach_tinh", reason = "ly_do", parameters = "tham_so"
        case threshold = "nguong", points = "diem", levels = "cap", action = "viec_can_lam"
    }

    /// How sure the source is (COMPLIANCE.md's tags).
    public enum Confidence: String, Codable, Sendable {
        case law = "van_ban", portalData = "so_lieu", secondary = "thu_cap", tthcAim = "muc_tieu"
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var workingDays: Int?
        public var ministryDays: Int?
        public var provinceDays: Int?
        public var migrationDates: [String]?
        public var sharedAtLeast: Int?

        public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
            case workingDays = "han_ngay_lam_viec", ministryDays = "han_bo", provinceDays = "han_tinh"
            case migrationDates = "ngay_chuyen_doi", sharedAtLeast = "dung_chung_toi_thieu"
        }
        public typealias Key = CodingKeys

        public init() {}
    }

    /// Points where the source gives them: `maximum` × the share the rule grants.
    public struct PointsRule: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// rate × maximum
            case proportional = "ti_le"
            /// full from `level`, rate ÷ level below (QĐ 766 3.1: full from 80 %)
            case fullFrom = "du_tu"
            /// full when the threshold is met, else nothing
            case allOrNothing = "dat_nguong"
        }
        public var maximum: Double?
        public var kind: Kind
        public var level: Double?
        enum CodingKeys: String, CodingKey { case maximum = "toi_da", kind = "cach_cho", level = "muc" }

        /// The share of the maximum a rate earns (0…1).
        func share(of rate: Double, threshold: Double?) -> Double {
            switch kind {
            case .proportional: return rate
            case .fullFrom: return min(1, rate / max(level ?? 1, 0.0001))
            case .allOrNothing: return rate >= (threshold ?? 1) ? 1 : 0
            }
        }
    }

    public func appliesTo(level: String) -> Bool { levels.contains(level) }
}
