import Records
import Testing

/// What a save from the browser editor writes: the lines of the keys and sections that changed,
/// and every other byte as it was (RECORDS.md; issue 19 point 2).
@Suite struct RecordEditTests {
    static let local = ObjectShape([Field("dia_phuong", Schema.local, .optional, "")])

    static let withLocal = SampleRecord.text(frontMatter: SampleRecord.frontMatter + """

        # giờ làm việc của bộ phận một cửa
        dia_phuong:
          gio_tiep_nhan: Sáng thứ Hai đến thứ Sáu
          # số máy bàn
          lien_he: "0213 3876 123"
        """, body: SampleRecord.body + """


        ## Ghi chú của đơn vị

        Mang theo **bản gốc**.
        """)

    func edit(_ text: String, covered: ObjectShape = local, sections: [SectionChange]? = nil,
              _ change: (inout WrittenValue) -> Void) throws -> (String, [String]) {
        let file = try RecordText(bytes: Array(text.utf8), path: "content/thu-tuc/1.001193.md")
        var value = file.frontMatter
        change(&value)
        let edited = file.applying(RecordChange(frontMatter: value, covered: covered, sections: sections))
        return (String(decoding: edited.bytes, as: UTF8.self), edited.changed)
    }

    @Test func aChangedLocalValueRewritesItsLineOnly() throws {
        let (text, changed) = try edit(Self.withLocal) { value in
            value.set(["dia_phuong", "gio_tiep_nhan"], "Sáng 7 giờ 30")
        }
        #expect(changed == ["dia_phuong.gio_tiep_nhan"])
        #expect(text == Self.withLocal.replacingOccurrences(of: "gio_tiep_nhan: Sáng thứ Hai đến thứ Sáu", with: "gio_tiep_nhan: Sáng 7 giờ 30"))
    }

    @Test func nothingChangedWritesTheSameBytes() throws {
        let crlf = Self.withLocal.replacingOccurrences(of: "\n", with: "\r\n")
        let (text, changed) = try edit("\u{FEFF}" + crlf) { _ in }
        #expect(changed.isEmpty)
        #expect(text == "\u{FEFF}" + crlf)
    }

    @Test func crlfAndTheByteOrderMarkAreKept() throws {
        let crlf = "\u{FEFF}" + Self.withLocal.replacingOccurrences(of: "\n", with: "\r\n")
        let (text, _) = try edit(crlf) { value in
            value.set(["dia_phuong", "ghi_chu"], "Dòng một\nDòng hai")
        }
        #expect(text.hasPrefix("\u{FEFF}---\r\n"))
        #expect(text.contains("  lien_he: \"0213 3876 123\"\r\n  ghi_chu: |-\r\n    Dòng một\r\n    Dòng hai\r\n---\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line keeps CRLF")
    }

    @Test func aNewLocalBlockGoesAtTheEndOfTheFrontMatter() throws {
        let (text, changed) = try edit(SampleRecord.text()) { value in
            value.set(["dia_phuong", "lien_he"], "0213 3876 123")
        }
        #expect(changed == ["dia_phuong"])
        #expect(text == SampleRecord.text(frontMatter: SampleRecord.frontMatter + "\ndia_phuong:\n  lien_he: \"0213 3876 123\""))
    }

    @Test func aValueEmptiedIsRemovedWithItsLinesOnly() throws {
        let (text, _) = try edit(Self.withLocal) { value in
            value.set(["dia_phuong", "gio_tiep_nhan"], "")
        }
        #expect(text.contains("# giờ làm việc của bộ phận một cửa\ndia_phuong:\n  # số máy bàn\n  lien_he:"), "comments stay")
        #expect(!text.contains("gio_tiep_nhan"))
    }

    @Test func emptyingTheWholeBlockRemovesIt() throws {
        let (text, _) = try edit(Self.withLocal) { value in
            value.set(["dia_phuong", "gio_tiep_nhan"], "")
            value.set(["dia_phuong", "lien_he"], "")
        }
        #expect(!text.contains("dia_phuong"))
        #expect(text.contains("# giờ làm việc của bộ phận một cửa\n---\n"), "a comment outside what changed stays")
    }

    @Test func keysTheFormDoesNotShowAreNeverWritten() throws {
        // A national value changed in the tree, but the form covers only `dia_phuong`.
        let (text, changed) = try edit(Self.withLocal) { value in value.set(["ten"], "Tên khác") }
        #expect(changed.isEmpty)
        #expect(text == Self.withLocal)
    }

