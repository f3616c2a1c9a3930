import Escaping
import Records

/// The fields of a form, made from the schema (`Schema.procedure`): a text box for one line, a
/// larger one for text, a choice for a value from a list, a date picker for a date, a number box
/// for an amount, a group for nested keys, and a list whose rows can be added and removed. Each
/// field carries its key path (`data-path`), where the validator's messages are put; every value
/// and message is escaped (`HTML.escape`).
struct FormRenderer {
    /// The validator's messages by key path (`cach_thuc.0.kenh`), already in words.
    var messages: [String: [FieldMessage]] = [:]

    func fields(_ object: ObjectShape, value: WrittenValue?, prefix: String, skip: Set<String> = []) -> String {
        object.fields.filter { !skip.contains($0.key) }.map { field in
            self.field(field, value: value?[field.key], path: prefix + field.key, depth: 0)
        }.joined()
    }

    func field(_ field: Field, value: WrittenValue?, path: String, depth: Int) -> String {
        let label = Self.label(field)
        switch field.shape.withoutNull {
        case .object(let object):
            return "<fieldset class=\"nhom\" data-path=\"\(HTML.escape(path))\"><legend>\(label)</legend>\(errors(path))"
                + "<input type=\"hidden\" name=\"\(HTML.escape(FormTree.prefix + path))\" value=\"\">"
                + fields(object, value: value, prefix: path + ".") + "</fieldset>"
        case .list(let itemShape, _):
            let placeholder = "__N\(depth)__"
            let rows = (value?.items ?? []).enumerated().map { index, item -> String in
                row(item: Field(field.key, itemShape, .optional, field.meaning), value: item, path: "\(path).\(index)", depth: depth + 1)
            }
            let blank = row(item: Field(field.key, itemShape, .optional, field.meaning), value: nil,
                            path: "\(path).\(placeholder)", depth: depth + 1)
            return "<fieldset class=\"danh-sach\" data-path=\"\(HTML.escape(path))\" data-placeholder=\"\(placeholder)\"><legend>\(label)</legend>"
                + "<input type=\"hidden\" name=\"\(HTML.escape(FormTree.prefix + path))\" value=\"\">"
                + errors(path) + "<ol>" + rows.joined() + "</ol><template>" + blank + "</template>"
                + "<button type=\"button\" class=\"them\">Thêm dòng</button></fieldset>"
        default:
            return scalar(field, text: value?.text ?? "", path: path, label: label)
        }
    }

    /// One row of a list: its fields (a group) or its one value, and a button that removes it.
    private func row(item: Field, value: WrittenValue?, path: String, depth: Int) -> String {
        let inner: String
        switch item.shape.withoutNull {
        case .object(let object):
            inner = errors(path) + fields(object, value: value, prefix: path + ".")
        default:
            inner = scalar(Field(item.key, item.shape, .optional, item.meaning), text: value?.text ?? "", path: path,
                           label: "\(HTML.escape(item.meaning)) (một dòng)")
        }
        return "<li class=\"dong\" data-path=\"\(HTML.escape(path))\">\(inner)<button type=\"button\" class=\"xoa\">Xóa dòng này</button></li>"
    }

