/// What text pasted from Word or a web page, or typed in Notepad, does to YAML: each said as its
/// real cause, at the character that causes it, with the line as it should be written.
extension Problem {
    /// `fixed`: the line as it should be written (given whole, so that it can be copied).
    static func nonBreakingSpace(_ name: String, fixed: String) -> Problem {
        Problem(.nonBreakingSpace, .error,
                vi: "Ở đây có \(name) thay cho dấu cách thường (thường gặp khi dán từ Word hoặc trang web), nên YAML không đọc được dòng này.",
                en: "There is a \(name) here instead of a plain space (pasted from Word or a web page), so YAML cannot read the line.",
                suggestion: Localized(vi: "Gõ lại khoảng trắng bằng phím cách: `\(fixed)`", en: "Retype the space with the space bar: `\(fixed)`"))
    }

    static func unclosedQuote(_ quote: Character, closingLine: Int?, fixed: String?) -> Problem {
        let where_ = closingLine.map { Localized(vi: ", nên mọi thứ tới dấu \(quote) ở dòng \($0) bị đọc thành một giá trị",
                                                 en: ", so everything up to the \(quote) on line \($0) is read as one value") }
            ?? Localized(vi: "", en: "")
        return Problem(.yamlSyntax, .error,
                vi: "Lỗi cú pháp YAML: dấu \(quote) mở giá trị ở đây không được đóng trên dòng này\(where_.vi).",
                en: "YAML syntax error: the \(quote) that opens this value is not closed on its line\(where_.en).",
                suggestion: fixed.map { Localized(vi: "Thêm dấu \(quote) đóng ở cuối giá trị: `\($0)`", en: "Close the value with \(quote): `\($0)`") })
    }

    static func quoteInsideQuotes(_ quote: Character, fixed: String?) -> Problem {
        Problem(.yamlSyntax, .error,
                vi: "Lỗi cú pháp YAML: dấu \(quote) này kết thúc giá trị sớm, vì giá trị đặt trong dấu \(quote) lại chứa dấu \(quote).",
                en: "YAML syntax error: this \(quote) ends the value early: a value in \(quote) quotes holds a \(quote) itself.",
                suggestion: fixed.map { Localized(vi: "Bao giá trị bằng dấu ngoặc khác: `\($0)`", en: "Quote the value with the other quote mark: `\($0)`") })
    }

    static func typographicQuotesBreakYAML(fixed: String) -> Problem {
        Problem(.yamlSyntax, .error,
                vi: "Lỗi cú pháp YAML: dấu ngoặc kiểu Word (“ ” hoặc ‘ ’) không phải dấu ngoặc của YAML, nên dấu hai chấm bên trong làm hỏng dòng này.",
                en: "YAML syntax error: Word's quotes (“ ” or ‘ ’) are not YAML quotes, so the colon inside them breaks the line.",
                suggestion: Localized(vi: "Thay bằng dấu ngoặc kép thường: `\(fixed)`", en: "Use straight quotes: `\(fixed)`"))
    }

    static let utf16 = Problem(
        .notUTF8, .error,
        vi: "Tệp được lưu ở dạng UTF-16 (Notepad gọi là \"Unicode\"), không phải UTF-8, nên không đọc được.",
        en: "The file is saved as UTF-16 (Notepad's \"Unicode\"), not UTF-8, so it cannot be read.",
        suggestion: Localized(vi: "Mở tệp bằng Notepad, chọn File → Save As, ở ô Encoding chọn UTF-8, rồi lưu đè lên tệp cũ.",
                              en: "Open it in Notepad, File → Save As, choose UTF-8 as the Encoding, and save over the old file."))

    /// A file in `content/thu-tuc/` that tthc does not read, named like a record.
    public static func ignoredFile(_ name: String, rename: String) -> Problem {
        Problem(.ignoredFile, .warning,
                vi: "Tệp `\(name)` không được đọc: tthc chỉ đọc các tệp có đuôi `.md` (chữ thường), nên thủ tục này không được đăng.",
                en: "`\(name)` is not read: tthc reads only files ending in `.md` (lowercase), so this procedure is not published.",
                suggestion: Localized(vi: "Đổi tên tệp thành `\(rename)`.", en: "Rename the file to `\(rename)`."))
    }

    // MARK: - Warnings: YAML reads it, but not as the person meant

    static func commentInValue(kept: String, fixed: String) -> Problem {
        Problem(.commentInValue, .warning,
                vi: kept.isEmpty ? "Phần từ dấu # trở đi là chú thích của YAML và không được đăng: giá trị này để trống."
                                 : "Phần từ dấu # trở đi là chú thích của YAML và không được đăng: giá trị chỉ còn `\(quoted(kept))`.",
                en: kept.isEmpty ? "From the # on, YAML reads a comment, which is not published: the value is empty."
                                 : "From the # on, YAML reads a comment, which is not published: the value is only `\(quoted(kept))`.",
                suggestion: Localized(vi: "Đặt cả giá trị trong dấu ngoặc kép: `\(fixed)`", en: "Put the whole value in quotes: `\(fixed)`"))
    }

    static func typographicQuotes(fixed: String) -> Problem {
        Problem(.typographicQuotes, .warning,
                vi: "Giá trị được bao bằng dấu ngoặc kiểu Word (“ ” hoặc ‘ ’), mà YAML không coi là dấu ngoặc: các dấu này được đăng cùng giá trị.",
                en: "The value is wrapped in Word's quotes (“ ” or ‘ ’), which YAML does not take for quotes: they are published with it.",
                suggestion: Localized(vi: "Viết `\(fixed)`", en: "Write `\(fixed)`"))
    }

    static func strayQuote(_ quote: Character, fixed: String) -> Problem {
        Problem(.strayQuote, .warning,
                vi: "Dấu \(quote) ở đây không có dấu mở tương ứng, nên được đăng như một phần của giá trị.",
                en: "This \(quote) has no opening one, so it is published as part of the value.",
                suggestion: Localized(vi: "Xóa dấu này: `\(fixed)`", en: "Delete it: `\(fixed)`"))
    }

    static func quoteSwallowsLines(closingLine: Int, fixed: String) -> Problem {
        Problem(.unclosedQuote, .warning,
                vi: "Giá trị mở bằng dấu ngoặc ở đây chỉ đóng ở dòng \(closingLine): các dòng ở giữa (có dòng trông như một trường) bị đọc thành một phần của giá trị.",
                en: "The value opened by this quote closes only on line \(closingLine): the lines between (one looks like a key) are read as part of it.",
                suggestion: Localized(vi: "Đóng giá trị ở cuối dòng này: `\(fixed)`", en: "Close the value at the end of this line: `\(fixed)`"))
    }
}
