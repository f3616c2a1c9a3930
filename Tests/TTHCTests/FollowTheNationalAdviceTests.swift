import Foundation
import Testing

/// The issue's "how we will know": a clerk who does literally what `tthc check` prints for the
/// national record's findings reaches a clean check, and the next sync of a changed catalog is an
/// update, not a conflict. The advice it replaced (a `mo_ta` in the national `thoi_han`) led to one.
@Suite struct FollowTheNationalAdviceTests {
    let cli = CommandLineTests()

    /// Each national finding whose advice names a `dia_phuong` line (an answer, or a line for
    /// citizens meanwhile): that line written where it says, "…" filled in with the unit's real
    /// value. Gives the files changed.
    func followAdvice(in site: TemporarySite) throws -> Set<String> {
        var changed: Set<String> = [], followed: Set<String> = []
        // One line at a time, checked again after each: the line numbers printed are the file's as it is.
        while let finding = try National.findings(site, "--du-lieu-quoc-gia").first(where: {
            $0["origin"] as? String == "national" && ($0["suggestion"] as? String)?.range(of: Self.whereToWrite, options: .regularExpression) != nil
        }) {
            let file = try #require(finding["file"] as? String)
            let suggestion = try #require(finding["suggestion"] as? String)
            let said = String(suggestion[try #require(suggestion.range(of: Self.whereToWrite, options: .regularExpression))])
            let parts = said.components(separatedBy: "`")
            let line = try #require(Int(said.split(separator: " ").last?.dropLast() ?? ""))
            // "Thêm dòng `line` vào khối …", or "Thêm hai dòng `dia_phuong:` và `line` ngay trên …".
            let twoLines = said.hasPrefix("Thêm hai dòng")
            let written = parts[twoLines ? 3 : 1]
            #expect(followed.insert(file + written).inserted, "a line once written is not asked for again: \(suggestion)")
            changed.insert(file)
            let filled = written.replacingOccurrences(of: "…/NQ", with: "12/2025/NQ").replacingOccurrences(of: "…", with: "05")
            if twoLines {
                try National.insert(["dia_phuong:", filled], above: line, in: file, of: site)
            } else {
                try National.insert([filled], above: line + 1, in: file, of: site)
            }
        }
        return changed
    }

    /// The two places an advice may say a `dia_phuong` line goes.
    static let whereToWrite = #"Thêm (hai dòng `dia_phuong:` và `[^`]*` ngay trên dòng `---`|dòng `[^`]*` vào khối `dia_phuong:`) ở dòng \d+\."#

    /// On the fixture: both procedures with durations that say nothing answered, a line for
    /// citizens on the one whose documents are missing (the gap itself left to the province),
    /// `--strict` clean; then a catalog change of the very channels the findings were on, and the
    /// province's completed documents, are updates that keep the unit's lines, and the gap is gone.
    @Test func theFixtureAnsweredAsAdvisedSyncsWithoutConflict() throws {
        let entries = try National.entries()
        let site = try National.imported(entries)
        defer { site.remove() }
        #expect(try National.check(site).output.contains("2 thủ tục (6 chỗ): thời hạn giải quyết có đơn vị `khac` mà không có mô tả"))
        let answered = try followAdvice(in: site)
        #expect(answered == [National.paternity, National.birth, National.land])
        let check = try National.check(site)
        #expect(check.status == 0)
        #expect(!check.output.contains("thời hạn giải quyết có đơn vị `khac`"), "\(check.output)")
        #expect(check.output.hasSuffix("0 lỗi, 0 cảnh báo; 1 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).\n"), "\(check.output)")
        #expect(try National.check(site, "--strict").status == 0)

        var changed = National.later(National.later(entries, "1.000080") { data in
            National.methods(&data) { $0["processingTime"] = 8 }
        }, "1.001193") { data in
            data["name"] = "Thủ tục đăng ký khai sinh (sửa đổi)"
            National.methods(&data) { $0["processingTime"] = 2 }
        }
        changed = National.later(changed, "1.115563") { data in
            data["executionCases"] = [["name": "Giấy tờ phải nộp", "profileComponents": [["name": "Đơn đăng ký biến động", "originalQty": 1, "copyQty": 0]]]]
        }
        let plan = try synchronize(site, with: try JSONSerialization.data(withJSONObject: changed), at: "2026-11-23T09:00:00+07:00")
        #expect(plan.conflicts.isEmpty)
        #expect(Set(plan.updated) == answered)
        for file in answered {
            let kept = file == National.land ? "  ghi_chu: \"Hỏi thêm tại Bộ phận Một cửa, điện thoại 05\"" : "  thoi_han: \"Không quá 05 ngày làm việc\""
            #expect(try site.read(file).contains("dia_phuong:\n\(kept)\n---\n"), "the unit's line kept")
        }
        #expect(try site.read(National.paternity).contains("so: 8"), "the catalog's change landed")
        #expect(try site.read(National.land).contains("Đơn đăng ký biến động"))
        let after = try National.check(site, "--strict")
        #expect(after.status == 0)
        #expect(after.output == "0 lỗi, 0 cảnh báo.\n", "the province completed the record: nothing left")
    }

    /// What the old advice did: a `mo_ta` written into the national `thoi_han` is a local
    /// override, and the catalog's next change of that channel a conflict.
    @Test func theOldAdviceMadeTheNextSyncAConflict() throws {
        let entries = try National.entries()
        let site = try National.imported(entries)
        defer { site.remove() }
        let text = try site.read(National.paternity)
        try site.write(National.paternity, text.replacingOccurrences(of: "      don_vi: khac\n", with: "      don_vi: khac\n      mo_ta: Không quá 05 ngày làm việc\n"))
        #expect(try National.findings(site).filter { $0["file"] as? String == National.paternity }.isEmpty)
        let changed = National.later(entries, "1.000080") { data in National.methods(&data) { $0["processingTime"] = 8 } }
        let plan = try synchronize(site, with: try JSONSerialization.data(withJSONObject: changed), at: "2026-11-23T09:00:00+07:00")
        #expect(plan.conflicts.map(\.path) == [National.paternity])
    }

    /// The same on the 200 real national records, when they are beside the repository: every
    /// answerable finding answered as printed, a clean `--strict`, and a catalog that changes every
    /// one of those records gives updates only.
    @Test func theRealSampleAnsweredAsAdvisedSyncsWithoutConflict() throws {
        guard Repository.hasNationalSample else {
            print("SKIPPED: no ../shared national sample")
            return
        }
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.nationalSample)) as? [[String: Any]])
        let site = try National.imported(entries)
        defer { site.remove() }
        let before = try National.check(site)
        #expect(before.status == 0)
        #expect(before.output.contains("thủ tục (95 chỗ): thời hạn giải quyết có đơn vị `khac` mà không có mô tả"), "\(before.output)")
        #expect(before.output.hasSuffix("0 lỗi, 0 cảnh báo; 101 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).\n"), "\(before.output)")
        let answered = try followAdvice(in: site)
        #expect(answered.count == 38, "32 durations answered, 6 records with documents missing given a line for citizens")
        let after = try National.check(site, "--strict")
        #expect(after.status == 0)
        #expect(!after.output.contains("`khac`"))
        #expect(after.output.hasSuffix("0 lỗi, 0 cảnh báo; 6 ghi nhận về dữ liệu quốc gia (tóm tắt ở trên).\n"), "\(after.output)")

