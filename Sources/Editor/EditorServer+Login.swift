import Foundation
import Records

extension EditorServer {
    /// The login form, with a token of its own in a cookie and in the form (no session exists yet).
    func loginPage(_ request: WebRequest, name: String = "", problem: String? = nil, status: Int = 200) -> WebResponse {
        guard isShared else { return .redirect("/") }
        // The page's own token is kept while it lives: a second load (another tab, a favicon sent to
        // login) must not make the first tab's form stale.
        let sent = request.cookies[Self.loginCookie]
        let token = sent.flatMap { Token.isWellFormed($0) ? $0 : nil } ?? Token.make()
        var response = WebResponse.html(status, EditorPages.login(csrf: token, next: Self.nextPath(request), name: name, problem: problem))
        response.headers.append(("set-cookie", cookie(Self.loginCookie, token, request: request, maxAge: 1800)))
        return response
    }

    /// Where to go after logging in: a path of this server only (never `//other.example`).
    static func nextPath(_ request: WebRequest) -> String {
        let fromQuery = request.query.split(separator: "&").first { $0.hasPrefix("tiep=") }
            .flatMap { FormData.decode(ArraySlice($0.dropFirst(5).utf8)) }
        let fromForm = FormData(body: request.body)?["tiep"]
        let next = (request.method == "POST" ? fromForm : fromQuery) ?? "/"
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return "/" }
        return next
    }

    func login(_ request: WebRequest) -> WebResponse {
        guard let accounts = settings.accounts else { return .redirect("/") }
        guard let form = FormData(body: request.body) else { return loginPage(request, problem: "Biểu mẫu không đọc được.", status: 400) }
        guard Token.same(form["_csrf"], request.cookies[Self.loginCookie]) else {
            return loginPage(request, problem: "Biểu mẫu đăng nhập đã cũ hoặc thiếu mã bảo vệ; hãy đăng nhập lại.", status: 403)
        }
        let name = (form["ten"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["mat_khau"] ?? ""
        // IPv6: one /64 is one client (ClientAddress.network).
        let address = ClientAddress.network(of: client(request))
        if let wait = throttle.wait(name: name, address: address) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            return loginPage(request, name: name, problem: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau \(minutes) phút.", status: 429)
        }
        let account = Account.isName(name) ? accounts.account(named: name) : nil
        // An unknown name costs a bcrypt check too: the answer's time says nothing about which names exist.
        let good = Passwords.verify(password, hash: account?.matKhau ?? decoy) && account != nil
        guard good, let account else {
            throttle.failed(name: name, address: address)
            return loginPage(request, name: name, problem: "Tên đăng nhập hoặc mật khẩu không đúng.", status: 401)
        }
        throttle.succeeded(name: name, address: address)
        // A new id at each login: one planted in the browser before (session fixation) is never used.
        sessions.end(request.cookies[Self.sessionCookie])
        let id = sessions.start(.account(account))
        var response = WebResponse.redirect(Self.nextPath(request))
        response.headers += [("set-cookie", cookie(Self.sessionCookie, id, request: request, maxAge: Int(sessions.lifetime))),
                             ("set-cookie", cookie(Self.loginCookie, "", request: request, maxAge: 0))]
        return response
    }
}
