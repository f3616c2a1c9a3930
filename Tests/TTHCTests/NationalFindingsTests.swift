import Foundation
import Testing

/// Issue 16, point 6: what the national record lacks is not the clerk's to fix. A warning on the
/// national part of a record still as sync wrote it is reported as the national record's: one
/// line per kind, never counted by `--strict`, with advice that edits no national key.
@Suite struct NationalFindingsTests {
    static let durationAdvice = "Ghi thời hạn đơn vị thực tế áp dụng vào `dia_phuong.thoi_han`: trang hiện nội dung này, và đồng bộ không bao giờ sửa khối `dia_phuong`. Đừng sửa phần quốc gia: bản sửa thành \"sửa tại chỗ\", và khi CSDL quốc gia sửa mục đó, lần đồng bộ sau báo xung đột."
    static let durationMessage = "Dữ liệu quốc gia ghi thời hạn giải quyết với đơn vị `khac` mà không có mô tả, nên trang chỉ hiện \"Xem trình tự thực hiện\"."

    /// What a clerk sees on the day of the import: the national record's findings summed up,
    /// nothing of their own, exit 0 even under `--strict`.
    @Test func aFreshImportSumsUpTheNationalRecordsFindings() throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let run = try National.check(site)
        #expect(run.status == 0)
        #expect(run.output == """
            Dữ liệu quốc gia: 7 chỗ ở 3 thủ tục, đúng như CSDL quốc gia đang ghi; không phải lỗi của đơn vị, --strict không tính:
              2 thủ tục (6 chỗ): thời hạn giải quyết có đơn vị `khac` mà không có mô tả
                → \(Self.durationAdvice)
              1 thủ tục: thiếu thành phần, số lượng hồ sơ (`thanh_phan_ho_so`) (thành phần d, Điều 8 Nghị định 63/2010/NĐ-CP)
                → Báo cơ quan công bố thủ tục (`nguon.co_quan_cong_bo`) bổ sung trên CSDL quốc gia; lần đồng bộ sau tthc tự cập nhật. Đừng sửa phần quốc gia: bản sửa thành "sửa tại chỗ", và khi CSDL quốc gia sửa mục đó, lần đồng bộ sau báo xung đột. Trong lúc chờ, có thể ghi hướng dẫn cho người dân ở `dia_phuong.ghi_chu`.
              Từng thủ tục, từng chỗ: tthc check --du-lieu-quoc-gia
            0 lỗi, 0 cảnh báo; 7 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).

            """)
        let strict = try National.check(site, "--strict")
        #expect(strict.status == 0, "--strict is about the unit's own content: \(strict.output)")
        #expect(strict.output == run.output)

        let english = try National.check(site, "--lang", "en")
        #expect(english.output.hasPrefix("""
            National data: 7 findings in 3 procedures, as the national catalog has them; not the unit's mistakes, --strict does not count them:
              2 procedures (6 places): a processing time in unit `khac` without a description
                → Write the processing time the unit applies in `dia_phuong.thoi_han`: the page shows it, and sync never touches the `dia_phuong` block. Do not edit the national part: the edit becomes a local override, and once the catalog changes that field the next sync reports a conflict.
            """), "\(english.output)")
        #expect(english.output.hasSuffix("0 errors, 0 warnings; 7 findings in the national data (summed up above).\n"))
    }

    /// `--du-lieu-quoc-gia`: each finding at its place, as the national record's, with where to
    /// write the unit's text.
    @Test func eachFindingInFullOnRequest() throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let run = try National.check(site, "--du-lieu-quoc-gia")
        #expect(run.status == 0)
        let closing = try National.closingLine(National.paternity, of: site)
        let first = try National.firstLine("      don_vi: khac", of: National.paternity, in: site)
        #expect(run.output.contains("""
            content/thu-tuc/1.000080.md:\(first):15: dữ liệu quốc gia [duration-without-description] \(Self.durationMessage)
                \(first) |       don_vi: khac
                   |               ^
                → \(Self.durationAdvice) Thêm hai dòng `dia_phuong:` và `  thoi_han: "Không quá … ngày làm việc"` ngay trên dòng `---` ở dòng \(closing).

            """), "\(run.output)")
        #expect(run.output.contains("""
            content/thu-tuc/1.115563.md:2:1: dữ liệu quốc gia [incomplete] Dữ liệu quốc gia của thủ tục chưa đầy đủ: thiếu thành phần, số lượng hồ sơ (`thanh_phan_ho_so`) (thành phần d, Điều 8 Nghị định 63/2010/NĐ-CP).
            """), "\(run.output)")
        let landClosing = try National.closingLine(National.land, of: site)
        #expect(run.output.contains("Trong lúc chờ, có thể ghi hướng dẫn cho người dân ở `dia_phuong.ghi_chu`. Thêm hai dòng `dia_phuong:` và `  ghi_chu: \"Hỏi thêm tại Bộ phận Một cửa, điện thoại …\"` ngay trên dòng `---` ở dòng \(landClosing).\n"),
                "the meanwhile line, at its place: \(run.output)")
        #expect(run.output.contains("→ Báo cơ quan công bố thủ tục (UBND tỉnh Lai Châu) bổ sung trên CSDL quốc gia;"), "the body is named")
        #expect(run.output.components(separatedBy: ": dữ liệu quốc gia [").count - 1 == 7)
        #expect(!run.output.contains("cảnh báo ["))
        #expect(run.output.hasSuffix("0 lỗi, 0 cảnh báo; 7 ghi nhận về dữ liệu quốc gia (ở trên).\n"))
    }

    /// JSON lists every finding with its origin; GitHub gets one notice per kind (never a
    /// warning on a pull request its author did not write), or one per finding on request.
    @Test func jsonSaysWhoseAndGitHubGetsNotices() throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let findings = try National.findings(site, "--strict")
        #expect(findings.count == 7)
        #expect(findings.allSatisfy { $0["origin"] as? String == "national" && $0["severity"] as? String == "warning" },
                "--strict leaves the national record's findings warnings: \(findings)")
        let github = try National.check(site, "--format", "github", "--strict")
        #expect(github.status == 0)
        let lines = github.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "::notice title=Dữ liệu quốc gia::2 thủ tục (6 chỗ): thời hạn giải quyết có đơn vị `khac` mà không có mô tả. \(Self.durationAdvice) (tthc check --du-lieu-quoc-gia)")
        #expect(lines.last?.hasPrefix("::notice title=Dữ liệu quốc gia::1 thủ tục: thiếu thành phần, số lượng hồ sơ") == true)
        let full = try National.check(site, "--format", "github", "--du-lieu-quoc-gia")
        let notices = full.output.split(separator: "\n")
        #expect(notices.count == 7 && notices.allSatisfy { $0.hasPrefix("::notice file=content/thu-tuc/1.") }, "\(full.output)")
        let first = try National.firstLine("      don_vi: khac", of: National.paternity, in: site)
        #expect(notices.first?.hasPrefix("::notice file=content/thu-tuc/1.000080.md,line=\(first),col=15,title=duration-without-description::Dữ liệu quốc gia ghi") == true)
    }

    /// The unit's own problem stands out beside them, and `--strict` counts it alone.
    @Test func theUnitsOwnWarningStandsOutAndStrictCountsItAlone() throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let text = try site.read(National.land)
        try site.write(National.land, text.replacingOccurrences(of: "\n---\n", with: "\ndia_phuong:\n  ghi_chu: Mang theo # bản chính\n---\n"))
        let run = try National.check(site)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("content/thu-tuc/1.115563.md:"), "the unit's own warning comes first, in full: \(run.output)")
        #expect(run.output.contains(": cảnh báo [comment-in-value] Phần từ dấu # trở đi là chú thích"))
        #expect(run.output.contains("Dữ liệu quốc gia: 7 chỗ ở 3 thủ tục"))
        #expect(run.output.hasSuffix("0 lỗi, 1 cảnh báo; 7 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).\n"))
        #expect(try National.check(site, "--strict").status == 1)
        let strictBuild = try CommandLineTests().tthc(["build", "--strict"], in: site.folder)
        #expect(strictBuild.status == 1)
        try site.write(National.land, text)
        let build = try CommandLineTests().tthc(["build", "--strict"], in: site.folder)
        #expect(build.status == 0, "national findings never block a strict build: \(build.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/thu-tuc/1.000080/index.html").path))
    }

    // MARK: - Classes, five ways (or more) each, as a clerk meets them

    /// The national record gives a processing time that says nothing (unit `khac`, no words):
    /// still the national record's after edits that leave the national part alone.
    enum DurationGap: String, CaseIterable, Sendable {
        case everyChannel, oneChannel, oneCase, resavedWithCRLF, localBlockAdded, localSectionAdded, fingerprintGone, baseGone
    }

    @Test(arguments: DurationGap.allCases) func aDurationThatSaysNothingIsTheNationalRecords(_ variant: DurationGap) throws {
        var entries = try National.entries()
        var file = National.paternity, count = 3
        switch variant {
        case .oneChannel:
            entries = National.changing(entries, "1.115563") { data in
                National.methods(&data) { if $0["submissionMethod"] as? String == "ONLINE" { $0["processingTimeUnit"] = "OTHER" } }
            }
            (file, count) = (National.land, 1)
        case .oneCase:
            entries = National.changing(entries, "1.115563") { data in
                data["cases"] = [["code": "1.115563.01", "name": "Trường hợp có tranh chấp", "processingDay": ["qty": 3, "type": "OTHER"]]]
            }
            (file, count) = (National.land, 1)
        default: break
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        var blockLine: Int?
        switch variant {
        case .resavedWithCRLF:
            try site.write(file, try site.read(file).replacingOccurrences(of: "\n", with: "\r\n"))
        case .localBlockAdded:
            let closing = try National.closingLine(file, of: site)
            try National.insert(["dia_phuong:", "  gio_tiep_nhan: \"Sáng thứ Bảy\""], above: closing, in: file, of: site)
            blockLine = closing
        case .localSectionAdded:
            try site.write(file, try site.read(file) + "\n## Ghi chú của đơn vị\n\nMang theo bản chính.\n")
        case .fingerprintGone:
            try FileManager.default.removeItem(at: site.url("content/.dong-bo/tep.tsv"))
        case .baseGone:
            try FileManager.default.removeItem(at: site.url("content/.dong-bo/co-so/" + (file as NSString).lastPathComponent))
        default: break
        }
        let found = try National.findings(site).filter { $0["file"] as? String == file && $0["code"] as? String == "duration-without-description" }
        #expect(found.count == count, "\(found)")
        for finding in found {
            #expect(finding["origin"] as? String == "national")
            #expect(finding["message"] as? String == Self.durationMessage)
            let suggestion = finding["suggestion"] as? String ?? ""
            #expect(suggestion.hasPrefix(Self.durationAdvice))
            if let blockLine {
                #expect(suggestion.hasSuffix("Thêm dòng `  thoi_han: \"Không quá … ngày làm việc\"` vào khối `dia_phuong:` ở dòng \(blockLine)."))
            } else {
                #expect(suggestion.hasSuffix("ngay trên dòng `---` ở dòng \(try National.closingLine(file, of: site))."))
            }
        }
        #expect(try National.check(site, "--strict").status == 0)
    }

    /// A fee without amount or words in the national record.
    enum FeeGap: String, CaseIterable, Sendable {
        case oneChannel, everyChannel, blankWords, anotherLocalKey, answeredLocally
    }

    @Test(arguments: FeeGap.allCases) func aFeeWithoutAmountOrWordsIsTheNationalRecords(_ variant: FeeGap) throws {
        let entries = National.changing(try National.entries(), "1.115563") { data in
            National.methods(&data) { method in
                guard variant == .everyChannel || method["submissionMethod"] as? String == "DIRECT" else { return }
                method["fees"] = [["type": "FEE", "value": NSNull(), "description": variant == .blankWords ? "   " : ""]]
            }
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        let closing = try National.closingLine(National.land, of: site)
        if variant == .anotherLocalKey {
            try National.insert(["dia_phuong:", "  ghi_chu: \"Nộp tại quầy số 2\""], above: closing, in: National.land, of: site)
        }
        if variant == .answeredLocally {
            try National.insert(["dia_phuong:", "  phi_le_phi: \"50.000 đồng (Nghị quyết số 12/2025/NQ-HĐND tỉnh)\""],
                                above: closing, in: National.land, of: site)
        }
        let found = try National.findings(site).filter { $0["code"] as? String == "amount-without-description" }
        guard variant != .answeredLocally else {
            #expect(found.isEmpty, "answered in dia_phuong.phi_le_phi: nothing left to do")
            return
        }
        #expect(found.count == (variant == .everyChannel ? 3 : 1))
        for finding in found {
            #expect(finding["origin"] as? String == "national")
            #expect(finding["message"] as? String == "Dữ liệu quốc gia ghi phí, lệ phí không có số tiền (`so_tien: null`) mà không có mô tả, nên trang chỉ hiện \"theo quy định\".")
            let suggestion = finding["suggestion"] as? String ?? ""
            #expect(suggestion.hasPrefix("Ghi mức thu đơn vị áp dụng vào `dia_phuong.phi_le_phi`: trang hiện nội dung này"))
            #expect(suggestion.hasSuffix(variant == .anotherLocalKey
                ? "Thêm dòng `  phi_le_phi: \"… đồng (Nghị quyết số …/NQ-HĐND tỉnh)\"` vào khối `dia_phuong:` ở dòng \(closing)."
                : "Thêm hai dòng `dia_phuong:` và `  phi_le_phi: \"… đồng (Nghị quyết số …/NQ-HĐND tỉnh)\"` ngay trên dòng `---` ở dòng \(closing)."),
                    "\(suggestion)")
        }
    }

    /// A component the law requires, missing from the national record: for the announcing body.
    enum MissingPart: String, CaseIterable, Sendable {
        case documents, subjects, steps, legalBasis, decision
    }

    @Test(arguments: MissingPart.allCases) func aMissingComponentIsForTheAnnouncingBody(_ variant: MissingPart) throws {
        var entries = try National.entries()
        let what: String
        switch variant {
        case .documents: what = "thành phần, số lượng hồ sơ (`thanh_phan_ho_so`) (thành phần d, Điều 8 Nghị định 63/2010/NĐ-CP)"
        case .subjects:
            what = "đối tượng thực hiện (`doi_tuong`) (thành phần e, Điều 8 Nghị định 63/2010/NĐ-CP)"
            entries = National.changing(entries, "1.001193") { $0["subjectTypesDetails"] = [] }
        case .steps:
            what = "trình tự thực hiện (mục `## Trình tự thực hiện`) (thành phần b, Điều 8 Nghị định 63/2010/NĐ-CP)"
            entries = National.changing(entries, "1.001193") { $0["executionSteps"] = [] }
        case .legalBasis:
            what = "căn cứ pháp lý (`can_cu_phap_ly`)"
            entries = National.changing(entries, "1.001193") { $0["legalBasisesDetails"] = [] }
        case .decision:
            what = "quyết định công bố (`quyet_dinh_cong_bo`)"
            entries = National.changing(entries, "1.001193") { $0["procedureProposal"] = NSNull() }
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        let file = variant == .documents ? National.land : National.birth
        let body = variant == .documents ? "UBND tỉnh Lai Châu" : "Bộ Tư pháp"
        let found = try National.findings(site).filter { $0["file"] as? String == file && $0["code"] as? String == "incomplete" }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?["origin"] as? String == "national")
        #expect(found.first?["message"] as? String == "Dữ liệu quốc gia của thủ tục chưa đầy đủ: thiếu \(what).")
        #expect(found.first?["suggestion"] as? String == "Báo cơ quan công bố thủ tục (\(body)) bổ sung trên CSDL quốc gia; lần đồng bộ sau tthc tự cập nhật. Đừng sửa phần quốc gia: bản sửa thành \"sửa tại chỗ\", và khi CSDL quốc gia sửa mục đó, lần đồng bộ sau báo xung đột. Trong lúc chờ, có thể ghi hướng dẫn cho người dân ở `dia_phuong.ghi_chu`. Thêm hai dòng `dia_phuong:` và `  ghi_chu: \"Hỏi thêm tại Bộ phận Một cửa, điện thoại …\"` ngay trên dòng `---` ở dòng \(try National.closingLine(file, of: site)).")
        let summary = try National.check(site).output
        #expect(summary.contains("  1 thủ tục: thiếu \(what)\n"), "\(summary)")
    }

    /// Text the catalog wrote that a paste check warns about (a quote with no partner): as the
    /// national record has it, for the body to mend.
    enum CatalogText: String, CaseIterable, Sendable {
        case name, documentName, subjectName, legalBasisTitle, agencyName
    }

    @Test(arguments: CatalogText.allCases) func textThePasteChecksWarnAboutIsAsTheCatalogWroteIt(_ variant: CatalogText) throws {
        let entries = National.changing(try National.entries(), "1.115563") { data in
            func endQuoted(_ key: String) {
                data[key] = (data[key] as? [[String: Any]] ?? []).enumerated().map { index, item in
                    var item = item
                    if index == 0 { item["name"] = (item["name"] as? String ?? "") + " \"mới\"\"" }
                    return item
                }
            }
            switch variant {
            case .name: data["name"] = "Xóa ghi nợ tiền sử dụng đất \"mới\"\""
            case .documentName:
                data["executionCases"] = [["name": "Giấy tờ phải nộp", "profileComponents": [["name": "Đơn đề nghị \"mẫu 01\"\"", "originalQty": 1, "copyQty": 0]]]]
            case .subjectName: endQuoted("subjectTypesDetails")
            case .legalBasisTitle:
                // A title without ": ", which sync writes unquoted, as it writes most of them.
                data["legalBasisesDetails"] = [["code": "31/2024/QH15", "name": "Luật Đất đai \"mới\"\""]]
            case .agencyName: endQuoted("unitGroupsExecuting")
            }
        }
        let site = try National.imported(entries)
        defer { site.remove() }
        let land = try National.findings(site).filter { $0["file"] as? String == National.land }
        let found = land.filter { $0["code"] as? String == "stray-quote" }
        #expect(found.count == 1, "\(land)")
        #expect(found.first?["origin"] as? String == "national")
        #expect((found.first?["message"] as? String)?.hasPrefix("Dữ liệu quốc gia ghi như vậy: Dấu \" ở đây không có dấu mở tương ứng") == true)
        #expect((found.first?["suggestion"] as? String)?.hasPrefix("Báo cơ quan công bố thủ tục (UBND tỉnh Lai Châu)") == true)
        #expect(try National.check(site).output.contains("văn bản tthc cảnh báo `stray-quote`, ghi đúng như CSDL quốc gia"))
    }

    /// Once the unit's content is where the warning is, it is the unit's again: counted by
    /// `--strict`, and its advice still never needs a national key edited.
    enum OwnContent: String, CaseIterable, Sendable {
        case nationalNameEdited, durationMadeOther, commentInLocalBlock, rawHTMLInLocalSection, noBookkeeping, localRecord
    }

    @Test(arguments: OwnContent.allCases) func theUnitsOwnContentKeepsItsWarnings(_ variant: OwnContent) throws {
        let site = try National.imported(try National.entries())
        defer { site.remove() }
        let expected: (file: String, code: String, count: Int)
        switch variant {
        case .nationalNameEdited:
            let text = try site.read(National.paternity)
            try site.write(National.paternity, text.replacingOccurrences(of: "\nten: Thủ tục đăng ký nhận cha", with: "\nten: Đăng ký nhận cha"))
            expected = (National.paternity, "duration-without-description", 3)
        case .durationMadeOther:
            let text = try site.read(National.land)
            let first = try #require(text.range(of: "don_vi: gio"))
            try site.write(National.land, text.replacingCharacters(in: first, with: "don_vi: khac"))
            expected = (National.land, "duration-without-description", 1)
        case .commentInLocalBlock:
            try National.insert(["dia_phuong:", "  ghi_chu: Mang theo # bản chính"], above: try National.closingLine(National.land, of: site),
                                in: National.land, of: site)
            expected = (National.land, "comment-in-value", 1)
        case .rawHTMLInLocalSection:
            try site.write(National.land, try site.read(National.land) + "\n## Ghi chú của đơn vị\n\n<b>Chú ý</b> mang theo bản chính.\n")
            expected = (National.land, "raw-html", 1)
        case .noBookkeeping:
            try FileManager.default.removeItem(at: site.url("content/.dong-bo"))
            expected = (National.paternity, "duration-without-description", 3)
        case .localRecord:
            try site.write("content/thu-tuc/1.001194.md", SampleRecord.text(frontMatter: SampleRecord.frontMatter
                .replacingOccurrences(of: "\"1.001193\"", with: "\"1.001194\"").replacingOccurrences(of: "don_vi: ngay_lam_viec", with: "don_vi: khac")))
            expected = ("content/thu-tuc/1.001194.md", "duration-without-description", 1)
        }
        let found = try National.findings(site).filter { $0["file"] as? String == expected.file && $0["code"] as? String == expected.code }
        #expect(found.count == expected.count, "\(found)")
        #expect(found.allSatisfy { $0["origin"] as? String == "unit" })
        let suggestion = found.first?["suggestion"] as? String ?? ""
        switch variant {
        case .nationalNameEdited, .durationMadeOther, .noBookkeeping:
            #expect(suggestion.hasPrefix("Thêm `mo_ta`, ví dụ: \"Không quá 03 ngày làm việc\". Tệp này nhập từ CSDL quốc gia; cách không gây xung đột khi đồng bộ: Ghi thời hạn đơn vị thực tế áp dụng vào `dia_phuong.thoi_han`"),
                    "\(suggestion)")
        case .localRecord:
            #expect(suggestion == "Thêm `mo_ta`, ví dụ: \"Không quá 03 ngày làm việc\".", "the unit's own record: the whole record is its to edit")
        case .commentInLocalBlock, .rawHTMLInLocalSection:
            #expect(!suggestion.contains("CSDL quốc gia"))
        }
        let strict = try National.check(site, "--strict")
        #expect(strict.status == 1, "\(strict.output)")
        #expect(strict.output.contains("\(expected.file):"))
    }
}
