import Escaping
import Foundation
import Records

extension EditorServer {
    /// A page of the site as built in memory, with the error panel, the editor's bar and the
    /// script that reloads it after each build.
    func page(_ segments: [String], _ request: WebRequest, session: Sessions.Session) -> WebResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return refusal(405, "Không được phép", "Trang của đơn vị chỉ để xem.", session)
        }
        if let answer = provincePage(segments, request, session: session) { return answer }
        var key = segments.joined(separator: "/")
        let folder = request.path.hasSuffix("/") || segments.isEmpty
        if key.isEmpty || folder { key += key.isEmpty ? "index.html" : "/index.html" }
        let (data, panel, generation, exists) = preview.file(key)
        if data == nil, !folder, exists(key + "/index.html") { return .redirect("/" + key + "/") }
        guard let data else {
            // A unit's own 404 page in a province.
            let notFound = isProvince && segments.count > 1 ? segments[0] + "/404.html" : "404.html"
            let missing = preview.file(notFound).data ?? Data()
            return decorated(missing, status: 404, panel: panel, generation: generation, target: nil, unit: nil, session: session,
                             head: request.method == "HEAD")
        }
        let type = LivePreview.types[(key as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
        guard type.hasPrefix("text/html") else {
            return WebResponse(status: 200, headers: [("content-type", type)], body: request.method == "HEAD" ? [] : [UInt8](data))
        }
        // `thu-tuc/<code>/index.html` (under `<slug>/` in a province): a procedure's page, which has "Sửa".
        let page = isProvince ? segments.dropFirst() : segments[...]
        let code = page.count == 2 && page.first == "thu-tuc" && Syntax.isProcedureCode(page[page.startIndex + 1]) ? page.last : nil
        let target = code.map { RecordTarget(unit: isProvince ? segments[0] : nil, code: $0) }
        return decorated(data, status: 200, panel: panel, generation: generation, target: target, unit: isProvince ? segments.first : nil,
                         session: session, head: request.method == "HEAD")
    }

    private func decorated(_ page: Data, status: Int, panel: String, generation: Int, target: RecordTarget?, unit: String?, session: Sessions.Session,
                           head: Bool) -> WebResponse {
        var html = String(decoding: page, as: UTF8.self)
        if html.isEmpty { html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>tthc</title></head><body></body></html>" }
        if let headEnd = html.range(of: "</head>") {
            html.insert(contentsOf: "<meta name=\"tthc-phien\" content=\"\(generation)\">", at: headEnd.lowerBound)
        }
        if let body = html.range(of: "<body>") ?? html.range(of: "<body ") .flatMap({ html[$0.lowerBound...].range(of: ">") }) {
            html.insert(contentsOf: bar(target: target, unit: unit, session: session) + panel, at: body.upperBound)
        }
        if let end = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: "<script src=\"/__tthc/tai-lai.js\"></script>", at: end.lowerBound)
        }
        return WebResponse(status: status, headers: [("content-type", "text/html; charset=utf-8")], body: head ? [] : Array(html.utf8))
    }

    /// The editor's bar over a page: "Sửa" where this editor may write the record, "Thêm thủ tục
    /// riêng" where it may add one (in a province: `unit`, the unit whose page it is), and who is logged in.
    private func bar(target: RecordTarget?, unit unitOfPage: String?, session: Sessions.Session) -> String {
        var links: [String] = []
        if isProvince { links.append("<a href=\"/\" style=\"color:#fff\">Các đơn vị</a>") }
        if let target, EditRights.mayWrite(session.editor, target.path, in: settings.layout),
           target.unit.map({ unitRefusal($0, code: target.code, session) == nil }) ?? true {
            links.append("<a id=\"tthc-sua\" href=\"\(HTML.escape(target.form))\" style=\"color:#fff;font-weight:700\">Sửa thủ tục này</a>")
        }
        // In a province, on a unit's pages: a procedure of that unit's own.
        let unit = isProvince ? unitOfPage : nil
        let newTarget = RecordTarget(unit: unit, code: "0.000000", own: true)
        if !isProvince || unit != nil, EditRights.mayWrite(session.editor, newTarget.path, in: settings.layout),
           unit.map({ unitRefusal($0, code: nil, session) == nil }) ?? true {
            links.append("<a id=\"tthc-moi\" href=\"\(HTML.escape(newTarget.newForm))\" style=\"color:#fff\">Thêm thủ tục riêng</a>")
        }
        if let name = userName(session) {
            links.append("<span>Đăng nhập: \(HTML.escape(name))</span><form method=\"post\" action=\"/__tthc/dang-xuat\" style=\"display:inline;margin:0\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(session.csrf))\"><button type=\"submit\">Đăng xuất</button></form>")
        }
        return "<div id=\"tthc-thanh\" style=\"background:#1a3d6d;color:#fff;padding:.4rem 1rem;font:15px/1.5 system-ui,sans-serif;display:flex;gap:1.25rem;flex-wrap:wrap;align-items:center\">"
            + "<span>tthc serve</span>" + links.joined() + "</div>"
    }
}