    @Test func aNationalValueOnASingleSiteChangesItsLineOnly() throws {
        let (text, changed) = try edit(Self.withLocal, covered: Schema.procedure) { value in
            value.set(["linh_vuc", "ten"], "Hộ tịch (sửa)")
        }
        #expect(changed == ["linh_vuc.ten"])
        #expect(text == Self.withLocal.replacingOccurrences(of: "  ten: Hộ tịch\n", with: "  ten: Hộ tịch (sửa)\n"))
    }

    @Test func aListIsWrittenWholeAndNumbersStayNumbersOrTheTextTyped() throws {
        let (text, changed) = try edit(SampleRecord.text(), covered: Schema.procedure) { value in
            value.set(["cach_thuc", "0", "phi_le_phi", "0", "so_tien"], "50.000")
        }
        #expect(changed == ["cach_thuc"])
        #expect(text.contains("        so_tien: \"50.000\"\n"))
        let record = Record.read(bytes: Array(text.utf8), path: "content/thu-tuc/1.001193.md")
        let problem = try #require(record.diagnostics.first { $0.problem.code == .wrongType })
        #expect(problem.suggestion(.vi)?.contains("50000") == true, "the validator's own suggestion")
        let file = try RecordText(bytes: Array(text.utf8), path: "content/thu-tuc/1.001193.md")
        #expect(file.fields(of: [problem], sectionRows: [:]) == ["cach_thuc.0.phi_le_phi.0.so_tien"])
    }

    @Test func aSectionChangesItsTextOnlyAndANewOneGoesAtTheEnd() throws {
        let file = try RecordText(bytes: Array(Self.withLocal.utf8), path: "content/thu-tuc/1.001193.md")
        let sections = file.record.body.sections
        let rows = sections.enumerated().compactMap { index, section in
            section.title.map { SectionChange(index: index, title: $0, markdown: section.markdown) }
        }
        var changedRows = rows
        changedRows[1].markdown = "Mang theo **bản gốc** và bản sao.\r\n\r\nHỏi cán bộ một cửa."
        changedRows.append(SectionChange(index: nil, title: "Lệ phí tại xã", markdown: "Miễn phí."))
        let edited = file.applying(RecordChange(frontMatter: file.frontMatter, covered: Self.local, sections: changedRows),
                                   editable: { !$0.isNational })
        let text = String(decoding: edited.bytes, as: UTF8.self)
        #expect(text == Self.withLocal.replacingOccurrences(of: "Mang theo **bản gốc**.\n", with: "Mang theo **bản gốc** và bản sao.\n\nHỏi cán bộ một cửa.\n")
            + "\n## Lệ phí tại xã\n\nMiễn phí.\n")
        // The national section (row 0) may not be changed here, so no field of the form answers for it.
        #expect(edited.sectionRows == [1: 1, 2: 2])
    }

    @Test func aNationalSectionIsKeptWhenTheFormMayNotChangeIt() throws {
        let file = try RecordText(bytes: Array(Self.withLocal.utf8), path: "content/thu-tuc/1.001193.md")
        let edited = file.applying(RecordChange(frontMatter: file.frontMatter, covered: Self.local,
                                                sections: [SectionChange(index: 0, title: "Trình tự thực hiện", markdown: "Khác")]),
                                   editable: { !$0.isNational })
        let text = String(decoding: edited.bytes, as: UTF8.self)
        #expect(text.contains("Người yêu cầu nộp hồ sơ tại Ủy ban nhân dân cấp xã."))
        #expect(!text.contains("Ghi chú của đơn vị"), "the local section the form no longer holds is removed")
    }

    @Test func aRecordThatDoesNotReadIsNotEditable() {
        #expect(throws: RecordText.NotEditable.self) {
            try RecordText(bytes: Array("---\nten: [a\n---\n".utf8), path: "content/thu-tuc/1.001193.md")
        }
        #expect(throws: RecordText.NotEditable.self) {
            try RecordText(bytes: Array("không có phần đầu".utf8), path: "content/thu-tuc/1.001193.md")
        }
    }
}

extension WrittenValue {
    /// Sets the text at a key path, making the keys and list items on the way.
    mutating func set(_ path: [String], _ text: String) {
        guard let first = path.first else {
            self = .text(text)
            return
        }
        let rest = Array(path.dropFirst())
        switch self {
        case .list(var items):
            let index = Int(first) ?? 0
            while items.count <= index { items.append(.keys([])) }
            items[index].set(rest, text)
            self = .list(items)
        case .keys(var entries):
            if let index = entries.firstIndex(where: { $0.key == first }) {
                entries[index].value.set(rest, text)
            } else {
                var value = WrittenValue.keys([])
                value.set(rest, text)
                entries.append(Entry(first, value))
            }
            self = .keys(entries)
        case .text:
            self = .keys([])
            set(path, text)
        }
    }
}
