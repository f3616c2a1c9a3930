import Foundation
import Records
@testable import Site
import Testing

/// Issue 19, point 1, at a province: a unit's own procedure (`nguon.he_thong: dia_phuong`), a whole
/// record in `don-vi/<slug>/thu-tuc/<code>.md`, published by that unit only (docs/province.md).
@Suite struct ProvinceOwnProcedureTests {
    let cli = CommandLineTests()
    static let code = "1.900001"
    static let name = "Xác nhận đăng ký họp chợ phiên bản Hoa Ban"
    static let path = "don-vi/xa-hoa-ban/thu-tuc/\(code).md"

    /// A whole record of the unit's own, as `tthc new` or the editor writes one on a single site.
    static func record(code: String = code, name: String = name, extra: String = "") -> String {
        let front = SampleRecord.frontMatter
            .replacingOccurrences(of: "\"1.001193\"", with: "\"\(code)\"")
            .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(name)")
            .replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: dac_thu_dia_phuong")
        return SampleRecord.text(frontMatter: front + "\n" + extra + "nguon:\n  he_thong: dia_phuong")
    }

    static func province(_ files: String = "") throws -> TemporarySite {
        try TemporarySite.province("-- \(path) --\n" + record() + files)
    }

    func text(_ files: [String: Data], _ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theUnitPublishesItsOwnProcedureAndNoOtherUnitDoes() throws {
        let site = try Self.province()
        defer { site.remove() }
        let diagnostics = try site.provinceDiagnostics().filter { $0.file == Self.path }
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.problem.message.en))")
        let files = try #require(try site.provinceFiles())
        let page = try #require(text(files, "xa-hoa-ban/thu-tuc/\(Self.code)/index.html"))
        #expect(page.contains(Self.name) && page.contains("Người yêu cầu nộp hồ sơ"))
        #expect(try #require(text(files, "xa-hoa-ban/thu-tuc/index.html")).contains(Self.name), "the A–Z list")
        #expect(try #require(text(files, "xa-hoa-ban/linh-vuc/ho-tich-g15-tp07/index.html")).contains(Self.name), "its field's list")
        #expect(try #require(text(files, "xa-hoa-ban/api/thu-tuc.json")).contains(Self.code))
        #expect(try #require(text(files, "xa-hoa-ban/api/thu-tuc/\(Self.code).json")).contains(Self.name))
        #expect(try #require(text(files, "xa-hoa-ban/sitemap.xml")).contains("/xa-hoa-ban/thu-tuc/\(Self.code)/"))
        let search = files.filter { $0.key.hasPrefix("xa-hoa-ban/tim-kiem/") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(search.contains { $0.contains(Self.code) }, "the search index")
        for (path, data) in files where !path.hasPrefix("xa-hoa-ban/") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.code) && !text.contains(Self.name), "\(path)")
        }
    }

    @Test func aUnitBuiltAloneWritesItsOwnProcedureAsTheWholeBuildDoes() throws {
        let site = try Self.province()
        defer { site.remove() }
        let whole = try #require(try site.provinceFiles())
        for unit in ProvinceTests.units {
            let alone = try #require(try site.provinceFiles(only: unit))
            let inWhole = whole.filter { $0.key.hasPrefix(unit + "/") && $0.key != unit + "/.tthc-output" }
            #expect(inWhole.count == alone.count, "\(unit)")
            for (path, data) in alone { #expect(whole[unit + "/" + path] == data, "\(unit)/\(path)") }
        }
        #expect(try #require(try site.provinceFiles(only: "xa-hoa-ban"))["thu-tuc/\(Self.code)/index.html"] != nil)
    }

    @Test func checkBuildAndTheReportTakeItAtTheCommandLine() throws {
        let site = try Self.province()
        defer { site.remove() }
        let day = ["--ngay", "2026-11-24"]
        /// The denominator of "đầy đủ" for xa-hoa-ban: the procedures its report counts, by `--don-vi` and in the whole province's.
        func counts() throws -> (alone: Int?, inProvince: Int?) {
            func figure(_ object: [String: Any]?) -> Int? {
                let figures = object?["chi_so"] as? [[String: Any]]
                return figures?.first { $0["ma"] as? String == "day_du" }?["mau_so"] as? Int
            }
            let alone = try cli.tthc(["bao-cao", "--format", "json", "--don-vi", "xa-hoa-ban"] + day, in: site.folder)
            let whole = try cli.tthc(["bao-cao", "--format", "json"] + day, in: site.folder)
            let one = try JSONSerialization.jsonObject(with: Data(alone.output.utf8)) as? [String: Any]
            let all = try JSONSerialization.jsonObject(with: Data(whole.output.utf8)) as? [String: Any]
            let unit = (all?["don_vi"] as? [[String: Any]])?.first { $0["thu_muc"] as? String == "xa-hoa-ban" }
            return (figure(one), figure(unit))
        }
        for arguments in [["check"], ["check", "--don-vi", "xa-hoa-ban"], ["build"], ["build", "--don-vi", "xa-hoa-ban"]] {
            let run = try cli.tthc(arguments, in: site.folder)
            #expect(run.status == 0, "\(arguments): \(run.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: site.url("public/xa-hoa-ban/thu-tuc/\(Self.code)/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.url("public/xa-na-luong/thu-tuc/\(Self.code)/index.html").path))
        let withOwn = try counts()
        try FileManager.default.removeItem(at: site.url(Self.path))
        let without = try counts()
        let before = try #require(without.alone)
        #expect(withOwn.alone == before + 1 && withOwn.inProvince == before + 1 && without.inProvince == before,
                "bao-cao counts the own procedure for its unit: \(withOwn) vs \(without)")
    }

    @Test func itsCodeMayNotBeAPoolProceduresCode() throws {
        // 1.000094 is in the pool; phuong-tan-phong writes a whole record of that code.
        let clash = "don-vi/phuong-tan-phong/thu-tuc/1.000094.md"
        let site = try TemporarySite.province("-- \(clash) --\n" + Self.record(code: "1.000094"))
        defer { site.remove() }
        for arguments in [["check", "--format", "github"], ["check", "--format", "github", "--don-vi", "phuong-tan-phong"]] {
            let run = try cli.tthc(arguments, in: site.folder)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.output.contains("::error file=\(clash),line=2,col=13,title=duplicate-code::"), "\(arguments): \(run.output)")
            #expect(run.output.contains("content/thu-tuc/1.000094.md") && run.output.contains("dia_phuong"), "\(run.output)")
        }
        let text = try cli.tthc(["check"], in: site.folder)
        #expect(text.output.contains("chọn mã khác"), "\(text.output)")
        #expect(try cli.tthc(["build"], in: site.folder).status == 1)
        // Two own records of one code in a unit: the single site's duplicate-code at the second.
        let twice = try Self.province("-- don-vi/xa-hoa-ban/thu-tuc/1.900002.md --\n" + Self.record())
        defer { twice.remove() }
        let second = try twice.provinceDiagnostics().filter { $0.problem.code == .duplicateCode }
        #expect(second.map(\.file) == ["don-vi/xa-hoa-ban/thu-tuc/1.900002.md"], "\(second)")
    }

    @Test func aBrokenOwnRecordIsReportedAtItsLineInTheSingleSitesWords() throws {
        // A misspelt value and a required key missing; the same file on a single site for comparison.
        let broken = Self.record().replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: hieu_lu")
            .replacingOccurrences(of: "linh_vuc:\n  ma: G15-TP07\n  ten: Hộ tịch\n", with: "")
        let site = try TemporarySite.province("-- \(Self.path) --\n" + broken)
        defer { site.remove() }
        let single = try TemporarySite("-- content/thu-tuc/\(Self.code).md --\n" + broken)
        defer { single.remove() }
        func errors(_ diagnostics: [Diagnostic], _ file: String) -> [String] {
            diagnostics.filter { $0.file == file && $0.severity == .error }
                .map { "\($0.line):\($0.column) \($0.problem.code.rawValue) \($0.message(.vi)) \($0.suggestion(.vi) ?? "")" }
        }
        let inProvince = errors(try site.provinceDiagnostics(), Self.path)
        let onSingleSite = errors(try SiteBuild(site: single.folder).check(), "content/thu-tuc/\(Self.code).md")
        #expect(inProvince.count == 2 && inProvince == onSingleSite, "\(inProvince) vs \(onSingleSite)")
        #expect(inProvince.contains { $0.hasPrefix("6:13 ") && $0.contains("hieu_luc") }, "\(inProvince)")
        let run = try cli.tthc(["check", "--format", "github", "--don-vi", "xa-hoa-ban"], in: site.folder)
        #expect(run.status == 1 && run.output.contains("::error file=\(Self.path),line=6,col=13,"), "\(run.output)")
        #expect(try cli.tthc(["build", "--don-vi", "xa-hoa-ban"], in: site.folder).status == 1)
        // Another unit alone does not read it.
        #expect(try cli.tthc(["build", "--don-vi", "xa-na-luong"], in: site.folder).status == 0)
    }

    @Test func anOverlayIsStillAnOverlayAndANationalSourceInOneIsStillRefused() throws {
        // `nguon` saying csdlqg is a national key in an overlay, as before: not a whole record.
        let overlay = "don-vi/xa-hoa-ban/thu-tuc/1.000094.md"
        let site = try TemporarySite.province("-- \(overlay) --\n---\nnguon:\n  he_thong: csdlqg\n---\n")
        defer { site.remove() }
        let found = try site.provinceDiagnostics().filter { $0.file == overlay }
        #expect(found.map(\.problem.code) == [.nationalInOverlay] && found.first?.line == 2, "\(found)")
        #expect(UnitProcedureFile.isOwnRecord(Array(Self.record().utf8)))
        #expect(!UnitProcedureFile.isOwnRecord(Array("---\ndia_phuong:\n  ghi_chu: x\n---\n".utf8)))
        #expect(!UnitProcedureFile.isOwnRecord(Array("## Lưu ý\n\nnguon:\n  he_thong: dia_phuong\n".utf8)), "in the body, not the front matter")
    }

    @Test func syncLeavesTheOwnProcedureByteForByte() throws {
        let site = try Self.province()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try site.write("export.json", try Data(contentsOf: SyncTests.fixture))
        // CRLF and a comment: bytes sync would never write itself.
        let own = Self.record().replacingOccurrences(of: "---\n", with: "---\n# do xã Hoa Ban ghi\n", options: .anchored)
        try site.write(Self.path, own.replacingOccurrences(of: "\n", with: "\r\n"))
        let before = try Data(contentsOf: site.url(Self.path))
        #expect(before.starts(with: Data("---\r\n# do xã".utf8)))
        // Another unit's own procedure with an error does not stop sync, which does not read it.
        let broken = "don-vi/xa-na-luong/thu-tuc/1.900003.md"
        try site.write(broken, Self.record(code: "1.900003").replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: hieu_lu"))
        let brokenBytes = try Data(contentsOf: site.url(broken))
        let sync = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder)
        #expect(sync.status == 0, "\(sync.errors)")
        #expect(try Data(contentsOf: site.url(Self.path)) == before)
        #expect(try Data(contentsOf: site.url(broken)) == brokenBytes)
        #expect(!FileManager.default.fileExists(atPath: site.url("content/thu-tuc/\(Self.code).md").path), "the pool holds no copy")
        let again = try cli.tthc(["sync", "--catalog", "export.json", "--check"], in: site.folder)
        #expect(again.status == 0, "\(again.output) \(again.errors)")
        #expect(try Data(contentsOf: site.url(Self.path)) == before)
        // check and build still report it, at its line.
        let check = try cli.tthc(["check", "--format", "github"], in: site.folder)
        #expect(check.status == 1 && check.output.contains("::error file=\(broken),line=9,col=13,"), "\(check.output)")
        try FileManager.default.removeItem(at: site.url(broken))
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/xa-hoa-ban/thu-tuc/\(Self.code)/index.html").path))
    }

    /// `tthc new CODE --don-vi SLUG` at the province's folder writes the skeleton of an own
    /// procedure in the unit's folder, which `check --don-vi` then reads as the unit's own; it
    /// refuses a code of the pool, an unknown unit, a file already there, `--catalog`, a single site.
    @Test func newWithAUnitWritesItsOwnProcedureToFillIn() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let made = try cli.tthc(["new", "1.900002", "--don-vi", "xa-na-luong"], in: site.folder)
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.errors.contains("Đã tạo don-vi/xa-na-luong/thu-tuc/1.900002.md. Điền các giá trị \"\" rồi chạy: tthc check --don-vi xa-na-luong"))
        let text = try site.read("don-vi/xa-na-luong/thu-tuc/1.900002.md")
        #expect(text.contains("he_thong: dia_phuong") && text.contains("ma_thu_tuc: \"1.900002\""), "\(text)")
        let check = try cli.tthc(["check", "--don-vi", "xa-na-luong", "--format", "github"], in: site.folder)
        #expect(check.output.contains("file=don-vi/xa-na-luong/thu-tuc/1.900002.md"), "the blanks are the unit's to fill: \(check.output)")
        #expect(!check.output.contains("national-in-overlay"), "read as the unit's own, not as an overlay: \(check.output)")

        let before = Tree.of(site.folder)
        for (arguments, says) in [
            (["new", "1.000080", "--don-vi", "xa-na-luong"], "1.000080 là mã của thủ tục content/thu-tuc/1.000080.md trong kho chung"),
            (["new", "1.900003", "--don-vi", "xa-khong-co"], "tỉnh không có đơn vị xa-khong-co"),
            (["new", "1.900002", "--don-vi", "xa-na-luong"], "đã có; không ghi đè"),
            (["new", "1.900004", "--don-vi", "xa-na-luong", "--catalog", "x.json"], "--catalog không dùng cùng --don-vi"),
            (["new", "1.900004", "--don-vi", "../xa-na-luong"], "không phải tên thư mục đơn vị"),
        ] {
            let run = try cli.tthc(arguments, in: site.folder)
            #expect(run.status != 0 && run.errors.contains(says), "\(arguments): \(run.errors)")
        }
        #expect(Tree.of(site.folder) == before, "nothing written by a refused new")
        let single = try TemporarySite()
        defer { single.remove() }
        let notProvince = try cli.tthc(["new", "1.900004", "--don-vi", "xa-a"], in: single.folder)
        #expect(notProvince.status == 2 && notProvince.errors.contains("--don-vi chỉ dùng ở thư mục của tỉnh"), "\(notProvince.errors)")
    }
}
