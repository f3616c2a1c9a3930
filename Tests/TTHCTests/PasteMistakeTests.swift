import Foundation
@testable import Records
import Testing

/// Text pasted from Word or a web page, or typed in Notepad: each mistake is named as its real
/// cause, at its own line and column, in Vietnamese, with the line as it should be written; where
/// YAML reads the text but not as the clerk meant, a warning.
@Suite struct PasteMistakeTests {
    /// A record whose front matter is the sample's with `change` applied (markers kept).
    static func record(_ change: (String) -> String) -> String {
        SampleRecord.text(frontMatter: change(SampleRecord.frontMatter + "\ndia_phuong:\n  lien_he: 0262 3 123 456"))
    }

    /// The diagnostics of `code` in `marked`, which must be exactly at the markers.
    @discardableResult
    func expect(_ code: Problem.Code, _ severity: Diagnostic.Severity, in marked: String, at symbols: [String] = ["1️⃣"],
                message: String? = nil, suggestion: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        let input = MarkedText(marked)
        let record = SampleRecord.read(input.text)
        let found = record.diagnostics(code).sortedForReport()
        #expect(found.map { "\($0.line):\($0.column)" } == symbols.map { "\(input.position($0).line):\(input.position($0).column)" },
                "\(record.diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message(.vi))" })", sourceLocation: sourceLocation)
        #expect(found.allSatisfy { $0.severity == severity }, sourceLocation: sourceLocation)
        if let message { #expect(found.first?.message(.vi) == message, sourceLocation: sourceLocation) }
        if let suggestion { #expect(found.first?.suggestion(.vi) == suggestion, sourceLocation: sourceLocation) }
        // Never libyaml's English in a Vietnamese message.
        for diagnostic in record.diagnostics {
            for english in ["mapping", "found", "expected", "scalar", "allowed", "token", "stream"] {
                #expect(!diagnostic.message(.vi).contains(english), "\(diagnostic.message(.vi))", sourceLocation: sourceLocation)
            }
        }
        return found
    }

    // MARK: - A Unicode space where YAML needs a space

    @Test(arguments: [
        (record { $0.replacingOccurrences(of: "linh_vuc:\n  ma:", with: "linh_vuc:\n1️⃣\u{A0}\u{A0}ma:") }, "  ma: G15-TP07"),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục", with: "ten:1️⃣\u{A0}Thủ tục") }, "ten: Thủ tục đăng ký khai sinh"),
        (record { $0.replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai1️⃣\u{A0}: hieu_luc") }, "trang_thai : hieu_luc"),
        (record { $0.replacingOccurrences(of: "cap_thuc_hien:\n  - xa", with: "cap_thuc_hien:\n 1️⃣\u{A0}- xa") }, "  - xa"),
        (record { $0.replacingOccurrences(of: "cap_thuc_hien:\n  - xa", with: "cap_thuc_hien:\n  -1️⃣\u{A0}xa") }, "  - xa"),
        (record { $0.replacingOccurrences(of: "  lien_he:", with: "1️⃣\u{202F}\u{202F}lien_he:") }, "  lien_he: 0262 3 123 456"),
    ])
    func aUnicodeSpaceInTheSyntaxIsNamed(_ marked: String, _ fixed: String) {
        let found = expect(.nonBreakingSpace, .error, in: marked, suggestion: "Gõ lại khoảng trắng bằng phím cách: `\(fixed)`")
        #expect(found.first?.message(.vi).hasPrefix(marked.contains("\u{202F}")
            ? "Ở đây có khoảng trắng đặc biệt (U+202F) thay cho dấu cách thường"
            : "Ở đây có dấu cách không ngắt (U+00A0) thay cho dấu cách thường") == true)
    }

    /// A block of text (`|`) holds what it holds: a non-breaking space there is text, not syntax.
    @Test func aNonBreakingSpaceInsideABlockOfTextIsText() {
        let record = SampleRecord.read(Self.record { $0 + "\n  ghi_chu: |\n    Dòng một\n    \u{A0}\u{A0}Dòng hai thụt bằng dấu cách không ngắt" })
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics.map { "\($0.line):\($0.column) \($0.code)" })")
    }

    @Test func theRestOfTheFileIsStillCheckedAndASpaceInsideAValueIsText() {
        let marked = Self.record {
            $0.replacingOccurrences(of: "ten: Thủ tục", with: "ten:1️⃣\u{A0}Thủ tục\u{A0}đăng ký")
                .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: 2️⃣hieu luc")
        }
        expect(.nonBreakingSpace, .error, in: marked)
        expect(.notInVocabulary, .error, in: marked, at: ["2️⃣"])
    }

    // MARK: - A quote never closed

    @Test func aQuoteClosedOnlyByALaterQuoteIsNamedAtTheOpeningOne() {
        let marked = Self.record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣\"Thủ tục đăng ký khai sinh") }
        let closing = MarkedText(marked).text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  ngay: ") }.map { $0 + 1 } ?? 0
        expect(.yamlSyntax, .error, in: marked,
               message: "Lỗi cú pháp YAML: dấu \" mở giá trị ở đây không được đóng trên dòng này, nên mọi thứ tới dấu \" ở dòng \(closing) bị đọc thành một giá trị.",
               suggestion: "Thêm dấu \" đóng ở cuối giá trị: `ten: \"Thủ tục đăng ký khai sinh\"`")
    }

    @Test(arguments: [
        (record { $0 + "\n  ghi_chu: 1️⃣\"Mang theo bản chính" }, "  ghi_chu: \"Mang theo bản chính\""),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣'Thủ tục đăng ký khai sinh") }, "ten: 'Thủ tục đăng ký khai sinh'"),
        (record { $0.replacingOccurrences(of: "  - ten: Công dân Việt Nam", with: "  - ten: 1️⃣\"Công dân Việt Nam") }, "  - ten: \"Công dân Việt Nam\""),
        (record { $0.replacingOccurrences(of: "  co_quan: Bộ Tư pháp", with: "  co_quan: 1️⃣\"Bộ Tư pháp") }, "  co_quan: \"Bộ Tư pháp\""),
    ])
    func anUnclosedQuoteIsNamedAtItself(_ marked: String, _ fixed: String) {
        let found = expect(.yamlSyntax, .error, in: marked)
        #expect(found.first?.message(.vi).hasPrefix("Lỗi cú pháp YAML: dấu ") == true, "\(found.first?.message(.vi) ?? "")")
        #expect(found.first?.suggestion(.vi)?.hasSuffix("`\(fixed)`") == true, "\(found.first?.suggestion(.vi) ?? "")")
    }

    @Test func aQuoteThatYAMLClosesLaterAtALineEndIsAWarning() {
        // The next line ends with a quote: YAML reads one value over two lines, and `nguon_goc` is gone.
        let marked = Self.record {
            $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh\n", with: "ten: 1️⃣\"Thủ tục đăng ký khai sinh\n")
                .replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: trung_uong\"")
        }
        expect(.unclosedQuote, .warning, in: marked, suggestion: "Đóng giá trị ở cuối dòng này: `ten: \"Thủ tục đăng ký khai sinh\"`")
    }

    // MARK: - Quotes inside a quoted value

    @Test(arguments: [
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Thủ tục 1️⃣\"đặc biệt\" khai sinh\"") },
         "ten: 'Thủ tục \"đặc biệt\" khai sinh'"),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 'Quyết định 1️⃣'số 1' của xã'") },
         "ten: \"Quyết định 'số 1' của xã\""),
        (record { $0.replacingOccurrences(of: "      - ten: Tờ khai đăng ký khai sinh", with: "      - ten: \"Giấy 1️⃣\"xác nhận\" cư trú\"") },
         "      - ten: 'Giấy \"xác nhận\" cư trú'"),
        (record { $0 + "\n  ghi_chu: \"Mang 1️⃣\"bản chính\" khi nộp\"" }, "  ghi_chu: 'Mang \"bản chính\" khi nộp'"),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Thủ tục 1️⃣\"A\" và 'B'\"") },
         "ten: \"Thủ tục \\\"A\\\" và 'B'\""),
    ])
    func aQuoteInsideAQuotedValueIsNamedAtTheQuoteThatEndedIt(_ marked: String, _ fixed: String) {
        let found = expect(.yamlSyntax, .error, in: marked)
        let quote = marked.contains("1️⃣'") ? "'" : "\""
        #expect(found.first?.message(.vi) == "Lỗi cú pháp YAML: dấu \(quote) này kết thúc giá trị sớm, vì giá trị đặt trong dấu \(quote) lại chứa dấu \(quote).")
        #expect(found.first?.suggestion(.vi) == "Bao giá trị bằng dấu ngoặc khác: `\(fixed)`")
    }

    // MARK: - Word's quotes

    @Test(arguments: [
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣“Thủ tục đăng ký khai sinh”") }, "ten: \"Thủ tục đăng ký khai sinh\""),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣‘Thủ tục đăng ký khai sinh’") }, "ten: \"Thủ tục đăng ký khai sinh\""),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣“Thủ tục đăng ký khai sinh") }, "ten: \"Thủ tục đăng ký khai sinh\""),
        (record { $0 + "\n  ghi_chu: 1️⃣“Mang bản chính”" }, "  ghi_chu: \"Mang bản chính\""),
        (record { $0.replacingOccurrences(of: "    - Ủy ban nhân dân cấp xã", with: "    - 1️⃣“Ủy ban nhân dân cấp xã”") }, "    - \"Ủy ban nhân dân cấp xã\""),
    ])
    func wordsQuotesAroundAValueAreAWarning(_ marked: String, _ fixed: String) {
        expect(.typographicQuotes, .warning, in: marked,
               message: "Giá trị được bao bằng dấu ngoặc kiểu Word (“ ” hoặc ‘ ’), mà YAML không coi là dấu ngoặc: các dấu này được đăng cùng giá trị.",
               suggestion: "Viết `\(fixed)`")
    }

    @Test func wordsQuotesAroundAColonBreakTheLine() {
        let marked = Self.record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣“Thủ tục: đăng ký khai sinh”") }
        expect(.yamlSyntax, .error, in: marked,
               message: "Lỗi cú pháp YAML: dấu ngoặc kiểu Word (“ ” hoặc ‘ ’) không phải dấu ngoặc của YAML, nên dấu hai chấm bên trong làm hỏng dòng này.",
               suggestion: "Thay bằng dấu ngoặc kép thường: `ten: \"Thủ tục: đăng ký khai sinh\"`")
    }

    @Test func wordsQuotesAroundACodeOrADateSuggestTheValue() {
        let marked = Self.record {
            $0.replacingOccurrences(of: "ma_thu_tuc: \"1.001193\"", with: "ma_thu_tuc: 1️⃣“1.001193”")
                .replacingOccurrences(of: "ngay: \"2026-01-16\"", with: "ngay: 2️⃣“2026-01-16”")
        }
        expect(.malformedCode, .error, in: marked, suggestion: "Viết `\"1.001193\"`.")
        expect(.malformedDate, .error, in: marked, at: ["2️⃣"], suggestion: "Viết `\"2026-01-16\"`.")
    }

    /// Text that quotes something (the law, as national records do, or a form's name) is text.
    @Test(arguments: ["Thủ tục đăng ký “khai sinh” cho trẻ", "Người nhận phải “hơn con nuôi từ 20 tuổi trở lên”",
                      "“Tờ khai” và “Giấy chứng sinh”"])
    func wordsQuotesInsideAValueAreText(_ name: String) {
        let record = SampleRecord.read(Self.record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(name)") })
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics.map(\.code))")
    }

    // MARK: - An unquoted `#`

    @Test(arguments: [
        (record { $0.replacingOccurrences(of: "  lien_he: 0262 3 123 456", with: "  lien_he: 0262 3 123 456 1️⃣#máy lẻ 12") },
         "0262 3 123 456", "  lien_he: \"0262 3 123 456 #máy lẻ 12\""),
        (record { $0.replacingOccurrences(of: "  lien_he: 0262 3 123 456", with: "  lien_he: 1️⃣#máy lẻ 12") }, "", "  lien_he: \"#máy lẻ 12\""),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục số 1️⃣#1") }, "Thủ tục số", "ten: \"Thủ tục số #1\""),
        (record { $0.replacingOccurrences(of: "    - Ủy ban nhân dân cấp xã", with: "    - Ủy ban nhân dân cấp xã 1️⃣#phòng 2") },
         "Ủy ban nhân dân cấp xã", "    - \"Ủy ban nhân dân cấp xã #phòng 2\""),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục\t1️⃣#1") }, "Thủ tục", "ten: \"Thủ tục\t#1\""),
    ])
    func anUnquotedHashThatCutsAValueIsAWarning(_ marked: String, _ kept: String, _ fixed: String) {
        expect(.commentInValue, .warning, in: marked,
               message: kept.isEmpty ? "Phần từ dấu # trở đi là chú thích của YAML và không được đăng: giá trị này để trống."
                                     : "Phần từ dấu # trở đi là chú thích của YAML và không được đăng: giá trị chỉ còn `\(kept)`.",
               suggestion: "Đặt cả giá trị trong dấu ngoặc kép: `\(fixed)`")
    }

    @Test func aHashThatIsNoCommentOrAQuotedOneIsFine() {
        let record = SampleRecord.read(SampleRecord.text(frontMatter: "# Ghi chú cả dòng\n" + SampleRecord.frontMatter
            .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục#1")
            + "\ndia_phuong:\n  lien_he: \"0262 #12\"  # chú thích sau giá trị trong ngoặc"))
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics.map(\.code))")
    }

    // MARK: - A quote with no partner

    @Test(arguments: [
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh1️⃣\"") }, "\"", "ten: Thủ tục đăng ký khai sinh"),
        (record { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh1️⃣'") }, "'", "ten: Thủ tục đăng ký khai sinh"),
        (record { $0 + "\n  ghi_chu: Mang bản chính1️⃣\"" }, "\"", "  ghi_chu: Mang bản chính"),
        (record { $0.replacingOccurrences(of: "    - Ủy ban nhân dân cấp xã", with: "    - Ủy ban nhân dân cấp xã1️⃣\"") }, "\"", "    - Ủy ban nhân dân cấp xã"),
        (record { $0.replacingOccurrences(of: "  - ten: Công dân Việt Nam", with: "  - ten: Công dân \"A\" Việt Nam1️⃣\"") }, "\"", "  - ten: Công dân \"A\" Việt Nam"),
    ])
    func aStrayQuoteIsAWarning(_ marked: String, _ quote: String, _ fixed: String) {
        expect(.strayQuote, .warning, in: marked,
               message: "Dấu \(quote) ở đây không có dấu mở tương ứng, nên được đăng như một phần của giá trị.",
               suggestion: "Xóa dấu này: `\(fixed)`")
    }

    // MARK: - libyaml's own words never reach Vietnamese output

    /// Every problem message in libyaml's scanner, parser and reader (read from the copy that Yams
    /// builds) has a Vietnamese sentence of its own, not the plain fallback.
    @Test func everyLibyamlMessageIsSaidInVietnamese() throws {
        let sources = Repository.root.appendingPathComponent(".build/checkouts/Yams/Sources/CYaml/src")
        var messages: Set<String> = []
        for file in ["scanner.c", "parser.c", "reader.c"] {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #""((?:found|did not|could not|mapping|block sequence|control|invalid|incomplete|expected|unexpected low|input)[^"]*)""#)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { messages.insert(String(text[range])) }
            }
        }
        #expect(messages.count > 50, "\(messages.count) messages found in libyaml")
        for message in messages.sorted() {
            #expect(YAMLMessages.vietnamese(message) != "YAML không đọc được dòng này", "libyaml's \"\(message)\" has no sentence")
        }
    }

    // MARK: - Files tthc does not read

    @Test(arguments: [
        ("1.001193.MD", "1.001193.md"), ("1.001193.Md", "1.001193.md"), ("1.001193.markdown", "1.001193.md"),
        ("1.001193.md.txt", "1.001193.md"), ("1.001193.md ", "1.001193.md"), ("1.001193.txt", "1.001193.md"),
    ])
    func aFileNamedLikeARecordButNotReadIsAWarning(_ name: String, _ rename: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("content/thu-tuc/\(name)", SampleRecord.text())
        try site.write("content/thu-tuc/ghi-chu.txt", "Ghi chú cho cán bộ, không phải hồ sơ.\n")
        let run = try CommandLineTests().tthc(["check"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output.contains("content/thu-tuc/\(name):1:1: cảnh báo [ignored-file] Tệp `\(name)` không được đọc: tthc chỉ đọc các tệp có đuôi `.md` (chữ thường), nên thủ tục này không được đăng.\n"), "\(run.output)")
        #expect(run.output.contains("→ Đổi tên tệp thành `\(rename)`."))
        #expect(!run.output.contains("ghi-chu.txt"))
    }

    static func utf16(bigEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in SampleRecord.text().utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(arguments: [utf16(bigEndian: false, byteOrderMark: true), utf16(bigEndian: true, byteOrderMark: true),
                      utf16(bigEndian: false, byteOrderMark: false), utf16(bigEndian: true, byteOrderMark: false)])
    func utf16IsNamedAsUTF16NotALegacyEncoding(_ bytes: [UInt8]) {
        let record = Record.read(bytes: bytes, path: "content/thu-tuc/1.001193.md")
        #expect(record.diagnostics.map { "\($0.line):\($0.column) \($0.code)" } == ["1:1 not-utf8"])
        #expect(record.diagnostics.first?.message(.vi) == "Tệp được lưu ở dạng UTF-16 (Notepad gọi là \"Unicode\"), không phải UTF-8, nên không đọc được.")
        #expect(record.diagnostics.first?.message(.vi).contains("TCVN3") == false)
    }
}

/// The byte scan that decides whether a record's values are looked at, at all: tthc's own text
/// (Vietnamese, dashes, quoted values) must pass it untouched, or every record pays for the checks.
@Suite struct PasteLookTests {
    @Test func canonicalVietnameseTextPassesUnlooked() {
        let look = PasteMistakes.Look(SampleRecord.frontMatter + "\nmo_ta: \"Nộp hồ sơ – trực tiếp — hoặc qua bưu chính…\"\n")
        #expect(!look.any && !look.unicodeSpace)
    }

    @Test(arguments: [("a: b #c", "comment"), ("a: “b”", "typographic"), ("a: «b»", "typographic"), ("a: b\"", "quote"),
                      ("a:\u{A0}b", "space"), ("a:\u{202F}b", "space"), ("a:\u{3000}b", "space")])
    func eachMarkIsSeen(_ text: String, _ flag: String) {
        let look = PasteMistakes.Look(text)
        let seen = ["comment": look.comment, "typographic": look.typographic, "quote": look.quote, "space": look.unicodeSpace]
        #expect(seen.filter(\.value).map(\.key) == [flag])
    }
}
