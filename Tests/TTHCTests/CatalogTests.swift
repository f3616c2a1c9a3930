import Catalog
import Foundation
import Markdown
import Records
import Testing

@Suite struct CatalogTests {
    static let configuration: SiteConfiguration = {
        let (configuration, _) = SiteConfiguration.read(bytes: Array(TemporarySite.configuration.utf8))
        return configuration!
    }()

    func export(_ name: String = "export-sample.json") throws -> NationalExport {
        try NationalExport(data: Data(contentsOf: Repository.fixture(name)))
    }

    func mapped(_ code: String) throws -> MappedProcedure {
        let entry = try #require(try export().entries.first { ($0.data?["code"] as? String)?.contains(code) == true })
        return try CatalogMapping.map(try #require(entry.data), position: entry.position).get()
    }

    @Test func theThreeExportShapesReadAlike() throws {
        let responses = try Data(contentsOf: Repository.fixture("export-sample.json"))
        let array = try #require(try JSONSerialization.jsonObject(with: responses) as? [[String: Any]])
        let bare = try JSONSerialization.data(withJSONObject: array.map { $0["data"]! })
        let lines = try array.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            .joined(separator: "\n")
        let codes = { (export: NationalExport) in export.entries.compactMap { $0.data?["code"] as? String } }
        let expected = codes(try NationalExport(data: responses))
        #expect(expected.count == 5)
        #expect(codes(try NationalExport(data: bare)) == expected)
        #expect(codes(try NationalExport(data: Data(lines.utf8))) == expected)
    }

    @Test func unreadableExportsAreRefused() {
        #expect(throws: NationalExport.Unreadable.empty) { try NationalExport(data: Data("  \n".utf8)) }
        #expect(throws: NationalExport.Unreadable.empty) { try NationalExport(data: Data("[]".utf8)) }
        #expect(throws: NationalExport.Unreadable.self) { try NationalExport(data: Data("[{\"code\": \"OK\", \"da".utf8)) }
        #expect(throws: NationalExport.Unreadable.badLine(2)) {
            try NationalExport(data: Data("{\"code\": \"1.000001\"}\n{\"code\": \"1.0".utf8))
        }
    }

    @Test func aDamagedElementMakesTheWholeExportUnreadable() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let damaged = Data(#"[{"code":"OK","data":{"code":"1.000001"}}, {"code": oops}, {"code":"1.000002"}]"#.utf8)
        let export = try NationalExport(data: damaged)
        #expect(export.count == 3)
        let plan = CatalogSync(site: site.folder, configuration: Self.configuration, now: "2026-11-22T09:00:00+07:00").plan(export)
        #expect(plan.unreadableEntry == 2)
        #expect(plan.writes.isEmpty)
    }

    @Test func birthRegistrationMapsEveryField() throws {
        let result = try mapped("1.001193")
        let p = result.procedure
        #expect(p.code == "1.001193")
        #expect(p.name == "Thủ tục đăng ký khai sinh")
        #expect(p.levels == [.commune])
        #expect(p.sector == .init(code: "G15-TP07", name: "Hộ tịch"))
        #expect(p.status == .amended)
        #expect(p.origin == .national)
        #expect(p.kind == .assignedRegulation)
        #expect(p.subjects?.map(\.name) == ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"])
        #expect(p.agencies?.executing == ["Ủy ban nhân dân cấp xã"])
        #expect(p.channels?.map(\.kind) == [.online, .post, .inPerson])
        #expect(p.channels?.first?.fees.first == .init(kind: .fee, amount: 0))
        #expect(p.documentGroups?.map(\.name) == ["* Giấy tờ phải nộp:", "* Giấy tờ phải xuất trình:", "* Lưu ý:", nil])
        #expect(p.documentGroups?.first?.documents.first?.originals == 1)
        #expect(p.cases?.map(\.code) == ["1.001193.02", "1.001193.01"])
        #expect(p.cases?.first?.duration == .init(amount: 1, unit: .workingDays))
        #expect(p.results?.map(\.name) == ["Giấy khai sinh"])
        #expect(p.legalBases?.count == 15)
        #expect(p.legalBases?.contains(.init(number: "60/2014/QH13", title: "Luật 60/2014/QH13")) == true)
        // 1768496400000 ms is 2026-01-15T17:00Z, midnight of the 16th in Vietnam; the publication
        // (1775659978538 ms, 2026-04-08 21:52 in Vietnam) is the day in Vietnam too.
        #expect(p.decision == .init(number: "163/QĐ-BTP", date: "2026-01-16", issuer: "Bộ Tư pháp", publishedOn: "2026-04-08"))
        #expect(p.onlineService == .init(level: .partial,
                                         url: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"))
        #expect(p.source?.announcedBy == .init(code: "G15", name: "Bộ Tư pháp"))
        #expect(p.source?.catalogUpdatedAt?.hasSuffix("+07:00") == true)
        #expect(result.sections.map(\.title) == ["Trình tự thực hiện"])
        #expect(result.sections.first?.markdown.hasPrefix("\\- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp") == true)
    }

