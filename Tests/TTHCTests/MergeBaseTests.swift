import Catalog
import Foundation
import Records
import Testing

/// Issue 14, point 2: sync never overwrites a local edit, whatever state the merge bases
/// (`content/.dong-bo/co-so/`) are in, and a record the unit deleted does not come back by itself.
@Suite struct MergeBaseTests {
    let sync = SyncTests()
    let birth = "content/thu-tuc/1.001193.md"
    let birthBase = "content/.dong-bo/co-so/1.001193.md"
    let paternity = "content/thu-tuc/1.000080.md"

    /// A site imported from the fixture export, and the export with the birth registration renamed.
    func importedSite() throws -> (site: TemporarySite, changed: Data) {
        let site = try TemporarySite()
        try synchronize(site, with: try sync.export(try sync.entries()))
        let changed = sync.renamed(sync.renamed(try sync.entries(), code: "1.001193", to: "Đăng ký khai sinh"),
                                   code: "1.000080", to: "Đăng ký nhận cha, mẹ, con (mới)")
        return (site, try sync.export(changed))
    }

    /// The national part edited here: the name, as staff would retype it.
    func editName(_ site: TemporarySite) throws -> String {
        let edited = try site.read(birth).replacingOccurrences(of: "\nten: Thủ tục đăng ký khai sinh", with: "\nten: Khai sinh (xã sửa)")
        try site.write(birth, edited)
        return edited
    }

    /// `tthc sync` as a subprocess on `export`, with `arguments` after the catalog.
    func runSync(_ site: TemporarySite, _ export: Data, _ arguments: [String] = []) throws -> CommandLineTests.Run {
        try site.write("export.json", export)
        return try CommandLineTests().tthc(["sync", "--catalog", "export.json"] + arguments, in: site.folder, killAfter: 60)
    }

    // MARK: - No base, or a base that cannot be read

