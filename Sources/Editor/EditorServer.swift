import Escaping
import FileSystem
import Foundation
import Records

/// `tthc serve` as requests and answers: the preview of the site, and the editor's routes
/// (docs/editor.md). Who may do what is decided here, before any file is looked at: a session
/// (a login with `--accounts`; the person at the machine otherwise), its CSRF token on every
/// request that changes anything, and `EditRights.mayWrite` for the file it would change.
public final class EditorServer: @unchecked Sendable {
    public struct Settings: Sendable {
        public var site: URL
        public var layout: EditRights.Layout
        /// Nil: no accounts, the server answers on 127.0.0.1 only and its user is `.local`.
        public var accounts: AccountFile?
        public var audit: AuditLog?
        public var git: GitCommit?
        public var language: Language
        /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
        public var trustedProxies: Set<String> = []

        public init(site: URL, layout: EditRights.Layout, accounts: AccountFile? = nil, audit: AuditLog? = nil,
                    git: GitCommit? = nil, language: Language = .vi) {
            self.site = site
            self.layout = layout
            self.accounts = accounts
            self.audit = audit
            self.git = git
            self.language = language
        }
    }

    public let settings: Settings
    public let preview: LivePreview
    let sessions = Sessions()
    let heldAsks = HeldAsks()
    let throttle = LoginThrottle()

    /// The client's address as the login limits and the audit log count it (`ClientAddress`).
    func client(_ request: WebRequest) -> String {
        ClientAddress.of(request, trusting: settings.trustedProxies)
    }
    let versions = VersionCache()
    /// Without accounts: the `Host` a request must name (127.0.0.1:port, localhost:port), so that a
    /// page of another site cannot reach this one through a name it points at 127.0.0.1 (DNS rebinding).
    public var localHosts: Set<String> = []
    /// bcrypt of nothing anyone types: checked when a name is unknown, so that a wrong name takes as
    /// long as a wrong password (the time does not tell which names exist).
    let decoy: String

    public static let sessionCookie = "tthc_phien"
    static let loginCookie = "tthc_dang_nhap"
    /// Forms hold a record of at most 1 MB, which percent-encoding can triple.
    public static let maximumBody = 4 << 20

    public init(settings: Settings, preview: LivePreview) {
        self.settings = settings
        self.preview = preview
        decoy = Passwords.hash(Token.make())
    }

    var isShared: Bool { settings.accounts != nil }