    /// Three steps in the catalog are a numbered process on the page: one list item per step,
    /// each step's paragraphs inside it.
    @Test func severalStepsBecomeANumberedProcess() throws {
        let result = try mapped("1.115563")
        let steps = try #require(result.sections.first { $0.title == "Trình tự thực hiện" })
        let items = steps.markdown.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(items.map { $0.prefix(3) } == ["1. ", "2. ", "3. "])
        let html = MarkdownRenderer.render(steps.markdown, anchor: { $0 }, rewriteLink: { $0 }).html
        #expect(html.hasPrefix("<ol>\n<li>"))
        #expect(html.components(separatedBy: "<li>").count - 1 == 3)
        let single = try #require(try mapped("1.001193").sections.first { $0.title == "Trình tự thực hiện" })
        #expect(!single.markdown.hasPrefix("1. "), "a single step stays the portal's text")
    }

    @Test func dirtyValuesAreNormalized() throws {
        var data = try #require(try export().entries.first?.data)
        data["code"] = " 1.000080"
        data["name"] = "Đăng ký\n nhận\u{00A0}cha, mẹ, con"
        data["category"] = nil
        data["dossierReceivingAddresses"] = "\r\n  Tầng 1,\u{00A0}nhà A \u{00A0}\r\n\r\n\u{FEFF}  Phòng 2\u{0007}\t \n"
        let method: [String: Any] = ["submissionMethod": "DIRECT", "processingTime": "Theo mô tả",
                                     "processingTimeUnit": "OTHER", "fees": [["type": "FEE", "value": NSNull()]]]
        data["executionMethods"] = [method, ["submissionMethod": "ONLINE", "processingTime": 0.5, "processingTimeUnit": "DAY", "fees": []]]
        let p = try CatalogMapping.map(data, position: 1).get().procedure
        #expect(p.code == "1.000080")
        #expect(p.name == "Đăng ký nhận cha, mẹ, con")
        #expect(p.sector.code == "G15-TP07", "falls back to categoriesDetails[0]")
        #expect(p.receivingPlace == "Tầng 1, nhà A\n\n  Phòng 2")
        #expect(p.channels?.first?.duration == .init(amount: nil, unit: .other, description: "Theo mô tả"))
        #expect(p.channels?.first?.fees == [.init(kind: .charge, amount: nil)])
        #expect(p.channels?.last?.duration == .init(amount: 0.5, unit: .days))
    }

    @Test func unmappableRecordIsReportedWithItsCodeAndPosition() {
        let failure = CatalogMapping.map(["code": "1.0011934", "name": "x"], position: 7)
        guard case .failure(let problem) = failure else { Issue.record("mapped"); return }
        #expect(problem.code == "1.0011934")
        #expect(problem.position == 7)
    }

    @Test func selectionFollowsLevelsProvinceAndNeverInternal() throws {
        let entries = try export().entries.compactMap { entry in
            entry.data.flatMap { try? CatalogMapping.map($0, position: entry.position).get().procedure }
        }
        let selected = entries.filter(Self.configuration.publishes).map(\.code)
        // 1.115563 is specific to Lai Châu (H35, the test unit's province); 1.014792 to Hải Phòng;
        // 1.000578 is not carried out by communes.
        #expect(selected == ["1.000080", "1.001193", "1.115563"])
        var internalOne = try #require(entries.first)
        internalOne.origin = .internal
        #expect(!Self.configuration.publishes(internalOne))
    }

