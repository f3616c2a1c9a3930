import Catalog
import FileSystem
import Foundation
import Records
import Testing

/// Every failure to read or write says which path, what was tried and why, in the chosen
/// language, exits 2, and leaves what it had not finished as it was. Failures are made for real:
/// a file where a folder should be (ENOTDIR), a folder where a file should be (EISDIR), a full
/// disk (/dev/full and a small tmpfs: ENOSPC), an immutable file (EPERM), a read-only mount (EROFS).
@Suite struct FileErrorTests {
    let cli = CommandLineTests()
    static let export = Repository.fixture("export-sample.json").path

    // MARK: - The layer itself

    @Test func aFullDiskIsNamedWithItsPath() throws {
        #expect(throws: FileError(.write, "/dev/full", .noSpace)) { try Files.write(Array("x".utf8), to: "/dev/full") }
        let error = FileError(.write, "/dev/full", .noSpace)
        #expect(error.vi == "không ghi được /dev/full: ổ đĩa đã đầy (ENOSPC)")
        #expect(error.en == "cannot write /dev/full: no space left on the disk (ENOSPC)")
    }

    @Test func eachOperationSaysWhatFailedAndWhy() throws {
        let folder = try TemporaryFolder("loi")
        defer { folder.remove() }
        try folder.write("tep", "x")
        let file = folder.path + "/tep"
        #expect(throws: FileError(.write, file + "/con", .notDirectory)) { try Files.write(Array("x".utf8), to: file + "/con") }
        #expect(throws: FileError(.write, folder.path, .isDirectory)) { try Files.write(Array("x".utf8), to: folder.path) }
        #expect(throws: FileError(.read, folder.path, .isDirectory)) { _ = try Files.read(folder.path) }
        #expect(throws: FileError(.read, folder.path + "/khong-co", .noSuchFileOrDirectory)) { _ = try Files.read(folder.path + "/khong-co") }
        #expect(throws: FileError(.createFolder, file + "/a/b", .notDirectory)) { try Files.makeFolder(file + "/a/b") }
        #expect(throws: FileError(.list, file, .notDirectory)) { _ = try Files.list(file) }
        #expect(mkfifo(folder.path + "/ong", 0o644) == 0)
        #expect(throws: FileError(.read, folder.path + "/ong", .notARegularFile)) { _ = try Files.read(folder.path + "/ong") }
        let rename = FileError(.rename(from: folder.path + "/khong-co"), file, .noSuchFileOrDirectory)
        #expect(throws: rename) { try Files.move(folder.path + "/khong-co", to: file) }
        #expect(rename.vi == "không chuyển được \(folder.path)/khong-co thành \(file): không có tệp hoặc thư mục này (ENOENT)")
        // An error the layer has no words for keeps the system's own.
        #expect(FileError(.write, "/x", .init(rawValue: EPROTO)).en.hasPrefix("cannot write /x: "))
        #expect(FileError(.write, "/x", .init(rawValue: EPROTO)).vi.contains("(errno \(EPROTO))"))
    }

    // MARK: - Through the commands

