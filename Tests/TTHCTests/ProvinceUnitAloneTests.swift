import Foundation
import Records
@testable import Site
import Testing

/// `tthc build --don-vi` and `tthc check --don-vi` (docs/province.md): one unit reads the pool
/// records its `chon` may take and no others, so a broken record it does not take neither stops
/// nor slows it, and its folder is still byte for byte the whole build's. In the fixture, Tân
/// Phong takes the fields G15-TP07 and G13-TN02 (1.000080, 1.000094, 1.115563), Nà Luồng leaves
/// 1.000094 out (`bo`).
@Suite struct ProvinceUnitAloneTests {
    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var unit: String
        var file: String
        var change: @Sendable (String) -> String
        var testDescription: String { name }
    }

    static let brokenNotTaken: [Broken] = [
        Broken(name: "a value the schema refuses, in a field the unit does not take", unit: "phuong-tan-phong", file: "1.013225.md") {
            $0.replacingOccurrences(of: "trang_thai: da_sua_doi", with: "trang_thai: da sua doi")
        },
        Broken(name: "a key written twice (YAML refuses it)", unit: "phuong-tan-phong", file: "2.001955.md") {
            $0.replacingOccurrences(of: "trang_thai: da_sua_doi\n", with: "trang_thai: da_sua_doi\ntrang_thai: bai_bo\n")
        },
        Broken(name: "a required key missing", unit: "phuong-tan-phong", file: "1.002755.md") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("ten: ") }.joined(separator: "\n")
        },
        Broken(name: "the steps heading misspelt in the body", unit: "phuong-tan-phong", file: "1.013225.md") {
            $0.replacingOccurrences(of: "## Trình tự thực hiện", with: "## Trinh tu thuc hien")
        },
        Broken(name: "another province's procedure, broken too", unit: "xa-hoa-ban", file: "1.115563.md") {
            $0.replacingOccurrences(of: "    ma: H35", with: "    ma: H24").replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: con")
        },
        Broken(name: "a code the unit leaves out (bo), broken", unit: "xa-na-luong", file: "1.000094.md") {
            $0.replacingOccurrences(of: "loai_thu_tuc: duoc_giao_quy_dinh_chi_tiet", with: "loai_thu_tuc: duoc giao")
        },
    ]

    @Test(arguments: brokenNotTaken) func aBrokenRecordTheUnitDoesNotTakeIsNotItsConcern(_ variant: Broken) throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let path = "content/thu-tuc/\(variant.file)"
        let before = try site.read(path)
        // What the whole build writes for the unit without that record at all.
        try FileManager.default.removeItem(at: site.url(path))
        let clean = try #require(try site.provinceFiles(), "\(variant.name)")
        try site.write(path, variant.change(before))
        #expect(try site.read(path) != before, "\(variant.name): the change applies")
        // The whole build reports it and writes nothing.
        let whole = try site.provinceDiagnostics()
        #expect(whole.contains { $0.file == path && $0.severity == .error }, "\(variant.name)")
        #expect(try site.provinceFiles() == nil)
        // The unit alone says nothing of it, and writes what the clean whole build wrote for it.
        let alone = try ProvinceBuild(root: site.folder, only: variant.unit).check()
        #expect(!alone.contains { $0.file == path }, "\(variant.name): \(alone.map { "\($0.file):\($0.line) \($0.code)" })")
        let files = try #require(try site.provinceFiles(only: variant.unit), "\(variant.name)")
        let inWhole = clean.filter { $0.key.hasPrefix(variant.unit + "/") && $0.key != variant.unit + "/" + OutputMarker.fileName }
        #expect(files.count == inWhole.count && files.allSatisfy { clean[variant.unit + "/" + $0.key] == $0.value }, "\(variant.name)")
    }

    @Test func aBrokenRecordTheUnitTakesStopsItAtItsLine() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let path = "content/thu-tuc/1.000080.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "trang_thai: da_sua_doi", with: "trang_thai: da sua doi"))
        for unit in ["phuong-tan-phong", "xa-hoa-ban", "xa-na-luong"] {
            let found = try ProvinceBuild(root: site.folder, only: unit).check().filter { $0.file == path && $0.severity == .error }
            #expect(found.map(\.line) == [9], "\(unit)")
            #expect(try site.provinceFiles(only: unit) == nil, "\(unit)")
        }
    }

    @Test func onTheCommandLineTheUnitBuildsWhileTheWholeProvinceIsStopped() throws {
        let cli = CommandLineTests()
        let site = try TemporarySite.province()
        defer { site.remove() }
        let path = "content/thu-tuc/1.013225.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "trang_thai: da_sua_doi", with: "trang_thai: da sua doi"))
        let whole = try cli.tthc(["build"], in: site.folder)
        #expect(whole.status == 1 && whole.errors.contains(path))
        let check = try cli.tthc(["check", "--don-vi", "phuong-tan-phong"], in: site.folder)
        #expect(check.status == 0 && !check.output.contains("1.013225") && !check.errors.contains("1.013225"), "\(check.output)")
        let one = try cli.tthc(["build", "--don-vi", "phuong-tan-phong"], in: site.folder)
        #expect(one.status == 0 && !one.errors.contains("1.013225"), "\(one.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/phuong-tan-phong/thu-tuc/1.000080/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.url("public/phuong-tan-phong/thu-tuc/1.013225").path))
        // A unit that takes it is stopped, at the record's line.
        let other = try cli.tthc(["build", "--don-vi", "xa-hoa-ban"], in: site.folder)
        #expect(other.status == 1 && other.errors.contains("\(path):9"), "\(other.errors)")
    }

    // MARK: - Records whose selection is written in a form the quick look does not read

    struct Form: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var change: @Sendable (String) -> String
        var testDescription: String { name }
    }

    /// Each is valid YAML that says the same as the file did (or, for the first, hides a line that
    /// reads like a key inside a value): the unit alone must publish what the whole build does.
    static let forms: [Form] = [
        Form(name: "a line like `cap_thuc_hien: [tinh]` inside a quoted name", file: "1.000080.md") {
            $0.replacingOccurrences(of: "ten: Thủ tục đăng ký nhận cha", with: "ten: \"Thủ tục\ncap_thuc_hien: [tinh]\n  đăng ký nhận cha")
                .replacingOccurrences(of: "khu vực biên giới\n", with: "khu vực biên giới\"\n")
        },
        Form(name: "the levels as a list at the key's own indentation", file: "1.000094.md") {
            $0.replacingOccurrences(of: "cap_thuc_hien:\n  - xa\n", with: "cap_thuc_hien:\n- xa\n")
        },
        Form(name: "a comment after the level", file: "1.000094.md") {
            $0.replacingOccurrences(of: "cap_thuc_hien:\n  - xa\n", with: "cap_thuc_hien:\n  - xa # cấp xã\n")
        },
        Form(name: "the field as a flow mapping", file: "1.115563.md") {
            $0.replacingOccurrences(of: "linh_vuc:\n  ma: G13-TN02\n  ten: Đất đai\n", with: "linh_vuc: {ma: G13-TN02, ten: Đất đai}\n")
        },
        Form(name: "the code quoted with single quotes, levels in brackets", file: "1.000080.md") {
            $0.replacingOccurrences(of: "ma_thu_tuc: \"1.000080\"", with: "ma_thu_tuc: '1.000080'")
                .replacingOccurrences(of: "cap_thuc_hien:\n  - xa\n", with: "cap_thuc_hien: [ xa ]\n")
        },
        Form(name: "Windows line ends and a byte order mark", file: "1.013225.md") {
            "\u{FEFF}" + $0.replacingOccurrences(of: "\n", with: "\r\n")
        },
    ]

    @Test(arguments: forms) func aUnitAloneTakesWhatTheWholeBuildTakesWhateverTheForm(_ form: Form) throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let path = "content/thu-tuc/\(form.file)"
        let before = try site.read(path)
        try site.write(path, form.change(before))
        #expect(try site.read(path) != before, "\(form.name): the change applies")
        let errors = try site.provinceDiagnostics().filter { $0.severity == .error }.map { "\($0.file):\($0.line) \($0.code)" }
        let whole = try #require(try site.provinceFiles(), "\(form.name): \(errors)")
        for unit in ProvinceTests.units {
            let alone = try #require(try site.provinceFiles(only: unit), "\(form.name): \(unit)")
            let inWhole = whole.filter { $0.key.hasPrefix(unit + "/") && $0.key != unit + "/" + OutputMarker.fileName }
            #expect(alone.count == inWhole.count && alone.allSatisfy { whole[unit + "/" + $0.key] == $0.value }, "\(form.name): \(unit)")
        }
    }
}

