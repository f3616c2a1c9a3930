import Foundation
import Records

/// The portal's public API as far as tthc uses it (CATALOG.md, "Getting the catalogue"). Every
/// request is a POST of a small JSON object.
public enum PortalEndpoint {
    public static let defaultAPI = "https://dichvucong.gov.vn"
    /// An honest agent: tthc, its version, and where the portal's operators can see who asks.
    public static let userAgent = "tthc/\(TTHCVersion.current) (+https://github.com/tthc-vn/tthc)"
    static let list = "/api/v1/submitting/formality/list-all-public-formality-by-citizen"
    static let detail = "/api/v1/configuring/formality/get-formality-by-citizen"
    static let units = "/api/v1/submitting/formality/list-department-url-by-citizen"
    /// The largest page crawlers use; the portal's own pages ask for fewer.
    static let pageSize = 200

    static func listBody(after cursor: String) -> Data {
        json(["limit": pageSize, "lastId": cursor, "q": "", "categoryId": "", "departmentCode": ""])
    }

    static func detailBody(id: String) -> Data {
        json(["id": id])
    }

    static func unitsBody(department: String, after cursor: String) -> Data {
        json(["formalityTargetType": "VIETNAMESE_CITIZEN", "limit": pageSize, "lastId": cursor, "search": "",
              "departmentLevel": "", "departmentCode": department, "implementLevel": "", "subjectTypeId": "", "year": ""])
    }

    /// The base address of `--api`: http or https with a host, no query; nil for anything else.
    public static func base(_ text: String) -> URL? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
              components.user == nil, components.password == nil else { return nil }
        while components.path.hasSuffix("/") { components.path.removeLast() }
        return components.url
    }

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
