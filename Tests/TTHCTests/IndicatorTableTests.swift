import Compliance
import Foundation
import Records
import Testing

/// The indicator table is data validated like a record: the one inside tthc is the file in the
/// repository and reads clean; a broken one is refused at the line and column of its mistake.
@Suite struct IndicatorTableTests {
    static let folder = Repository.fixture("chi-so")

    static let cases: [(file: String, code: String, position: String)] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields.count > 1 ? fields[1] : "", fields.count > 2 ? fields[2] : "")
        }
    }()

    @Test func theEmbeddedTableIsTheFile() throws {
        let file = try String(contentsOf: Repository.root.appendingPathComponent("Sources/Compliance/chi-so.yml"), encoding: .utf8)
        #expect(IndicatorTable.defaultText == file, "run scripts/embed-indicators after changing Sources/Compliance/chi-so.yml")
    }

    @Test func theDefaultTableReadsCleanAndUsesEveryMeasure() throws {
        let (table, diagnostics) = IndicatorTable.read(bytes: Array(IndicatorTable.defaultText.utf8), path: "chi-so.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.line):\($0.column) \($0.message(.vi))" })")
        let indicators = try #require(table).indicators
        #expect(Set(indicators.map(\.measure)) == Set(Measure.allCases))
        #expect(indicators.map(\.code) == ["cong_bo_dung_han", "cong_khai_dung_han", "day_du", "dong_bo_ho_so", "tien_do",
                                           "dvctt", "thanh_toan", "so_hoa", "hai_long", "kip_thoi", "bao_phu",
                                           "trang_thu_tuc", "trang_don_vi"])
        // The points QĐ 766 gives for "Công khai, minh bạch": 1.1 6, 1.2 4, 1.3 2, 1.4 6.
        let points = Dictionary(uniqueKeysWithValues: indicators.compactMap { i in i.points?.maximum.map { (i.code, $0) } })
        #expect(points == ["cong_bo_dung_han": 6, "cong_khai_dung_han": 4, "day_du": 2, "dong_bo_ho_so": 6])
    }

    @Test func everyCaseOfTheFixturesIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files == Self.cases.map(\.file).sorted())
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases.map(\.file))
    func aBrokenTableIsRefusedAtItsMistake(_ file: String) throws {
        let expected = try #require(Self.cases.first { $0.file == file })
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let (table, diagnostics) = IndicatorTable.read(bytes: bytes, path: "chi-so.yml")
        let found = diagnostics.map { "\($0.code) \($0.line):\($0.column)" }
        guard !expected.code.isEmpty else {
            #expect(table != nil && diagnostics.isEmpty, "\(found)")
            return
        }
        #expect(table == nil, "a table with an error is never used")
        #expect(found.contains("\(expected.code) \(expected.position)"), "\(file): \(found)")
        #expect(diagnostics.allSatisfy { $0.file == "chi-so.yml" && !$0.message(.vi).isEmpty && !$0.message(.en).isEmpty })
    }

    @Test func aRateAboveOneSuggestsTheFraction() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("rate-above-one.yml")))
        let diagnostic = try #require(IndicatorTable.read(bytes: bytes, path: "chi-so.yml").diagnostics.first)
        #expect(diagnostic.suggestion(.vi) == "Viết `0.95`.")
        let unknown = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("unknown-key.yml")))
        #expect(IndicatorTable.read(bytes: unknown, path: "chi-so.yml").diagnostics.first?.suggestion(.vi) == "Có phải ý bạn là `nguong`?")
    }
}
