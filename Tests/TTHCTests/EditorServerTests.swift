import Editor
import Foundation
import Records
import Testing

/// The browser editor's rules as a clerk and an attacker meet them (issue 19; docs/editor.md),
/// through `EditorServer.respond`, the requests the HTTP adapter hands it: what the file on disk
/// holds after each request is what is asserted. `scripts/editor-check` drives the same in Chromium.
@Suite struct EditorServerTests {
    static let record = SampleRecord.text(frontMatter: SampleRecord.frontMatter + """

        # giờ làm việc của bộ phận một cửa
        dia_phuong:
          gio_tiep_nhan: Sáng thứ Hai đến thứ Sáu
          # số máy bàn
          lien_he: "0213 3876 123"
        """).replacingOccurrences(of: "\n", with: "\r\n")
    static let path = "content/thu-tuc/1.001193.md"

    /// A browser: its cookies, kept from each answer.
    final class Browser {
        let server: EditorServer
        var cookies: [String: String] = [:]
        /// The connection's address, as the server sees it.
        var peer = "127.0.0.1"
        /// What a proxy in front would say in `X-Forwarded-For`; nil: no such header.
        var forwardedFor: String?

        init(_ server: EditorServer, peer: String = "127.0.0.1") {
            self.server = server
            self.peer = peer
        }

        func send(_ method: String, _ path: String, form: [(String, String)]? = nil, headers: [(String, String)] = []) -> WebResponse {
            let cookie = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let body = form.map { pairs in pairs.map { FormData.encode($0.0) + "=" + FormData.encode($0.1) }.joined(separator: "&") } ?? ""
            let (bare, query) = path.split(separator: "?", maxSplits: 1).map(String.init).splitFirst
            let response = server.respond(WebRequest(method: method, path: bare, query: query,
                                                     headers: [("host", "127.0.0.1:1313")] + (cookie.isEmpty ? [] : [("cookie", cookie)])
                                                         + (forwardedFor.map { [("x-forwarded-for", $0)] } ?? []) + headers,
                                                     body: Array(body.utf8), peer: peer))
            for (name, value) in response.headers where name == "set-cookie" {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
            }
            return response
        }

        func page(_ path: String) -> String { String(decoding: send("GET", path).body, as: UTF8.self) }

        /// A hidden input's value in a page.
        static func hidden(_ name: String, in page: String) -> String? {
            guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    struct Fixture {
        let site: TemporarySite
        let accounts: URL?
        let server: EditorServer

        func remove() {
            site.remove()
            if let accounts { try? FileManager.default.removeItem(at: accounts.deletingLastPathComponent()) }
        }

        var slug: String { site.folder.lastPathComponent }
    }

    /// The site with one record; with `accounts`, a shared server whose accounts are (name, units;
    /// `SITE` stands for this site's own unit).
    static func fixture(accounts: [(String, [String])]? = nil, trustedProxies: Set<String> = []) throws -> Fixture {
        let site = try TemporarySite("-- \(path) --\n")
        try site.write(path, record)
        var settings = EditorServer.Settings(site: site.folder, layout: .single(slug: site.folder.lastPathComponent))
        var file: URL?
        if let accounts {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-accounts-\(UUID().uuidString)")
            let url = folder.appendingPathComponent("tai-khoan.json")
            var list = try AccountFile(path: url.path)
            for (name, units) in accounts {
                try list.save(Account(ten: name, matKhau: Passwords.hash("mat-khau-\(name)-2026"), donVi: units.map { $0 == "SITE" ? site.folder.lastPathComponent : $0 }))
            }
            settings.accounts = list
            settings.trustedProxies = trustedProxies
            settings.audit = try AuditLog(path: AuditLog.path(besideAccounts: url.path))
            file = url
        }
        let preview = LivePreview(site: site.folder, language: .vi, log: { _ in })
        preview.rebuild()
        return Fixture(site: site, accounts: file, server: EditorServer(settings: settings, preview: preview))
    }

    func login(_ browser: Browser, _ name: String, password: String? = nil) -> WebResponse {
        let form = browser.page("/__tthc/dang-nhap")
        return browser.send("POST", "/__tthc/dang-nhap", form: [("_csrf", Browser.hidden("_csrf", in: form) ?? ""), ("tiep", "/"),
                                                                ("ten", name), ("mat_khau", password ?? "mat-khau-\(name)-2026")])
    }

    /// The form's dia_phuong as the browser posts it, one value changed.
    func localForm(_ page: String, hours: String) -> [(String, String)] {
        [("_csrf", Browser.hidden("_csrf", in: page) ?? ""), ("_phien_ban", Browser.hidden("_phien_ban", in: page) ?? ""),
         ("f.dia_phuong", ""), ("f.dia_phuong.gio_tiep_nhan", hours), ("f.dia_phuong.lien_he", "0213 3876 123")]
    }

    /// The watch's rebuild after a save's own rebuild finds nothing new and builds nothing (each
    /// save was built twice); any save after it is built.
    @Test func aRebuildWithNothingSavedSinceTheLastBuildsNothing() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let preview = LivePreview(site: fixture.site.folder, language: .vi, log: { _ in })
        preview.rebuild()
        let built = preview.generation
        preview.rebuild()
        #expect(preview.generation == built)
        try fixture.site.write(Self.path, Self.record.replacingOccurrences(of: "0213 3876 123", with: "0213 3876 124"))
        preview.rebuild()
        #expect(preview.generation == built + 1)
        try fixture.site.write("templates/ghi-chu.txt", "một tệp mới trong giao diện")
        preview.rebuild()
        #expect(preview.generation == built + 2)
    }

