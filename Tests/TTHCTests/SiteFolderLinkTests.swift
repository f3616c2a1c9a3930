import Foundation
import Compliance
import Records
import Testing

/// Every folder tthc reads or writes (`content/`, `content/thu-tuc/`, `content/.dong-bo/` and its
/// `co-so/`, `templates/` and `templates/assets/`, `site.yml`, the lock) must lead to a place
/// inside the site. A symbolic link out is `outside-site`: reported (a diagnostic in `check` and
/// `build`, exit 2 where there is no report), never read, never written.
@Suite struct SiteFolderLinkTests {
    let cli = CommandLineTests()
    static let export = Repository.fixture("export-sample.json").path
    static let secret = "BÍ MẬT NGOÀI TRANG"

    /// A folder elsewhere on the machine holding a record whose name must never be shown or published.
    func outsideFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("ngoai-trang")
        try folder.write("thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(Self.secret)"))
        try folder.write("nhat-ky.jsonl", "{\"ngay\":\"2026-01-01T00:00:00+07:00\",\"ma\":\"1.001193\",\"thay_doi\":\"tao_moi\"}\n")
        try folder.write("co-so/ghi-chu.txt", Self.secret)
        try folder.write("base.mustache", Self.secret)
        try folder.write("style.css", Self.secret)
        return folder
    }

    /// Replaces `path` in the site by a link to `target`.
    func link(_ site: TemporarySite, _ path: String, to target: String) throws {
        try? FileManager.default.removeItem(at: site.url(path))
        try FileManager.default.createDirectory(at: site.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: target)
    }

    func expectNotLeaked(_ run: CommandLineTests.Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!(run.output + run.errors).contains(Self.secret), "read through the link", sourceLocation: sourceLocation)
    }

    /// `check` and `build` report the folder, read nothing in it and write nothing; `sync` refuses.
    @Test(arguments: [("content/thu-tuc", "thu-tuc"), ("content", "")])
    func aRecordsFolderLinkedOutIsReportedNotRead(_ path: String, _ target: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        try link(site, path, to: outside.path + (target.isEmpty ? "" : "/" + target))
        let before = Tree.of(outside.url)
        let check = try cli.tthc(["check"], in: site.folder)
        #expect(check.status == 1)
        #expect(check.output.contains("\(path):1:1: lỗi [outside-site]"), "\(check.output)")
        expectNotLeaked(check)
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 1)
        expectNotLeaked(build)
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        let sync = try cli.tthc(["sync", "--catalog", Self.export], in: site.folder)
        #expect(sync.status == 2)
        #expect(sync.errors.contains("tthc sync: \(path) dẫn tới \(outside.url.resolvingSymlinksInPath().path)"), "\(sync.errors)")
        #expect(sync.errors.contains("Không ghi gì."))
        #expect(Tree.of(outside.url) == before, "sync wrote through the link")
        let english = try cli.tthc(["sync", "--catalog", Self.export, "--lang", "en"], in: site.folder)
        #expect(english.errors.contains("outside the site folder (a symbolic link); tthc reads and writes nothing outside the site"), "\(english.errors)")
    }

    @Test(arguments: ["content/.dong-bo", "content/.dong-bo/co-so"])
    func syncBookkeepingLinkedOutIsRefused(_ path: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        try link(site, path, to: outside.path + (path.hasSuffix("co-so") ? "/co-so" : ""))
        let before = Tree.of(outside.url)
        let sync = try cli.tthc(["sync", "--catalog", Self.export], in: site.folder)
        #expect(sync.status == 2)
        #expect(sync.errors.contains("tthc sync: \(path) dẫn tới"), "\(sync.errors)")
        #expect(Tree.of(outside.url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty, "no record written either")
        let new = try cli.tthc(["new", "1.001193", "--catalog", Self.export], in: site.folder)
        #expect(new.status == 2)
        #expect(Tree.of(outside.url) == before)
        if path == "content/.dong-bo" {
            // The change log there is not read for the home page or the feed.
            let check = try cli.tthc(["check"], in: site.folder)
            #expect(check.status == 1)
            #expect(check.output.contains("content/.dong-bo:1:1: lỗi [outside-site]"), "\(check.output)")
        }
    }

    /// Templates and assets: a link out would publish a file of the machine as an asset.
    @Test(arguments: [("templates", ""), ("templates/assets", ""), ("templates/assets/style.css", "/style.css"),
                      ("templates/base.mustache", "/base.mustache")])
    func aThemeLinkedOutIsNotReadNorPublished(_ path: String, _ target: String) throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        try link(site, path, to: outside.path + target)
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 2, "\(build.errors)")
        #expect(build.errors.contains("tthc build: \(path) dẫn tới"), "\(build.errors)")
        expectNotLeaked(build)
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    @Test func aSiteConfigurationLinkedOutIsNotQuoted() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        try outside.write("site.yml", "ten_don_vi: \(Self.secret)\nkhoa_bi_mat: \(Self.secret)\n")
        try link(site, "site.yml", to: outside.path + "/site.yml")
        for command in [["check"], ["build"], ["sync", "--catalog", Self.export], ["new", "1.001193"]] {
            let run = try cli.tthc(command, in: site.folder)
            #expect(run.status == 2, "\(command): \(run.errors)")
            #expect(run.errors.contains("site.yml dẫn tới"), "\(command): \(run.errors)")
            expectNotLeaked(run)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    /// The lock file, the change log and staging folders are never followed either.
    @Test func bookkeepingFilesThatAreLinksAreNotFollowed() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        // The lock is on the site's folder; its note is not written through a link planted in its place.
        try link(site, SiteLock.fileName, to: outside.path + "/nhat-ky.jsonl")
        let before = Tree.of(outside.url)
        let locked = try cli.tthc(["sync", "--catalog", Self.export], in: site.folder)
        #expect(locked.status == 0, "\(locked.errors)")
        #expect(Tree.of(outside.url) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.url(SiteLock.fileName).path) == outside.path + "/nhat-ky.jsonl",
                "a link tthc did not make is left as it is")
        try FileManager.default.removeItem(at: site.url(SiteLock.fileName))
        try FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try FileManager.default.createDirectory(at: site.url("content/thu-tuc"), withIntermediateDirectories: false)

        // The change log linked out is reported like a record linked out; linked anywhere, it is not followed.
        try link(site, ChangeLog.path, to: outside.path + "/nhat-ky.jsonl")
        let logged = try cli.tthc(["check"], in: site.folder)
        #expect(logged.status == 1)
        #expect(logged.output.contains("content/.dong-bo/nhat-ky.jsonl:1:1: lỗi [outside-site] Tệp này là liên kết tắt"), "\(logged.output)")
        let synced = try cli.tthc(["sync", "--catalog", Self.export], in: site.folder)
        #expect(synced.status == 2)
        #expect(Tree.of(outside.url) == before)
        try site.write("content/.dong-bo/cu.jsonl", "")
        try link(site, ChangeLog.path, to: "cu.jsonl")
        let inside = try cli.tthc(["check"], in: site.folder)
        #expect(inside.status == 2)
        #expect(inside.errors.contains("nhat-ky.jsonl: là một liên kết tắt (symlink) hoặc vòng liên kết, không được đi theo (ELOOP)"), "\(inside.errors)")
    }

    /// The reports kept at each sync (`content/.dong-bo/bao-cao.jsonl`) are read like the change log:
    /// linked out, an `outside-site` error, and the trend of a file elsewhere is never drawn on
    /// `/bao-cao/`; a folder in its place is an error that names it, never an empty history.
    @Test func theReportHistoryLinkedOutIsNotReadNorPublished() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let outside = try outsideFolder()
        defer { outside.remove() }
        let line = { (day: Int, rate: Double) in
            "{\"ngay\":\"2026-11-0\(day)T09:00:00+07:00\",\"chi_so\":[{\"ma\":\"day_du\",\"tu_so\":1,\"mau_so\":1,\"ti_le\":\(rate)}]}\n"
        }
        try outside.write("bao-cao.jsonl", line(1, 0.5) + line(2, 0.25))
        try link(site, ReportHistory.path, to: outside.path + "/bao-cao.jsonl")
        let check = try cli.tthc(["check"], in: site.folder)
        #expect(check.status == 1, "\(check.output)")
        #expect(check.output.contains("content/.dong-bo/bao-cao.jsonl:1:1: lỗi [outside-site]"), "\(check.output)")
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 1, "\(build.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path), "a trend read through the link was published")
        let report = try cli.tthc(["bao-cao"], in: site.folder)
        #expect(report.status == 2)
        #expect(report.errors.contains("content/.dong-bo/bao-cao.jsonl:1:1: lỗi [outside-site]"), "\(report.errors)")
        #expect(!report.errors.contains("bảng chỉ số có lỗi"), "the table is not what is wrong: \(report.errors)")

        try FileManager.default.removeItem(at: site.url(ReportHistory.path))
        try FileManager.default.createDirectory(at: site.url(ReportHistory.path), withIntermediateDirectories: false)
        let folder = try cli.tthc(["build"], in: site.folder)
        #expect(folder.status == 2)
        #expect(folder.errors.contains("tthc build: không đọc được \(site.url(ReportHistory.path).path): đây là một thư mục, không phải tệp (EISDIR)"),
                "\(folder.errors)")
        let english = try cli.tthc(["bao-cao", "--lang", "en"], in: site.folder)
        #expect(english.status == 2)
        #expect(english.errors.contains("bao-cao.jsonl: it is a folder, not a file (EISDIR)"), "\(english.errors)")
    }

    /// Links that stay inside the site are the unit's own arrangement, and work.
    @Test func linksThatStayInsideTheSiteAreFollowed() throws {
        let site = try TemporarySite("-- chung/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        try link(site, "content/thu-tuc", to: "../chung/thu-tuc")
        try FileManager.default.moveItem(at: site.url("templates"), to: site.url("giao-dien"))
        try link(site, "templates", to: "giao-dien")
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/thu-tuc/1.001193/index.html").path))
        #expect(try cli.tthc(["sync", "--catalog", Self.export], in: site.folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.url("chung/thu-tuc/1.115563.md").path), "written where the link leads, inside the site")
    }
}