/// The quick look at a record's selection (`SelectionFacts`) against the record as parsed.
@Suite struct SelectionFactsTests {
    /// What `exclusion(of:)` reads of a procedure.
    func selection(_ procedure: Procedure) -> String {
        [procedure.code, procedure.origin.rawValue, procedure.levels.map(\.rawValue).joined(separator: ","), procedure.sector.code,
         procedure.source?.system.rawValue ?? "-", procedure.source?.announcedBy?.code ?? "-"].joined(separator: " ")
    }

    @Test func everyRecordSyncWroteIsReadAsItsParseReadsIt() throws {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Repository.root.appendingPathComponent("content/thu-tuc").path)
            .map { "content/thu-tuc/" + $0 }
        paths += try FileManager.default.contentsOfDirectory(atPath: Repository.fixture("province/content/thu-tuc").path)
            .map { "Tests/Fixtures/province/content/thu-tuc/" + $0 }
        #expect(paths.count > 50)
        for path in paths where path.hasSuffix(".md") {
            let bytes = Array(try Data(contentsOf: Repository.root.appendingPathComponent(path)))
            let procedure = try #require(Record.read(bytes: bytes, path: path).procedure, "\(path)")
            // As sync wrote it, and as a Windows editor saves it.
            let windows = [0xEF, 0xBB, 0xBF] + Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            for bytes in [bytes, windows] {
                let facts = SelectionFacts(bytes: bytes)
                #expect(facts.code == procedure.code, "\(path)")
                let quick = try #require(facts.procedure, "\(path): read quickly")
                #expect(selection(quick) == selection(procedure), "\(path)")
            }
        }
    }

    static let record = """
        ---
        ma_thu_tuc: "1.000080"
        ten: Thủ tục
        cap_thuc_hien:
          - xa
        linh_vuc:
          ma: G15-TP07
          ten: Hộ tịch
        nguon_goc: trung_uong
        nguon:
          he_thong: csdlqg
          co_quan_cong_bo:
            ma: G15
            ten: Bộ Tư pháp
        ---

        ## Trình tự thực hiện

        Nộp hồ sơ.
        """

    @Test func theWrittenFormIsReadWhole() throws {
        let facts = SelectionFacts(bytes: Array(Self.record.utf8))
        #expect(facts.procedure.map(selection) == "1.000080 trung_uong xa G15-TP07 csdlqg G15")
    }

    /// A line inside a quoted value or a flow list is part of that value, whatever it reads like.
    static let spanning: [(String, String, String)] = [
        ("a quoted name over lines, one like a key at the start of its line", "ten: Thủ tục", "ten: \"Thủ tục\ncap_thuc_hien: [tinh]\n  dài\""),
        ("a single-quoted name with '' and a key-like line", "ten: Thủ tục", "ten: 'Thủ ''tục''\nnguon_goc: noi_bo'"),
        ("a flow list over lines", "ten: Thủ tục", "ten: Thủ tục\ntu_khoa: [a,\nnguon_goc: noi_bo, b]"),
        ("a list item quoted over lines", "cap_thuc_hien:\n  - xa", "cap_thuc_hien:\n  - xa\ntu_khoa:\n  - \"a\nlinh_vuc:\n  ma: G99\""),
        ("an escaped quote inside", "ten: Thủ tục", "ten: \"Thủ \\\"tục\nnguon_goc: noi_bo\""),
    ]

    @Test(arguments: spanning) func aValueOverSeveralLinesHidesNoKey(_ name: String, _ written: String, _ instead: String) throws {
        #expect(facts(of: written, replacedBy: instead, name).map(selection) == "1.000080 trung_uong xa G15-TP07 csdlqg G15", "\(name)")
    }

    /// The facts read of `record` with `written` replaced (the replacement must change it).
    func facts(of written: String, replacedBy instead: String, _ name: String) -> Procedure? {
        let text = Self.record.replacingOccurrences(of: written, with: instead)
        #expect(text != Self.record, "\(name)")
        return SelectionFacts(bytes: Array(text.utf8)).procedure
    }

    /// Each leaves some fact unknown: the record is then parsed, never left out on a guess.
    static let unknown: [(String, String, String)] = [
        ("a comment after a value", "nguon_goc: trung_uong", "nguon_goc: trung_uong # TW"),
        ("an alias", "cap_thuc_hien:\n  - xa", "cap_thuc_hien: *cap"),
        ("a quoted key", "linh_vuc:", "\"linh_vuc\":"),
        ("a key written twice", "nguon_goc: trung_uong", "nguon_goc: trung_uong\nnguon_goc: noi_bo"),
        ("a quote never closed", "ten: Thủ tục", "ten: \"Thủ tục"),
        ("a flow list never closed", "cap_thuc_hien:\n  - xa", "cap_thuc_hien: [xa,"),
        ("a value over two lines", "nguon_goc: trung_uong", "nguon_goc: trung\n  _uong"),
        ("a tag", "cap_thuc_hien:\n  - xa", "cap_thuc_hien: !!seq [xa]"),
        ("a merge key", "nguon_goc: trung_uong", "nguon_goc: trung_uong\n<<: *base"),
        ("the announcing body in a flow mapping", "  co_quan_cong_bo:\n    ma: G15\n    ten: Bộ Tư pháp", "  co_quan_cong_bo: {ma: G15}"),
        ("a tab in the indentation", "  ma: G15-TP07", "\tma: G15-TP07"),
    ]

    @Test(arguments: unknown) func aFormNotReadLeavesTheSelectionUnknown(_ name: String, _ written: String, _ instead: String) throws {
        #expect(facts(of: written, replacedBy: instead, name) == nil, "\(name)")
    }
}
