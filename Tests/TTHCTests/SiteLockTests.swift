import Catalog
import FileSystem
import Foundation
import Records
import Testing

/// One writer at a time in a site (`.tthc.lock`, a flock the kernel drops when its process dies):
/// two real processes syncing one site both finish, with every change-log line; a second writer
/// waits a bounded time, then stops with who holds the lock; a run killed with SIGKILL leaves the
/// lock free; clean-up removes only the staging folders of runs that are gone.
@Suite(.serialized) struct SiteLockTests {
    let cli = CommandLineTests()

    /// `count` procedures made from the fixture's (codes 1.90xxxx), named with `suffix`.
    static func export(count: Int, suffix: String = "", updatedAt: Int = 1_780_000_000_000) throws -> Data {
        let sample = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.fixture("export-sample.json"))) as? [[String: Any]] ?? []
        let entries = (0..<count).map { index -> [String: Any] in
            var entry = sample[index % sample.count]
            var data = entry["data"] as? [String: Any] ?? [:]
            data["code"] = String(format: "1.9%05d", index)
            data["name"] = (data["name"] as? String ?? "") + suffix
            data["updatedAt"] = updatedAt
            entry["data"] = data
            return entry
        }
        return try JSONSerialization.data(withJSONObject: entries)
    }

    /// A site with two exports of the same procedures beside it: `old.json` and `new.json` (renamed).
    func siteWithExports(count: Int = 90) throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("old.json", try Self.export(count: count))
        try site.write("new.json", try Self.export(count: count, suffix: " (sửa đổi)", updatedAt: 1_790_000_000_000))
        return site
    }

    func codes(_ site: TemporarySite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).map { String($0.dropLast(3)) }.sorted()
    }

    func logLines(_ site: TemporarySite) throws -> [String] {
        try site.read(ChangeLog.path).split(separator: "\n").map(String.init)
    }

    func leftovers(_ site: TemporarySite) throws -> [String] {
        let bookkeeping = (try? FileManager.default.contentsOfDirectory(atPath: site.url("content/.dong-bo").path)) ?? []
        let root = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
        return (bookkeeping.filter { $0.hasPrefix(".dang-ghi-") } + root.filter { $0 == SiteLock.fileName || ($0.hasPrefix(".public.") && !$0.hasSuffix(".tthc-build")) }).sorted()
    }

    @Test func twoSyncsOnOneSiteBothFinishAndNoChangeLogLineIsLost() throws {
        let site = try siteWithExports()
        defer { site.remove() }
        let first = try Spawned(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path, "--wait", "300"])
        let second = try Spawned(["sync", "--site", site.folder.path, "--catalog", site.url("new.json").path, "--wait", "300"])
        let (one, two) = (first.finish(), second.finish())
        #expect(one.status == 0, "\(one.errors.suffix(600))")
        #expect(two.status == 0, "\(two.errors.suffix(600))")
        // (The holder's note may not be written yet when the other looks: then it waits for "another tthc run".)
        #expect((one.errors + two.errors).contains("Đang chờ "), "the runs overlapped, one waited for the other")
        // Whichever ran first created the records, the other updated them: two lines each, none lost.
        let records = try codes(site)
        #expect(records.count == 54, "the fixture's 3 communal procedures of every 5")
        let lines = try logLines(site)
        #expect(lines.count == 2 * records.count)
        #expect(lines.filter { $0.contains("\"tao_moi\"") }.count == records.count)
        #expect(lines.filter { $0.contains("\"cap_nhat\"") }.count == records.count)
        let left = try leftovers(site)
        #expect(left.isEmpty, "\(left)")
        #expect(try cli.tthc(["check", "--site", site.folder.path]).status == 0)
        let checks = try ["old.json", "new.json"].map { try cli.tthc(["sync", "--check", "--site", site.folder.path, "--catalog", site.url($0).path]).status }
        #expect(checks.sorted() == [0, 1], "the site is exactly one of the two exports: \(checks)")
    }

    @Test func aSecondWriterWaitsForTheFirstThenProceeds() throws {
        let site = try siteWithExports(count: 3)
        defer { site.remove() }
        let held = try SiteLock.acquire(site: site.folder, command: "kiem-thu", waitingUpTo: 0)
        let waiting = try Spawned(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path, "--wait", "60"])
        #expect(waiting.waitForErrors(containing: "Đang chờ `tthc kiem-thu` (pid \(getpid())"), "\(waiting.errorsSoFar())")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty, "nothing written while waiting")
        held.release()
        let run = waiting.finish()
        #expect(run.status == 0, "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).count == 3)
        #expect(try leftovers(site).isEmpty)
    }

    /// Every writing command: exit 2 after its wait, the holder named, nothing written.
    @Test(arguments: [["sync", "--catalog", "CATALOG"], ["build"], ["new", "1.999001"], ["new", "1.900001", "--catalog", "CATALOG"]])
    func aWriterStopsAfterItsWaitAndSaysWhoHoldsTheLock(_ command: [String]) throws {
        let site = try siteWithExports(count: 3)
        defer { site.remove() }
        let held = try SiteLock.acquire(site: site.folder, command: "kiem-thu", waitingUpTo: 0)
        defer { held.release() }
        let before = Tree.of(site.folder)
        let arguments = command.map { $0 == "CATALOG" ? site.url("old.json").path : $0 } + ["--site", site.folder.path, "--wait", "0.3"]
        let run = try cli.tthc(arguments, killAfter: 60)
        #expect(run.status == 2, "\(arguments): \(run.errors)")
        #expect(run.errors.contains("`tthc kiem-thu` (pid \(getpid()), chạy từ "), "\(run.errors)")
        #expect(run.errors.contains("đang ghi vào trang này; đã chờ 0 giây"), "\(run.errors)")
        #expect(run.errors.contains("--wait N"))
        #expect(run.errors.contains("Không ghi gì."))
        #expect(Tree.of(site.folder) == before, "\(arguments) wrote while another run held the lock")
    }

    /// The lock is the site's folder, not the note: removing `.tthc.lock` under a running writer
    /// lets no second one in.
    /// The lock's note is a file tthc writes at each run: never written into what is at its name.
    /// A hard link there to `site.yml` had `site.yml` truncated to the holder's line; a pipe there
    /// held every writing command at the open. Now the note replaces a hard link's name (the
    /// other name keeps its content) and leaves a pipe, a folder or a link alone.
    @Test(arguments: ["hard link to site.yml", "pipe", "folder", "link to site.yml"])
    func theLockNoteNeverWritesIntoAnotherFile(kind: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let note = site.url(SiteLock.fileName).path
        let configuration = try site.read("site.yml")
        switch kind {
        case "pipe": #expect(mkfifo(note, 0o644) == 0)
        case "folder": try FileManager.default.createDirectory(atPath: note, withIntermediateDirectories: false)
        case "link to site.yml": try FileManager.default.createSymbolicLink(atPath: note, withDestinationPath: "site.yml")
        default: try FileManager.default.linkItem(atPath: site.url("site.yml").path, toPath: note)
        }
        let build = try cli.tthc(["build", "--site", site.folder.path, "--output", site.url("public").path], killAfter: 60)
        #expect(!build.timedOut && build.status == 0, "\(build.errors)")
        #expect(try site.read("site.yml") == configuration, "site.yml as it was")
        #expect(try FileManager.default.attributesOfItem(atPath: site.url("site.yml").path)[.referenceCount] as? Int == 1 || kind != "hard link to site.yml")
        let left = try Files.kind(note)
        #expect(left == (kind == "pipe" ? .other : kind == "folder" ? .folder : kind == "link to site.yml" ? .link : nil), "\(String(describing: left))")
    }

    @Test func removingTheNoteDoesNotFreeTheLock() throws {
        let site = try siteWithExports(count: 3)
        defer { site.remove() }
        let held = try SiteLock.acquire(site: site.folder, command: "kiem-thu", waitingUpTo: 0)
        defer { held.release() }
        try FileManager.default.removeItem(at: site.url(SiteLock.fileName))
        let run = try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path, "--wait", "0.2"])
        #expect(run.status == 2)
        #expect(run.errors.contains("một lệnh tthc khác đang ghi vào trang này"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    @Test(arguments: ["-1", "nan", "inf", "mot-phut"])
    func aWaitThatIsNotSecondsIsRefused(_ wait: String) throws {
        let site = try siteWithExports(count: 3)
        defer { site.remove() }
        let run = try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path, "--wait", wait])
        #expect(run.status == 2)
        #expect(run.errors.contains("--wait"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).isEmpty)
    }

    @Test func anInitIntoAFolderBeingInitializedWaitsThenRefuses() throws {
        let folder = try TemporaryFolder("init")
        defer { folder.remove() }
        let held = try SiteLock.acquire(site: folder.url, command: "init", waitingUpTo: 0)
        let run = try cli.tthc(["init", folder.path, "--wait", "0.2"])
        #expect(run.status == 2)
        #expect(run.errors.contains("`tthc init` (pid \(getpid())"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [SiteLock.fileName])
        held.release()
        #expect(try cli.tthc(["init", folder.path, "--wait", "0"]).status == 0)
        #expect(try String(contentsOf: folder.url.appendingPathComponent(".gitignore"), encoding: .utf8).contains("\n\(SiteLock.fileName)\n"),
                "a new site never commits the lock file")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(SiteLock.fileName).path))
    }

    @Test func aRunKilledWhileHoldingTheLockLeavesItFreeForTheNext() throws {
        let site = try siteWithExports(count: 150)
        defer { site.remove() }
        let killed = try Spawned(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path])
        let lockFile = site.url(SiteLock.fileName).path
        let deadline = Date().addingTimeInterval(60)
        var staging: String?
        // Killed once it holds the lock and has its staging folder.
        while Date() < deadline, killed.isRunning {
            let holder = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
            let names = (try? FileManager.default.contentsOfDirectory(atPath: site.url("content/.dong-bo").path)) ?? []
            staging = names.first { $0 == ".dang-ghi-\(killed.pid)" }
            if holder.hasPrefix("\(killed.pid)\tsync\t"), staging != nil { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(killed.pid, SIGKILL)
        _ = killed.finish()
        try #require(staging != nil, "the run was killed while it held the lock")
        #expect(FileManager.default.fileExists(atPath: lockFile), "SIGKILL ran no clean-up: the file stays, the lock does not")

        let next = try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path, "--wait", "0"], killAfter: 120)
        #expect(next.status == 0, "\(next.errors.suffix(600))")
        #expect(!next.errors.contains("Đang chờ"))
        let left = try leftovers(site)
        #expect(left.isEmpty, "the killed run's staging folder is removed: \(left)")
        #expect(try cli.tthc(["sync", "--check", "--site", site.folder.path, "--catalog", site.url("old.json").path]).status == 0)
    }

    /// A staging folder is removed only when no living process holds it, whatever the process id
    /// in its name says (reused, or another container's); a link is never followed.
    @Test func cleanUpRemovesOnlyTheFoldersOfRunsThatAreGone() throws {
        let site = try siteWithExports(count: 3)
        defer { site.remove() }
        let outside = try TemporaryFolder("ngoai")
        defer { outside.remove() }
        try outside.write("giu-lai.txt", "không được xóa")
        try site.write("content/.dong-bo/.dang-ghi-1/content/thu-tuc/1.900000.md", "một lần chạy đã bị dừng")
        try site.write(".public.building-1/index.html", "một lần tạo trang đã bị dừng")
        let live = try LockedFolder.make(site.url("content/.dong-bo").path + "/.dang-ghi-\(getpid())")
        let liveBuild = try LockedFolder.make(site.folder.path + "/.public.building-999999")
        defer {
            live.remove()
            liveBuild.remove()
        }
        try Data("đang ghi".utf8).write(to: URL(fileURLWithPath: live.path + "/dang-ghi.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.url("content/.dong-bo/.dang-ghi-2").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: site.url(".public.building-2").path, withDestinationPath: outside.path)

        #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path]).status == 0)
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.url("content/.dong-bo/.dang-ghi-1").path))
        #expect(!FileManager.default.fileExists(atPath: site.url(".public.building-1").path))
        #expect(try String(contentsOfFile: live.path + "/dang-ghi.txt", encoding: .utf8) == "đang ghi", "a live run's folder is kept")
        #expect(FileManager.default.fileExists(atPath: liveBuild.path))
        #expect(Tree.of(outside.url) == ["giu-lai.txt": "file không được xóa"], "nothing removed through a link")
    }

    /// A build and a sync started together: the build reads the site before or after the sync,
    /// never in the middle, so every page is of one version.
    @Test func aBuildAndASyncRacingPublishOneVersionOfTheSite() throws {
        let site = try siteWithExports()
        defer { site.remove() }
        #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path]).status == 0)
        for round in 0..<2 {
            let export = round == 0 ? "new.json" : "old.json"
            let sync = try Spawned(["sync", "--site", site.folder.path, "--catalog", site.url(export).path, "--wait", "300"])
            let build = try Spawned(["build", "--site", site.folder.path, "--wait", "300"])
            let (synced, built) = (sync.finish(), build.finish())
            #expect(synced.status == 0, "\(synced.errors.suffix(400))")
            #expect(built.status == 0, "\(built.errors.suffix(400))")
            let pages = try codes(site).map { try site.read("public/thu-tuc/\($0)/index.html") }
            let renamed = pages.filter { $0.contains("(sửa đổi)</h1>") }.count
            #expect(pages.count == 54)
            #expect(renamed == 0 || renamed == pages.count, "a build saw a half-synchronized site: \(renamed) of \(pages.count) renamed")
        }
        #expect(try leftovers(site).isEmpty)
    }
}

/// A `tthc` process started and left running, its standard error going to a file.
final class Spawned {
    let process = Process()
    let errorsFile: URL

    init(_ arguments: [String]) throws {
        errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-spawned-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorsFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func errorsSoFar() -> String {
        (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
    }

    /// Waits (at most a minute) until standard error holds `text`.
    func waitForErrors(containing text: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if errorsSoFar().contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Waits for the end (killed after ten minutes: a hang).
    func finish() -> (status: Int32, errors: String) {
        let deadline = Date().addingTimeInterval(600)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: errorsFile) }
        return (process.terminationStatus, errorsSoFar())
    }
}
