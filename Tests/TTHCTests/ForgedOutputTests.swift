import Foundation
import Records
import Testing
@testable import Site

/// Issue 14, point 5: nothing from content or options is executable or forges output. Payloads go
/// in every source (the change log, every key of site.yml, `--base-url`, `tthc init`'s options)
/// and every output file is read back as its language: the pages as HTML, the feed and the sitemap
/// as XML, the API and the search index as JSON, robots.txt line by line.
@Suite struct ForgedOutputTests {
    // MARK: - Every output file, read back

    /// Each file of a build read as what it is; returns what is wrong, by file.
    static func problems(in files: [(path: String, data: Data)], root: String) -> [String] {
        var found: [String] = []
        for file in files {
            let text = String(decoding: file.data, as: UTF8.self)
            if file.path.hasSuffix(".html") {
                found += HostileInputTests.executableParts(of: text).map { "\(file.path): \($0)" }
            } else if file.path.hasSuffix(".xml") {
                guard let xml = ParsedXML(file.data) else { found.append("\(file.path): not well-formed XML"); continue }
                let foreign = xml.elements.filter { $0.namespace != "http://www.w3.org/2005/Atom" && $0.namespace != "http://www.sitemaps.org/schemas/sitemap/0.9" }
                found += foreign.map { "\(file.path): element \($0.name) in \($0.namespace ?? "no namespace")" }
                for updated in xml.texts("updated") where !CalendarDate.isValidInstant(updated) {
                    found.append("\(file.path): <updated>\(updated)</updated>")
                }
                for address in xml.texts("loc") + xml.elements.compactMap({ $0.attributes["href"] }) where !address.hasPrefix(root) {
                    found.append("\(file.path): address \(address)")
                }
            } else if file.path.hasSuffix(".json") {
                if (try? JSONSerialization.jsonObject(with: file.data)) == nil { found.append("\(file.path): not JSON") }
                if text.unicodeScalars.contains(where: { $0 != "\n" && TerminalTextTests.mustBeEscaped($0) }) { found.append("\(file.path): raw control") }
            } else if file.path == "robots.txt" {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if lines != ["User-agent: *", "Allow: /", "", "Sitemap: \(root)sitemap.xml", ""] { found.append("robots.txt: \(lines)") }
            }
        }
        return found
    }

