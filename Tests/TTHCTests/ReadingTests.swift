import Foundation
import Records
import Testing

/// What a record says is what the schema says it is: never what YAML 1.1 would guess.
@Suite struct ReadingTests {
    @Test func yaml11TrapsStayText() throws {
        let frontMatter = SampleRecord.frontMatter
            .replacingOccurrences(of: "ma_thu_tuc: \"1.001193\"", with: "ma_thu_tuc: 1.000100")
            .replacingOccurrences(of: "ten_nhom: Giấy tờ phải nộp", with: "ten_nhom: no")
            + "\ntu_khoa:\n  - on\n  - 2026-01-15\n  - 1.5"
        let record = SampleRecord.read(SampleRecord.text(frontMatter: frontMatter), path: "content/thu-tuc/1.000100.md")
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics)")
        let procedure = try #require(record.procedure)
        #expect(procedure.code == "1.000100")
        #expect(procedure.documentGroups?.first?.name == "no")
        #expect(procedure.keywords == ["on", "2026-01-15", "1.5"])
    }

    @Test func yesAndNoAreNotBooleansButSuggestThem() {
        let frontMatter = SampleRecord.frontMatter.replacingOccurrences(of: "ban_sao: 0", with: "ban_sao: 0\n        bat_buoc: no")
        let record = SampleRecord.read(SampleRecord.text(frontMatter: frontMatter))
        #expect(record.diagnostics(.wrongType).first?.suggestion(.en) == "Write `false`.")
    }

    @Test func fractionalDurationsAndVietnameseDecimalComma() throws {
        let half = SampleRecord.frontMatter.replacingOccurrences(of: "so: 1", with: "so: 0.5")
        #expect(try #require(SampleRecord.read(SampleRecord.text(frontMatter: half)).procedure).channels?.first?.duration.amount == 0.5)
        let comma = SampleRecord.frontMatter.replacingOccurrences(of: "so: 1", with: "so: 0,5")
        let record = SampleRecord.read(SampleRecord.text(frontMatter: comma))
        #expect(record.diagnostics(.wrongType).first?.suggestion(.en) == "Write `0.5`.")
    }

    @Test func byteOrderMarkAndWindowsLineEndings() throws {
        let windows = SampleRecord.text().replacingOccurrences(of: "\n", with: "\r\n")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(windows.utf8)
        let record = Record.read(bytes: bytes, path: "content/thu-tuc/1.001193.md")
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics)")
        #expect(record.procedure?.name == "Thủ tục đăng ký khai sinh")
        #expect(record.body.section("Trình tự thực hiện")?.markdown == "Người yêu cầu nộp hồ sơ tại Ủy ban nhân dân cấp xã.")

        let broken = windows.replacingOccurrences(of: "trang_thai: hieu_luc", with: "trang_thai: sai")
        let problem = Record.read(bytes: [0xEF, 0xBB, 0xBF] + Array(broken.utf8), path: "content/thu-tuc/1.001193.md")
            .diagnostics(.notInVocabulary)
        #expect(problem.map(\.line) == [9])
        #expect(problem.map(\.column) == [13])
    }

    @Test func decomposedFileReportsColumnsOnTheFileAsOnDisk() {
        // "Hộ tịch" decomposed has more scalars than composed: a later column must count them.
        let text = SampleRecord.text().decomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "ten: Hộ tịch".decomposedStringWithCanonicalMapping,
                                  with: "ten: Hộ tịch".decomposedStringWithCanonicalMapping + "\n  mo: x")
        let record = SampleRecord.read(text)
        let unknown = record.diagnostics(.unknownKey)
        #expect(unknown.map(\.line) == [9])
        #expect(unknown.map(\.column) == [3])
        #expect(record.diagnostics(.notNFC).count >= 1)
    }

    @Test func bodySectionsNationalAndLocal() {
        let record = SampleRecord.read(SampleRecord.text(body: """

            ## Trình tự thực hiện

            Bước 1.

            ## Yêu cầu, điều kiện thực hiện

            Không.

            ## Ghi chú của đơn vị

            Nộp tại tầng 1.
            """))
        #expect(record.body.sections.map(\.title) == ["Trình tự thực hiện", "Yêu cầu, điều kiện thực hiện", "Ghi chú của đơn vị"])
        #expect(record.body.sections.map(\.isNational) == [true, true, false])
        #expect(record.body.sections.map(\.line) == [39, 43, 47])
    }

    @Test func canonicalWritingRoundTrips() throws {
        let record = SampleRecord.read(SampleRecord.text())
        let procedure = try #require(record.procedure)
        let written = RecordWriter.text(of: procedure, body: record.body.sections)
        let again = SampleRecord.read(written)
        #expect(again.diagnostics.isEmpty, "\(again.diagnostics)")
        #expect(again.procedure == procedure)
        #expect(RecordWriter.text(of: try #require(again.procedure), body: again.body.sections) == written)
    }

    @Test func stampFreeTextDerivedFromTheFullTextEqualsWritingItDirectly() throws {
        var procedure = try #require(SampleRecord.read(SampleRecord.text()).procedure)
        procedure.source = .init(system: .national, id: "x", url: "https://dichvucong.gov.vn/x",
                                 announcedBy: .init(code: "G15", name: "Bộ Tư pháp"),
                                 catalogUpdatedAt: "2026-04-15T15:36:31+07:00", synchronizedAt: "2026-11-22T09:00:00+07:00")
        var local = Procedure.LocalAdditions()
        local.note = "  cap_nhat_nguon: không phải dấu thời gian"
        procedure.local = local
        let part = NationalPart(procedure: procedure, sections: [.init(title: "Trình tự thực hiện",
                                                                     markdown: "  dong_bo_luc: chữ trong nội dung", line: 0)])
        #expect(part.texts.text == part.text)
        #expect(part.texts.comparisonText == part.comparisonText)
        #expect(!part.comparisonText.contains("2026-11-22T09:00:00"))
    }

    @Test func canonicalWritingQuotesWhatYAMLWouldMisread() throws {
        var procedure = try #require(SampleRecord.read(SampleRecord.text()).procedure)
        procedure.keywords = ["no", "1.5", "a: b", "x #y", " lề", "\"trích\""]
        procedure.receivingPlace = "Dòng một\n  Dòng hai thụt lề"
        let written = RecordWriter.text(of: procedure, body: [])
        #expect(written.contains("  - \"no\"\n  - \"1.5\"\n  - \"a: b\"\n  - \"x #y\"\n  - \" lề\"\n"))
        #expect(written.contains("dia_diem_tiep_nhan: |-\n  Dòng một\n    Dòng hai thụt lề\n"))
        let again = try #require(SampleRecord.read(written + "\n## Trình tự thực hiện\n\nx\n").procedure)
        #expect(again.keywords == procedure.keywords)
        #expect(again.receivingPlace == procedure.receivingPlace)
    }

    @Test func everySchemaKeyIsAProcedureProperty() throws {
        // The Swift model and the schema are one definition in two forms: keep them in step.
        var procedure = try #require(SampleRecord.read(SampleRecord.text()).procedure)
        procedure.kind = .other
        procedure.cases = [.init(code: "1.001193.01", name: "Trường hợp", duration: nil)]
        procedure.receivingPlace = "x"
        procedure.results = [.init(code: nil, name: "Giấy khai sinh")]
        procedure.onlineService = .init(level: .partial, url: "https://dichvucong.gov.vn/x")
        procedure.related = ["1.000080"]
        procedure.keywords = ["khai sinh"]
        procedure.effectiveDate = "2026-01-01"
        procedure.abolishedDate = "2026-02-01"
        procedure.replacedBy = "1.000080"
        procedure.source = .init(system: .national, id: "x")
        var local = Procedure.LocalAdditions()
        local.note = "Ghi chú"
        procedure.local = local
        guard case .object(let members) = RecordWriter.value(of: procedure) else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == Schema.procedure.fields.map(\.key))
    }

    @Test func jsonSchemaDescribesTheRecord() throws {
        let schema = JSONSchema.procedure()
        #expect(schema["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["required"]?.list?.compactMap(\.string)
                == ["ma_thu_tuc", "ten", "cap_thuc_hien", "linh_vuc", "trang_thai", "nguon_goc"])
        #expect(schema["properties"]?["ma_thu_tuc"]?["pattern"]?.string == #"^\d\.\d{6}$"#)
        let json = schema.json(pretty: true)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test func siteConfigurationIsValidatedLikeARecord() {
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array("""
            ten_don_vi: UBND xã A
            cap: xa
            tinh: {ma: H35, ten: Lai Châu}
            base_url: https://a.invalid/tthc
            chon:
              cap_thuc_hien: [xa]
              linhvuc: [G15-TP07]
            """.utf8))
        #expect(configuration == nil)
        #expect(diagnostics.map(\.code) == ["unknown-key"])
        #expect(diagnostics.map(\.line) == [7])
        #expect(diagnostics.first?.suggestion(.en) == "Did you mean `linh_vuc`?")
    }
}
