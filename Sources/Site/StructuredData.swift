import Foundation
import Records

/// schema.org `GovernmentService` for a procedure page, as JSON-LD: how search engines and other
/// systems learn what the service is, who provides it, where, and where to apply online.
enum StructuredData {
    static func governmentService(_ p: Procedure, url: String, configuration: SiteConfiguration) -> String {
        func object(_ type: String, _ members: [(String, String)]) -> Value {
            .object([Value.Member("@type", .string(type))] + members.map { Value.Member($0.0, .string($0.1)) })
        }
        var service: [Value.Member] = [
            .init("@context", .string("https://schema.org")),
            .init("@type", .string("GovernmentService")),
            .init("name", .string(p.name)),
            .init("identifier", .string(p.code)),
            .init("serviceType", .string(p.sector.name)),
            .init("url", .string(url)),
            .init("provider", object("GovernmentOrganization", [("name", p.agencies?.executing.first ?? configuration.unitName)])),
            .init("areaServed", object("AdministrativeArea", [("name", "\(configuration.unitName), \(configuration.province.name)")])),
            .init("serviceOperator", object("GovernmentOrganization", [("name", configuration.unitName)])),
        ]
        if let audience = p.subjects?.map(\.name), !audience.isEmpty {
            service.append(.init("audience", object("Audience", [("audienceType", audience.joined(separator: "; "))])))
        }
        if let online = p.onlineService, online.level != .none, let serviceURL = online.url, p.status != .abolished {
            service.append(.init("availableChannel", object("ServiceChannel", [("name", Labels.online(online.level)), ("serviceUrl", serviceURL)])))
        }
        // Inside <script>, "</" would end the element: the JSON writer escapes `<`, `>` and `&` there.
        return Value.object(service).json(inScript: true)
    }
}
