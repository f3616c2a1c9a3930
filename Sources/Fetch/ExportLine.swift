import Foundation

/// One line of the export fetch writes: a procedure's detail as the API's envelope, in one fixed
/// JSON spelling (keys sorted, no spaces, `/` unescaped), so that the same catalogue always gives
/// the same bytes whatever order or spacing the portal used.
enum ExportLine {
    static func envelope(_ data: [String: Any]) -> Data {
        canonical(["code": "OK", "data": data, "message": "OK"])
    }

    static func canonical(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// The procedure's id and code in a line of an export: nil for a line that is not one.
    static func identify(_ line: Data) -> (id: String, code: String)? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
              let data = object["data"] as? [String: Any], let id = data["id"] as? String else { return nil }
        return (id, ((data["code"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