        let codes = Set(answered.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "") })
        var changed = entries
        for code in codes { changed = National.later(changed, code) { National.methods(&$0) { $0["processingTime"] = 9 } } }
        let plan = try synchronize(site, with: try JSONSerialization.data(withJSONObject: changed), at: "2026-11-23T09:00:00+07:00")
        #expect(plan.conflicts.isEmpty)
        #expect(Set(plan.updated) == answered)
        #expect(try National.check(site, "--strict").status == 0)
    }
}

/// Where the advice says the `dia_phuong` line goes, for every shape of block a clerk may have
/// written: typed there literally it is valid, answers the finding, and the next catalog change
/// is an update that keeps it.
@Suite struct WhereTheLocalLineGoesTests {
    enum Block: String, CaseIterable, Sendable {
        case none, blockForm, fourSpaces, commentsFirst, keyLeftBlank, flowForm, emptyFlow, null
    }

    /// The block written before the advice, what the advice says, and the block as the clerk then has it.
    func shape(_ block: Block, at line: Int) -> (before: [String], says: String, after: [String]) {
        let time = "thoi_han: \"Không quá 05 ngày làm việc\"", example = "thoi_han: \"Không quá … ngày làm việc\""
        switch block {
        case .none:
            return ([], "Thêm hai dòng `dia_phuong:` và `  \(example)` ngay trên dòng `---` ở dòng \(line).", ["dia_phuong:", "  " + time])
        case .blockForm:
            return (["dia_phuong:", "  gio_tiep_nhan: Sáng thứ Bảy"], "Thêm dòng `  \(example)` vào khối `dia_phuong:` ở dòng \(line).",
                    ["dia_phuong:", "  " + time, "  gio_tiep_nhan: Sáng thứ Bảy"])
        case .fourSpaces:
            return (["dia_phuong:", "    gio_tiep_nhan: Sáng thứ Bảy"], "Thêm dòng `    \(example)` vào khối `dia_phuong:` ở dòng \(line).",
                    ["dia_phuong:", "    " + time, "    gio_tiep_nhan: Sáng thứ Bảy"])
        case .commentsFirst:
            return (["dia_phuong:   # của xã", "  # giờ làm việc", "  gio_tiep_nhan: Sáng thứ Bảy"],
                    "Thêm dòng `  \(example)` vào khối `dia_phuong:` ở dòng \(line).",
                    ["dia_phuong:   # của xã", "  " + time, "  # giờ làm việc", "  gio_tiep_nhan: Sáng thứ Bảy"])
        case .keyLeftBlank:
            return (["dia_phuong:", "  thoi_han: \"\""], "Ghi nội dung vào dòng `thoi_han:` ở dòng \(line + 1), ví dụ `\(example)`.",
                    ["dia_phuong:", "  " + time])
        case .flowForm:
            return (["dia_phuong: {gio_tiep_nhan: Sáng thứ Bảy}"], "Thêm `\(example), ` ngay sau dấu `{` ở dòng \(line).",
                    ["dia_phuong: {\(time), gio_tiep_nhan: Sáng thứ Bảy}"])
        case .emptyFlow:
            return (["dia_phuong: {}"], "Thêm `\(example)` ngay sau dấu `{` ở dòng \(line).", ["dia_phuong: {\(time)}"])
        case .null:
            return (["dia_phuong: null"], "Thay dòng `dia_phuong: null` ở dòng \(line) bằng hai dòng `dia_phuong:` và `  \(example)`.",
                    ["dia_phuong:", "  " + time])
        }
    }