    private func scalar(_ field: Field, text: String, path: String, label: String) -> String {
        let id = Self.id(path)
        let name = HTML.escape(FormTree.prefix + path)
        let described = "aria-describedby=\"loi-\(id)\"" + (messages[path]?.isEmpty == false ? " aria-invalid=\"true\"" : "")
        let value = HTML.escape(text)
        let control: String
        switch field.shape.withoutNull {
        case .enumeration(let allowed, let legacy):
            var options = allowed + legacy
            // A value the file holds that the list lacks stays chosen, so that saving keeps it (and the
            // validator says what is wrong with it), never silently becomes another.
            if !text.isEmpty, !options.contains(text) { options.insert(text, at: 0) }
            let blank = "<option value=\"\"\(text.isEmpty ? " selected" : "")>— chưa chọn —</option>"
            control = "<select id=\"\(id)\" name=\"\(name)\" \(described)>" + blank + options.map { option in
                let words = EnumLabels.words[option].map { "\($0) (\(option))" } ?? option
                let marked = allowed.contains(option) || legacy.contains(option) ? words : words + " — không có trong danh mục"
                return "<option value=\"\(HTML.escape(option))\"\(option == text ? " selected" : "")>\(HTML.escape(marked))</option>"
            }.joined() + "</select>"
        case .text(.many):
            control = "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"\(text.count > 120 ? 5 : 2)\" \(described)>\(value)</textarea>"
        case .integer(let minimum) where text.isEmpty || Int(text) != nil:
            control = "<input id=\"\(id)\" name=\"\(name)\" type=\"number\" inputmode=\"numeric\" step=\"1\"\(minimum.map { " min=\"\($0)\"" } ?? "") value=\"\(value)\" \(described)>"
        case .number(let minimum) where text.isEmpty || Syntax.isDecimal(text):
            control = "<input id=\"\(id)\" name=\"\(name)\" type=\"number\" inputmode=\"decimal\" step=\"any\"\(minimum.map { " min=\"\($0 == $0.rounded() ? String(Int($0)) : String($0))\"" } ?? "") value=\"\(value)\" \(described)>"
        case .date where text.isEmpty || CalendarDate.isValid(text):
            control = "<input id=\"\(id)\" name=\"\(name)\" type=\"date\" value=\"\(value)\" \(described)>"
        case .boolean:
            let choices = [("", "— chưa chọn —"), ("true", "Có (true)"), ("false", "Không (false)")]
                + (["", "true", "false"].contains(text) ? [] : [(text, text + " — không hợp lệ")])
            control = "<select id=\"\(id)\" name=\"\(name)\" \(described)>" + choices.map {
                "<option value=\"\(HTML.escape($0.0))\"\($0.0 == text ? " selected" : "")>\(HTML.escape($0.1))</option>"
            }.joined() + "</select>"
        default:
            // One line of text, a code, an address, a time; also a number or date the file writes in a
            // way the browser's own box would erase (`50.000đ`, `16/01/2026`): shown as typed, to mend.
            control = "<input id=\"\(id)\" name=\"\(name)\" type=\"text\" value=\"\(value)\" \(described)>"
        }
        return "<div class=\"truong\" data-path=\"\(HTML.escape(path))\"><label for=\"\(id)\">\(label)</label>\(control)"
            + "<p class=\"loi\" id=\"loi-\(id)\" data-loi-for=\"\(HTML.escape(path))\" aria-live=\"polite\">\(messageText(path))</p></div>"
    }

    /// Messages about a group or list as a whole (a key missing from it).
    private func errors(_ path: String) -> String {
        "<p class=\"loi\" data-loi-for=\"\(HTML.escape(path))\" aria-live=\"polite\">\(messageText(path))</p>"
    }

    private func messageText(_ path: String) -> String {
        (messages[path] ?? []).map { "<span class=\"\($0.severity)\">\(HTML.escape($0.text))</span>" }.joined(separator: " ")
    }

    /// The field's meaning, its key (what staff see in the file), and whether it must be filled.
    static func label(_ field: Field) -> String {
        let need: String
        switch field.requirement {
        case .required: need = " <span class=\"bat-buoc\">(bắt buộc)</span>"
        case .completeness: need = " <span class=\"can-du\">(cần để hồ sơ đủ thành phần)</span>"
        case .optional: need = ""
        }
        return HTML.escape(field.meaning.prefix(1).uppercased() + field.meaning.dropFirst()) + " <code>\(HTML.escape(field.key))</code>" + need
    }

    /// An element id from a key path: its parts are schema keys, numbers and placeholders.
    static func id(_ path: String) -> String {
        "t-" + HTML.escape(path.replacingOccurrences(of: ".", with: "-"))
    }
}

/// A validator's message for a field, in words.
struct FieldMessage: Sendable, Equatable {
    /// `error` or `warning`: the class the page colours it by.
    var severity: String
    var text: String
}

/// The Vietnamese words for the schema's values, beside the value itself (which is what the file holds).
enum EnumLabels {
    static let words: [String: String] = [
        "trung_uong": "Trung ương", "tinh": "Tỉnh", "xa": "Xã", "co_quan_khac": "Cơ quan khác", "huyen": "Huyện (cũ)",
        "hieu_luc": "Còn hiệu lực", "da_sua_doi": "Đã sửa đổi", "bai_bo": "Bãi bỏ",
        "dac_thu_dia_phuong": "Đặc thù địa phương", "noi_bo": "Nội bộ",
        "duoc_giao_quy_dinh_chi_tiet": "Được giao quy định chi tiết", "khong_duoc_giao": "Không được giao", "khac": "Khác",
        "truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Bưu chính",
        "ngay_lam_viec": "Ngày làm việc", "ngay": "Ngày", "gio": "Giờ", "thang": "Tháng",
        "le_phi": "Lệ phí", "phi": "Phí", "gia": "Giá",
        "moi": "Mới", "sua_doi_bo_sung": "Sửa đổi, bổ sung", "thay_the": "Thay thế",
        "toan_trinh": "Toàn trình", "mot_phan": "Một phần", "khong": "Không",
        "csdlqg": "CSDL quốc gia", "dia_phuong": "Địa phương",
    ]
}
