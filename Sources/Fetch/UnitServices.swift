import Catalog
import Foundation

/// The unit's own online services, from the portal's per-unit list, when `site.yml` gives the
/// unit's code (`ma_don_vi`): for each procedure, how far the unit takes it online (toàn trình,
/// một phần, không) and the address where a citizen submits to this unit. Each export line then
/// carries it under `unitServiceKey`, and sync maps it instead of guessing from `isFullProcess`.
///
/// Rows of another unit are ignored whatever the portal's filter did. A procedure the unit's
/// list does not name is not offered online by the unit; an empty list (a wrong code, or a unit
/// not set up yet) annotates nothing, and the report says so.
struct UnitServices: Equatable {
    /// The key fetch adds to a detail's `data`, which sync's mapping reads.
    static let key = UnitOnlineService.key

    struct Service: Equatable {
        var level: String
        var url: String?
    }

    var unit: String
    var services: [String: Service] = [:]
    /// Rows of this unit in the list.
    var rows = 0

    /// The portal's levels, best first.
    static let levels = ["FULL": "toan_trinh", "PARTIAL": "mot_phan", "NONE": "khong"]
    static let rank = ["toan_trinh": 2, "mot_phan": 1, "khong": 0]

    init(unit: String, items: [Any]) {
        self.unit = unit
        var found: [String: [(level: String, caseCode: String, url: String?)]] = [:]
        for case let row as [String: Any] in items {
            guard Self.trimmed(row["departmentCode"]) == unit, let code = Self.trimmed(row["formalityCode"]), !code.isEmpty,
                  let level = Self.trimmed(row["implementLevel"]).flatMap({ Self.levels[$0.uppercased()] }) else { continue }
            rows += 1
            found[code, default: []].append((level, Self.trimmed(row["formalityCaseCode"]) ?? "", Self.webAddress(row["citizenUrl"])))
        }
        for (code, offers) in found {
            // The best level among the procedure's cases, and that case's address (the first by case code).
            let best = offers.map(\.level).max { (Self.rank[$0] ?? 0) < (Self.rank[$1] ?? 0) } ?? "khong"
            let address = offers.filter { $0.level == best }.sorted { ($0.caseCode, $0.url ?? "") < ($1.caseCode, $1.url ?? "") }
                .compactMap(\.url).first
            services[code] = Service(level: best, url: best == "khong" ? nil : address)
        }
    }

    /// What the export line of procedure `code` carries (nil: nothing, the list is empty).
    func annotation(for code: String) -> [String: Any]? {
        guard rows > 0 else { return nil }
        let service = services[code] ?? Service(level: "khong", url: nil)
        var annotation: [String: Any] = ["ma_don_vi": unit, "muc_do": service.level]
        if let url = service.url { annotation["url"] = url }
        return annotation
    }

    /// An export line with this unit's annotation (or none), replacing whatever it carried.
    static func annotate(_ line: Data, with services: UnitServices?) -> Data {
        // Lines without the key need no parsing when there is nothing to add.
        if services?.rows ?? 0 == 0, line.range(of: Data(key.utf8)) == nil { return line }
        guard var envelope = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
              var data = envelope["data"] as? [String: Any] else { return line }
        let code = trimmed(data["code"]) ?? ""
        data[key] = services?.annotation(for: code)
        envelope["data"] = data
        return ExportLine.canonical(envelope)
    }

    private static func trimmed(_ value: Any?) -> String? {
        (value as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An address a page may link to: http(s), a host, and only characters of a URL (RFC 3986).
    static func webAddress(_ value: Any?) -> String? {
        guard let text = trimmed(value), text.count <= 2000, let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
              components.host?.isEmpty == false else { return nil }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        return text.unicodeScalars.allSatisfy(allowed.contains) ? text : nil
    }
}