    @Test(arguments: Block.allCases) func theLineTypedWhereTheAdviceSaysAnswersIt(_ block: Block) throws {
        let entries = try National.entries()
        let site = try National.imported(entries)
        defer { site.remove() }
        let file = National.birth
        let closing = try National.closingLine(file, of: site)
        let (before, says, after) = shape(block, at: closing)
        try National.insert(before, above: closing, in: file, of: site)
        let durations = { try National.findings(site, "--du-lieu-quoc-gia").filter { $0["file"] as? String == file && $0["code"] as? String == "duration-without-description" } }
        let found = try durations()
        #expect(found.count == 3)
        for finding in found {
            #expect((finding["suggestion"] as? String)?.hasSuffix(" " + says) == true, "\(finding["suggestion"] ?? "")")
        }
        var lines = try National.lines(file, of: site)
        lines.replaceSubrange((closing - 1)..<(closing - 1 + before.count), with: after)
        try site.write(file, lines.joined(separator: "\n"))
        #expect(try durations().isEmpty, "answered")
        let check = try National.check(site, "--strict")
        #expect(check.status == 0, "\(check.output)")

        let changed = National.later(entries, "1.001193") { National.methods(&$0) { $0["processingTime"] = 2 } }
        let plan = try synchronize(site, with: try JSONSerialization.data(withJSONObject: changed), at: "2026-11-23T09:00:00+07:00")
        #expect(plan.conflicts.isEmpty)
        #expect(plan.updated == [file])
        #expect(try site.read(file).contains(after.joined(separator: "\n") + "\n---\n"), "the unit's block kept as typed")
    }
}
