import Escaping
import FileSystem
import Foundation
import Records
import Site

/// `tthc serve` at a province's folder (docs/editor.md): a start page listing the units, each unit's
/// site under `/<slug>/`, and forms that write the unit's files `don-vi/<slug>/thu-tuc/<code>.md`
/// only (overlays, and the unit's own procedures). An account sees and edits its own units; the
/// pool `content/thu-tuc/` is never written.
extension EditorServer {
    /// May this session see a unit's pages? The same rule as writing its overlay: its accounts, a
    /// province account, the person at the machine. The province's own publication (`tinh`) is the province's.
    func mayView(_ slug: String, _ session: Sessions.Session) -> Bool {
        EditRights.mayWrite(session.editor, RecordTarget(unit: slug, code: "0.000000").path, in: settings.layout)
    }

    /// A page under `/<slug>/`, or the theme's shared files under `/assets/`; nil for the start page.
    func provincePage(_ segments: [String], _ request: WebRequest, session: Sessions.Session) -> WebResponse? {
        guard let province = preview.province else { return nil }
        guard let slug = segments.first else { return startPage(province, session: session) }
        if slug == "assets" { return nil }
        guard let unit = province.units.first(where: { $0.slug == slug }) else {
            return refusal(404, "Không có đơn vị này", "Tỉnh không có đơn vị \(slug).", session)
        }
        guard mayView(unit.slug, session) else {
            return refusal(403, "Không được phép", "Tài khoản này không xem, không sửa được trang của đơn vị \(unit.slug). Không có gì được thay đổi.", session)
        }
        return nil
    }

    /// The units this session may open, with the province's errors for those who see them all.
    private func startPage(_ province: ProvincePreview, session: Sessions.Session) -> WebResponse {
        let units = province.units.filter { mayView($0.slug, session) }
        let items = units.map { unit in
            "<li><a href=\"/\(HTML.escape(unit.slug))/\">\(HTML.escape(unit.name))</a> <code>\(HTML.escape(unit.slug))</code> · \(unit.codes.count) thủ tục</li>"
        }.joined()
        let everyUnit = units.count == province.units.count
        let problems = everyUnit ? LivePreview.panel(province.diagnostics, language: settings.language) : ""
        let main = "<h1>Các đơn vị</h1>" + problems
            + (units.isEmpty ? "<p id=\"thong-bao\">Tài khoản này chưa được giao đơn vị nào của tỉnh.</p>" : "<ul id=\"don-vi\">\(items)</ul>")
            + "<p class=\"chu-thich\">Mỗi đơn vị được xem như <code>tthc build --don-vi</code> tạo ra; \"Sửa thủ tục này\" ghi phần riêng của đơn vị (<code>don-vi/&lt;tên&gt;/thu-tuc/&lt;mã&gt;.md</code>).</p>"
        return .html(200, EditorPages.shell(title: "Các đơn vị", user: userName(session), csrf: session.csrf, main))
    }

    /// Why a form of a unit cannot be opened: no such unit (or the province's own publication,
    /// which has no folder), or (`code`) a procedure the unit does not publish. Nil when it can.
    func unitRefusal(_ slug: String, code: String?, _ session: Sessions.Session) -> WebResponse? {
        guard let unit = preview.province?.units.first(where: { $0.slug == slug }), unit.hasFolder else {
            return refusal(404, "Không có đơn vị này", "Tỉnh không có đơn vị \(slug) (thư mục don-vi/\(slug)/ có site.yml).", session)
        }
        if let code, !unit.codes.contains(code) {
            return refusal(404, "Đơn vị không công bố thủ tục này",
                           "Đơn vị \(slug) không công bố thủ tục \(code) (chon trong site.yml của đơn vị không chọn nó, hoặc kho chung không có nó), nên không có phần riêng để sửa.", session)
        }
        return nil
    }

    /// The pool record's name and national part (its front matter without `dia_phuong`), shown
    /// read-only beside a unit's form; nil when it cannot be read.
    func poolPart(_ code: String) -> (title: String?, nationalText: String)? {
        guard let folder = try? SiteFolders(site: settings.site).resolve("content/thu-tuc"),
              let bytes = try? Files.read(folder + "/\(code).md", followingLinks: false) else { return nil }
        let record = Record.read(bytes: bytes, path: "content/thu-tuc/\(code).md")
        let lines = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let closing = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return (record.frontMatter?["ten"]?.string, "")
        }
        let local = record.localLines
        let national = (1..<closing).filter { !(local?.contains($0 + 1) ?? false) }.map { String(lines[$0]) }
        return (record.frontMatter?["ten"]?.string, national.joined(separator: "\n"))
    }

    /// `/__tthc/moi` in a province: the units this session may add an own procedure to, each a
    /// link to its form (`/__tthc/moi/<slug>`).
    func unitChoice(_ session: Sessions.Session) -> WebResponse {
        let units = (preview.province?.units ?? []).filter { $0.hasFolder && mayView($0.slug, session) }
        let items = units.map { unit in
            "<li><a href=\"/__tthc/moi/\(HTML.escape(unit.slug))\">\(HTML.escape(unit.name))</a> <code>\(HTML.escape(unit.slug))</code></li>"
        }.joined()
        let main = "<h1>Thêm thủ tục riêng</h1><p>Thủ tục riêng của đơn vị (<code>nguon.he_thong: dia_phuong</code>) được ghi vào <code>don-vi/&lt;tên&gt;/thu-tuc/&lt;mã&gt;.md</code> và chỉ đăng trên trang của đơn vị đó. Chọn đơn vị:</p>"
            + (units.isEmpty ? "<p id=\"thong-bao\">Tài khoản này chưa được giao đơn vị nào của tỉnh.</p>" : "<ul id=\"don-vi\">\(items)</ul>")
        return .html(200, EditorPages.shell(title: "Thêm thủ tục riêng", user: userName(session), csrf: session.csrf, main))
    }

    /// A new own procedure whose code is a record of the pool (`content/thu-tuc/<code>.md`): the
    /// error `tthc check` would give at its code (`Problem.ownCodeInPool`), at the code's field.
    func poolClash(_ target: RecordTarget) -> (field: String?, message: FieldMessage, blocks: Bool)? {
        guard target.unit != nil, Syntax.isProcedureCode(target.code),
              let folder = try? SiteFolders(site: settings.site).resolve(SiteContent.recordsFolder),
              (try? Files.kind(folder + "/\(target.code).md")) != nil else { return nil }
        let problem = Problem.ownCodeInPool(target.code, poolFile: "\(SiteContent.recordsFolder)/\(target.code).md")
        let words = problem.message[settings.language] + (problem.suggestion.map { " " + $0[settings.language] } ?? "")
        return ("ma_thu_tuc", FieldMessage(severity: "error", text: words), true)
    }
}
