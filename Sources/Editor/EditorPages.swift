import Escaping
import Records

/// The editor's own pages (login, a record's form, a refusal, a conflict), in Vietnamese. Every
/// value from a record, a form or an account is escaped here or by `FormRenderer`.
enum EditorPages {
    static func shell(title: String, user: String?, csrf: String?, _ main: String) -> String {
        var bar = "<a href=\"/\">Trang của đơn vị</a>"
        if let user {
            bar += " <span class=\"ai\">Đăng nhập: <strong>\(HTML.escape(user))</strong></span>"
            if let csrf {
                bar += "<form method=\"post\" action=\"/__tthc/dang-xuat\" class=\"dang-xuat\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(csrf))\"><button type=\"submit\">Đăng xuất</button></form>"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) — tthc</title><link rel="stylesheet" href="/__tthc/editor.css"><script src="/__tthc/editor.js" defer></script></head>
            <body><header class="thanh">\(bar)</header><main>\(main)</main></body></html>
            """
    }

    static func message(_ title: String, _ text: String, user: String?, csrf: String?, back: String? = nil) -> String {
        shell(title: title, user: user, csrf: csrf, "<h1>\(HTML.escape(title))</h1><p id=\"thong-bao\">\(HTML.escape(text))</p>"
              + (back.map { "<p><a href=\"\(HTML.address($0) ?? "/")\">Quay lại</a></p>" } ?? ""))
    }

    static func login(csrf: String, next: String, name: String = "", problem: String? = nil) -> String {
        let said = problem.map { "<p class=\"loi-chung\" role=\"alert\" id=\"loi-dang-nhap\">\(HTML.escape($0))</p>" } ?? ""
        return shell(title: "Đăng nhập", user: nil, csrf: nil, """
            <h1>Đăng nhập để sửa thủ tục</h1>\(said)
            <form method="post" action="/__tthc/dang-nhap" class="dang-nhap">
            <input type="hidden" name="_csrf" value="\(HTML.escape(csrf))"><input type="hidden" name="tiep" value="\(HTML.escape(next))">
            <div class="truong"><label for="ten">Tên đăng nhập</label><input id="ten" name="ten" autocomplete="username" value="\(HTML.escape(name))" required></div>
            <div class="truong"><label for="mat-khau">Mật khẩu</label><input id="mat-khau" name="mat_khau" type="password" autocomplete="current-password" required></div>
            <p><button type="submit">Đăng nhập</button></p></form>
            """)
    }

    /// The form of one record. `national`: the schema's other keys are shown (a single unit's site);
    /// `local`: the record is the unit's own throughout (no override to speak of).
    /// `overlay`: in a province, the unit's file and the pool record's national part, shown read-only.
    static func edit(code: String, title: String, action: String, check: String, page: String, csrf: String, version: String,
                     frontMatter: WrittenValue, sections: [(index: Int?, title: String, markdown: String, national: Bool)],
                     covered: ObjectShape, national: Bool, local: Bool, newRecord: Bool,
                     renderer: FormRenderer, general: [FieldMessage], user: String?, overlay: (path: String, national: String)? = nil) -> String {
        let generalText = general.map { "<span class=\"\($0.severity)\">\(HTML.escape($0.text))</span>" }.joined(separator: " ")
        var main = "<h1>\(newRecord ? "Thêm thủ tục riêng của đơn vị" : "Sửa: " + HTML.escape(title))</h1>"
        if !newRecord { main += "<p>Mã thủ tục <code>\(HTML.escape(code))</code> · <a href=\"\(HTML.escape(page))\">Xem trang</a></p>" }
        if let overlay {
            main += "<p class=\"chu-thich\" id=\"tep-rieng\">Lưu vào phần riêng của đơn vị: <code>\(HTML.escape(overlay.path))</code> (tạo khi lưu lần đầu).</p>"
        }
        main += """
            <form method="post" action="\(HTML.escape(action))" novalidate id="bieu-mau" data-kiem-tra="\(HTML.escape(check))">
            <input type="hidden" name="_csrf" value="\(HTML.escape(csrf))"><input type="hidden" name="_phien_ban" value="\(HTML.escape(version))">
            <input type="hidden" name="muc" value="1">
            <div id="loi-chung" class="loi-chung" role="alert" data-loi-for="">\(generalText)</div>
            """
        if newRecord {
            main += "<section><h2>Mã thủ tục</h2>" + renderer.field(Schema.procedure.fields[0], value: frontMatter["ma_thu_tuc"], path: "ma_thu_tuc", depth: 0)
                + "<p class=\"chu-thich\">Thủ tục riêng được ghi với <code>nguon.he_thong: dia_phuong</code>: đồng bộ với CSDL quốc gia không bao giờ sửa nó.</p></section>"
        }
        if let localField = covered.fields.first(where: { $0.key == "dia_phuong" }) {
            main += "<section><h2>Thông tin riêng của đơn vị</h2><p class=\"chu-thich\">Phần <code>dia_phuong</code>: đồng bộ không bao giờ sửa.</p>"
                + renderer.fields(localField.shape.objectFields.isEmpty ? Schema.local.objectFieldsShape : ObjectShape(localField.shape.objectFields),
                                  value: frontMatter["dia_phuong"], prefix: "dia_phuong.") + "</section>"
        }
        main += "<section class=\"cac-muc\"><h2>Các mục nội dung</h2><ol class=\"muc-list\" data-path=\"muc\">"
        for (row, section) in sections.enumerated() {
            main += sectionRow(row: String(row), section: section, renderer: renderer)
        }
        main += "</ol><template id=\"mau-muc\">" + sectionRow(row: "__M__", section: (nil, "", "", false), renderer: renderer)
            + "</template><button type=\"button\" class=\"them-muc\">Thêm mục</button></section>"
        if national {
            let others = ObjectShape(covered.fields.filter { $0.key != "dia_phuong" })
            let note = local || newRecord
                ? "Thủ tục riêng của đơn vị: mọi trường dưới đây là của đơn vị."
                : "Đây là phần quốc gia (từ CSDL quốc gia). Sửa ở đây tạo một bản sửa riêng của đơn vị: tthc sync giữ bản sửa và báo nó mỗi lần đồng bộ; nếu CSDL quốc gia cũng đổi trường đó, lần đồng bộ sau là một xung đột cần giải quyết."
            // Open where the record is the unit's own, and wherever a message is inside: a clerk must see it at its field.
            let said = renderer.messages.contains { path, messages in
                messages.contains { $0.severity == "error" } && others.fields.contains { path == $0.key || path.hasPrefix($0.key + ".") }
            }
            main += "<details class=\"quoc-gia\"\(local || newRecord || said ? " open" : "")><summary>\(local || newRecord ? "Các trường của thủ tục" : "Phần quốc gia (sửa ở đây tạo bản sửa riêng)")</summary>"
                + "<p class=\"chu-y\">\(HTML.escape(note))</p>" + renderer.fields(others, value: frontMatter, prefix: "") + "</details>"
        }
        if let overlay {
            // Shown, never posted: the form has no field for it, and a national key posted anyway is not among the keys it writes.
            main += "<details class=\"quoc-gia\" id=\"phan-quoc-gia\" open><summary>Phần quốc gia (chỉ xem)</summary>"
                + "<p class=\"chu-y\">Nội dung quốc gia chỉ thay đổi qua CSDL quốc gia (tthc sync ghi vào <code>content/thu-tuc/</code> của tỉnh), không sửa ở đây.</p>"
                + "<pre>\(HTML.escape(overlay.national))</pre></details>"
        }
        main += "<p class=\"nut\"><button type=\"submit\" id=\"luu\">Lưu</button> <a href=\"\(newRecord ? "/" : HTML.escape(page))\">Hủy</a></p></form>"
        return shell(title: newRecord ? "Thêm thủ tục" : "Sửa " + title, user: user, csrf: csrf, main)
    }

    private static func sectionRow(row: String, section: (index: Int?, title: String, markdown: String, national: Bool),
                                   renderer: FormRenderer) -> String {
        let path = "muc.\(row)"
        let id = "muc-\(row)"
        let messages = renderer.messages[path, default: []] + renderer.messages[path + ".noi_dung", default: []]
        let text = messages.map { "<span class=\"\($0.severity)\">\(HTML.escape($0.text))</span>" }.joined(separator: " ")
        let titleInput = section.national
            ? "<input type=\"hidden\" name=\"muc.\(row).tieu_de\" value=\"\(HTML.escape(section.title))\"><h3>\(HTML.escape(section.title))</h3>"
            : "<div class=\"truong\"><label for=\"\(id)-tieu-de\">Tiêu đề mục</label><input id=\"\(id)-tieu-de\" name=\"muc.\(row).tieu_de\" value=\"\(HTML.escape(section.title))\"></div>"
        return "<li class=\"muc\" data-path=\"\(path)\"><input type=\"hidden\" name=\"muc.\(row).so\" value=\"\(section.index.map(String.init) ?? "")\">"
            + titleInput
            + "<div class=\"truong\"><label for=\"\(id)-noi-dung\">Nội dung (Markdown)</label>"
            + "<textarea id=\"\(id)-noi-dung\" name=\"muc.\(row).noi_dung\" rows=\"8\" data-xem-truoc=\"\(id)-xem\" aria-describedby=\"loi-\(id)\">\(HTML.escape(section.markdown))</textarea>"
            + "<p class=\"loi\" id=\"loi-\(id)\" data-loi-for=\"\(path)\" aria-live=\"polite\">\(text)</p></div>"
            + "<div class=\"xem-truoc\" id=\"\(id)-xem\" aria-live=\"polite\" aria-label=\"Xem trước\"></div>"
            + (section.national ? "" : "<button type=\"button\" class=\"xoa-muc\">Xóa mục này</button>") + "</li>"
    }

    /// A save refused because the file changed since the form was opened: both versions, whole.
    static func conflict(_ target: RecordTarget, onDisk: String?, mine: String, user: String?, csrf: String?) -> String {
        shell(title: "Chưa lưu: tệp đã thay đổi", user: user, csrf: csrf, """
            <h1>Chưa lưu: tệp đã được sửa từ lúc bạn mở biểu mẫu</h1>
            <p id="thong-bao" role="alert">Trong lúc bạn sửa, tệp <code>\(HTML.escape(target.path))</code> đã được \(onDisk == nil ? "xóa" : "lưu") bởi người khác (hoặc bằng trình soạn thảo). Bản của bạn <strong>chưa được lưu</strong>, để không xóa mất thay đổi kia. Dưới đây là cả hai bản: chép phần của bạn, rồi <a href="\(HTML.escape(target.form))">mở lại biểu mẫu</a> với bản mới.</p>
            <div class="hai-ban"><section><h2>Bản đang có trên đĩa</h2><pre id="ban-tren-dia">\(HTML.escape(onDisk ?? "(không có tệp)"))</pre></section>
            <section><h2>Bản bạn định lưu</h2><pre id="ban-cua-ban">\(HTML.escape(mine))</pre></section></div>
            """)
    }

    static func notEditable(path: String, problems: [Diagnostic], language: Language, user: String?, csrf: String?) -> String {
        let items = problems.map { "<li>dòng \($0.line), cột \($0.column): \(HTML.escape($0.message(language)))</li>" }.joined()
        return shell(title: "Chưa sửa bằng biểu mẫu được", user: user, csrf: csrf, """
            <h1>Tệp này chưa sửa bằng biểu mẫu được</h1>
            <p id="thong-bao">Tệp <code>\(HTML.escape(path))</code> chưa đọc được thành một hồ sơ, nên biểu mẫu không biết các trường của nó. Hãy sửa các lỗi sau bằng trình soạn thảo (hoặc nhờ người quản trị), rồi mở lại trang này:</p><ul>\(items)</ul>
            """)
    }
}

extension Shape {
    /// An object shape's fields as a shape of their own (empty for another shape).
    var objectFieldsShape: ObjectShape { ObjectShape(objectFields) }
}
