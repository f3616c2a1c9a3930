import Foundation
import Records
import Site
import Testing

/// Bad input in a province's repository, class by class, five or more variants each: every one
/// is a diagnostic at its file, line and column, and an error leaves nothing built.
@Suite struct ProvinceInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Written over the fixture (Hugo-style).
        var files = ""
        /// What the files cannot say: links, removals.
        var setup: @Sendable (TemporarySite) throws -> Void = { _ in }
        var file: String
        var line: Int
        var column: Int
        var code: String
        /// Part of the Vietnamese message (or of the suggestion).
        var says: String
        var testDescription: String { name }
    }

    func run(_ variant: Case) throws -> (diagnostics: [Diagnostic], built: Bool) {
        let site = try TemporarySite.province(variant.files)
        defer { site.remove() }
        try variant.setup(site)
        let diagnostics = try site.provinceDiagnostics()
        return (diagnostics, try site.provinceFiles() != nil)
    }

    func expectFound(_ variant: Case, severity: Diagnostic.Severity) throws {
        let (diagnostics, built) = try run(variant)
        let found = diagnostics.filter { $0.file == variant.file && $0.code == variant.code }
        #expect(found.count == 1, "\(variant.name): \(diagnostics.map { "\($0.file):\($0.line):\($0.column) \($0.code) \($0.message(.vi))" })")
        guard let diagnostic = found.first else { return }
        #expect((diagnostic.line, diagnostic.column) == (variant.line, variant.column), "\(variant.name)")
        #expect(diagnostic.severity == severity)
        let words = diagnostic.message(.vi) + " " + (diagnostic.suggestion(.vi) ?? "")
        #expect(words.contains(variant.says), "\(variant.name): \(words)")
        #expect(!diagnostic.message(.en).isEmpty && diagnostic.message(.en) != diagnostic.message(.vi))
        #expect(built == (severity == .warning), "an error builds nothing; a warning builds")
    }

    // MARK: - A broken tinh.yml

    static let tinh = "ma: H35\nten: Tỉnh Lai Châu\nbase_url: https://laichau.invalid/tthc/\n"

    static let brokenProvince: [Case] = [
        Case(name: "ma missing", setup: { try $0.write("tinh.yml", "ten: Tỉnh Lai Châu\nbase_url: https://laichau.invalid/tthc/\n") },
             file: "tinh.yml", line: 1, column: 1, code: "missing-key", says: "`ma`"),
        Case(name: "a key of its own", setup: { try $0.write("tinh.yml", tinh + "ma_tinh: H35\n") },
             file: "tinh.yml", line: 4, column: 1, code: "unknown-key", says: "tinh.yml"),
        Case(name: "base_url without a scheme", setup: { try $0.write("tinh.yml", "ma: H35\nten: Tỉnh Lai Châu\nbase_url: laichau.invalid/tthc/\n") },
             file: "tinh.yml", line: 3, column: 11, code: "malformed-url", says: "laichau.invalid"),
        Case(name: "a tab", setup: { try $0.write("tinh.yml", tinh + "chon:\n\tcap_thuc_hien: [tinh]\n") },
             file: "tinh.yml", line: 5, column: 1, code: "yaml-syntax", says: "Tab"),
        Case(name: "TCVN3 bytes", setup: { try $0.write("tinh.yml", Data("ma: H35\nten: T".utf8) + Data([0xAE, 0xB8]) + Data("\n".utf8)) },
             file: "tinh.yml", line: 2, column: 7, code: "not-utf8", says: "UTF-8"),
        Case(name: "a level that is not one", setup: { try $0.write("tinh.yml", tinh + "chon:\n  cap_thuc_hien: [tnh]\n") },
             file: "tinh.yml", line: 5, column: 19, code: "not-in-vocabulary", says: "tinh"),
    ]

    @Test(arguments: brokenProvince) func aBrokenTinhYmlIsAnErrorAtItsLine(_ variant: Case) throws {
        try expectFound(variant, severity: .error)
    }

    // MARK: - An overlay that sets a national key

    static func overlay(_ text: String) -> String { "-- don-vi/xa-hoa-ban/thu-tuc/1.000080.md --\n" + text }
    static let overlayPath = "don-vi/xa-hoa-ban/thu-tuc/1.000080.md"

    static let nationalInOverlay: [Case] = [
        Case(name: "the name", files: overlay("---\nten: Đăng ký nhận cha, mẹ, con (xã sửa)\n---\n"),
             file: overlayPath, line: 2, column: 1, code: "national-in-overlay", says: "CSDL quốc gia"),
        Case(name: "the channels, a block", files: overlay("---\ndia_phuong:\n  lien_he: \"0213\"\ncach_thuc:\n  - kenh: truc_tiep\n---\n"),
             file: overlayPath, line: 4, column: 1, code: "national-in-overlay", says: "`cach_thuc`"),
        Case(name: "another code", files: overlay("---\nma_thu_tuc: \"1.000094\"\n---\n"),
             file: overlayPath, line: 2, column: 13, code: "national-in-overlay", says: "1.000094.md"),
        Case(name: "a local key not indented", files: overlay("---\nlien_he: \"0213 000 1234\"\n---\n"),
             file: overlayPath, line: 2, column: 1, code: "national-in-overlay", says: "thụt vào hai dấu cách dưới `dia_phuong:`"),
        Case(name: "the national steps", files: overlay("## Trình tự thực hiện\n\nNộp tại xã.\n"),
             file: overlayPath, line: 1, column: 1, code: "national-in-overlay", says: "## Lưu ý của đơn vị"),
        Case(name: "dia_phuong below the closing line", files: overlay("---\n---\n\ndia_phuong:\n  lien_he: \"0213\"\n"),
             file: overlayPath, line: 4, column: 1, code: "local-block-in-body", says: "giữa hai dòng `---`"),
        Case(name: "dia_phuong without the lines", files: overlay("dia_phuong:\n  lien_he: \"0213\"\n"),
             file: overlayPath, line: 1, column: 1, code: "local-block-in-body", says: "Thêm một dòng `---`"),
        Case(name: "dia_phuong misspelt", files: overlay("---\ndia_phuon:\n  lien_he: \"0213\"\n---\n"),
             file: overlayPath, line: 2, column: 1, code: "unknown-key", says: "`dia_phuong`"),
        Case(name: "a key of dia_phuong that is not one", files: overlay("---\ndia_phuong:\n  so_dien_thoai: \"0213\"\n---\n"),
             file: overlayPath, line: 3, column: 3, code: "unknown-key", says: "so_dien_thoai"),
    ]

    @Test(arguments: nationalInOverlay) func anOverlayThatSetsNationalTextIsAnErrorAtItsLine(_ variant: Case) throws {
        try expectFound(variant, severity: .error)
    }

    // MARK: - A unit folder with junk

    static let junk: [(Case, Diagnostic.Severity)] = [
        (Case(name: "notes beside site.yml", files: "-- don-vi/xa-hoa-ban/ghi-chu.txt --\nnhớ gọi tỉnh",
              file: "don-vi/xa-hoa-ban/ghi-chu.txt", line: 1, column: 1, code: "ignored-file", says: "site.yml và thu-tuc/"), .warning),
        (Case(name: "a single site's layout", files: "-- don-vi/xa-hoa-ban/content/thu-tuc/1.000080.md --\n---\n---\n",
              file: "don-vi/xa-hoa-ban/content", line: 1, column: 1, code: "ignored-file", says: "don-vi/xa-hoa-ban/thu-tuc/<mã>.md"), .warning),
        (Case(name: "an overlay ending in .MD", files: "-- don-vi/xa-hoa-ban/thu-tuc/1.000094.MD --\n## Lưu ý\n\nx",
              file: "don-vi/xa-hoa-ban/thu-tuc/1.000094.MD", line: 1, column: 1, code: "ignored-file", says: "1.000094.md"), .warning),
        (Case(name: "an overlay not named by a code", files: "-- don-vi/xa-hoa-ban/thu-tuc/khai-sinh.md --\n## Lưu ý\n\nx",
              file: "don-vi/xa-hoa-ban/thu-tuc/khai-sinh.md", line: 1, column: 1, code: "malformed-code", says: "khai-sinh.md"), .error),
        (Case(name: "a unit folder without site.yml", files: "-- don-vi/xa-moi/thu-tuc/1.000080.md --\n## Lưu ý\n\nx",
              file: "don-vi/xa-moi", line: 1, column: 1, code: "unit-without-site", says: "tthc init don-vi/xa-moi"), .error),
        (Case(name: "a file among the units", files: "-- don-vi/doc-ky.md --\nx",
              file: "don-vi/doc-ky.md", line: 1, column: 1, code: "ignored-file", says: "thư mục của các đơn vị"), .warning),
        (Case(name: "a unit folder linked out of the site", setup: { site in
                  try FileManager.default.createSymbolicLink(atPath: site.url("don-vi/xa-ngoai").path, withDestinationPath: NSTemporaryDirectory())
              }, file: "don-vi/xa-ngoai", line: 1, column: 1, code: "outside-site", says: "symlink"), .error),
        (Case(name: "thu-tuc as a file", setup: { site in
                  try FileManager.default.removeItem(at: site.url("don-vi/xa-na-luong/thu-tuc"))
                  try site.write("don-vi/xa-na-luong/thu-tuc", "x")
              }, file: "don-vi/xa-na-luong/thu-tuc", line: 1, column: 1, code: "not-a-file", says: "phải là thư mục"), .error),
    ]

    @Test(arguments: junk) func aUnitFolderWithJunkSaysWhatIsNotRead(_ variant: Case, _ severity: Diagnostic.Severity) throws {
        try expectFound(variant, severity: severity)
    }

    // MARK: - Two units with one slug or one address

    static func unit(_ slug: String, _ extra: String = "") -> String {
        "-- don-vi/\(slug)/site.yml --\nten_don_vi: UBND xã \(slug)\ncap: xa\n\(extra)chon:\n  cap_thuc_hien: [xa]"
    }

    static let twoUnits: [Case] = [
        Case(name: "a link to another unit's folder", setup: { site in
                 try FileManager.default.createSymbolicLink(atPath: site.url("don-vi/xa-hoa-ban-2").path, withDestinationPath: "xa-hoa-ban")
             }, file: "don-vi/xa-hoa-ban-2", line: 1, column: 1, code: "duplicate-unit", says: "xa-hoa-ban"),
        Case(name: "one base_url written twice", files: unit("xa-a", "base_url: https://chung.invalid/\n") + "\n" + unit("xa-b", "base_url: https://chung.invalid/\n"),
             file: "don-vi/xa-b/site.yml", line: 3, column: 1, code: "duplicate-unit", says: "xa-a"),
        Case(name: "a unit at the province's own address", files: unit("xa-a", "base_url: https://laichau.invalid/tthc/\n"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "duplicate-unit", says: "tinh.yml"),
        Case(name: "a unit at another's default address", files: unit("xa-a", "base_url: https://laichau.invalid/tthc/xa-hoa-ban/\n"),
             file: "don-vi/xa-hoa-ban/site.yml", line: 1, column: 1, code: "duplicate-unit", says: "xa-a"),
        Case(name: "the assets' folder", files: unit("assets"), file: "don-vi/assets", line: 1, column: 1, code: "invalid-slug", says: "nơi để giao diện dùng chung cho trang của mọi đơn vị"),
        Case(name: "the assets' folder, what to do", files: unit("assets"), file: "don-vi/assets", line: 1, column: 1, code: "invalid-slug", says: "xa-assets"),
        Case(name: "the province's own folder", files: unit("tinh"), file: "don-vi/tinh", line: 1, column: 1, code: "invalid-slug", says: "nơi đăng các thủ tục của chính tỉnh"),
        Case(name: "another province", files: "-- don-vi/xa-a/site.yml --\nten_don_vi: UBND xã A\ncap: xa\ntinh:\n  ma: H24\n  ten: Tỉnh Lào Cai\nchon:\n  cap_thuc_hien: [xa]",
             file: "don-vi/xa-a/site.yml", line: 4, column: 7, code: "unit-province", says: "Xóa khối `tinh:`"),
    ]

    @Test(arguments: twoUnits) func twoUnitsNeverShareAnAddress(_ variant: Case) throws {
        try expectFound(variant, severity: .error)
    }

    // MARK: - A slug that is not [a-z0-9-]

    static let slugs: [(String, String)] = [
        ("Xa-A", "xa-a"), ("xã-hoa-ban", "xa-hoa-ban"), ("xa_a", "xa-a"), ("xa a", "xa-a"), ("-xa", "xa"), ("xa--a", "xa-a"),
    ]

    @Test(arguments: slugs) func aSlugThatIsNotAWebAddressIsRefusedWithOneThatIs(_ name: String, _ suggestion: String) throws {
        try expectFound(Case(name: name, files: Self.unit(name), file: "don-vi/\(name)", line: 1, column: 1, code: "invalid-slug",
                             says: "Đổi tên thư mục thành `\(suggestion)`"), severity: .error)
    }

    // MARK: - A unit whose selection is empty

    static func selecting(_ chon: String) -> String {
        "-- don-vi/xa-a/site.yml --\nten_don_vi: UBND xã A\ncap: xa\nchon:\n\(chon)"
    }

    static let emptySelections: [Case] = [
        Case(name: "a field the pool lacks", files: selecting("  cap_thuc_hien: [xa]\n  linh_vuc: [G99-XX01]"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "empty-selection", says: "`chon.linh_vuc`"),
        Case(name: "the central level only", files: selecting("  cap_thuc_hien: [trung_uong]"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "empty-selection", says: "6 thủ tục"),
        Case(name: "every code left out", files: selecting("  cap_thuc_hien: [xa]\n  bo: [\"1.000080\", \"1.000094\", \"1.002755\", \"1.013225\", \"1.115563\", \"2.001955\"]"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "empty-selection", says: "trống"),
        Case(name: "an added code the pool lacks", files: selecting("  cap_thuc_hien: [co_quan_khac]\n  them: [\"1.999999\"]"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "empty-selection", says: "tthc sync"),
        Case(name: "another field and level", files: selecting("  cap_thuc_hien: [tinh]\n  linh_vuc: [G15-TP07]"),
             file: "don-vi/xa-a/site.yml", line: 3, column: 1, code: "empty-selection", says: "`chon.cap_thuc_hien`"),
    ]

    @Test(arguments: emptySelections) func aUnitWhoseSelectionIsEmptyIsWarned(_ variant: Case) throws {
        try expectFound(variant, severity: .warning)
    }

    // MARK: - A pool record no unit selects

    static func everyUnit(_ chon: String) -> String {
        ["xa-hoa-ban", "xa-na-luong", "phuong-tan-phong"].map { slug in
            "-- don-vi/\(slug)/site.yml --\nten_don_vi: UBND \(slug)\ncap: xa\nchon:\n  cap_thuc_hien: [xa]\n\(chon)\n"
        }.joined()
    }

    static let unused: [Case] = [
        Case(name: "every unit leaves it out", files: everyUnit("  bo: [\"1.013225\"]"),
             file: "content/thu-tuc/1.013225.md", line: 2, column: 13, code: "unused-record", says: "`chon.them`"),
        Case(name: "a field no unit takes", files: everyUnit("  linh_vuc: [G15-TP07, G01-CA05, G13-TN02, G09-NV23]"),
             file: "content/thu-tuc/1.013225.md", line: 2, column: 13, code: "unused-record", says: "Không đơn vị nào"),
        Case(name: "another province's procedure", setup: { site in
                 let path = "content/thu-tuc/1.115563.md"
                 try site.write(path, try site.read(path).replacingOccurrences(of: "    ma: H35", with: "    ma: H24"))
             }, file: "content/thu-tuc/1.115563.md", line: 2, column: 13, code: "unused-record", says: "Không đơn vị nào"),
        Case(name: "a level no unit works at", setup: { site in
                 let path = "content/thu-tuc/2.001955.md"
                 try site.write(path, try site.read(path).replacingOccurrences(of: "  - tinh\n  - xa\n", with: "  - tinh\n"))
             }, file: "content/thu-tuc/2.001955.md", line: 2, column: 13, code: "unused-record", says: "Không đơn vị nào"),
        Case(name: "the only unit that took it removed", setup: { site in
                 for slug in ["xa-hoa-ban", "phuong-tan-phong"] { try FileManager.default.removeItem(at: site.url("don-vi/\(slug)")) }
             }, file: "content/thu-tuc/1.000094.md", line: 2, column: 13, code: "unused-record", says: "Không đơn vị nào"),
    ]

    @Test(arguments: unused) func aPoolRecordNoUnitSelectsIsWarnedAtItsCode(_ variant: Case) throws {
        try expectFound(variant, severity: .warning)
    }

    // MARK: - Overlays that are not used

    @Test func anOverlayOfAProcedureTheUnitDoesNotPublishIsWarned() throws {
        try expectFound(Case(name: "left out by bo", files: "-- don-vi/xa-na-luong/thu-tuc/1.000094.md --\n## Lưu ý\n\nx",
                             file: "don-vi/xa-na-luong/thu-tuc/1.000094.md", line: 1, column: 1, code: "overlay-without-record",
                             says: "`chon.them`"), severity: .warning)
        try expectFound(Case(name: "not in the pool", files: "-- don-vi/xa-na-luong/thu-tuc/1.999999.md --\n## Lưu ý\n\nx",
                             file: "don-vi/xa-na-luong/thu-tuc/1.999999.md", line: 1, column: 1, code: "overlay-without-record",
                             says: "kho chung"), severity: .warning)
    }
}
