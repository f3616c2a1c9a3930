import Foundation
import Records
import Testing

/// A clerk's common mistakes, each written into a site, checked with `tthc check`, and mended by
/// doing literally what the printed suggestion says (replacing the line with the text it gives,
/// renaming the file to the name it gives, moving what it says to move) until the check is clean.
/// A suggestion that cannot be followed to a clean check fails here.
@Suite struct FollowTheSuggestionsTests {
    static let national = SampleRecord.frontMatter + "\nnguon:\n  he_thong: csdlqg"
    static let path = "content/thu-tuc/1.001193.md"

    struct Mistake: Sendable, CustomStringConvertible {
        var description: String
        var file: String = FollowTheSuggestionsTests.path
        var bytes: [UInt8]
        /// The codes the first check must report (the mistake is seen for what it is).
        var codes: Set<String>

        init(_ description: String, file: String = FollowTheSuggestionsTests.path, _ text: String, _ codes: Set<String>) {
            self.description = description
            self.file = file
            self.bytes = Array(text.utf8)
            self.codes = codes
        }

        init(_ description: String, bytes: [UInt8], _ codes: Set<String>) {
            self.description = description
            self.bytes = bytes
            self.codes = codes
        }
    }

    static func front(_ change: (String) -> String) -> String {
        SampleRecord.text(frontMatter: change(national + "\ndia_phuong:\n  lien_he: 0262 3 123 456"))
    }

