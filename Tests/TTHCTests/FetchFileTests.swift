import FileSystem
import Foundation
import Testing

/// A fetch replaces only what it wrote itself: any other file at the export's place or beside it
/// is refused (exit 2) before a single request, and left as it was.
@Suite(.serialized) struct FetchFileTests {
    let run = Fetcher()

    /// The export named by --out, and what must be true of it after a refused run.
    func expectRefused(_ site: TemporarySite, _ portal: ReplayPortal, out: String? = nil, _ message: String,
                       journalWasThere: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let extra = out.map { ["--out", site.url($0).path] } ?? []
        let refused = try run.fetch(site, portal, extra)
        #expect(refused.status == 2, "\(refused.errors)", sourceLocation: sourceLocation)
        #expect(refused.errors.contains(message), "\(refused.errors)", sourceLocation: sourceLocation)
        #expect(try portal.stats().requests == 0, "refused before asking the portal anything", sourceLocation: sourceLocation)
        let journal = (out ?? Fetcher.export) + ".dang-tai"
        #expect(FileManager.default.fileExists(atPath: site.url(journal).path) == journalWasThere,
                "no journal left behind", sourceLocation: sourceLocation)
    }

    @Test func aFileThatIsNotAnExportOfFetchIsNeverOverwritten() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let mine = "[{\"code\": \"OK\", \"data\": {\"id\": \"x\"}}]\n"
        try site.write("xuat.json", mine)
        try expectRefused(site, portal, out: "xuat.json", "không phải do tthc fetch ghi")
        #expect(try site.read("xuat.json") == mine)
        // Even JSON Lines of envelopes, like ours, without our state beside it.
        try site.write(Fetcher.export, #"{"code":"OK","data":{"id":"x"},"message":"OK"}"# + "\n")
        try expectRefused(site, portal, "không phải do tthc fetch ghi")
    }

    @Test func anExportEditedSinceFetchWroteItIsNotOverwritten() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        try portal.resetStats()
        let edited = try #require(Fetcher.bytes(site)) + Data(#"{"code":"OK","data":{"id":"them-tay"}}"#.utf8) + Data([0x0A])
        try site.write(Fetcher.export, edited)
        try expectRefused(site, portal, "đã bị sửa sau lần tthc fetch trước")
        #expect(Fetcher.bytes(site) == edited)
    }

    /// A checkout that turned LF into CRLF (Windows, core.autocrlf) has not edited the export.
    @Test func anExportWithCRLFLineEndsIsStillOurs() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let bytes = try #require(Fetcher.bytes(site))
        var crlf = Data()
        for byte in bytes {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        try site.write(Fetcher.export, crlf)
        let again = try run.fetch(site, portal)
        #expect(again.status == 0, "\(again.errors)")
        #expect(Fetcher.bytes(site) == bytes, "written again as fetch writes it")
    }

    @Test func aLinkAFolderOrAPipeInItsPlaceIsNeitherReadNorReplaced() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("elsewhere.jsonl", "giữ nguyên\n")
        try FileManager.default.createDirectory(at: site.url("content/.dong-bo"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.url(Fetcher.export), withDestinationURL: site.url("elsewhere.jsonl"))
        try expectRefused(site, portal, "không phải một tệp thường")
        #expect(try site.read("elsewhere.jsonl") == "giữ nguyên\n")

        try FileManager.default.createDirectory(at: site.url("thu-muc.jsonl"), withIntermediateDirectories: true)
        try expectRefused(site, portal, out: "thu-muc.jsonl", "không phải một tệp thường")

        #expect(mkfifo(site.url("ong.jsonl").path, 0o644) == 0)
        try expectRefused(site, portal, out: "ong.jsonl", "không phải một tệp thường")
    }

    /// Not among the records (it would be read as one), the theme, or the built site (wiped by a build).
    @Test(arguments: ["content/thu-tuc/1.000001.md", "content/thu-tuc/xuat.jsonl", "templates/x.jsonl", "public/x.jsonl"])
    func anExportAmongOtherCommandsFilesIsRefused(out: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try expectRefused(site, portal, out: out, "Không ghi tệp xuất vào")
        #expect(Fetcher.bytes(site, out) == nil)
    }

    /// `content/.dong-bo` linked to a folder elsewhere: refused as sync refuses it, nothing written there.
    @Test func aStateFolderLinkedOutOfTheSiteIsRefused() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try TemporaryFolder("dong-bo")
        defer { outside.remove() }
        try FileManager.default.createDirectory(at: site.url("content"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.url("content/.dong-bo"), withDestinationURL: outside.url)
        try expectRefused(site, portal, "nằm ngoài thư mục trang")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    /// The merge bases are sync's, and a link leading into the records is the records.
    @Test(arguments: ["content/.dong-bo/co-so/x.jsonl", "lien-ket/x.jsonl"])
    func anExportAmongSyncsFilesOrThroughALinkIsRefused(out: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.url("content/thu-tuc"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.url("lien-ket").path, withDestinationPath: "content/thu-tuc")
        try expectRefused(site, portal, out: out, "Không ghi tệp xuất vào")
        #expect(Fetcher.bytes(site, out) == nil)
    }

    /// Every name tthc keeps in a site for something else (`OwnPlaces`), as `--out`, whether it
    /// exists or not, spelt straight or through a link: refused (exit 2) with what the place is,
    /// before any request, and not one file of the site made, changed or removed.
    @Test(arguments: [".tthc.lock", Fetcher.export + ".dang-tai", Fetcher.export + ".trang-thai.jsonl", "content/.dong-bo/nhat-ky.jsonl",
                      "content/.dong-bo/tep.tsv", "content/.dong-bo/bao-cao.jsonl", "chi-so.yml", "site.yml", "tinh.yml", ".gitignore",
                      ".git/config", ".github/workflows/tthc.yml", ".vscode/tasks.json", "content/.dong-bo/.dang-ghi-4242",
                      ".xuat.jsonl.4242.tmp", ".public.building-4242", "khac/.tthc-output", "khac/.tthc.lock", "goc/.tthc.lock",
                      "goc/site.yml", "khoa", "www/xuat.jsonl", "don-vi/xa-a/thu-tuc/xuat.jsonl", "don-vi/xa-a/site.yml"])
    func everyPlaceTthcKeepsIsRefusedAsTheExport(out: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("goc").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: site.url("khoa").path, withDestinationPath: ".tthc.lock")
        try site.write("www/.tthc-output", "tthc build: thư mục này do tthc tạo ra\n")
        try site.write(".git/config", "[core]\n")
        func files() -> [String: Data] {
            var all: [String: Data] = [:]
            for path in FileManager.default.subpaths(atPath: site.folder.path) ?? [] {
                all[path] = (try? Files.kind(site.url(path).path)) == .file ? (try? Data(contentsOf: site.url(path))) ?? Data() : Data("·".utf8)
            }
            return all
        }
        let before = files()
        let refused = try run.fetch(site, portal, ["--out", site.url(out).path])
        #expect(refused.status == 2, "\(refused.errors)")
        #expect(refused.errors.contains("Không ghi tệp xuất vào ") && refused.errors.contains(": đó là "), "\(refused.errors)")
        #expect(try portal.stats().requests == 0)
        #expect(files() == before, "nothing of the site made, changed or removed")
    }

    /// The refusal says which place, why tthc keeps it and what to type instead, in both languages.
    @Test(arguments: [("public/x.jsonl", "vi", "Không ghi tệp xuất vào public/: đó là thư mục trang đã tạo: mỗi lần tthc build xoá và tạo lại cả thư mục này, nên tệp để trong đó sẽ mất."),
                      (".tthc.lock", "vi", "Không ghi tệp xuất vào .tthc.lock: đó là tệp khoá của trang: trong lúc một lệnh tthc ghi vào trang"),
                      ("content/.dong-bo/co-so/x.jsonl", "en", "The export is not written at content/.dong-bo/co-so/: it is tthc sync's merge bases (co-so): tthc sync keeps there")])
    func theRefusalSaysWhichPlaceWhyAndWhatToDoInstead(out: String, language: String, says: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let refused = try run.fetch(site, portal, ["--out", site.url(out).path, "--lang", language])
        #expect(refused.status == 2)
        #expect(refused.errors.contains(says), "\(refused.errors)")
        #expect(refused.errors.contains(language == "vi" ? "Hãy bỏ --out để tthc fetch ghi vào chỗ mặc định (content/.dong-bo/csdl-quoc-gia.jsonl)"
                                                         : "Leave out --out so that tthc fetch writes to its default place"), "\(refused.errors)")
    }

    /// A records folder that cannot be listed is never taken for a site without records (the
    /// procedures only the records keep in the export would leave it, and sync abolish them).
    @Test func aRecordsFolderThatCannotBeListedStopsTheRunWithItsPath() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try? FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try site.write("content/thu-tuc", "không phải thư mục")
        try expectRefused(site, portal, "\(site.url("content/thu-tuc").path): một phần của đường dẫn là tệp, không phải thư mục (ENOTDIR)")
        let english = try run.fetch(site, portal, ["--lang", "en"])
        #expect(english.errors.contains("cannot list the folder \(site.url("content/thu-tuc").path)"), "\(english.errors)")
    }

    /// `--out content/.dong-bo/` (meaning "into that folder") was written as a file named
    /// `content/.dong-bo`, which sync then refused as its state folder; without the slash, or
    /// naming another of the site's folders before it exists, the same. Nothing is made there.
    @Test(arguments: [("content/.dong-bo/", "Không ghi tệp xuất vào content/.dong-bo/"), ("khac/", "khac/ là một thư mục"),
                      ("content/.dong-bo", "Không ghi tệp xuất vào content/.dong-bo/"), ("public", "Không ghi tệp xuất vào public/"),
                      ("content", "Không ghi tệp xuất vào content/")])
    func anExportInThePlaceOfAFolderIsRefused(out: String, message: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try? FileManager.default.removeItem(at: site.url("content/.dong-bo"))
        let before = try FileManager.default.contentsOfDirectory(atPath: site.url("content").path).sorted()
        let refused = try run.fetch(site, portal, ["--out", site.folder.path + "/" + out])
        #expect(refused.status == 2, "\(refused.errors)")
        #expect(refused.errors.contains(message), "\(refused.errors)")
        #expect(try portal.stats().requests == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content").path).sorted() == before)
        #expect(try Files.kind(site.url(out).path) == nil || out == "content")
    }

    @Test func aStateOrJournalThatIsNotFetchsIsRefused() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("a.jsonl.trang-thai.jsonl", "{\"khac\": 1}\n")
        try expectRefused(site, portal, out: "a.jsonl", "không phải tệp trạng thái của tthc fetch")
        #expect(try site.read("a.jsonl.trang-thai.jsonl") == "{\"khac\": 1}\n")

        try site.write("keep.jsonl.dang-tai", "ghi chú của tôi\n")
        try expectRefused(site, portal, out: "keep.jsonl", "không phải nhật ký của tthc fetch", journalWasThere: true)
        #expect(try site.read("keep.jsonl.dang-tai") == "ghi chú của tôi\n")
    }

    /// The journal is appended to and cut in place, so it is never opened through another name: a
    /// hard link planted there (to an empty file of the user's, to `site.yml`) is refused with what
    /// to do, a pipe or a folder there is not the journal; nothing is asked, nothing written.
    @Test(arguments: ["empty", "site.yml", "pipe", "folder"])
    func aJournalThatIsAnotherFileIsNeverWrittenThrough(kind: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let journal = site.url(Fetcher.export + ".dang-tai").path
        try FileManager.default.createDirectory(at: site.url("content/.dong-bo"), withIntermediateDirectories: true)
        let other = kind == "empty" ? "cua-toi.txt" : "site.yml"
        if kind == "empty" { try site.write(other, "") }
        let before = try site.read(other)
        switch kind {
        case "pipe": #expect(mkfifo(journal, 0o644) == 0)
        case "folder": try FileManager.default.createDirectory(atPath: journal, withIntermediateDirectories: false)
        default: try FileManager.default.linkItem(atPath: site.url(other).path, toPath: journal)
        }
        let refused = try run.fetch(site, portal, killAfter: 30)
        #expect(!refused.timedOut && refused.status == 2, "\(refused.errors)")
        let said = kind == "pipe" || kind == "folder" ? "không phải nhật ký của tthc fetch" : "liên kết cứng, hard link"
        #expect(refused.errors.contains(said), "\(refused.errors)")
        #expect(try portal.stats().requests == 0)
        #expect(try site.read(other) == before, "the other name's file is as it was")
        #expect(try Files.kind(journal) != nil, "what is there stays there")
        #expect(Fetcher.bytes(site) == nil, "no export made")
    }

    @Test func aDamagedStateIsReportedAtItsLine() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        try portal.resetStats()
        var lines = try site.read(Fetcher.state).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = "{\"id\": \"cắt"
        try site.write(Fetcher.state, lines.joined(separator: "\n"))
        let export = Fetcher.bytes(site)
        try expectRefused(site, portal, "bị hỏng ở dòng 3")
        #expect(Fetcher.bytes(site) == export)
    }

    /// Two fetches of one export at once: the second is refused while the first runs.
    @Test func aSecondFetchOfTheSameExportIsRefusedWhileOneRuns() throws {
        guard let slow = try run.replay(latency: 0.2) else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let first = Process()
        first.executableURL = CommandLineTests.executable
        first.arguments = ["fetch", "--site", site.folder.path, "--api", slow.api, "--delay", "0"]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, ((try? slow.stats().detail) ?? 0) < 1 { Thread.sleep(forTimeInterval: 0.02) }
        let second = try run.fetch(site, slow)
        #expect(second.status == 2)
        #expect(second.errors.contains("Một lần tthc fetch khác đang ghi"), "\(second.errors)")
    }

    /// Options that would press on the portal, or that name no API, are refused before anything runs.
    @Test(arguments: [["--concurrency", "4"], ["--concurrency", "0"], ["--delay", "-1"], ["--timeout", "0"], ["--retries", "11"],
                      ["--retry-wait", "-2"], ["--recheck-days", "0"], ["--api", "ftp://dichvucong.gov.vn"],
                      ["--api", "dichvucong.gov.vn"], ["--api", "https://dichvucong.gov.vn/?x=1"]])
    func anOptionOutOfBoundsIsRefused(option: [String]) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let refused = try run.cli.tthc(["fetch", "--site", site.folder.path] + option + (option[0] == "--api" ? [] : ["--api", "http://127.0.0.1:9"]))
        #expect(refused.status == 2, "\(option): \(refused.errors)")
        #expect(refused.errors.contains(option[0]), "\(refused.errors)")
        #expect(Fetcher.bytes(site) == nil)
    }
}
