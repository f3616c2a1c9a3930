/// Mistakes that would change the national part of a record without anyone meaning to (its
/// sections and keys are what `tthc sync` owns): each is reported where it is made, with the fix.
extension Problem {
    /// Component b: no `## Trình tự thực hiện`, or nothing under it.
    public static let missingSteps = Problem.incomplete("b", what: Localized(
        vi: "trình tự thực hiện (mục `## Trình tự thực hiện`)", en: "the steps (`## Trình tự thực hiện` section)"))

    static func duplicateSection(_ title: String, firstLine: Int) -> Problem {
        Problem(.duplicateSection, .error,
                vi: "Mục `## \(title)` đã có ở dòng \(firstLine): trang web chỉ hiện một trong hai, và lần đồng bộ sau sẽ xóa mục thứ hai.",
                en: "The section `## \(title)` is already on line \(firstLine): the page shows only one of them, and the next sync deletes the second.",
                suggestion: Localized(vi: "Gộp nội dung vào mục ở dòng \(firstLine); nếu đây là ghi chú riêng của đơn vị, đổi tiêu đề thành `## Ghi chú của đơn vị`.",
                                      en: "Merge the text into the section on line \(firstLine); if it is the unit's own note, retitle it `## Ghi chú của đơn vị`."))
    }

    /// A heading that means a national section but is not written as one (misspelt, or not
    /// `## ` at the start of its line): its text would be shown as the unit's, or joined to the
    /// section above, and the national section would be missing.
    public static func sectionHeading(_ written: String, meant title: String) -> Problem {
        Problem(.sectionHeading, .error,
                vi: "Tiêu đề `\(quoted(written))` không phải mục quốc gia `## \(title)` (mục này phải viết đúng từng chữ, `## ` ở đầu dòng), nên nội dung dưới nó không được hiển thị là \(title.lowercased()).",
                en: "The heading `\(quoted(written))` is not the national section `## \(title)` (it must be written exactly, `## ` at the start of the line), so the text under it is not shown as that section.",
                suggestion: Localized(vi: "Có phải ý bạn là `## \(title)`?", en: "Did you mean `## \(title)`?"))
    }

    public static func headingInNationalSection(_ written: String, text: String, section: String) -> Problem {
        Problem(.headingInNationalSection, .error,
                vi: "Tiêu đề `\(quoted(written))` nằm trong mục quốc gia `## \(section)`: nội dung dưới nó bị nhập vào phần quốc gia (hiển thị như một phần của mục này, và đồng bộ coi là sửa đổi dữ liệu quốc gia), không phải một mục riêng của đơn vị.",
                en: "The heading `\(quoted(written))` is inside the national section `## \(section)`: the text under it joins the national part (shown as part of that section, and taken by sync as a change to the national data), not a section of the unit's own.",
                suggestion: Localized(vi: "Viết `## \(text)` để nó thành mục riêng của đơn vị.",
                                      en: "Write `## \(text)` to make it a section of the unit's own."))
    }

    static func frontMatterInBody(_ key: String, closingLine: Int) -> Problem {
        let what = key == "dia_phuong" ? Localized(vi: "Khối `dia_phuong:`", en: "The `dia_phuong:` block")
                                       : Localized(vi: "Dòng `\(key): …`", en: "The line `\(key): …`")
        return Problem(.frontMatterInBody, .error,
                vi: "\(what.vi) nằm dưới dòng `---` ở dòng \(closingLine), tức là trong phần nội dung: nó được đăng như văn bản, không phải thông tin của thủ tục.",
                en: "\(what.en) is below the `---` on line \(closingLine), in the body: it is published as text, not read as the procedure's data.",
                suggestion: Localized(vi: "Chuyển \(key == "dia_phuong" ? "khối này (cùng các dòng thụt lề bên dưới)" : "dòng này") lên trên dòng `---` ở dòng \(closingLine)\(key == "dia_phuong" ? "" : ", thụt vào hai dấu cách dưới `dia_phuong:`" ).",
                                      en: "Move \(key == "dia_phuong" ? "the block (with its indented lines)" : "the line") above the `---` on line \(closingLine)\(key == "dia_phuong" ? "" : ", indented two spaces under `dia_phuong:`")."))
    }

    /// One of `dia_phuong`'s keys written at the top level: taken as a key of the national part
    /// (where sync overwrites it) or refused as unknown, instead of the unit's own.
    static func localKeyOutsideBlock(_ key: String, indented: String, blockExists: Bool) -> Problem {
        Problem(.localKeyOutsideBlock, .error,
                vi: "Trường `\(key)` là thông tin riêng của đơn vị nhưng nằm ngoài khối `dia_phuong` (dòng không được thụt lề), nên \(Schema.procedure.fields.contains { $0.key == key } ? "bị coi là trường của dữ liệu quốc gia" : "không được đọc").",
                en: "`\(key)` is the unit's own information but is outside the `dia_phuong` block (the line is not indented), so it is \(Schema.procedure.fields.contains { $0.key == key } ? "taken as a key of the national data" : "not read").",
                suggestion: blockExists
                    ? Localized(vi: "Thụt vào hai dấu cách dưới `dia_phuong:`: `\(indented)`", en: "Indent it two spaces under `dia_phuong:`: `\(indented)`")
                    : Localized(vi: "Thêm dòng `dia_phuong:` phía trên rồi thụt dòng này vào hai dấu cách: `\(indented)`",
                                en: "Add a line `dia_phuong:` above it and indent this line two spaces: `\(indented)`"))
    }
}