    @Test func aSaveRewritesTheChangedLineOnlyAndAStaleFormIsRefused() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let clerk = Browser(fixture.server)
        let page = clerk.page("/__tthc/sua/1.001193")
        #expect(page.contains("id=\"t-dia_phuong-gio_tiep_nhan\""))
        let saved = clerk.send("POST", "/__tthc/sua/1.001193", form: localForm(page, hours: "Sáng 7 giờ 30"))
        #expect(saved.status == 303 && saved.header("location") == "/thu-tuc/1.001193/")
        let expected = Self.record.replacingOccurrences(of: "gio_tiep_nhan: Sáng thứ Hai đến thứ Sáu", with: "gio_tiep_nhan: Sáng 7 giờ 30")
        #expect(try fixture.site.read(Self.path) == expected, "CRLF, the comments and every other line kept")
        #expect(clerk.page("/thu-tuc/1.001193/").contains("Sáng 7 giờ 30"), "the preview shows the save")

        // The same form again (opened before the first save): refused, both versions shown, nothing written.
        let stale = clerk.send("POST", "/__tthc/sua/1.001193", form: localForm(page, hours: "Chiều thứ Bảy"))
        let answer = String(decoding: stale.body, as: UTF8.self)
        #expect(stale.status == 409)
        #expect(answer.contains("id=\"ban-tren-dia\"") && answer.contains("Sáng 7 giờ 30") && answer.contains("Chiều thứ Bảy"))
        #expect(try fixture.site.read(Self.path) == expected)
    }

