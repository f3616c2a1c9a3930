import Foundation
import Records
import Site
import Testing

/// The national part of a record (the keys and the sections `## Trình tự thực hiện` and `## Yêu
/// cầu, điều kiện thực hiện`, which sync owns) cannot be changed by a slip of the hand: each slip
/// is an error at the line where it is made, with the fix.
@Suite struct NationalPartTests {
    /// A record imported from the national catalog (its sections belong to sync).
    static let national = SampleRecord.frontMatter + "\nnguon:\n  he_thong: csdlqg"

    /// `tthc check` on a site holding `marked` as record 1.001193; the diagnostics of `code`,
    /// with the markers' positions.
    func check(_ marked: String) throws -> (all: [Diagnostic], input: MarkedText) {
        let input = MarkedText(marked)
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + input.text)
        defer { site.remove() }
        return (try SiteBuild(site: site.folder).check(), input)
    }

    /// `code` is reported exactly at the markers, with `message` (a prefix) and `suggestion`.
    func expect(_ code: Problem.Code, in marked: String, at symbols: [String] = ["1️⃣"], message: String? = nil,
                suggestion: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (all, input) = try check(marked)
        let found = all.filter { $0.problem.code == code }
        #expect(found.map { "\($0.line):\($0.column)" } == symbols.map { "\(input.position($0).line):\(input.position($0).column)" },
                "\(all.map { "\($0.line):\($0.column) \($0.code) \($0.message(.vi))" })", sourceLocation: sourceLocation)
        #expect(found.allSatisfy { $0.severity == .error }, sourceLocation: sourceLocation)
        if let message { #expect(found.first?.message(.vi).hasPrefix(message) == true, "\(found.first?.message(.vi) ?? "")", sourceLocation: sourceLocation) }
        if let suggestion { #expect(found.first?.suggestion(.vi) == suggestion, sourceLocation: sourceLocation) }
    }

    // MARK: - A national section written twice

    @Test(arguments: [
        "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣## Trình tự thực hiện\n\nBước của xã.",
        "\n## Trình tự thực hiện\n\nBước 1.\n\n## Yêu cầu, điều kiện thực hiện\n\nA.\n\n1️⃣## Yêu cầu, điều kiện thực hiện\n\nB.",
        "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣## Trình tự thực hiện ##  \n\nBước của xã.",
        "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣## " + "Trình tự thực hiện".decomposedStringWithCanonicalMapping + "\n\nBước của xã.",
        "\n## Ghi chú của đơn vị\n\nGhi chú.\n\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣## Trình tự thực hiện\n\nBước 2.",
    ])
    func aSecondNationalSectionIsAnError(_ body: String) throws {
        try expect(.duplicateSection, in: SampleRecord.text(frontMatter: Self.national, body: body),
                   message: "Mục `## ", suggestion: nil)
        // An error keeps the record from sync too (a blocked file is never rewritten, so the second is never deleted).
        let record = SampleRecord.read(MarkedText(SampleRecord.text(frontMatter: Self.national, body: body)).text)
        #expect(record.procedure == nil)
    }

    // MARK: - A national heading written otherwise

    @Test(arguments: [
        ("\n1️⃣## Trình tự thực hiên\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣## trình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣## Trình tự thực hiện:\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣## Trinh tu thuc hien\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣## TRÌNH TỰ THỰC HIỆN\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣## Trình tự\u{00A0}thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣## Yêu cầu điều kiện thực hiện\n\nA.", "## Yêu cầu, điều kiện thực hiện"),
        ("\n1️⃣##Trình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣# Trình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣### Trình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n 1️⃣## Trình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣##\tTrình tự thực hiện\n\nBước 1.", "## Trình tự thực hiện"),
        ("\n1️⃣Trình tự thực hiện\n---\n\nBước 1.", "## Trình tự thực hiện"),
    ])
    func aMisspeltNationalHeadingIsAnErrorAtItsLine(_ body: String, _ meant: String) throws {
        try expect(.sectionHeading, in: SampleRecord.text(frontMatter: Self.national, body: body),
                   message: "Tiêu đề `", suggestion: "Có phải ý bạn là `\(meant)`?")
        let (all, _) = try check(SampleRecord.text(frontMatter: Self.national, body: body))
        #expect(!all.contains { $0.problem == .missingSteps }, "not also 'missing' at the closing `---`: \(all.map(\.code))")
    }

    // MARK: - A heading that joins a national section

    @Test(arguments: [
        (national, "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣# Ghi chú\n\nGhi chú của xã.", "## Ghi chú"),
        (national, "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣### Ghi chú\n\nGhi chú của xã.", "## Ghi chú"),
        (national, "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣#### Lưu ý khi nộp\n\nMang bản chính.", "## Lưu ý khi nộp"),
        (national, "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣Ghi chú\n=======\n\nGhi chú của xã.", "## Ghi chú"),
        (national, "\n## Yêu cầu, điều kiện thực hiện\n\nA.\n\n  1️⃣## Ghi chú\n\nB.\n\n## Trình tự thực hiện\n\nBước 1.", "## Ghi chú"),
        (SampleRecord.frontMatter, "\n## Trình tự thực hiện\n\nBước 1.\n\n1️⃣# Ghi chú\n\nGhi chú của xã.", "## Ghi chú"),
    ])
    func aHeadingInsideANationalSectionIsAnError(_ frontMatter: String, _ body: String, _ fix: String) throws {
        try expect(.headingInNationalSection, in: SampleRecord.text(frontMatter: frontMatter, body: body),
                   message: "Tiêu đề `", suggestion: "Viết `\(fix)` để nó thành mục riêng của đơn vị.")
    }

    @Test func subheadingsOfTheUnitsOwnStepsAreFine() throws {
        let (all, _) = try check(SampleRecord.text(body: "\n## Trình tự thực hiện\n\n### Bước 1\n\nNộp hồ sơ.\n\n### Bước 2\n\nNhận kết quả."))
        #expect(all.isEmpty, "\(all.map(\.code))")
    }

    // MARK: - Front matter pasted below the closing `---`

    @Test(arguments: [
        ("\n1️⃣dia_phuong:\n  lien_he: 0262 3 123 456\n  gio_tiep_nhan: Sáng thứ Hai\n" + SampleRecord.body, "dia_phuong"),
        (SampleRecord.body + "\n\n## Ghi chú của đơn vị\n\nGhi chú.\n\n1️⃣dia_phuong:\n  lien_he: 0262 3 123 456", "dia_phuong"),
        (SampleRecord.body + "\n\n1️⃣lien_he: 0262 3 123 456", "lien_he"),
        (SampleRecord.body + "\n\n1️⃣gio_tiep_nhan: Sáng thứ Hai đến thứ Sáu", "gio_tiep_nhan"),
        (SampleRecord.body + "\n\n  1️⃣dia_phuong:\n    ghi_chu: Mang theo căn cước", "dia_phuong"),
        (SampleRecord.body + "\n\n1️⃣cap_thuc_hien: [xa]", "cap_thuc_hien"),
    ])
    func frontMatterBelowTheClosingLineIsAnError(_ body: String, _ key: String) throws {
        let marked = SampleRecord.text(body: body)
        let closing = MarkedText(marked).text.split(separator: "\n", omittingEmptySubsequences: false).lastIndex(of: "---").map { $0 + 1 } ?? 0
        try expect(.frontMatterInBody, in: marked, message: key == "dia_phuong" ? "Khối `dia_phuong:` nằm dưới dòng `---` ở dòng \(closing)"
                                                                                : "Dòng `\(key): …` nằm dưới dòng `---` ở dòng \(closing)")
    }

    @Test func keysInCodeOrInProseAreNotFrontMatter() throws {
        let (all, _) = try check(SampleRecord.text(body: SampleRecord.body
            + "\n\n```yaml\ndia_phuong:\n  lien_he: 0262\n```\n\n    lien_he: 0262\n\nGhi chú: lien_he là số điện thoại.\nten: không phải khóa có gạch dưới"))
        #expect(!all.contains { $0.problem.code == .frontMatterInBody }, "\(all.map { "\($0.line) \($0.code)" })")
    }

    // MARK: - dia_phuong's keys that lost their indentation

    @Test(arguments: [
        ("dia_phuong:\n1️⃣lien_he: 0262 3 123 456", "Thụt vào hai dấu cách dưới `dia_phuong:`: `  lien_he: 0262 3 123 456`"),
        ("dia_phuong:\n1️⃣dia_diem_tiep_nhan: Bộ phận một cửa UBND xã", "Thụt vào hai dấu cách dưới `dia_phuong:`: `  dia_diem_tiep_nhan: Bộ phận một cửa UBND xã`"),
        ("dia_phuong:\n  lien_he: 0262 3 123 456\n1️⃣gio_tiep_nhan: Sáng thứ Hai", "Thụt vào hai dấu cách dưới `dia_phuong:`: `  gio_tiep_nhan: Sáng thứ Hai`"),
        ("1️⃣ghi_chu: Mang theo căn cước", "Thêm dòng `dia_phuong:` phía trên rồi thụt dòng này vào hai dấu cách: `  ghi_chu: Mang theo căn cước`"),
        ("dia_phuong:\n1️⃣ghi_chu: x\n2️⃣phi_le_phi: 8.000 đồng", "Thụt vào hai dấu cách dưới `dia_phuong:`: `  ghi_chu: x`"),
    ])
    func localKeysOutsideTheirBlockAreErrors(_ lines: String, _ suggestion: String) throws {
        let marked = SampleRecord.text(frontMatter: Self.national + "\n" + lines)
        let symbols = MarkedText.symbols.filter { marked.contains($0) }
        try expect(.localKeyOutsideBlock, in: marked, at: symbols, message: "Trường `", suggestion: suggestion)
        let (all, _) = try check(marked)
        #expect(!all.contains { $0.problem.code == .unknownKey }, "said once, as what it is")
    }

    @Test func theNationalReceivingPlaceAboveTheBlockIsNational() throws {
        let (all, _) = try check(SampleRecord.text(frontMatter: Self.national
            + "\ndia_diem_tiep_nhan: Bộ phận một cửa\ndia_phuong:\n  lien_he: 0262 3 123 456"))
        #expect(all.isEmpty, "\(all.map(\.code))")
    }
}
