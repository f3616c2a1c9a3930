/// A new record with every key of the schema laid out and explained in Vietnamese (`tthc new`):
/// required keys are written with a value to fill in, optional ones as comments to uncomment.
/// Written from `Schema.procedure`, so it never lags behind the format.
public enum RecordSkeleton {
    /// Values that make sense for a unit's own new procedure, where the schema's first choice would
    /// not; used only where the value fits the field (`loai` is a fee's and a decision's key).
    /// Amounts and durations are left empty, never guessed: an empty one is a warning at
    /// `tthc check` (a fee without amount or description, a record without processing time), so a
    /// placeholder cannot reach the public site unnoticed.
    static let defaults: [String: String] = [
        "cap_thuc_hien": "[xa]", "trang_thai": "hieu_luc", "nguon_goc": "dac_thu_dia_phuong",
        "he_thong": "dia_phuong", "don_vi": "ngay_lam_viec", "kenh": "truc_tiep", "loai": "le_phi",
        "ban_chinh": "1", "ban_sao": "0",
    ]

    /// `uncommenting` names optional keys written as values, not comments: a unit's own record in
    /// a province must say `nguon: {he_thong: dia_phuong}`, which tells it from an overlay.
    public static func text(code: String, uncommenting keys: Set<String> = []) -> String {
        var lines = [
            "---",
            "# Hồ sơ thủ tục mới. Điền các giá trị \"\" rồi chạy `tthc check` để kiểm tra.",
            "# Dòng bắt đầu bằng # là chú thích; bỏ dấu # để dùng một mục không bắt buộc.",
            "# Ghi trình tự thực hiện dưới dòng \"## \(Schema.nationalSections[0])\" ở cuối tệp, yêu cầu, điều kiện",
            "# (nếu có) dưới \"## \(Schema.nationalSections[1])\"; mục còn trống thì tthc check nhắc.",
        ]
        write(Schema.procedure, indent: "", commented: false, code: code, uncommenting: keys, into: &lines)
        lines += [
            "---",
            "",
            "## \(Schema.nationalSections[0])",
            "",
            "",
            "## \(Schema.nationalSections[1])",
            "",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    private static func write(_ object: ObjectShape, indent: String, commented: Bool, code: String, uncommenting keys: Set<String> = [],
                              into lines: inout [String]) {
        for field in object.fields {
            let off = commented || (field.requirement == .optional && !keys.contains(field.key))
            let prefix = indent + (off ? "# " : "")
            lines.append(indent + "# " + explanation(field))
            switch field.shape {
            case .object(let inner):
                lines.append(prefix + field.key + ":")
                write(inner, indent: indent + "  ", commented: off, code: code, into: &lines)
            case .list(.object(let inner), _):
                lines.append(prefix + field.key + ":")
                lines.append(indent + (off ? "# " : "") + "  -")
                write(inner, indent: indent + "    ", commented: off, code: code, into: &lines)
            case .list(.text, let minItems) where minItems > 0:
                // A list that may not be empty gets an item to fill in, as a required text does.
                lines.append(prefix + field.key + ":")
                lines.append(prefix + "  - \"\"")
            default:
                lines.append(prefix + field.key + ": " + placeholder(field, code: code))
            }
        }
    }

    private static func explanation(_ field: Field) -> String {
        var text = field.meaning
        switch field.requirement {
        case .required: text += " (bắt buộc)"
        case .completeness: text += " (cần để hồ sơ đầy đủ)"
        case .optional: text += " (không bắt buộc)"
        }
        if case .enumeration(let values, _) = field.shape { text += ": " + values.joined(separator: " | ") }
        if case .list(.enumeration(let values, _), _) = field.shape { text += ", một hoặc nhiều trong: " + values.joined(separator: " | ") }
        // How to write it, on the comment line above the value: a comment after a value is what
        // `tthc check` warns of (`comment-in-value`), since there it may cut what a clerk meant.
        switch field.shape {
        case .nullable: text += "; để null cho đến khi biết, rồi ghi số, ví dụ 5"
        case .date: text += "; dạng YYYY-MM-DD, ví dụ 2026-01-16"
        case .dateTime: text += "; dạng 2026-01-16T08:00:00+07:00"
        default: break
        }
        return text
    }

    private static func placeholder(_ field: Field, code: String) -> String {
        if field.key == "ma_thu_tuc" { return "\"\(code)\"" }
        if let value = defaults[field.key], fits(value, field.shape) { return value }
        switch field.shape {
        case .enumeration(let values, _): return values.first ?? "\"\""
        case .list(.enumeration(let values, _), _): return "[\(values.first ?? "")]"
        case .list: return "[]"
        case .nullable: return "null"
        case .integer, .number: return "0"
        case .boolean: return "true"
        case .date, .dateTime: return "\"\""
        case .url, .baseURL: return "https://"
        default: return "\"\""
        }
    }

    private static func fits(_ value: String, _ shape: Shape) -> Bool {
        switch shape {
        case .enumeration(let values, _): return values.contains(value)
        case .list(.enumeration(let values, _), _): return values.contains(String(value.dropFirst().dropLast()))
        default: return true
        }
    }
}