    @Test func aMistakeIsSaidAtItsFieldAndNothingIsWritten() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let clerk = Browser(fixture.server)
        let page = clerk.page("/__tthc/sua/1.001193")
        var form = localForm(page, hours: "Sáng")
        form += [("f.cach_thuc", ""), ("f.cach_thuc.0.kenh", "truc_tiep"), ("f.cach_thuc.0.thoi_han.so", "1"),
                 ("f.cach_thuc.0.thoi_han.don_vi", "ngay_lam_viec"), ("f.cach_thuc.0.phi_le_phi.0.loai", "le_phi"),
                 ("f.cach_thuc.0.phi_le_phi.0.so_tien", "50.000")]
        let checked = String(decoding: clerk.send("POST", "/__tthc/kiem-tra/1.001193", form: form).body, as: UTF8.self)
        #expect(checked.contains("\"truong\":\"cach_thuc.0.phi_le_phi.0.so_tien\"") && checked.contains("50000"), "\(checked)")
        let refused = clerk.send("POST", "/__tthc/sua/1.001193", form: form)
        let answer = String(decoding: refused.body, as: UTF8.self)
        #expect(refused.status == 422)
        #expect(answer.contains("id=\"loi-t-cach_thuc-0-phi_le_phi-0-so_tien\""))
        #expect(answer.contains("<details class=\"quoc-gia\" open>"), "the national part opens where the error is")
        #expect(try fixture.site.read(Self.path) == Self.record)
    }

    @Test func markupTypedIntoAFieldIsTextInTheFormAndOnThePage() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let clerk = Browser(fixture.server)
        let markup = "<script>window.__tthcPwned=1</script>\"\u{301}><img src=x onerror=alert(1)>"
        let saved = clerk.send("POST", "/__tthc/sua/1.001193", form: localForm(clerk.page("/__tthc/sua/1.001193"), hours: markup))
        #expect(saved.status == 303)
        for page in [clerk.page("/__tthc/sua/1.001193"), clerk.page("/thu-tuc/1.001193/")] {
            #expect(!page.contains("<script>window.__tthcPwned") && !page.contains("<img src=x"))
            #expect(page.contains("&lt;script&gt;window.__tthcPwned=1&lt;/script&gt;"))
        }
    }

    @Test func anotherUnitsAccountIsRefusedEverywhereAndNothingChanges() throws {
        let fixture = try Self.fixture(accounts: [("b", ["xa-khac"])])
        defer { fixture.remove() }
        let other = Browser(fixture.server)
        #expect(login(other, "b", password: "sai-mat-khau-roi").status == 401, "a wrong password")
        #expect(other.cookies["tthc_phien"] == nil)
        #expect(login(other, "b").status == 303)
        let token = try #require(Browser.hidden("_csrf", in: other.page("/thu-tuc/1.001193/")))
        let answers = [
            other.send("GET", "/__tthc/sua/1.001193").status,
            other.send("POST", "/__tthc/sua/1.001193", form: [("_csrf", token), ("_phien_ban", "x"), ("f.dia_phuong.ghi_chu", "b")]).status,
            other.send("POST", "/__tthc/kiem-tra/1.001193", form: [("_csrf", token)]).status,
            other.send("POST", "/__tthc/moi", form: [("_csrf", token), ("f.ma_thu_tuc", "1.999999"), ("f.ten", "x")]).status,
            other.send("POST", "/__tthc/sua/1.001193%2F..%2F..%2Fsite.yml", form: [("_csrf", token)]).status,
        ]
        #expect(answers == [403, 403, 403, 403, 400], "\(answers)")
        #expect(!other.page("/thu-tuc/1.001193/").contains("id=\"tthc-sua\""), "no Sửa on another unit's page")
        #expect(try fixture.site.read(Self.path) == Self.record)
        #expect((try? fixture.site.read("content/thu-tuc/1.999999.md")) == nil)
    }

    /// The audit log is appended to in place: a hard link at its name (to a file of the user's) or
    /// a pipe there is refused, so the save is undone with the reason, and the other file is as it was.
    @Test(arguments: ["hard link", "pipe"])
    func anAuditLogThatIsAnotherFileUndoesTheSave(kind: String) throws {
        let fixture = try Self.fixture(accounts: [("a", ["SITE"])])
        defer { fixture.remove() }
        let accounts = try #require(fixture.accounts)
        let log = AuditLog.path(besideAccounts: accounts.path)
        let other = accounts.deletingLastPathComponent().appendingPathComponent("cua-toi.txt").path
        try Data("giữ nguyên\n".utf8).write(to: URL(fileURLWithPath: other))
        if kind == "pipe" { #expect(mkfifo(log, 0o600) == 0) } else { try FileManager.default.linkItem(atPath: other, toPath: log) }
        let clerk = Browser(fixture.server)
        #expect(login(clerk, "a").status == 303)
        let page = clerk.page("/__tthc/sua/1.001193")
        let saved = clerk.send("POST", "/__tthc/sua/1.001193", form: localForm(page, hours: "Sáng 7 giờ 30"))
        let answer = String(decoding: saved.body, as: UTF8.self)
        #expect(saved.status == 500 && answer.contains("thay đổi đã được hoàn lại"), "\(answer)")
        #expect(answer.contains(kind == "pipe" ? "không phải tệp thông thường" : "liên kết cứng, hard link"), "\(answer)")
        #expect(try fixture.site.read(Self.path) == Self.record, "the save undone")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "giữ nguyên\n")
    }

    @Test func aPostWithoutItsSessionsCSRFTokenChangesNothing() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let clerk = Browser(fixture.server)
        let page = clerk.page("/__tthc/sua/1.001193")
        let good = localForm(page, hours: "đổi")
        let variants: [[(String, String)]] = [
            good.filter { $0.0 != "_csrf" },
            good.map { $0.0 == "_csrf" ? ($0.0, "") : $0 },
            good.map { $0.0 == "_csrf" ? ($0.0, String(repeating: "0", count: 64)) : $0 },
            good.map { $0.0 == "_csrf" ? ($0.0, String($0.1.prefix(32))) : $0 },
        ]
        for form in variants {
            #expect(clerk.send("POST", "/__tthc/sua/1.001193", form: form).status == 403)
        }
        let foreign = clerk.send("POST", "/__tthc/sua/1.001193", form: good, headers: [("origin", "https://ke-xau.example")])
        #expect(foreign.status == 403, "another site's page posting with the browser's cookies")
        let otherBrowser = Browser(fixture.server)
        _ = otherBrowser.page("/")
        #expect(otherBrowser.send("POST", "/__tthc/sua/1.001193", form: good).status == 403, "this token with another session")
        #expect(try fixture.site.read(Self.path) == Self.record)
    }

    @Test func withoutAccountsOnlyLocalHostNamesAreAnswered() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        fixture.server.localHosts = ["127.0.0.1:1313", "localhost:1313"]
        let rebound = fixture.server.respond(WebRequest(method: "GET", path: "/", headers: [("host", "ke-xau.example:1313")]))
        #expect(rebound.status == 403, "a name of another site pointed at 127.0.0.1 (DNS rebinding)")
        #expect(fixture.server.respond(WebRequest(method: "GET", path: "/", headers: [("host", "127.0.0.1:1313")])).status == 200)
    }
}

extension Array where Element == String {
    /// The path and the query of `a?b`.
    fileprivate var splitFirst: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