    static func build(_ site: TemporarySite) throws -> (diagnostics: [Diagnostic], files: [(path: String, data: Data)]) {
        let (outcome, files) = try SiteBuild(site: site.folder).render()
        return (outcome.diagnostics, try #require(files, "\(outcome.diagnostics.filter { $0.severity == .error })"))
    }

    static func file(_ path: String, in files: [(path: String, data: Data)]) throws -> Data {
        try #require(files.first { $0.path == path }?.data, "\(path)")
    }

    // MARK: - The change log

    /// Lines of `content/.dong-bo/nhat-ky.jsonl`: two that tthc wrote, then what a hand (or an
    /// attacker with commit rights) could put there. Only the first two may reach any output.
    static let changeLog = [
        #"{"ngay":"2026-11-20T09:00:00+07:00","ma":"1.000001","thay_doi":"tao_moi"}"#,
        #"{"ngay":"2026-11-21T10:30:00Z","ma":"1.000002","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-11-22T00:00:00Z</updated><script xmlns=\"http://www.w3.org/1999/xhtml\">window.__tthcPwned='feed'</script><updated>","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-13-01T09:00:00+07:00","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-11-21T25:00:00+07:00","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-11-21T09:00+07:00","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"٢٠٢٦-11-21T09:00:00+07:00","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-+1-21T09:00:00+07:00","ma":"1.000001","thay_doi":"cap_nhat"}"#,
        #"{"ngay":1790000000,"ma":"1.000001","thay_doi":"cap_nhat"}"#,
        "",
        #"{"ngay":"2026-11-21T09:00:00+07:00","ma":"../../index","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-11-21T09:00:00+07:00","ma":"1.000001\"><script>window.__tthcPwned='ma'</script>","thay_doi":"cap_nhat"}"#,
        #"{"ngay":"2026-11-21T09:00:00+07:00","ma":"1.000001","thay_doi":"<script>window.__tthcPwned='loai'</script>"}"#,
        "<script>window.__tthcPwned='line'</script>",
        #"["2026-11-21T09:00:00+07:00","1.000001","tao_moi"]"#,
        "{\"ngay\":\"2026-11-21T09:00:00+07:00\u{1B}[2J\",\"ma\":\"1.000001\",\"thay_doi\":\"cap_nhat\"}",
    ]

    static func siteWithChangeLog() throws -> TemporarySite {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký kết hôn"]))
        try site.write(ChangeLog.path, changeLog.joined(separator: "\n") + "\n")
        return site
    }

    @Test func aChangeLogLineThatIsNotWhatSyncWritesIsSkippedWithAWarningAtItsLine() throws {
        let site = try Self.siteWithChangeLog()
        defer { site.remove() }
        let warnings = try SiteBuild(site: site.folder).check().filter { $0.file == ChangeLog.path }
        #expect(warnings.allSatisfy { $0.code == "change-log-line" && $0.severity == .warning && $0.column == 1 })
        let expected = Self.changeLog.indices.dropFirst(2).filter { !Self.changeLog[$0].isEmpty }.map { $0 + 1 }
        #expect(warnings.map(\.line) == expected)
        #expect(warnings.first?.message(.vi).contains("`ngay` không phải thời điểm") == true)
        #expect(warnings.first { $0.line == 11 }?.message(.en).contains("`ma` is not a procedure code") == true)
        #expect(warnings.first { $0.line == 14 }?.message(.vi).contains("không phải một đối tượng JSON") == true)
    }

    @Test func theFeedAndTheHomePageShowOnlyTheLinesSyncWrote() throws {
        let site = try Self.siteWithChangeLog()
        defer { site.remove() }
        let (_, files) = try Self.build(site)
        #expect(Self.problems(in: files, root: "https://example.invalid/").isEmpty, "\(Self.problems(in: files, root: "https://example.invalid/"))")
        let feed = try #require(ParsedXML(try Self.file("feed.xml", in: files)))
        #expect(feed.texts("updated") == ["2026-11-21T10:30:00Z", "2026-11-21T10:30:00Z", "2026-11-20T09:00:00+07:00"])
        #expect(feed.texts("id").dropFirst() == ["https://example.invalid/thu-tuc/1.000002/#cap_nhat-2026-11-21T10:30:00Z",
                                                "https://example.invalid/thu-tuc/1.000001/#tao_moi-2026-11-20T09:00:00+07:00"])
        let home = String(decoding: try Self.file("index.html", in: files), as: UTF8.self)
        #expect(!home.contains("tthcPwned") && !home.contains("25:00") && !home.contains("٢٠٢٦"))
        // An update is dated by its sync; a new procedure by its decision (16/01/2026), not its import.
        #expect(home.contains("21/11/2026") && home.contains("16/01/2026"), "\(home)")
    }

    // MARK: - site.yml

    static let unitName = "UBND xã <script>window.__tthcPwned='ten'</script> \" onload=\"x ]]> & \u{2028} \u{202E}"

    static let hostileConfiguration = """
        ten_don_vi: \(CanonicalYAML.quoted(unitName))
        cap: xa
        tinh:
          ma: "H35\\"><script>window.__tthcPwned='ma'</script>"
          ten: "Tỉnh <svg onload=\\"window.__tthcPwned='tinh'\\">"
        dia_chi: "Số 1 <img src=x onerror=\\"window.__tthcPwned='dc'\\">"
        dien_thoai: "0200' onclick='window.__tthcPwned=1"
        email: "a@b.invalid</a><script>window.__tthcPwned='email'</script>"
        gio_lam_viec: |
          Sáng 7:30–11:30
          </p><script>window.__tthcPwned='gio'</script>
        base_url: https://example.invalid/xa-a/
        chon:
          cap_thuc_hien: [xa]
        """

    @Test func everyKeyOfSiteYmlIsTextInEveryOutput() throws {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh"]), configuration: Self.hostileConfiguration)
        defer { site.remove() }
        try site.write(ChangeLog.path, Self.changeLog[0] + "\n")
        let (_, files) = try Self.build(site)
        let problems = Self.problems(in: files, root: "https://example.invalid/xa-a/")
        #expect(problems.isEmpty, "\(problems)")
        let feed = try #require(ParsedXML(try Self.file("feed.xml", in: files)))
        #expect(feed.texts("title").first == "Thủ tục hành chính mới cập nhật – " + Self.unitName)
        #expect(feed.texts("name") == [Self.unitName])
        let api = try #require(try JSONSerialization.jsonObject(with: try Self.file("api/thu-tuc.json", in: files)) as? [String: Any])
        #expect(api["don_vi"] as? String == Self.unitName)
        let page = String(decoding: try Self.file("thu-tuc/1.000001/index.html", in: files), as: UTF8.self)
        for shown in ["&lt;script&gt;window.__tthcPwned=&#39;ten&#39;&lt;/script&gt;", "&lt;img src=x onerror=&quot;",
                      "0200&#39; onclick=&#39;", "&lt;/p&gt;&lt;script&gt;window.__tthcPwned=&#39;gio&#39;"] {
            #expect(page.contains(shown), "\(shown)")
        }
    }

    // MARK: - base_url and --base-url

    /// Addresses no site can be published at, and a word of what the message says is wrong.
    static let badAddresses: [(value: String, says: String)] = [
        ("https://example.invalid/?utm_source=x", "truy vấn"), ("https://example.invalid/xa-a/#top", "`#…`"),
        ("https://admin:mat-khau@example.invalid/", "`@`"), ("https://", "thiếu tên máy chủ"), ("https:///xa-a/", "thiếu tên máy chủ"),
        ("https://example.invalid/xa a/", "dấu cách"), ("https://example.invalid/\nDisallow: /", "xuống dòng"),
        ("https://example.invalid/\u{202E}/", "ký tự điều khiển"), (" https://example.invalid/", "dấu cách"),
        ("https://example.invalid/\"><script>x</script>", "`\"`"), ("https://example.invalid/'onload='x", "`'`"),
        ("https://example.invalid/<b>", "`<`"), ("https://example.invalid\\evil.invalid/", "tên máy chủ"),
        ("javascript:alert(1)//", "https://"), ("ftp://example.invalid/", "https://"), ("//example.invalid/", "https://"),
        ("HTTPS://example.invalid/", "chữ thường"), ("https://xã-hoa-ban.vn/", "xn--"), ("https://example.invalid:99999/", "cổng"),
        ("https://exa_mple.invalid/", "tên máy chủ"), ("https://example.invalid/%zz/", "`%`"), ("https://-x.invalid/", "tên máy chủ"),
    ]

    static let goodAddresses = ["https://example.invalid/", "https://portal.example.gov.vn/xa-hoa-ban", "http://127.0.0.1:8080/sub/dir/",
                                "https://[::1]/", "https://example.invalid/a%20b/", "https://xn--x-hoa-ban-9za.vn/"]

    @Test(arguments: badAddresses.indices)
    func aBaseURLThatCannotBePublishedIsAnErrorAtItsValue(index: Int) {
        let (value, says) = Self.badAddresses[index]
        let text = TemporarySite.configuration.replacingOccurrences(of: "base_url: https://example.invalid/",
                                                                     with: "base_url: \(CanonicalYAML.quoted(value))")
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array(text.utf8))
        #expect(configuration == nil)
        let error = diagnostics.first { $0.code == "malformed-url" }
        #expect(error?.line == 6 && error?.column == 11, "\(diagnostics)")
        #expect(error?.message(.vi).contains(says) == true, "\(error?.message(.vi) ?? "")")
        #expect(error?.message(.en).isEmpty == false)
    }

    @Test func aBaseURLWithAnObviousFixSuggestsIt() {
        #expect(BaseURL.defect(in: "https://example.invalid/xa-a/?x=1")?.suggestion == "https://example.invalid/xa-a/")
        #expect(BaseURL.defect(in: "HTTPS://example.invalid/")?.suggestion == "https://example.invalid/")
        #expect(BaseURL.defect(in: "https://example.invalid/ \n")?.suggestion == "https://example.invalid/")
        for good in Self.goodAddresses { #expect(BaseURL.defect(in: good) == nil, "\(good)") }
    }

    @Test(arguments: ["javascript:alert(1)//", "https://example.invalid/\nDisallow: /", "https://example.invalid/?q=1",
                      "https://a@example.invalid/", "https:///", "https://example.invalid/\"><script>x</script>",
                      "https://example.invalid/\r::error file=site.yml::x"])
    func buildRefusesABaseURLOptionAndWritesNothing(value: String) throws {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh"]))
        defer { site.remove() }
        let run = try CommandLineTests().tthc(["build", "--site", site.folder.path, "--base-url", value])
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.contains("--base-url") && run.errors.contains("không dùng được"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        // The value is quoted on one line: nothing of it starts a line of its own.
        let lines = run.errors.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("Disallow") || $0.hasPrefix("::") } && !run.errors.contains("\r"))
        let english = try CommandLineTests().tthc(["build", "--site", site.folder.path, "--base-url", value, "--lang", "en"])
        #expect(english.status == 2 && english.errors.contains("cannot be used"), "\(english.errors)")
    }

    @Test func aLibraryCallerCannotOverrideBaseURLWithAForgedOne() throws {
        let site = try TemporarySite(SampleRecord.files(names: ["Thủ tục đăng ký khai sinh"]))
        defer { site.remove() }
        #expect(throws: InvalidBaseURL.self) { try SiteBuild(site: site.folder, baseURL: "https://x.invalid/\nDisallow: /").render() }
    }

    /// A record's address (a form, the online service) that would read as another: refused where it is written.
    @Test(arguments: ["https://dichvucong.gov.vn/\\u202Egpj.exe", "https://dichvucong.gov.vn/\\u200B", "https://dichvucong.gov.vn/\\x85",
                      "https://dichvucong.gov.vn/\\t", "https://dichvucong.gov.vn/\\L", "https://dichvucong.gov.vn/\\u2066x"])
    func aRecordAddressWithAnInvisibleCharacterIsAnError(escaped: String) {
        let text = SampleRecord.text(frontMatter: SampleRecord.frontMatter + "\ndvc_truc_tuyen:\n  muc_do: toan_trinh\n  url: \"\(escaped)\"")
        let record = SampleRecord.read(text)
        #expect(record.diagnostics(.wrongType).contains { $0.line == 39 && $0.column == 8 }, "\(record.diagnostics)")
        #expect(record.procedure == nil)
    }

    // MARK: - tthc init

    @Test(arguments: badAddresses.indices.filter { $0 % 3 == 0 })
    func initRefusesABaseURLAndMakesNoFolder(index: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CommandLineTests().tthc(["init", folder.path, "--base-url", Self.badAddresses[index].value])
        #expect(run.status == 2, "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    /// What `tthc init` writes into site.yml reads back as it was given, or nothing is written.
    @Test(arguments: [
        ("UBND xã \"Hoa Ban\" <b>", true), ("UBND xã Hoa Ban: trụ sở # 1", true), ("'; rm -rf / #", true),
        ("UBND xã\n::error file=site.yml::x", false), ("", false), ("\u{1B}[31mUBND xã", false), ("no", true),
    ])
    func initWritesItsOptionsAsTextThatPassesItsOwnCheck(name: String, accepted: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CommandLineTests().tthc(["init", folder.path, "--ten", name, "--tinh-ten", name.isEmpty ? "Tỉnh" : name + " \""])
        #expect(run.status == (accepted ? 0 : 2), "\(run.errors)")
        guard accepted else {
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            return
        }
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array(try Data(contentsOf: folder.appendingPathComponent("site.yml"))))
        #expect(configuration?.unitName == name, "\(diagnostics)")
        #expect(configuration?.province.name == name + " \"")
        #expect(try CommandLineTests().tthc(["check", "--site", folder.path]).status == 0)
    }
}
