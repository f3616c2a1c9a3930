/// The record format as a table a person reads (`tthc schema --format markdown`), derived from the
/// same `Schema` the validator uses: `docs/record-format.md` embeds it, and a test fails when the
/// two differ, so the documentation cannot drift from what `tthc check` enforces.
public enum SchemaReference {
    /// One row per key, nested keys by their path (`cach_thuc[].thoi_han.so`).
    public static func markdown(_ object: ObjectShape) -> String {
        var lines = ["| key | value | required | meaning |", "|---|---|---|---|"]
        rows(object, prefix: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func rows(_ object: ObjectShape, prefix: String, into lines: inout [String]) {
        for field in object.fields {
            let path = prefix + field.key
            lines.append("| `\(path)` | \(kind(field.shape)) | \(requirement(field.requirement)) | \(cell(field.meaning)) |")
            if let nested = nestedObject(field.shape) {
                rows(nested.object, prefix: path + nested.suffix + ".", into: &lines)
            }
        }
    }

    /// The object inside a field's shape, and how its keys' paths continue (`[]` for a list).
    private static func nestedObject(_ shape: Shape) -> (object: ObjectShape, suffix: String)? {
        switch shape {
        case .object(let object): return (object, "")
        case .list(let item, _): return nestedObject(item).map { ($0.object, "[]" + $0.suffix) }
        case .nullable(let inner): return nestedObject(inner)
        default: return nil
        }
    }

    private static func kind(_ shape: Shape) -> String {
        switch shape {
        case .text(let lines): return lines == .one ? "text, one line" : "text"
        case .enumeration(let values, let legacy):
            let listed = values.map { "`\($0)`" }.joined(separator: ", ")
            return legacy.isEmpty ? "one of " + listed
                : "one of " + listed + " (legacy, with a warning: " + legacy.map { "`\($0)`" }.joined(separator: ", ") + ")"
        case .integer(let minimum): return "whole number" + (minimum.map { " ≥ \($0)" } ?? "")
        case .number(let minimum): return "number" + (minimum.map { " ≥ \(Value.number($0).json())" } ?? "")
        case .boolean: return "`true` or `false`"
        case .date: return "date `YYYY-MM-DD`"
        case .dateTime: return "date and time, ISO 8601 with offset"
        case .procedureCode: return "procedure code `d.dddddd`"
        case .url: return "web address, `http(s)://…`"
        case .baseURL: return "the site's address: `http(s)://` a host, an optional path; no query or fragment"
        case .list(let item, let minItems):
            return "list of " + (nestedObject(item) == nil ? kind(item) : "objects") + (minItems > 0 ? ", at least \(minItems)" : "")
        case .object: return "object"
        case .nullable(let inner): return kind(inner) + ", or `null`"
        }
    }

    private static func requirement(_ requirement: Field.Requirement) -> String {
        switch requirement {
        case .required: return "yes"
        case .optional: return ""
        case .completeness(let component, _): return "for completeness" + (component.map { " (\($0))" } ?? "")
        }
    }

    /// Table cells cannot hold `|`.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
