import Foundation
@testable import Search
import Testing

/// The folding and tokenizing rules of SEARCH.md (the index and the page's query must agree).
@Suite struct SearchTextTests {
    @Test(arguments: [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"),
        ("Giấy phép xây dựng", "giay phep xay dung"),
        ("Thủ tục đăng ký khai sinh".decomposedStringWithCanonicalMapping, "thu tuc dang ky khai sinh"),
        ("Đường / dương", "duong / duong"),
    ])
    func foldingDropsEveryMarkAndFoldsD(input: String, expected: String) {
        #expect(VietnameseFolding.fold(input) == expected)
    }

    @Test(arguments: [
        ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoà", "hòa"), ("toán", "toán"),
    ])
    func oldAndNewTonePlacementAreOneWord(a: String, b: String) {
        #expect(VietnameseFolding.toned(a) == VietnameseFolding.toned(b))
    }

    @Test(arguments: [
        ("trường", "trường"), ("ngoài", "ngoài"), ("giá", "giá"), ("quý", "quý"), ("hoàng", "hoàng"),
        ("múa", "múa"), ("hài", "hài"), ("khuyến", "khuyến"), ("thuỷ", "thuỷ"), ("thủy", "thuỷ"), ("gì", "gì"),
    ])
    func toneGoesWhereTheRuleSays(input: String, expected: String) {
        #expect(VietnameseFolding.toned(input) == expected)
    }

    @Test func exactTonesStayDistinct() {
        #expect(VietnameseFolding.toned("đường") != VietnameseFolding.toned("dương"))
        #expect(VietnameseFolding.fold("đường") == VietnameseFolding.fold("dương"))
    }

    @Test func iAndYSpellingsAreOneWord() {
        #expect(Tokenizer.syllables("Lý lịch tư pháp") == Tokenizer.syllables("Lí lịch tư pháp"))
        #expect(Tokenizer.syllables("đăng ký") == ["dang", "ki"])
        #expect(Tokenizer.syllables("kí") == ["ki"])
        #expect(Tokenizer.syllables("thuỷ lợi, tuy nhiên") == ["thuy", "loi", "tuy", "nhien"], "uy is not ui")
    }

    @Test func syllablePairsMakePhrasesCount() {
        let tokens = Tokenizer.tokens("Đăng ký khai sinh")
        let pairs = tokens.filter { $0.kind == .pair }.map(\.text)
        #expect(pairs == ["dang ki", "ki khai", "khai sinh"])
        #expect(!Tokenizer.tokens("vệ sinh, khai báo").contains(Tokenizer.Token(text: "khai sinh", kind: .pair)))
    }

    @Test func proceduresCodesInEverySpelling() {
        #expect(Tokenizer.codes(in: "Mã 1.001193; xem 2.000635.") == ["1.001193", "1001193", "001193", "2.000635", "2000635", "000635"])
        #expect(Tokenizer.codes(in: "11.0011934 là số khác").isEmpty)
    }

    /// The cases scripts/search-relevance runs through the page's script: the same answers here.
    @Test func sharedFoldingCases() throws {
        struct Case: Decodable { var text: String; var nfd: Bool?; var fold: String; var syllables: [String] }
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: Repository.fixture("search/folding.json")))
        #expect(cases.count >= 8)
        for c in cases {
            let text = c.nfd == true ? c.text.decomposedStringWithCanonicalMapping : c.text
            #expect(VietnameseFolding.fold(text) == c.fold)
            #expect(Tokenizer.syllables(text) == c.syllables, "\(c.text)")
        }
        let pairs = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: Repository.fixture("search/exact.json")))
        for pair in pairs { #expect(VietnameseFolding.exact(pair[0]) == pair[1], "\(pair[0])") }
    }

    /// The one-pass tokenizer gives what folding then splitting gives, on every demo record and
    /// on text that is not Vietnamese.
    @Test func fastTokenizingAgreesWithTheDefinition() throws {
        let folder = Repository.root.appendingPathComponent("content/thu-tuc")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(names.count > 50)
        var texts = try names.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        texts += ["Straße ǅemal Æsir ① ½ Привет мир 東京 e\u{1DC0}x", "ĐĂNG KÝ", "A\u{0301}B", "hoà-thuỷ_khoẻ", "😀 a😀b", "",
                  String(repeating: "Đường", count: 30) + "y kỳ"]
        for text in texts {
            #expect(Tokenizer.syllables(text) == Tokenizer.generalSyllables(text))
            let decomposed = text.decomposedStringWithCanonicalMapping
            #expect(Tokenizer.syllables(decomposed) == Tokenizer.generalSyllables(decomposed))
        }
    }

    /// The body's word counts equal a dictionary's, through the table's growth and for words
    /// longer than its 16-byte keys.
    @Test func syllableCountsAgreeWithADictionary() throws {
        let folder = Repository.root.appendingPathComponent("content/thu-tuc")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        var text = try names.prefix(40).map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        text += " chuyenmonnghiepvu12345 abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnopq x"
        var counts = SyllableCounts(capacity: 8)
        Tokenizer.eachSyllable(in: text) { counts.add($0) }
        var counted: [String: Int] = [:]
        counts.forEach { counted[$0] = $1 }
        let expected = Dictionary(Tokenizer.syllables(text).map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counted == expected)
        #expect(counts.distinct == expected.count)
        #expect(expected["abcdefghijklmnopq"] == 2 && expected.count > 1_000)
    }
}