    /// Variants: a local edit with a catalog change, a local edit alone, no edit at all, no edit
    /// proven by the fingerprint, and the whole `co-so` folder gone.
    @Test func withoutABaseAFileThatDiffersFromTheCatalogIsAConflict() throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        let edited = try editName(site)
        try FileManager.default.removeItem(at: site.url(birthBase))
        let run = try runSync(site, changed)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("xung đột: \(birth) khác bản trong CSDL quốc gia và không có tệp cơ sở \(birthBase)"), "\(run.output)")
        #expect(try site.read(birth) == edited, "the file is left as the unit wrote it")
        #expect(!FileManager.default.fileExists(atPath: site.url(birthBase).path), "no base is invented for it")
        #expect(try site.read(paternity).contains("ten: Đăng ký nhận cha, mẹ, con (mới)\n"), "the other records still follow")

        // The same catalog as imported: the file still differs from it, and no base says who changed it.
        let again = try runSync(site, try sync.export(try sync.entries()))
        #expect(again.status == 1)
        #expect(try site.read(birth) == edited)

        // Made to match the catalog, as the report says: resolved, and the base catches up.
        let original = try site.read(birth).replacingOccurrences(of: "\nten: Khai sinh (xã sửa)", with: "\nten: Đăng ký khai sinh")
        try site.write(birth, original)
        let resolved = try runSync(site, changed)
        #expect(resolved.status == 0, "\(resolved.errors)")
        #expect(try site.read(birthBase).contains("ten: Đăng ký khai sinh\n"))
        #expect(try site.read(birth) == original)
    }

    @Test func aFileSyncWroteItselfNeedsNoBaseToFollowTheCatalog() throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        // The fingerprint in tep.tsv proves the file is byte for byte what sync wrote: an update.
        try FileManager.default.removeItem(at: site.url(birthBase))
        let plan = try synchronize(site, with: changed, at: "2026-12-01T09:00:00+07:00")
        #expect(plan.updated.contains(birth))
        #expect(try site.read(birth).contains("ten: Đăng ký khai sinh\n"))
        #expect(try site.read(birthBase).contains("ten: Đăng ký khai sinh\n"))
    }

    @Test func withTheWholeBaseFolderAndFingerprintsGoneOnlyEditedFilesConflict() throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        let edited = try editName(site)
        try FileManager.default.removeItem(at: site.url("content/.dong-bo/co-so"))
        try FileManager.default.removeItem(at: site.url(SyncedFiles.path))
        let plan = try synchronize(site, with: try sync.export(try sync.entries()), at: "2026-12-01T09:00:00+07:00")
        #expect(plan.conflicts.map(\.path) == [birth])
        #expect(plan.conflicts.first?.withoutBase == true)
        #expect(plan.conflicts.first?.fields.map(\.key) == ["ten"])
        #expect(plan.unchanged.count == 2, "files equal to the catalog are unchanged, and their bases written again")
        #expect(try site.read(birth) == edited)
        #expect(FileManager.default.fileExists(atPath: site.url("content/.dong-bo/co-so/1.000080.md").path))
        #expect(!FileManager.default.fileExists(atPath: site.url(birthBase).path))
    }

    /// A base that is there but cannot be read: a folder, a named pipe (which a plain read would
    /// wait on forever), bytes that are not UTF-8, a link to a file outside the site. The record
    /// and the base stay as they are, the run ends at exit 1 (not 2, not a hang), the rest follows.
    @Test(arguments: ["folder", "pipe", "not-utf8", "link-outside"])
    func aBaseThatCannotBeReadIsNeverWrittenOverAndNeitherIsItsRecord(kind: String) throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        let before = try site.read(birth)
        let base = site.url(birthBase)
        try FileManager.default.removeItem(at: base)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-outside-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: outside) }
        let expected: String
        switch kind {
        case "folder":
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: false)
            expected = "không phải một tệp văn bản thông thường"
        case "pipe":
            #expect(mkfifo(base.path, 0o644) == 0)
            expected = "không phải một tệp văn bản thông thường"
        case "not-utf8":
            try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xC3, 0x28, 0x0A]).write(to: base)
            expected = "không phải văn bản UTF-8"
        default:
            try Data("---\nten: ngoài trang\n---\n".utf8).write(to: outside)
            try FileManager.default.createSymbolicLink(at: base, withDestinationURL: outside)
            expected = "nằm ngoài thư mục trang web"
        }
        let run = try runSync(site, changed)
        #expect(!run.timedOut)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("lỗi: không đọc được tệp cơ sở \(birthBase): "), "\(run.output)")
        #expect(run.output.contains(expected), "\(run.output)")
        #expect(run.output.contains("→ Xóa hoặc đổi tên \(birthBase)"), "\(run.output)")
        #expect(try site.read(birth) == before, "the record is not rewritten")
        #expect(try site.read(paternity).contains("ten: Đăng ký nhận cha, mẹ, con (mới)\n"), "the other records still follow")
        var info = stat()
        #expect(lstat(base.path, &info) == 0)
        let types: [String: mode_t] = ["folder": S_IFDIR, "pipe": S_IFIFO, "not-utf8": S_IFREG, "link-outside": S_IFLNK]
        #expect(info.st_mode & S_IFMT == types[kind], "the base is not replaced")
        if kind == "link-outside" { #expect(try String(contentsOf: outside, encoding: .utf8) == "---\nten: ngoài trang\n---\n") }
        // Removed, as the report says: the next run compares the file with the catalog.
        try FileManager.default.removeItem(at: base)
        #expect(try runSync(site, changed).status == 0)
        #expect(try site.read(birth).contains("ten: Đăng ký khai sinh\n"), "untouched since sync wrote it (fingerprint): updated")
    }

    /// An abolition is a write too: with a base that cannot be read, the record is not marked.
    @Test func anAbolitionWithAnUnreadableBaseWritesNothing() throws {
        let (site, _) = try importedSite()
        defer { site.remove() }
        let before = try site.read(birth)
        try FileManager.default.removeItem(at: site.url(birthBase))
        try FileManager.default.createDirectory(at: site.url(birthBase), withIntermediateDirectories: false)
        let withoutBirth = try sync.entries().filter { (($0["data"] as? [String: Any])?["code"] as? String) != "1.001193" }
        let plan = try synchronize(site, with: try sync.export(withoutBirth), at: "2026-12-01T09:00:00+07:00")
        #expect(plan.abolished.isEmpty)
        #expect(plan.unreadableBases.map(\.path) == [birthBase])
        #expect(try site.read(birth) == before)
    }

    /// `co-so` (or `.dong-bo`) a file, not a folder: sync cannot run; exit 2, nothing written.
    @Test(arguments: ["content/.dong-bo/co-so", "content/.dong-bo", "content/thu-tuc"])
    func aStateFolderThatIsAFileStopsSyncBeforeAnyWrite(folder: String) throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url(folder))
        try site.write(folder, "không phải thư mục\n")
        let before = try sync.files(site)
        let run = try runSync(site, changed)
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.contains("\(folder) không phải là thư mục nên không đồng bộ được."), "\(run.errors)")
        #expect(run.errors.contains("Không ghi gì."), "\(run.errors)")
        #expect(try sync.files(site) == before)
    }

    /// A run stopped after the records and before the bases (or the log): the next run finds
    /// the record equal to the catalog and completes the base; nothing is called a conflict.
    @Test func aRunInterruptedBeforeTheBasesIsCompletedByTheNext() throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        let oldBase = try site.read(birthBase)
        try synchronize(site, with: changed, at: "2026-12-01T09:00:00+07:00")
        // Put back the old base and fingerprints, as if the run had stopped after the records.
        try site.write(birthBase, oldBase)
        try FileManager.default.removeItem(at: site.url(SyncedFiles.path))
        let updatedRecord = try site.read(birth)
        let plan = try synchronize(site, with: changed, at: "2026-12-02T09:00:00+07:00")
        #expect(plan.conflicts.isEmpty && plan.unreadableBases.isEmpty)
        #expect(plan.unchanged.contains(birth))
        #expect(try site.read(birth) == updatedRecord)
        #expect(try site.read(birthBase).contains("ten: Đăng ký khai sinh\n"))
        // A record created just before the stop: its base missing, the file equal to the catalog.
        let newcomer = "content/thu-tuc/1.000080.md"
        try FileManager.default.removeItem(at: site.url("content/.dong-bo/co-so/1.000080.md"))
        try FileManager.default.removeItem(at: site.url(SyncedFiles.path))
        let next = try synchronize(site, with: changed, at: "2026-12-03T09:00:00+07:00")
        #expect(next.unchanged.contains(newcomer) && next.conflicts.isEmpty)
        #expect(FileManager.default.fileExists(atPath: site.url("content/.dong-bo/co-so/1.000080.md").path))
    }

    // MARK: - A record the unit deleted

    /// Variants: the catalog unchanged, the catalog changed, `--check`, the code left out in
    /// `chon.bo`, brought back with `tthc new --catalog`, and the code gone from the catalog too.
    @Test func aDeletedRecordIsNotCreatedAgainButReportedWithBothFixes() throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url(birth))
        for export in [try sync.export(try sync.entries()), changed] {
            let run = try runSync(site, export)
            #expect(run.status == 1, "\(run.output)")
            #expect(run.output.contains("đã xóa: \(birth) không còn trên trang nhưng thủ tục 1.001193 vẫn có trong CSDL quốc gia; tthc không tạo lại."), "\(run.output)")
            #expect(run.output.contains("thêm \"1.001193\" vào chon.bo trong site.yml"))
            #expect(run.output.contains("tthc new 1.001193 --catalog <tệp xuất>"))
            #expect(!FileManager.default.fileExists(atPath: site.url(birth).path))
        }
        #expect(!ChangeLog(site: site.folder).entries.contains { $0.code == "1.001193" && $0.kind != .created })
        let before = try sync.files(site)
        #expect(try runSync(site, changed, ["--check"]).status == 1)
        #expect(try sync.files(site) == before)

        // Left out for good in site.yml: no longer reported.
        let leftOut = TemporarySite.configuration + "\n  bo: [\"1.001193\"]"
        try site.write("site.yml", leftOut)
        let quiet = try runSync(site, changed)
        #expect(quiet.status == 0, "\(quiet.output)")
        #expect(!quiet.output.contains("đã xóa"))
        #expect(!FileManager.default.fileExists(atPath: site.url(birth).path))

        // Brought back on purpose: logged as brought back, not as newly announced.
        try site.write("site.yml", TemporarySite.configuration)
        let new = try CommandLineTests().tthc(["new", "1.001193", "--catalog", "export.json"], in: site.folder, killAfter: 60)
        #expect(new.status == 0, "\(new.errors)")
        #expect(try site.read(birth).contains("ten: Đăng ký khai sinh\n"))
        #expect(ChangeLog(site: site.folder).entries.last.map { ($0.code, $0.kind) } ?? ("", .created) == ("1.001193", .restored))
        #expect(ChangeLog.Kind.restored.label == "Đăng lại")
        #expect(try runSync(site, changed).status == 0)
    }

    /// Renamed on Windows or by hand, the record is not deleted: the file is named, with the fix,
    /// and nothing is written over it or beside it.
    @Test(arguments: ["1.001193.MD", "1.001193.md.txt", "1.001193.Md", "1.001193.md ", "1.001193.markdown"])
    func aRecordRenamedSoTthcCannotReadItIsSaidToBeMisnamedNotDeleted(_ name: String) throws {
        let (site, changed) = try importedSite()
        defer { site.remove() }
        try FileManager.default.moveItem(at: site.url(birth), to: site.url("content/thu-tuc/" + name))
        let before = try sync.files(site)
        let run = try runSync(site, changed)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("tên tệp: content/thu-tuc/\(name) là thủ tục 1.001193 nhưng tthc chỉ đọc tệp có tên kết thúc bằng .md"), "\(run.output)")
        #expect(run.output.contains("Đổi tên tệp thành \(birth) rồi chạy lại tthc sync."), "\(run.output)")
        #expect(!run.output.contains("đã xóa"), "\(run.output)")
        #expect(!FileManager.default.fileExists(atPath: site.url(birth).path))
        #expect(try sync.files(site)["/thu-tuc/" + name] == before["/thu-tuc/" + name] && before["/thu-tuc/" + name] != nil,
                "the misnamed file is left byte for byte")
    }

    @Test func aDeletedRecordThatLeftTheCatalogIsSimplyGone() throws {
        let (site, _) = try importedSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url(birth))
        let withoutBirth = try sync.entries().filter { (($0["data"] as? [String: Any])?["code"] as? String) != "1.001193" }
        let plan = try synchronize(site, with: try sync.export(withoutBirth), at: "2026-12-01T09:00:00+07:00")
        #expect(plan.deleted.isEmpty && plan.abolished.isEmpty && plan.created.isEmpty)
        #expect(!plan.needsAttention)
    }
}
