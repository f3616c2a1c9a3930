import FileSystem
import Foundation
import Testing

/// A file replaced by write-then-rename is first written beside it under `.NAME.<pid>.tmp`. A
/// repository can hold a symbolic link of that name for every process id there is (32,768 by
/// default): the landed code opened the name with O_CREAT|O_TRUNC, so `tthc new` wrote the new
/// record into whatever the link pointed at, outside the site, and then renamed the link itself
/// into place as the record. Now the temporary is made by the write (O_EXCL, never through a link).
@Suite struct PlantedTemporaryTests {
    let cli = CommandLineTests()

    /// A link and a hard link at the very name this process would use.
    @Test(arguments: ["link", "hard link"])
    func aFilePlantedAtTheTemporaryNameIsNeverWrittenThrough(kind: String) throws {
        let folder = try TemporaryFolder("pid")
        defer { folder.remove() }
        try folder.write("victim", "giữ nguyên\n")
        let target = folder.path + "/ban-ghi.md"
        let planted = folder.path + "/.ban-ghi.md.\(getpid()).tmp"
        let made = kind == "link" ? symlink(folder.path + "/victim", planted) : link(folder.path + "/victim", planted)
        #expect(made == 0)
        try Files.replace(Array("mới\n".utf8), at: target)
        #expect(try String(contentsOfFile: folder.path + "/victim", encoding: .utf8) == "giữ nguyên\n")
        #expect(try Files.kind(target) == .file)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mới\n")
        #expect(try Files.kind(planted) == nil)
    }

    /// A folder there cannot be cleared: the replacement fails with its path and the target stays.
    @Test func aFolderAtTheTemporaryNameIsAnErrorWithItsPath() throws {
        let folder = try TemporaryFolder("pid")
        defer { folder.remove() }
        try folder.write("ban-ghi.md", "cũ\n")
        let planted = folder.path + "/.ban-ghi.md.\(getpid()).tmp"
        try FileManager.default.createDirectory(atPath: planted + "/trong", withIntermediateDirectories: true)
        #expect(throws: FileError.self) { try Files.replace(Array("mới\n".utf8), at: folder.path + "/ban-ghi.md") }
        #expect(try String(contentsOfFile: folder.path + "/ban-ghi.md", encoding: .utf8) == "cũ\n")
    }

    /// Through the command, whatever process id it gets: `tthc new` leaves the file outside the
    /// site as it was and writes a real record.
    @Test func tthcNewWritesNothingThroughALinkForAnyProcessID() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let outside = try TemporaryFolder("ngoai")
        defer { outside.remove() }
        try outside.write("authorized_keys", "ssh-ed25519 AAAA\n")
        let victim = outside.url.appendingPathComponent("authorized_keys").path
        try FileManager.default.createDirectory(at: site.url("content/thu-tuc"), withIntermediateDirectories: true)
        let highest = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 32768
        guard highest <= 1 << 16 else {
            print("SKIPPED: pid_max is \(highest), too many links to plant")
            return
        }
        let records = site.url("content/thu-tuc").path
        for pid in 1...highest { _ = symlink(victim, "\(records)/.1.000777.md.\(pid).tmp") }
        let run = try cli.tthc(["new", "1.000777"], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "ssh-ed25519 AAAA\n")
        #expect(try Files.kind(records + "/1.000777.md") == .file)
        #expect(try site.read("content/thu-tuc/1.000777.md").contains("1.000777"))
    }
}
