import Foundation
import Records
import Testing

/// Each error and warning of RECORDS.md, at the line and column the person editing will look at.
@Suite struct ValidationTests {
    /// Reads a marked record and checks that `code` is reported exactly at each marker given.
    func expect(_ code: Problem.Code, in marked: String, at symbols: [String] = ["1️⃣"],
                severity: Diagnostic.Severity? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Record {
        let input = MarkedText(marked)
        let record = SampleRecord.read(input.text)
        let found = record.diagnostics(code).sortedForReport()
        let expected = symbols.map { input.position($0) }
        #expect(found.map(\.line) == expected.map(\.line), "lines of \(code.rawValue): \(record.diagnostics)",
                sourceLocation: sourceLocation)
        #expect(found.map(\.column) == expected.map(\.column), "columns of \(code.rawValue): \(record.diagnostics)",
                sourceLocation: sourceLocation)
        if let severity {
            #expect(found.allSatisfy { $0.severity == severity }, sourceLocation: sourceLocation)
        }
        return record
    }

    @Test func validRecordHasNoDiagnostics() {
        let record = SampleRecord.read(SampleRecord.text())
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics)")
        #expect(record.procedure?.code == "1.001193")
        #expect(record.procedure?.channels?.first?.duration.amount == 1)
    }

    @Test func unknownKeySuggestsTheKeyMeant() {
        let marked = SampleRecord.text(frontMatter: SampleRecord.frontMatter + "\n1️⃣linh_vucc: x")
        let record = expect(.unknownKey, in: marked, severity: .error)
        #expect(record.diagnostics(.unknownKey).first?.suggestion(.vi) == "Có phải ý bạn là `linh_vuc`?")
        #expect(record.diagnostics(.unknownKey).first?.message(.en) == "Unknown key `linh_vucc`.")
        #expect(record.procedure == nil)
    }

    @Test func missingKeyIsReportedAtTheMappingThatLacksIt() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "  ten: Hộ tịch\n", with: "")
            .replacingOccurrences(of: "ma_thu_tuc:", with: "1️⃣ma_thu_tuc:")
            .replacingOccurrences(of: "linh_vuc:\n  ma:", with: "linh_vuc:\n  2️⃣ma:")
            .replacingOccurrences(of: "trang_thai: hieu_luc\n", with: "")
        let record = expect(.missingKey, in: SampleRecord.text(frontMatter: frontMatter), at: ["1️⃣", "2️⃣"])
        #expect(record.diagnostics(.missingKey).sortedForReport().map { $0.message(.en) }
                == ["Required key `trang_thai` is missing.", "Required key `ten` is missing."])
    }

    @Test func wrongTypeAtTheValue() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "ban_chinh: 1", with: "ban_chinh: 1️⃣một")
            .replacingOccurrences(of: "cap_thuc_hien:\n  - xa", with: "cap_thuc_hien: 2️⃣xa")
        let record = expect(.wrongType, in: SampleRecord.text(frontMatter: frontMatter), at: ["2️⃣", "1️⃣"])
        #expect(record.diagnostics(.wrongType).first?.suggestion(.en) == "Write `[xa]`.")
    }

    @Test func vietnameseThousandsSeparatorIsNotReadAsADecimal() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "so_tien: 0", with: "so_tien: 1️⃣50.000")
        let record = expect(.wrongType, in: SampleRecord.text(frontMatter: frontMatter))
        #expect(record.diagnostics(.wrongType).first?.suggestion(.en) == "Write `50000`.")
    }

    @Test func valueOutsideItsVocabulary() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: 1️⃣hieu luc")
        let record = expect(.notInVocabulary, in: SampleRecord.text(frontMatter: frontMatter))
        #expect(record.diagnostics(.notInVocabulary).first?.suggestion(.en) == "Did you mean `hieu_luc`?")
    }

    @Test func malformedCodeSuggestsTheCleanOne() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "ma_thu_tuc: \"1.001193\"", with: "ma_thu_tuc: 1️⃣\"1001193\"")
        let record = expect(.malformedCode, in: SampleRecord.text(frontMatter: frontMatter))
        #expect(record.diagnostics(.malformedCode).first?.suggestion(.en) == "Write `\"1.001193\"`.")
    }

    @Test func malformedDatesIncludingDaysThatDoNotExist() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "ngay: \"2026-01-16\"", with: "ngay: 1️⃣16/01/2026")
            + "\nngay_hieu_luc: 2️⃣2026-02-30"
        let record = expect(.malformedDate, in: SampleRecord.text(frontMatter: frontMatter), at: ["1️⃣", "2️⃣"])
        #expect(record.diagnostics(.malformedDate).first?.suggestion(.en) == "Write `\"2026-01-16\"`.")
    }

    @Test func negativeAmount() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "so_tien: 0", with: "so_tien: 1️⃣-5000")
        _ = expect(.negativeAmount, in: SampleRecord.text(frontMatter: frontMatter), severity: .error)
    }

    @Test func duplicateKeyAtItsSecondOccurrenceAndTheRestStillChecked() {
        let frontMatter = SampleRecord.frontMatter + "\n1️⃣ten: Tên thứ hai\n2️⃣tenn: x"
        let record = expect(.duplicateKey, in: SampleRecord.text(frontMatter: frontMatter))
        let input = MarkedText(SampleRecord.text(frontMatter: frontMatter))
        #expect(record.diagnostics(.unknownKey).map(\.line) == [input.position("2️⃣").line])
        #expect(record.diagnostics(.unknownKey).map(\.column) == [1])
    }

    @Test func duplicateKeyInsideAListItem() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(
            of: "        ban_sao: 0", with: "        ban_sao: 0\n        1️⃣ban_sao: 1")
        _ = expect(.duplicateKey, in: SampleRecord.text(frontMatter: frontMatter))
    }

    @Test func duplicateKeyInAFlowMappingAndTheFirstValueKept() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(
            of: "linh_vuc:\n  ma: G15-TP07\n  ten: Hộ tịch", with: "linh_vuc: {ma: G15-TP07, ten: Hộ tịch, 1️⃣ten: Khác}")
        let record = expect(.duplicateKey, in: SampleRecord.text(frontMatter: frontMatter))
        #expect(record.frontMatter?["linh_vuc"]?["ten"]?.string == "Hộ tịch")
    }

    /// Each anchor holding the previous one nests as deep as lists written out: reported where the
    /// limit is crossed, and reading stops there, so no tree thousands of levels deep is ever built.
    @Test func aChainOfAliasesIsAsDeepAsWrittenOutLists() {
        var chain = "\nx0: &a0 [1]"
        for level in 1..<5_000 { chain += "\nx\(level): &a\(level) [\(level == 23 ? "1️⃣" : "")*a\(level - 1)]" }
        _ = expect(.tooDeep, in: SampleRecord.text(frontMatter: SampleRecord.frontMatter + chain))
    }

    @Test func quotedAndPlainSpellingsOfAKeyAreDuplicates() {
        let frontMatter = SampleRecord.frontMatter + "\n1️⃣\"ten\": Lặp lại"
        _ = expect(.duplicateKey, in: SampleRecord.text(frontMatter: frontMatter))
    }

    @Test func yamlSyntaxErrorInWordsAndAtItsLine() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục: đăng ký khai sinh")
        let record = SampleRecord.read(SampleRecord.text(frontMatter: frontMatter))
        let syntax = record.diagnostics(.yamlSyntax)
        #expect(syntax.count == 1)
        #expect(syntax.first?.line == 3)
        #expect(syntax.first?.message(.vi).contains("dấu hai chấm") == true)
    }

    @Test func tabIndentationIsNamed() {
        let record = SampleRecord.read("---\nma_thu_tuc: \"1.001193\"\n\tten: x\n---\n")
        let syntax = record.diagnostics(.yamlSyntax)
        #expect(syntax.map(\.line) == [3])
        #expect(syntax.first?.message(.vi).contains("dùng phím Tab để thụt lề") == true)
    }

    @Test func frontMatterThatIsNotAMapping() {
        let record = SampleRecord.read("---\n- ma_thu_tuc\n---\n")
        #expect(record.diagnostics(.wrongType).first?.message(.vi)
                == "Phần thông tin đầu tệp phải là một khối các trường, nhưng ở đây là một danh sách.")
    }

    @Test func frontMatterMissingOrUnclosed() {
        let missing = SampleRecord.read("# Thủ tục\n\nKhông có phần đầu.\n")
        #expect(missing.diagnostics.map(\.problem.code) == [.frontMatterMissing])
        #expect(missing.diagnostics.first.map { ($0.line, $0.column) } ?? (0, 0) == (1, 1))
        let unclosed = SampleRecord.read("---\n" + SampleRecord.frontMatter + "\n")
        #expect(unclosed.diagnostics.map(\.problem.code) == [.frontMatterUnclosed])
    }

    @Test func legacyEncodingIsNotUTF8WithAHint() {
        // "Đăng ký" in VNI-Windows bytes: not valid UTF-8.
        var bytes = Array(SampleRecord.text().utf8)
        let line4 = bytes.indices.filter { bytes[$0] == 0x0A }[2] + 1
        bytes.insert(contentsOf: [0x44, 0xD1, 0x61, 0xE9, 0x6E, 0x67], at: line4 + 2)
        let record = Record.read(bytes: bytes, path: "content/thu-tuc/1.001193.md")
        let problem = record.diagnostics(.notUTF8)
        #expect(problem.map(\.line) == [4])
        #expect(problem.map(\.column) == [4])
        #expect(problem.first?.message(.vi).contains("TCVN3") == true)
    }

    @Test func internalProcedureIsNeverPublished() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "nguon_goc: trung_uong", with: "nguon_goc: 1️⃣noi_bo")
        _ = expect(.internalProcedure, in: SampleRecord.text(frontMatter: frontMatter), severity: .error)
    }

    @Test func recordOverTheSizeLimit() {
        let text = SampleRecord.text(body: "\n## Ghi chú của đơn vị\n\n" + String(repeating: "a", count: Record.maximumFileSize))
        let record = SampleRecord.read(text)
        #expect(record.diagnostics.map(\.problem.code) == [.tooLarge])
    }

    @Test func recordNestedTooDeeply() {
        let nested = (1...30).map { String(repeating: "  ", count: $0) + "- " }.joined(separator: "\n") + "x"
        let record = SampleRecord.read(SampleRecord.text(frontMatter: SampleRecord.frontMatter + "\ntu_khoa:\n" + nested))
        #expect(record.diagnostics(.tooDeep).count == 1)
    }

    // MARK: - Warnings

    @Test func missingLegalComponentIsAnIncompleteWarningAtTheRootMapping() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "doi_tuong:\n  - ten: Công dân Việt Nam\n", with: "")
            .replacingOccurrences(of: "ma_thu_tuc:", with: "1️⃣ma_thu_tuc:")
        let record = expect(.incomplete, in: SampleRecord.text(frontMatter: frontMatter), severity: .warning)
        #expect(record.procedure != nil, "warnings do not stop the record from being built")
    }

    @Test func missingStepsSectionIsIncomplete() {
        let record = SampleRecord.read(SampleRecord.text(body: "\n## Ghi chú của đơn vị\n\nGhi chú."))
        #expect(record.diagnostics(.incomplete).count == 1)
        #expect(record.diagnostics(.incomplete).first?.message(.en).contains("component b") == true)
    }

    @Test func legacyDistrictLevel() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "  - xa\n", with: "  - xa\n  - 1️⃣huyen\n")
        let record = expect(.legacyLevel, in: SampleRecord.text(frontMatter: frontMatter), severity: .warning)
        #expect(record.procedure?.levels == [.commune, .district])
    }

    @Test func decomposedTextIsNotNFCAndIsNormalized() {
        let nfd = "Thủ tục đăng ký khai sinh".decomposedStringWithCanonicalMapping
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: 1️⃣" + nfd)
        let record = expect(.notNFC, in: SampleRecord.text(frontMatter: frontMatter), severity: .warning)
        #expect(record.procedure?.name == "Thủ tục đăng ký khai sinh")
        #expect(record.procedure?.name.unicodeScalars.count == "Thủ tục đăng ký khai sinh".unicodeScalars.count)
    }

    @Test func nullAmountNeedsADescription() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "so_tien: 0", with: "so_tien: 1️⃣null")
        _ = expect(.amountWithoutDescription, in: SampleRecord.text(frontMatter: frontMatter), severity: .warning)
        let described = frontMatter.replacingOccurrences(of: "1️⃣null", with: "null\n        mo_ta: Theo Nghị quyết của HĐND tỉnh")
        #expect(SampleRecord.read(SampleRecord.text(frontMatter: described)).diagnostics.isEmpty)
    }

    @Test func otherDurationUnitNeedsADescription() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "don_vi: ngay_lam_viec", with: "don_vi: 1️⃣khac")
        _ = expect(.durationWithoutDescription, in: SampleRecord.text(frontMatter: frontMatter), severity: .warning)
    }

    @Test func fileNameMustMatchTheCode() {
        let record = SampleRecord.read(SampleRecord.text(), path: "content/thu-tuc/khai-sinh.md")
        let mismatch = record.diagnostics(.fileNameMismatch)
        #expect(mismatch.map(\.line) == [2])
        #expect(mismatch.map(\.column) == [13])
        #expect(mismatch.first?.suggestion(.vi) == "Đổi tên tệp thành `1.001193.md`.")
    }

    @Test func everyProblemInOneRun() {
        let frontMatter = SampleRecord.frontMatter
            .replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: con")
            .replacingOccurrences(of: "so_tien: 0", with: "so_tien: -1")
            + "\nlinhvuc: x"
        let codes = Set(SampleRecord.read(SampleRecord.text(frontMatter: frontMatter)).diagnostics.map(\.problem.code))
        #expect(codes == [.notInVocabulary, .negativeAmount, .unknownKey])
    }
}