    @Test func importWritesCanonicalRecordsAndASecondRunChangesNoByte() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let data = try Data(contentsOf: Repository.fixture("export-sample.json"))
        let first = try synchronize(site, with: data)
        #expect(first.created == ["content/thu-tuc/1.000080.md", "content/thu-tuc/1.001193.md", "content/thu-tuc/1.115563.md"])
        #expect(first.notSelected == 2)
        let before = try site.read("content/thu-tuc/1.001193.md")
        let second = try synchronize(site, with: data, at: "2026-12-01T09:00:00+07:00")
        #expect(second.created.isEmpty && second.updated.isEmpty)
        #expect(second.writes.isEmpty)
        #expect(second.unchanged.count == 3)
        #expect(try site.read("content/thu-tuc/1.001193.md") == before)
        #expect(before.contains("dong_bo_luc: \"2026-11-22T09:00:00+07:00\""))
        let record = Record.read(bytes: Array(before.utf8), path: "content/thu-tuc/1.001193.md")
        #expect(!record.diagnostics.hasErrors, "\(record.diagnostics)")
    }

    @Test func importKeepsTheUnitsOwnParts() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try synchronize(site, with: try Data(contentsOf: Repository.fixture("export-sample.json")))
        let path = "content/thu-tuc/1.001193.md"
        var text = try site.read(path)
        text = text.replacingOccurrences(of: "\n---\n", with: "\ndia_phuong:\n  ghi_chu: Nộp tại quầy số 2\n---\n")
            + "\n## Ghi chú của đơn vị\n\nMang theo bản chính để đối chiếu.\n"
        try site.write(path, text)
        // The catalog changes the name: the national part is rewritten, the local part kept.
        var data = try Data(contentsOf: Repository.fixture("export-sample.json"))
        data = Data(String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\"name\": \"Thủ tục đăng ký khai sinh\"", with: "\"name\": \"Đăng ký khai sinh\"").utf8)
        let report = try synchronize(site, with: data, at: "2026-12-01T09:00:00+07:00")
        #expect(report.updated == [path])
        let updated = try site.read(path)
        #expect(updated.contains("ten: Đăng ký khai sinh\n"))
        #expect(updated.contains("dia_phuong:\n  ghi_chu: Nộp tại quầy số 2\n---\n"))
        #expect(updated.hasSuffix("## Ghi chú của đơn vị\n\nMang theo bản chính để đối chiếu.\n"))
        #expect(updated.contains("dong_bo_luc: \"2026-12-01T09:00:00+07:00\""))
    }

    @Test func everyRealRecordImportsOrIsReported() throws {
        guard Repository.hasNationalSample else {
            print("SKIPPED everyRealRecordImportsOrIsReported: \(Repository.nationalSample.path) is not here (only CI has ../shared)")
            return
        }
        let export = try NationalExport(data: Data(contentsOf: Repository.nationalSample))
        #expect(export.entries.count == 200)
        var everything = Self.configuration
        everything.selection.levels = [.central, .province, .commune, .otherAgency]
        for entry in export.entries {
            switch CatalogMapping.map(try #require(entry.data), position: entry.position) {
            case .failure(let failure):
                #expect(failure.code != nil, "record \(entry.position) failed without its code: \(failure.reason.en)")
            case .success(let mapped):
                let text = RecordWriter.text(of: mapped.procedure, body: mapped.sections)
                let record = Record.read(bytes: Array(text.utf8), path: "content/thu-tuc/\(mapped.procedure.code).md")
                let errors = record.diagnostics.filter { $0.severity == .error && $0.problem.code != .internalProcedure }
                #expect(errors.isEmpty, "\(mapped.procedure.code): \(errors.map { "\($0.line): \($0.message(.en))" })")
                if record.procedure != nil {
                    #expect(record.procedure == mapped.procedure, "\(mapped.procedure.code) does not round-trip")
                }
            }
        }
    }
}