    static let mistakes: [Mistake] = [
        Mistake("a second steps section", SampleRecord.text(body: SampleRecord.body + "\n\n## Trình tự thực hiện\n\nBước riêng của xã."), ["duplicate-section"]),
        Mistake("a misspelt steps heading", SampleRecord.text(body: "\n## Trình tự thực hiên\n\nNộp hồ sơ."), ["section-heading"]),
        Mistake("a steps heading with one #", SampleRecord.text(body: "\n# Trình tự thực hiện\n\nNộp hồ sơ."), ["section-heading"]),
        Mistake("a conditions heading without its comma",
                SampleRecord.text(body: SampleRecord.body + "\n\n## Yêu cầu điều kiện thực hiện\n\nCó căn cước."), ["section-heading"]),
        Mistake("a note joined to the national steps", SampleRecord.text(frontMatter: national, body: SampleRecord.body + "\n\n# Ghi chú\n\nMang bản chính."),
                ["heading-in-national-section"]),
        Mistake("an underlined note in the national steps",
                SampleRecord.text(frontMatter: national, body: SampleRecord.body + "\n\nGhi chú\n-------\n\nMang bản chính."), ["heading-in-national-section"]),
        Mistake("dia_phuong pasted below the closing line",
                SampleRecord.text(frontMatter: national, body: "dia_phuong:\n  lien_he: 0262 3 123 456\n" + SampleRecord.body), ["front-matter-in-body"]),
        Mistake("a local key pasted below the closing line",
                SampleRecord.text(frontMatter: national + "\ndia_phuong:\n  lien_he: 0262 3 123 456", body: SampleRecord.body + "\n\ngio_tiep_nhan: Sáng thứ Hai"),
                ["front-matter-in-body"]),
        Mistake("a local key that lost its indentation",
                front { $0.replacingOccurrences(of: "\n  lien_he:", with: "\nlien_he:") }, ["local-key-outside-block"]),
        Mistake("a local key without its block", SampleRecord.text(frontMatter: national + "\nghi_chu: Mang theo căn cước"), ["local-key-outside-block"]),
        Mistake("non-breaking spaces as indentation", front { $0.replacingOccurrences(of: "  ma: G15-TP07", with: "\u{A0}\u{A0}ma: G15-TP07") },
                ["non-breaking-space"]),
        Mistake("a non-breaking space after the colon", front { $0.replacingOccurrences(of: "trang_thai: ", with: "trang_thai:\u{A0}") },
                ["non-breaking-space"]),
        Mistake("a quote never closed", front { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Thủ tục đăng ký khai sinh") },
                ["yaml-syntax"]),
        Mistake("quotes inside quotes",
                front { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \"Thủ tục \"đặc biệt\" khai sinh\"") }, ["yaml-syntax"]),
        Mistake("Word's quotes", front { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: “Thủ tục đăng ký khai sinh”") },
                ["typographic-quotes"]),
        Mistake("Word's quotes around a colon",
                front { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: “Thủ tục: đăng ký khai sinh”") }, ["yaml-syntax"]),
        Mistake("Word's quotes around the code", front { $0.replacingOccurrences(of: "ma_thu_tuc: \"1.001193\"", with: "ma_thu_tuc: “1.001193”") },
                ["malformed-code", "typographic-quotes"]),
        Mistake("an unquoted #", front { $0.replacingOccurrences(of: "  lien_he: 0262 3 123 456", with: "  lien_he: 0262 3 123 456 #máy lẻ 12") },
                ["comment-in-value"]),
        Mistake("a stray closing quote",
                front { $0.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh\"") }, ["stray-quote"]),
        Mistake("a record named .MD", file: "content/thu-tuc/1.001193.MD", SampleRecord.text(), ["ignored-file"]),
        Mistake("a record saved by Notepad as .md.txt", file: "content/thu-tuc/1.001193.md.txt", SampleRecord.text(), ["ignored-file"]),
        Mistake("a record saved as UTF-16", bytes: [0xFF, 0xFE] + SampleRecord.text().utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                ["not-utf8"]),
    ]

    @Test(arguments: mistakes)
    func followingEverySuggestionReachesACleanCheck(_ mistake: Mistake) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write(mistake.file, Data(mistake.bytes))
        var file = mistake.file
        var first = true
        for _ in 0..<6 {
            let run = try CommandLineTests().tthc(["check", "--format", "json"], in: site.folder)
            let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
            if first {
                #expect(Set(diagnostics.compactMap { $0["code"] as? String }) == mistake.codes, "\(mistake): \(run.output)")
                first = false
            }
            guard let diagnostic = diagnostics.first else {
                #expect(run.status == 0)
                #expect(try CommandLineTests().tthc(["check"], in: site.folder).output == "0 lỗi, 0 cảnh báo.\n")
                return
            }
            let suggestion = try #require(diagnostic["suggestion"] as? String, "\(mistake): every diagnostic here says what to do: \(diagnostic)")
            let line = try #require(diagnostic["line"] as? Int), column = try #require(diagnostic["column"] as? Int)
            file = try follow(suggestion, at: line, column, of: file, in: site)
        }
        Issue.record("\(mistake): still not clean after following six suggestions")
    }

    /// Does what `suggestion` says, literally, and gives the file's (new) path.
    func follow(_ suggestion: String, at line: Int, _ column: Int, of file: String, in site: TemporarySite) throws -> String {
        let quoted = suggestion.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        if suggestion.hasPrefix("Đổi tên tệp thành"), let name = quoted.last {
            let renamed = "content/thu-tuc/" + name
            try FileManager.default.moveItem(at: site.url(file), to: site.url(renamed))
            return renamed
        }
        if suggestion.contains("chọn UTF-8") {
            let data = try Data(contentsOf: site.url(file))
            let text = try #require(String(data: data, encoding: .utf16))
            try site.write(file, text)
            return file
        }
        var lines = try site.read(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = line - 1
        if suggestion.hasPrefix("Thêm dòng `dia_phuong:` phía trên"), let text = quoted.last {
            lines[index] = text
            lines.insert("dia_phuong:", at: index)
        } else if suggestion.hasPrefix("Chuyển"), let closing = Int(suggestion.split(separator: " ").first { Int($0.filter(\.isNumber)) != nil && $0.contains(where: \.isNumber) }?.filter(\.isNumber) ?? "") {
            // The line (and, for a block, the indented lines under it) go above the closing `---`.
            var end = index + 1
            if suggestion.contains("khối") { while end < lines.count, lines[end].hasPrefix(" ") { end += 1 } }
            var moved = Array(lines[index..<end])
            if suggestion.contains("thụt vào hai dấu cách") { moved = moved.map { "  " + $0 } }
            lines.removeSubrange(index..<end)
            lines.insert(contentsOf: moved, at: closing - 1)
        } else if suggestion.hasPrefix("Gộp nội dung"), let text = quoted.last {
            lines[index] = text
        } else if let text = quoted.last {
            // The whole line as it should be, or (a value's suggestion) the value from its column.
            let key = lines[index].drop { $0 == " " }.prefix { $0 != ":" }
            if text.hasPrefix("#") || text.drop(while: { $0 == " " }).hasPrefix(key + ":") || text.drop(while: { $0 == " " }).hasPrefix("- ") {
                lines[index] = text
            } else {
                let scalars = Array(lines[index].unicodeScalars)
                lines[index] = String(String.UnicodeScalarView(scalars[..<(column - 1)])) + text
            }
        } else {
            Issue.record("no way to follow: \(suggestion)")
        }
        try site.write(file, lines.joined(separator: "\n"))
        return file
    }
}
