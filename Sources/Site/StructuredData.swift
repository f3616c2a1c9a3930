import Foundation
import Records

/// schema.org `GovernmentService` for a procedure page, as JSON-LD: how search engines and other
/// systems learn what the service is, who provides it, where, and where to apply online.
enum StructuredData {
    static func governmentService(_ p: Procedure, url: String, configuration: SiteConfiguration) -> String {
        var service: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": p.name,
            "identifier": p.code,
            "serviceType": p.sector.name,
            "url": url,
            "provider": ["@type": "GovernmentOrganization", "name": p.agencies?.executing.first ?? configuration.unitName],
            "areaServed": ["@type": "AdministrativeArea", "name": "\(configuration.unitName), \(configuration.province.name)"],
            "serviceOperator": ["@type": "GovernmentOrganization", "name": configuration.unitName],
        ]
        if let audience = p.subjects?.map(\.name), !audience.isEmpty {
            service["audience"] = ["@type": "Audience", "audienceType": audience.joined(separator: "; ")]
        }
        if let online = p.onlineService, online.level != .none, let serviceURL = online.url, p.status != .abolished {
            service["availableChannel"] = ["@type": "ServiceChannel", "name": Labels.online(online.level), "serviceUrl": serviceURL]
        }
        let data = (try? JSONSerialization.data(withJSONObject: service, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        // Inside <script>, "</" would end the element: every <, > and & is written as an escape.
        var json = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": json += "\\u003c"
            case ">": json += "\\u003e"
            case "&": json += "\\u0026"
            default: json.unicodeScalars.append(scalar)
            }
        }
        return json
    }
}