    /// The answer to one request, with the headers every answer carries.
    public func respond(_ request: WebRequest) -> WebResponse {
        var response = route(request)
        response.headers += [
            ("cache-control", "no-store"),
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "same-origin"),
            // No script but tthc's own files runs, whatever a record holds; no other site may frame or post here.
            ("content-security-policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"),
        ]
        return response
    }

    private func route(_ request: WebRequest) -> WebResponse {
        if !isShared, !localHosts.isEmpty, !localHosts.contains((request.header("host") ?? "").lowercased()) {
            return refusal(403, "Địa chỉ không được phép", "tthc serve chỉ trả lời khi được mở bằng địa chỉ 127.0.0.1 hoặc localhost.", nil)
        }
        guard let segments = Self.segments(request.path) else {
            return refusal(400, "Địa chỉ không hợp lệ", "Địa chỉ có ký tự không được phép (dấu gạch chéo mã hóa, .., ký tự điều khiển).", nil)
        }
        if request.method == "POST", let origin = request.header("origin"), !sameOrigin(origin, request) {
            return refusal(403, "Bị từ chối", "Yêu cầu đến từ một trang khác; tthc chỉ nhận biểu mẫu của chính nó.", nil)
        }
        let cookies = request.cookies
        var session = sessions.session(cookies[Self.sessionCookie])
        var setCookie: String?
        if session == nil, !isShared {
            // The person at the machine: a session made on first sight, so that forms still carry a CSRF token.
            let id = sessions.start(.local)
            session = sessions.session(id)
            setCookie = cookie(Self.sessionCookie, id, request: request, maxAge: Int(sessions.lifetime))
        }
        var response: WebResponse
        if segments.first == "__tthc" {
            response = tool(Array(segments.dropFirst()), request, session: session, sessionID: cookies[Self.sessionCookie])
        } else if let session {
            response = page(segments, request, session: session)
        } else if request.path.hasSuffix("/") || request.path.hasSuffix(".html") {
            response = .redirect("/__tthc/dang-nhap?tiep=" + FormData.encode(request.path))
        } else {
            response = refusal(403, "Chưa đăng nhập", "Hãy đăng nhập trước.", nil)
        }
        if let setCookie, request.method == "GET" { response.headers.append(("set-cookie", setCookie)) }
        return response
    }

    /// The editor's own routes, under `/__tthc/`.
    private func tool(_ segments: [String], _ request: WebRequest, session: Sessions.Session?, sessionID: String?) -> WebResponse {
        let method = request.method
        switch (method, segments.first ?? "", segments.count) {
        case ("GET", "phien", 1):
            return WebResponse(status: 200, headers: [("content-type", "text/plain; charset=utf-8")], body: Array("\(preview.generation)".utf8))
        case ("GET", let name, 1) where EditorAssets.files[name] != nil:
            let (type, text) = EditorAssets.files[name] ?? ("", "")
            return WebResponse(status: 200, headers: [("content-type", type)], body: Array(text.utf8))
        case ("GET", "dang-nhap", 1):
            return loginPage(request)
        case ("POST", "dang-nhap", 1):
            return login(request)
        default:
            break
        }
        guard let session else {
            if method == "GET" { return .redirect("/__tthc/dang-nhap?tiep=" + FormData.encode(request.path)) }
            return refusal(403, "Chưa đăng nhập", "Phiên đăng nhập đã hết hoặc chưa đăng nhập. Hãy đăng nhập rồi làm lại.", nil)
        }
        var form: FormData?
        if method == "POST" {
            guard let posted = FormData(body: request.body) else {
                return refusal(400, "Biểu mẫu không đọc được", "Nội dung gửi lên không phải biểu mẫu.", session)
            }
            // Every request that changes or computes anything carries the session's token: a page of
            // another site can make the browser post, never read the token.
            guard Token.same(posted["_csrf"], session.csrf) else {
                return refusal(403, "Bị từ chối: thiếu mã bảo vệ", "Biểu mẫu không có mã bảo vệ (CSRF) của phiên này, hoặc mã đã cũ. Mở lại trang rồi làm lại; không có gì được lưu.", session)
            }
            form = posted
        }
        switch (method, segments.first ?? "", segments.count) {
        case ("POST", "dang-xuat", 1):
            sessions.end(sessionID)
            var response = WebResponse.redirect(isShared ? "/__tthc/dang-nhap" : "/")
            response.headers.append(("set-cookie", cookie(Self.sessionCookie, "", request: request, maxAge: 0)))
            return response
        case ("POST", "kiem-tra", 2) where segments[1] == "moi" && !isProvince,
             ("POST", "kiem-tra", 3) where segments[1] == "moi" && isProvince:
            return checkNew(unit: segments.dropFirst(2).first, form: form ?? FormData(pairs: []), session: session)
        case (_, "sua", _), ("POST", "kiem-tra", _):
            guard let target = RecordTarget(segments.dropFirst(), province: settings.layout == .province) else { break }
            switch (method, segments[0]) {
            case ("GET", "sua"): return editPage(target, session: session)
            case ("POST", "sua"): return save(target, form: form ?? FormData(pairs: []), session: session, request: request)
            case ("POST", "kiem-tra"): return check(target, form: form ?? FormData(pairs: []), session: session)
            default: break
            }
        case ("GET", "moi", 1):
            return newPage(unit: nil, session: session)
        case ("GET", "moi", 2) where isProvince:
            return newPage(unit: segments[1], session: session)
        case ("POST", "moi", 1) where !isProvince, ("POST", "moi", 2) where isProvince:
            // In a province the unit is in the path (`/__tthc/moi/<slug>`): its folder is where the record goes.
            return create(unit: segments.dropFirst().first, form: form ?? FormData(pairs: []), session: session, request: request)
        case ("POST", "xem-truoc", 1):
            return markdownPreview(form ?? FormData(pairs: []))
        default:
            break
        }
        return refusal(404, "Không có trang này", "Không có trang này trong trình sửa của tthc.", session)
    }

    // MARK: - Answers

    func refusal(_ status: Int, _ title: String, _ text: String, _ session: Sessions.Session?) -> WebResponse {
        .html(status, EditorPages.message(title, text, user: userName(session), csrf: session?.csrf, back: "/"))
    }

    func userName(_ session: Sessions.Session?) -> String? {
        guard case .account(let account)? = session?.editor else { return nil }
        return account.hoTen ?? account.ten
    }

    /// A cookie only this server's pages send back: not readable by scripts, not sent by a request
    /// another site starts, `Secure` when the proxy says the browser came over HTTPS.
    func cookie(_ name: String, _ value: String, request: WebRequest, maxAge: Int) -> String {
        let secure = request.header("x-forwarded-proto")?.lowercased() == "https" ? "; Secure" : ""
        return "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)\(secure)"
    }

    /// An `Origin` that names the host the request was sent to (the proxy's `X-Forwarded-Host` when there is one).
    private func sameOrigin(_ origin: String, _ request: WebRequest) -> Bool {
        guard let host = request.header("x-forwarded-host") ?? request.header("host") else { return false }
        let withoutScheme = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        return withoutScheme?.lowercased() == host.lowercased()
    }

    /// The path's parts, each percent-decoded; nil when one decodes to something no tthc path has
    /// (`/`, `\`, a control, `..`), so `%2F` and `%2E%2E` can never reach another folder.
    static func segments(_ path: String) -> [String]? {
        var parts: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let part = FormData.decode(ArraySlice(raw.utf8), plusIsSpace: false) else { return nil }
            if part == "." || part == ".." || part.contains("/") || part.contains("\\")
                || part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            parts.append(part)
        }
        return parts
    }
}

/// The bytes a form was made from, by their fingerprint: what a save compares the disk with, and
/// what a refused save shows as "your version".
final class VersionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: [UInt8]] = [:]
    private var order: [String] = []

    /// The version of a file not made yet (a unit's overlay before its first save).
    static let absent = "khong-co-tep"

    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }

    func keep(_ bytes: [UInt8]) -> String {
        let key = Self.fingerprint(bytes)
        lock.lock()
        defer { lock.unlock() }
        if kept[key] == nil {
            kept[key] = bytes
            order.append(key)
            if order.count > 256 { kept[order.removeFirst()] = nil }
        }
        return key
    }

    func bytes(_ key: String) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return kept[key]
    }
}