    /// The landed code listed `content/thu-tuc` with `try?`: a file there became a site with no
    /// procedures, built over the published one.
    @Test func aRecordsFolderThatIsAFileStopsEveryCommand() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let published = Tree.of(site.url("public"))
        try FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try site.write("content/thu-tuc", "không phải thư mục")
        let path = site.url("content/thu-tuc").path
        for command in [["check"], ["build"], ["sync", "--catalog", Self.export], ["new", "1.000001"]] {
            let run = try cli.tthc(command, in: site.folder)
            #expect(run.status == 2, "\(command): \(run.output)\(run.errors)")
            // Sync names its own state folders in its own words (MergeBaseTests).
            let cause = command[0] == "sync" ? "content/thu-tuc không phải là thư mục nên không đồng bộ được"
                                             : path + ": một phần của đường dẫn là tệp, không phải thư mục (ENOTDIR)"
            #expect(run.errors.contains(cause), "\(command): \(run.errors)")
        }
        let english = try cli.tthc(["build", "--lang", "en"], in: site.folder)
        #expect(english.errors.contains("tthc build: cannot list the folder \(path): a part of the path is a file, not a folder (ENOTDIR) Nothing written."),
                "\(english.errors)")
        #expect(Tree.of(site.url("public")) == published, "the published site is left as it was")
    }

    /// A file whose name is not UTF-8 (copied from a machine with an old code page) among the
    /// records or the theme is named, in words, and nothing is written; before, the name was read
    /// with `�` in it and the build stopped on "no such file" for a file nobody could find.
    @Test(arguments: ["content/thu-tuc", "templates/assets", "templates"])
    func aNameThatIsNotUTF8IsSaidAndNothingIsWritten(_ folder: String) throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let published = Tree.of(site.url("public"))
        // "biểu" in the old Vietnamese code page TCVN3: the bytes of no UTF-8 text.
        let name: [UInt8] = Array("bi".utf8) + [0xD6, 0x75] + Array(folder == "content/thu-tuc" ? ".md".utf8 : ".css".utf8)
        let path = Array(site.url(folder).path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        for command in [["build"], ["check"]] {
            let run = try cli.tthc(command, in: site.folder)
            #expect(run.status == 2, "\(command): \(run.errors)")
            #expect(run.errors.contains(site.url(folder).path + ": tệp `bi\\xD6u."), "the file is named as it can be typed: \(run.errors)")
            #expect(run.errors.contains("tên tệp không phải chữ UTF-8") && run.errors.contains("hãy đặt lại tên tệp (EILSEQ)"), "\(run.errors)")
            #expect(!run.errors.contains("ENOENT"), "\(run.errors)")
        }
        #expect(Tree.of(site.url("public")) == published, "the published site is left as it was")
        let english = try cli.tthc(["build", "--lang", "en"], in: site.folder)
        #expect(english.errors.contains("the name is not UTF-8 text"), "\(english.errors)")
    }

    /// A file named not in UTF-8 inside the *output* (put there by hand or by a copy): the next
    /// build replaces the output whole, that file with it, and leaves nothing beside it. Removal
    /// went by names read as text, found no such file, and left `.public.building-N` at every build.
    @Test(arguments: ["", "sub/", "many/"]) func anOutputFileNamedNotInUTF8IsRemovedWithTheOldOutput(_ folder: String) throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        try FileManager.default.createDirectory(at: site.url("public/" + folder), withIntermediateDirectories: true)
        if folder == "many/" {  // more than 64 entries: removed on every core
            for index in 0..<80 { try site.write("public/many/\(index).txt", "") }
        }
        let path = Array(site.url("public/" + folder).path.utf8) + Array("/bi".utf8) + [0xD6, 0x75] + Array(".html".utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        for _ in 0..<2 {
            let run = try cli.tthc(["build"], in: site.folder)
            #expect(run.status == 0, "\(run.errors)")
            #expect(!run.errors.contains("Lưu ý"), "\(run.errors)")
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.hasPrefix(".public.") }
        #expect(beside == [".public.tthc-build"], "only the build's state is kept beside the output: \(beside)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public/" + folder).path) || folder.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: site.url("public").path)
        #expect(!names.contains { $0.hasPrefix("bi") }, "\(names)")
    }

    /// In a province too: its check reads the theme's files as its build does.
    @Test func aProvincesThemeFileNamedNotInUTF8StopsItsCheck() throws {
        let province = try TemporarySite.province()
        defer { province.remove() }
        let path = Array(province.url("templates/assets").path.utf8) + Array("/bi".utf8) + [0xD6, 0x75] + Array(".css".utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        for command in ["check", "build"] {
            let run = try cli.tthc([command], in: province.folder)
            #expect(run.status == 2, "\(command): \(run.errors)")
            #expect(run.errors.contains("(EILSEQ)"), "\(command): \(run.errors)")
        }
    }

    /// Sync too stops before writing anything, naming the file (it wrote every change, then blamed
    /// `site.yml` for its report).
    @Test func aSyncOverARecordNamedNotInUTF8WritesNothing() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let path = Array(site.url("content/thu-tuc").path.utf8) + Array("/bi".utf8) + [0xD6, 0x75] + Array(".md".utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        let before = Tree.of(site.folder)
        let run = try cli.tthc(["sync", "--catalog", Self.export, "--force"], in: site.folder)
        #expect(run.status == 2, "\(run.output)\(run.errors)")
        #expect(run.errors.contains("tên tệp không phải chữ UTF-8"), "\(run.errors)")
        #expect(!run.errors.contains("site.yml"), "\(run.errors)")
        #expect(Tree.of(site.folder) == before, "nothing written")
    }

    /// Below the command line too: a plan made over a records folder that cannot be listed plans
    /// nothing, and applying it writes nothing (never "every record is new").
    @Test func aSyncPlanOverARecordsFolderItCannotListWritesNothing() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try site.write("content/thu-tuc", "không phải thư mục")
        let (configuration, _) = SiteConfiguration.read(bytes: Array(TemporarySite.configuration.utf8))
        let sync = CatalogSync(site: site.folder, configuration: try #require(configuration), now: "2026-11-22T09:00:00+07:00")
        let plan = sync.plan(try NationalExport(data: try Data(contentsOf: Repository.fixture("export-sample.json"))))
        #expect(plan.unreadableSite == FileError(.list, site.url("content/thu-tuc").path, .notDirectory))
        #expect(plan.created.isEmpty && plan.writes.isEmpty)
        let before = Tree.of(site.folder)
        #expect(throws: FileError.self) { try sync.apply(plan) }
        #expect(Tree.of(site.folder) == before)
    }

    @Test func aFolderWhereAFileShouldBeIsNamed() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("templates/base.mustache"))
        try FileManager.default.createDirectory(at: site.url("templates/base.mustache"), withIntermediateDirectories: false)
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 2)
        #expect(build.errors.contains("không đọc được \(site.url("templates/base.mustache").path): đây là một thư mục, không phải tệp (EISDIR)"), "\(build.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))

        try FileManager.default.removeItem(at: site.url("site.yml"))
        try FileManager.default.createDirectory(at: site.url("site.yml"), withIntermediateDirectories: false)
        let check = try cli.tthc(["check", "--lang", "en"], in: site.folder)
        #expect(check.status == 2)
        #expect(check.errors.contains("cannot read \(site.url("site.yml").path): it is a folder, not a file (EISDIR)"), "\(check.errors)")

        let sync = try cli.tthc(["sync", "--catalog", site.folder.path], in: site.folder)
        #expect(sync.status == 2)
    }

    /// A change log that cannot be read is never replaced by the new lines alone.
    @Test func aChangeLogThatCannotBeReadStopsSyncBeforeAnyWrite() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.url("content/.dong-bo/nhat-ky.jsonl"), withIntermediateDirectories: true)
        let run = try cli.tthc(["sync", "--catalog", Self.export], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("\(site.url("content/.dong-bo/nhat-ky.jsonl").path): đây là một thư mục, không phải tệp (EISDIR) Không ghi gì."), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    @Test func anExportThatCannotBeReadIsNamed() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let folder = try cli.tthc(["sync", "--catalog", "/tmp"], in: site.folder)
        #expect(folder.status == 2)
        #expect(folder.errors.contains("tthc sync: không đọc được /tmp: đây là một thư mục, không phải tệp (EISDIR)"), "\(folder.errors)")
        let missing = try cli.tthc(["sync", "--catalog", "/khong-co/tep.json", "--lang", "en"], in: site.folder)
        #expect(missing.errors.contains("tthc sync: cannot read /khong-co/tep.json: no such file or folder (ENOENT)"), "\(missing.errors)")
    }

    /// An immutable record (chattr +i, where the file system has it): the sync names it and the
    /// others are still written whole; the next run completes once it can be written.
    @Test func anImmutableRecordIsNamedAndTheNextRunCompletes() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.fixture("export-sample.json"))) as? [[String: Any]] ?? []
        let renamed = original.map { entry -> [String: Any] in
            var copy = entry, data = entry["data"] as? [String: Any] ?? [:]
            data["name"] = (data["name"] as? String ?? "") + " (sửa đổi)"
            data["updatedAt"] = 1_790_000_000_000
            copy["data"] = data
            return copy
        }
        try site.write("new.json", try JSONSerialization.data(withJSONObject: renamed))
        #expect(try cli.tthc(["sync", "--catalog", Self.export], in: site.folder).status == 0)
        let record = site.url("content/thu-tuc/1.001193.md").path
        let before = try site.read("content/thu-tuc/1.001193.md")
        guard shell("chattr", "+i", record) == 0 else {
            print("SKIPPED: chattr +i is not available on this file system")
            return
        }
        defer { _ = shell("chattr", "-i", record) }
        let run = try cli.tthc(["sync", "--catalog", site.url("new.json").path], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("thành \(record): hệ thống không cho phép (tệp có thể bị khóa, chattr +i) (EPERM)"), "\(run.errors)")
        #expect(run.errors.contains("Có thể một số tệp đã được ghi (mỗi tệp trọn vẹn, không tệp nào ghi dở)"))
        #expect(try site.read("content/thu-tuc/1.001193.md") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary file left beside the records: \(leftovers)")
        _ = shell("chattr", "-i", record)
        #expect(try cli.tthc(["sync", "--catalog", site.url("new.json").path], in: site.folder).status == 0)
        #expect(try cli.tthc(["sync", "--check", "--catalog", site.url("new.json").path], in: site.folder).status == 0)
    }

    /// A full disk (a small tmpfs, mounted where the system lets root): the build names the file
    /// it could not write and the published output stays; a sync names its file too.
    @Test func aFullDiskLeavesThePublishedSiteAndSaysWhichFile() throws {
        let disk = try TemporaryFolder("o-day")
        defer { disk.remove() }
        guard shell("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path) == 0 else {
            print("SKIPPED: cannot mount a tmpfs here")
            return
        }
        defer { _ = shell("umount", disk.path) }
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let output = disk.path + "/public"
        #expect(try cli.tthc(["build", "--output", output], in: site.folder).status == 0)
        let published = Tree.of(URL(fileURLWithPath: output))
        // Fill what is left of the disk (the write stops, and throws, when it is full).
        #expect(throws: FileError(.write, disk.path + "/day", .noSpace)) { try Files.write([UInt8](repeating: 0, count: 2 << 20), to: disk.path + "/day") }
        // A record changed, so that the build has something to write (with nothing changed, it writes nothing).
        try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh (mới)"))
        let run = try cli.tthc(["build", "--output", output], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains(": ổ đĩa đã đầy (ENOSPC) Không ghi gì."), "\(run.errors)")
        #expect(run.errors.contains("tthc build: không ghi được \(disk.path)/.public.building-")
                || run.errors.contains("tthc build: không tạo được thư mục \(disk.path)/.public.building-"), "\(run.errors)")
        #expect(Tree.of(URL(fileURLWithPath: output)) == published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).sorted() == [".public.tthc-build", "day", "public"],
                "the staging folder is removed (the state of the build before stays)")
    }

    /// A site on a read-only mount: a build into a writable folder still works (it only reads the
    /// site, locked all the same); a sync says the disk is read-only.
    @Test func aReadOnlySiteIsBuiltAndNotSynchronized() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        guard let mount = try BindMount.of(site.folder, readOnly: true) else { return }
        defer { mount.remove() }
        let output = try TemporaryFolder("ra")
        defer { output.remove() }
        let build = try cli.tthc(["build", "--site", mount.path, "--output", output.path + "/web"])
        #expect(build.status == 0, "\(build.errors)")
        let sync = try cli.tthc(["sync", "--site", mount.path, "--catalog", Self.export])
        #expect(sync.status == 2)
        #expect(sync.errors.contains("tthc sync: không tạo được thư mục \(mount.path)/content/.dong-bo: ổ đĩa chỉ cho đọc (EROFS) Không ghi gì."), "\(sync.errors)")
        let public_ = try cli.tthc(["build", "--site", mount.path])
        #expect(public_.status == 2)
        #expect(public_.errors.contains("(EROFS)"), "\(public_.errors)")
    }
}
