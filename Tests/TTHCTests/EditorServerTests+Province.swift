import Editor
import Foundation
import Records
import Site
import Testing

/// `tthc serve` at a province's folder (docs/editor.md): each unit at `/<slug>/`, forms that write
/// the unit's overlay only, an account of one unit refused on every other unit and on the pool.
extension EditorServerTests {
    /// The pool record xa-hoa-ban publishes without an overlay, and the one it has an overlay for.
    static let plain = "1.000094"
    static let overlaid = "1.000080"
    static let plainOverlay = "don-vi/xa-hoa-ban/thu-tuc/1.000094.md"

    struct ProvinceFixture {
        let site: TemporarySite
        let accounts: URL
        let server: EditorServer

        func remove() {
            site.remove()
            try? FileManager.default.removeItem(at: accounts.deletingLastPathComponent())
        }

        /// Every file of the pool and the units, for "nothing changed".
        func snapshot() -> [String: Data] {
            var files: [String: Data] = [:]
            for folder in ["content", "don-vi"] {
                for path in FileManager.default.subpaths(atPath: site.url(folder).path) ?? [] {
                    let url = site.url(folder + "/" + path)
                    if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                        files[folder + "/" + path] = Data(("-> " + link).utf8)
                    } else if let data = try? Data(contentsOf: url) {
                        files[folder + "/" + path] = data
                    }
                }
            }
            return files
        }
    }

    /// The province fixture (three units), `lan` bound to xa-hoa-ban, `tinh` a province account.
    static func provinceFixture(_ files: String = "", prepare: (TemporarySite) throws -> Void = { _ in }) throws -> ProvinceFixture {
        let site = try TemporarySite.province(files)
        try prepare(site)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-accounts-\(UUID().uuidString)")
        let url = folder.appendingPathComponent("tai-khoan.json")
        var list = try AccountFile(path: url.path)
        try list.save(Account(ten: "lan", matKhau: Passwords.hash("mat-khau-lan-2026"), donVi: ["xa-hoa-ban"]))
        try list.save(Account(ten: "tinh", matKhau: Passwords.hash("mat-khau-tinh-2026"), donVi: [], tinh: true))
        var settings = EditorServer.Settings(site: site.folder, layout: .province)
        settings.accounts = list
        settings.audit = try AuditLog(path: AuditLog.path(besideAccounts: url.path))
        let preview = LivePreview(province: site.folder, language: .vi, log: { _ in })
        preview.rebuild()
        return ProvinceFixture(site: site, accounts: url, server: EditorServer(settings: settings, preview: preview))
    }

    func signedIn(_ fixture: ProvinceFixture, _ name: String) -> Browser {
        let browser = Browser(fixture.server)
        _ = login(browser, name)
        return browser
    }

    @Test func aUnitsPagesAreTheBytesItsBuildWrites() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let preview = ProvincePreview(root: site.folder)
        #expect(try preview.scan() == ["phuong-tan-phong", "xa-hoa-ban", "xa-na-luong"])
        for slug in ["xa-hoa-ban", "xa-na-luong"] {
            let built = try #require(try site.provinceFiles(only: slug))
            let shown = try #require(preview.unit(slug)?.preview)
            // Every page, feed, sitemap and API file: the search index and the output marker are the build's alone.
            let compared = built.keys.filter { !$0.hasPrefix("tim-kiem/") && $0 != ".tthc-output" }.sorted()
            #expect(compared.count > 20)
            let differing = compared.filter { shown.file($0) != built[$0] }
            #expect(differing.isEmpty, "\(slug): \(differing.prefix(5))")
        }
        #expect(try preview.scan().isEmpty, "nothing changed, nothing to plan again")
        // An overlay: that unit only. A pool record: the units whose selection holds it.
        try site.write("don-vi/xa-na-luong/thu-tuc/1.002755.md", "## Lưu ý\n\nMang theo bản chính.\n")
        #expect(try preview.scan() == ["xa-na-luong"])
        let pool = "content/thu-tuc/1.000094.md"
        try site.write(pool, try site.read(pool).replacingOccurrences(of: "\n---\n", with: "\ndia_phuong:\n  ghi_chu: \"Tỉnh ghi\"\n---\n"))
        #expect(try preview.scan() == ["phuong-tan-phong", "xa-hoa-ban"], "1.000094 is left out by xa-na-luong's chon (bo)")
        try site.write("templates/assets/them.css", "p{}")
        #expect(try preview.scan() == ["phuong-tan-phong", "xa-hoa-ban", "xa-na-luong"], "the theme: every unit")
    }

    @Test func aUnitsFirstSaveMakesItsOverlayAndThePageShowsIt() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let start = lan.page("/")
        #expect(start.contains("href=\"/xa-hoa-ban/\"") && !start.contains("href=\"/xa-na-luong/\""), "an account sees its units only")
        #expect(lan.page("/xa-hoa-ban/thu-tuc/\(Self.plain)/").contains("href=\"/__tthc/sua/xa-hoa-ban/\(Self.plain)\""))
        #expect(lan.send("GET", "/xa-hoa-ban").header("location") == "/xa-hoa-ban/", "a unit's address without its slash")
        let page = lan.page("/__tthc/sua/xa-hoa-ban/\(Self.plain)")
        #expect(page.contains("id=\"phan-quoc-gia\"") && page.contains("chỉ thay đổi qua CSDL quốc gia"), "the national part, read-only")
        #expect(!page.contains("name=\"f.ten\""), "no national field in the form")
        var form = localForm(page, hours: "Sáng thứ Bảy, 7:30–11:30")
        form.removeAll { $0.0 == "f.dia_phuong.lien_he" }
        // National keys posted all the same (not a form of ours) are not among the keys it writes.
        form += [("f.ten", "Tên khác"), ("f.cach_thuc", ""), ("f.cach_thuc.0.kenh", "truc_tiep")]
        let saved = lan.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: form)
        #expect(saved.status == 303 && saved.header("location") == "/xa-hoa-ban/thu-tuc/\(Self.plain)/", "\(saved.status)")
        let written = try fixture.site.read(Self.plainOverlay)
        #expect(written == "---\ndia_phuong:\n  gio_tiep_nhan: Sáng thứ Bảy, 7:30–11:30\n---\n", "\(written)")
        #expect(Overlay.read(bytes: Array(written.utf8), path: Self.plainOverlay).diagnostics.isEmpty, "what tthc check reads without a finding")
        #expect(lan.page("/xa-hoa-ban/thu-tuc/\(Self.plain)/").contains("Sáng thứ Bảy, 7:30–11:30"), "the preview shows the save")
        let log = try String(contentsOf: AuditLog.path(besideAccounts: fixture.accounts.path).fileURL, encoding: .utf8)
        #expect(log.contains("\"tep\":\"\(Self.plainOverlay)\"") && log.contains("\"truoc\":null") && log.contains("\"tai_khoan\":\"lan\""), "\(log)")
    }

    @Test func anOverlaySavedKeepsEveryByteTheFormDidNotTouch() throws {
        let overlay = "don-vi/xa-hoa-ban/thu-tuc/\(Self.overlaid).md"
        let text = "---\r\n# do xã ghi\r\ndia_phuong:\r\n  lien_he: \"Cán bộ tư pháp xã Hoa Ban, 0213 000 1234\"\r\n  gio_tiep_nhan: \"Sáng thứ Bảy, 7:30–11:30\"\r\n---\r\n\r\n## Lưu ý của xã Hoa Ban\r\n\r\nMang theo giấy tờ gốc.\r\n"
        let fixture = try Self.provinceFixture("-- \(overlay) --\n") { try $0.write(overlay, text) }
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let page = lan.page("/__tthc/sua/xa-hoa-ban/\(Self.overlaid)")
        let saved = lan.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.overlaid)", form: localForm(page, hours: "Chiều thứ Sáu")
            .map { $0.0 == "f.dia_phuong.lien_he" ? ($0.0, "Cán bộ tư pháp xã Hoa Ban, 0213 000 1234") : $0 })
        #expect(saved.status == 303)
        #expect(try fixture.site.read(overlay) == text.replacingOccurrences(of: "gio_tiep_nhan: \"Sáng thứ Bảy, 7:30–11:30\"", with: "gio_tiep_nhan: Chiều thứ Sáu"),
                "CRLF, the comment, the other key and the section kept")
        // The same form again, opened before that save: 409 with both versions, nothing written.
        let stale = lan.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.overlaid)", form: localForm(page, hours: "Cả tuần"))
        #expect(stale.status == 409 && String(decoding: stale.body, as: UTF8.self).contains("Cả tuần"))
        #expect(try fixture.site.read(overlay).contains("Chiều thứ Sáu"))
    }

    @Test func twoFirstSavesRacingOnOneOverlayOneWinsTheOtherIsTold() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan"), tinh = signedIn(fixture, "tinh")
        let first = lan.page("/__tthc/sua/xa-hoa-ban/\(Self.plain)"), second = tinh.page("/__tthc/sua/xa-hoa-ban/\(Self.plain)")
        let race = Race(sends: [
            { lan.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: self.localForm(first, hours: "Bản của Lan")).status },
            { tinh.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: self.localForm(second, hours: "Bản của tỉnh")).status },
        ])
        let statuses = race.run()
        #expect(statuses.sorted() == [303, 409], "\(statuses)")
        let written = try fixture.site.read(Self.plainOverlay)
        #expect(written.contains("Bản của Lan") != written.contains("Bản của tỉnh"), "one version, whole: \(written)")
    }

    @Test func aMistakeInAnOverlayIsSaidAtItsFieldAndNothingIsWritten() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let page = lan.page("/__tthc/sua/xa-hoa-ban/\(Self.plain)")
        let before = fixture.snapshot()
        let variants: [(title: String, text: String, words: String)] = [
            ("Trình tự thực hiện", "Bước 1.", "phần quốc gia"),
            ("Lưu ý", "[bấm](javascript:alert(1))", "javascript"),
        ]
        for variant in variants {
            let form = localForm(page, hours: "Sáng") + [("muc.0.so", ""), ("muc.0.tieu_de", variant.title), ("muc.0.noi_dung", variant.text)]
            let checked = String(decoding: lan.send("POST", "/__tthc/kiem-tra/xa-hoa-ban/\(Self.plain)", form: form).body, as: UTF8.self)
            #expect(checked.contains("\"truong\":\"muc.0\"") && checked.contains(variant.words), "\(variant.title): \(checked)")
            let saved = lan.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: form)
            #expect(saved.status == 422, "\(variant.title)")
        }
        #expect(fixture.snapshot() == before)
    }

    @Test func aUnitsAccountIsRefusedOnAnotherUnitAndOnThePool() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let token = try #require(Browser.hidden("_csrf", in: lan.page("/")))
        let before = fixture.snapshot()
        let post = [("_csrf", token), ("_phien_ban", "khong-co-tep"), ("f.dia_phuong", ""), ("f.dia_phuong.ghi_chu", "của Lan")]
        let answers = [
            lan.send("GET", "/xa-na-luong/").status,
            lan.send("GET", "/xa-na-luong/thu-tuc/1.002755/").status,
            lan.send("GET", "/xa-na-luong/api/thu-tuc.json").status,
            lan.send("GET", "/__tthc/sua/xa-na-luong/1.002755").status,
            lan.send("POST", "/__tthc/sua/xa-na-luong/1.002755", form: post).status,
            lan.send("POST", "/__tthc/kiem-tra/xa-na-luong/1.002755", form: post).status,
            // The pool has no form in a province, whoever asks; path tricks are 400 before any look at the disk.
            lan.send("POST", "/__tthc/sua/\(Self.plain)", form: post).status,
            lan.send("POST", "/__tthc/sua/xa-hoa-ban%2F..%2F..%2Fcontent/\(Self.plain)", form: post).status,
            lan.send("POST", "/__tthc/sua/..%2F..%2Fcontent/\(Self.plain)", form: post).status,
            lan.send("POST", "/__tthc/sua/xa-hoa-ban/..%2F..%2F..%2Fcontent%2Fthu-tuc%2F\(Self.plain)", form: post).status,
            // A procedure of another unit's own: neither its form, nor its check, nor its creation.
            lan.send("GET", "/__tthc/moi/xa-na-luong").status,
            lan.send("POST", "/__tthc/kiem-tra/moi/xa-na-luong", form: post + [("f.ma_thu_tuc", "1.999999")]).status,
            lan.send("POST", "/__tthc/moi/xa-na-luong", form: post + [("f.ma_thu_tuc", "1.999999"), ("f.ten", "Của Lan")]).status,
        ]
        #expect(answers == [403, 403, 403, 403, 403, 403, 404, 400, 400, 400, 403, 403, 403], "\(answers)")
        #expect(String(decoding: lan.send("GET", "/__tthc/moi/xa-na-luong").body, as: UTF8.self).contains("không được thêm thủ tục của đơn vị xa-na-luong"))
        let choice = lan.page("/__tthc/moi")
        #expect(choice.contains("href=\"/__tthc/moi/xa-hoa-ban\"") && !choice.contains("/__tthc/moi/xa-na-luong"), "its own units to choose from")
        let tinh = signedIn(fixture, "tinh")
        let tinhToken = try #require(Browser.hidden("_csrf", in: tinh.page("/")))
        #expect(tinh.send("POST", "/__tthc/sua/content/\(Self.plain)", form: [("_csrf", tinhToken)]).status == 404, "a province account neither")
        #expect(tinh.page("/__tthc/moi").contains("href=\"/__tthc/moi/xa-na-luong\""), "a province account chooses among every unit")
        #expect(fixture.snapshot() == before)
        #expect(tinh.send("GET", "/xa-na-luong/thu-tuc/1.002755/").status == 200, "a province account sees every unit")
    }

    @Test func linksNeverLeadAFormToAnotherUnitOrThePool() throws {
        let fixture = try Self.provinceFixture { site in
            let folder = site.url("don-vi/xa-hoa-ban/thu-tuc")
            // The overlay a link into the pool; phuong-tan-phong's thu-tuc/ a link to the pool's folder.
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("\(Self.plain).md").path,
                                                       withDestinationPath: "../../../content/thu-tuc/\(Self.plain).md")
            try FileManager.default.createSymbolicLink(atPath: site.url("don-vi/phuong-tan-phong/thu-tuc").path, withDestinationPath: "../../content/thu-tuc")
        }
        defer { fixture.remove() }
        let tinh = signedIn(fixture, "tinh")
        let token = try #require(Browser.hidden("_csrf", in: tinh.page("/")))
        let before = fixture.snapshot()
        let codes = fixture.server.preview.province?.units.first { $0.slug == "phuong-tan-phong" }?.codes.sorted() ?? []
        let phuong = try #require(codes.first)
        let post = [("_csrf", token), ("_phien_ban", "khong-co-tep"), ("f.dia_phuong", ""), ("f.dia_phuong.ghi_chu", "qua liên kết")]
        let answers = [
            tinh.send("GET", "/__tthc/sua/xa-hoa-ban/\(Self.plain)").status,
            tinh.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: post).status,
            tinh.send("GET", "/__tthc/sua/phuong-tan-phong/\(phuong)").status,
            tinh.send("POST", "/__tthc/sua/phuong-tan-phong/\(phuong)", form: post).status,
        ]
        #expect(answers == [403, 403, 403, 403], "\(answers)")
        #expect(fixture.snapshot() == before)
    }

    @Test func aUnitFolderLinkedToAnotherUnitIsNotWrittenThrough() throws {
        let fixture = try Self.provinceFixture { site in
            // `xa-hoa-bam` sorts before xa-hoa-ban: read first, it is the unit, and xa-hoa-ban the duplicate.
            try FileManager.default.createSymbolicLink(atPath: site.url("don-vi/xa-hoa-bam").path, withDestinationPath: "xa-hoa-ban")
        }
        defer { fixture.remove() }
        let tinh = signedIn(fixture, "tinh")
        let token = try #require(Browser.hidden("_csrf", in: tinh.page("/")))
        let before = fixture.snapshot()
        let post = [("_csrf", token), ("_phien_ban", "khong-co-tep"), ("f.dia_phuong", ""), ("f.dia_phuong.ghi_chu", "qua liên kết")]
        let status = tinh.send("POST", "/__tthc/sua/xa-hoa-bam/\(Self.plain)", form: post).status
        #expect(status == 403 || status == 404, "\(status)")
        #expect(tinh.send("GET", "/__tthc/sua/xa-hoa-bam/\(Self.plain)").status == status)
        #expect(fixture.snapshot() == before)
    }

    @Test func aSessionOfOneUnitCarriesNoRightToAnother() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let page = lan.page("/__tthc/sua/xa-hoa-ban/\(Self.plain)")
        let before = fixture.snapshot()
        // Lan's own form, token and version, sent to another unit's record, then with no session, then another's session.
        let form = localForm(page, hours: "đổi")
        #expect(lan.send("POST", "/__tthc/sua/xa-na-luong/1.002755", form: form).status == 403)
        let anonymous = Browser(fixture.server)
        #expect(anonymous.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: form).status == 403)
        let tinh = signedIn(fixture, "tinh")
        #expect(tinh.send("POST", "/__tthc/sua/xa-hoa-ban/\(Self.plain)", form: form).status == 403, "Lan's token in another session")
        #expect(fixture.snapshot() == before)
    }

    // MARK: - A unit's own procedure

    /// The form of a new procedure, as a clerk fills it in: the required keys and the steps.
    func ownProcedureForm(_ token: String, code: String, name: String) -> [(String, String)] {
        [("_csrf", token), ("f.ma_thu_tuc", code), ("f.ten", name), ("f.cap_thuc_hien", ""), ("f.cap_thuc_hien.0", "xa"),
         ("f.linh_vuc", ""), ("f.linh_vuc.ma", "G15-TP07"), ("f.linh_vuc.ten", "Hộ tịch"), ("f.trang_thai", "hieu_luc"),
         ("f.nguon_goc", "dac_thu_dia_phuong"), ("muc", ""), ("muc.0.so", ""), ("muc.0.tieu_de", "Trình tự thực hiện"),
         ("muc.0.noi_dung", "Nộp đơn tại bộ phận một cửa của xã.")]
    }

    @Test func aUnitsAccountAddsAProcedureOfItsOwnAndEditsItWhole() throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let path = "don-vi/xa-hoa-ban/thu-tuc/1.900001.md"
        #expect(lan.page("/xa-hoa-ban/").contains("href=\"/__tthc/moi/xa-hoa-ban\""), "the unit's bar offers it")
        let page = lan.page("/__tthc/moi/xa-hoa-ban")
        #expect(page.contains("name=\"f.ma_thu_tuc\"") && page.contains("name=\"f.ten\"") && page.contains("action=\"/__tthc/moi/xa-hoa-ban\""))
        let token = try #require(Browser.hidden("_csrf", in: page))
        let checked = String(decoding: lan.send("POST", "/__tthc/kiem-tra/moi/xa-hoa-ban",
                                                 form: ownProcedureForm(token, code: Self.plain, name: "Trùng mã")).body, as: UTF8.self)
        #expect(checked.contains("\"truong\":\"ma_thu_tuc\"") && checked.contains("kho chung"), "a code of the pool, said before any save: \(checked)")
        let before = fixture.snapshot()
        let clash = lan.send("POST", "/__tthc/moi/xa-hoa-ban", form: ownProcedureForm(token, code: Self.plain, name: "Trùng mã"))
        #expect(clash.status == 422 && String(decoding: clash.body, as: UTF8.self).contains("chọn mã khác"))
        #expect(fixture.snapshot() == before, "nothing written")
        let made = lan.send("POST", "/__tthc/moi/xa-hoa-ban", form: ownProcedureForm(token, code: "1.900001", name: "Xác nhận họp chợ phiên"))
        #expect(made.status == 303 && made.header("location") == "/xa-hoa-ban/thu-tuc/1.900001/", "\(made.status) \(String(decoding: made.body, as: UTF8.self).prefix(600))")
        let written = try fixture.site.read(path)
        #expect(written.contains("ma_thu_tuc: \"1.900001\"") && written.contains("ten: Xác nhận họp chợ phiên")
                && written.contains("nguon:\n  he_thong: dia_phuong") && written.contains("## Trình tự thực hiện"), "\(written)")
        #expect(UnitProcedureFile.isOwnRecord(Array(written.utf8)))
        #expect(try fixture.site.provinceDiagnostics().filter { $0.file == path && $0.severity == .error }.isEmpty)
        // The unit's page, with Sửa; the form has every field (the unit's own procedure), the steps too.
        #expect(lan.page("/xa-hoa-ban/thu-tuc/1.900001/").contains("href=\"/__tthc/sua/xa-hoa-ban/1.900001\""))
        #expect(lan.send("GET", "/xa-na-luong/thu-tuc/1.900001/").status == 403)
        let tinh = signedIn(fixture, "tinh")
        #expect(tinh.send("GET", "/xa-na-luong/thu-tuc/1.900001/").status == 404, "not on another unit's site")
        let edit = lan.page("/__tthc/sua/xa-hoa-ban/1.900001")
        #expect(edit.contains("name=\"f.ten\"") && !edit.contains("id=\"phan-quoc-gia\"") && edit.contains("Trình tự thực hiện"))
        let version = try #require(Browser.hidden("_phien_ban", in: edit))
        let saved = lan.send("POST", "/__tthc/sua/xa-hoa-ban/1.900001",
                             form: [("_csrf", token), ("_phien_ban", version), ("f.ten", "Xác nhận họp chợ phiên cuối tuần")])
        #expect(saved.status == 303, "\(saved.status) \(String(decoding: saved.body, as: UTF8.self).prefix(600))")
        let after = try fixture.site.read(path)
        #expect(after == written.replacingOccurrences(of: "ten: Xác nhận họp chợ phiên\n", with: "ten: Xác nhận họp chợ phiên cuối tuần\n"), "\(after)")
        #expect(lan.page("/xa-hoa-ban/thu-tuc/1.900001/").contains("Xác nhận họp chợ phiên cuối tuần"))
        let log = try String(contentsOf: AuditLog.path(besideAccounts: fixture.accounts.path).fileURL, encoding: .utf8)
        let lines = log.split(separator: "\n").filter { $0.contains("\"tep\":\"\(path)\"") }
        #expect(lines.count == 2 && lines[0].contains("\"truoc\":null") && lines[0].contains("\"tai_khoan\":\"lan\""), "\(log)")
        // A file of that code exists now: not made twice.
        let again = lan.send("POST", "/__tthc/moi/xa-hoa-ban", form: ownProcedureForm(token, code: "1.900001", name: "Lần hai"))
        #expect(try again.status == 422 && fixture.site.read(path) == after)
    }

    /// A code with a line break (the attack pass: written as YAML it became the pool's code, in a
    /// file named 0.000000.md) or any code that is not one: refused at the field, nothing written.
    @Test(arguments: ["PLAIN\n", "PLAIN\r\n", " PLAIN\n", "1.900001\n\n1.900002", "1.9000011", "", "\n"])
    func aCodeThatIsNotOneOrHidesThePoolsIsRefusedAtTheField(_ typed: String) throws {
        let fixture = try Self.provinceFixture()
        defer { fixture.remove() }
        let lan = signedIn(fixture, "lan")
        let token = try #require(Browser.hidden("_csrf", in: lan.page("/__tthc/moi/xa-hoa-ban")))
        let code = typed.replacingOccurrences(of: "PLAIN", with: Self.plain)
        let before = fixture.snapshot()
        let checked = String(decoding: lan.send("POST", "/__tthc/kiem-tra/moi/xa-hoa-ban", form: ownProcedureForm(token, code: code, name: "Mẹo")).body, as: UTF8.self)
        #expect(checked.contains("\"muc_do\":\"error\"") && checked.contains("ma_thu_tuc"), "said before any save: \(checked)")
        let made = lan.send("POST", "/__tthc/moi/xa-hoa-ban", form: ownProcedureForm(token, code: code, name: "Mẹo"))
        #expect(made.status == 422, "\(code.debugDescription): \(made.status)")
        #expect(fixture.snapshot() == before, "nothing written for \(code.debugDescription)")
    }
}

/// Requests sent at once from two threads (each browser used by its own thread only).
final class Race: @unchecked Sendable {
    private let sends: [() -> Int]
    private let lock = NSLock()
    private var statuses: [Int] = []

    init(sends: [() -> Int]) { self.sends = sends }

    func run() -> [Int] {
        DispatchQueue.concurrentPerform(iterations: sends.count) { index in
            let status = sends[index]()
            lock.withLock { statuses.append(status) }
        }
        return statuses
    }
}

extension String {
    fileprivate var fileURL: URL { URL(fileURLWithPath: self) }

}
