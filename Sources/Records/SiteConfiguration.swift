import Foundation

/// A unit's `site.yml`: who it is and which procedures it publishes.
public struct SiteConfiguration: Codable, Sendable, Equatable {
    public var unitName: String
    public var level: String
    public var province: Procedure.Sector
    /// The unit's code on the national portal (`departmentCode`, e.g. H44.100): its own online services.
    public var unitCode: String?
    public var address: String?
    public var phone: String?
    public var email: String?
    public var openingHours: String?
    public var baseURL: String
    public var selection: Selection
    /// Where citizens send feedback on procedures and rate their satisfaction, and whether the
    /// compliance report is public (`SiteConfiguration+Compliance.swift`).
    public var feedback: Feedback?
    public var satisfactionURL: String?
    public var report: ReportSettings?

    enum CodingKeys: String, CodingKey {
        case unitName = "ten_don_vi", level = "cap", province = "tinh", unitCode = "ma_don_vi", address = "dia_chi", phone = "dien_thoai"
        case email, openingHours = "gio_lam_viec", baseURL = "base_url", selection = "chon"
        case feedback = "phan_anh_kien_nghi", satisfactionURL = "danh_gia_hai_long", report = "bao_cao"
    }

    public struct Selection: Codable, Sendable, Equatable {
        public var levels: [Procedure.Level]
        public var sectors: [String]?
        public var add: [String]?
        public var remove: [String]?
        enum CodingKeys: String, CodingKey { case levels = "cap_thuc_hien", sectors = "linh_vuc", add = "them", remove = "bo" }
    }

    public static let fileName = "site.yml"

    /// Reads and validates `site.yml` like a record: problems come back with their line and column.
    public static func read(bytes: [UInt8], path: String = fileName) -> (SiteConfiguration?, [Diagnostic]) {
        let document = ValidatedYAML(bytes: bytes, path: path, shape: Schema.site, unknownKey: Problem.unknownSiteKey)
        return (document.decoded(SiteConfiguration.self), document.diagnostics)
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/` for a site at the root).
    public var basePath: String { Self.basePath(of: baseURL) }

    /// The path part of any site address (a unit's, a province's), as `basePath` gives it.
    public static func basePath(of baseURL: String) -> String {
        guard let components = URLComponents(string: baseURL), !components.path.isEmpty else { return "/" }
        var path = components.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `base_url` with exactly one trailing slash.
    public var rootURL: String {
        baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }
}
