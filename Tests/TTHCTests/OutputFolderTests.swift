import FileSystem
import Foundation
import Site
import Testing

/// `tthc build` replaces its output folder whole, so it refuses every folder that is not its own
/// to replace: the site, a parent of it, `content/`, `templates/`, another site, a file, a folder
/// of other files (unless `--force`), each compared where it really leads. Refused: exit 2,
/// a sentence saying why and what to do, and nothing touched.
@Suite struct OutputFolderTests {
    let cli = CommandLineTests()

    func site() throws -> TemporarySite {
        try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
    }

    /// Runs `tthc build` with `arguments` in the site's folder and checks the refusal: exit 2, the
    /// reason in the message, and the site (and `beside`, if given) exactly as before.
    func expectRefused(_ arguments: [String], in site: TemporarySite, saying reason: String, beside: URL? = nil,
                       environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = Tree.of(site.folder), besideBefore = beside.map(Tree.of)
        let run = try cli.tthc(["build"] + arguments, in: site.folder, environment: environment, killAfter: 60)
        #expect(run.status == 2, "\(arguments): \(run.errors)", sourceLocation: sourceLocation)
        #expect(run.errors.contains(reason), "\(arguments): \(run.errors)", sourceLocation: sourceLocation)
        #expect(run.errors.contains("Không ghi gì") || run.errors.contains("Nothing written"), "\(run.errors)", sourceLocation: sourceLocation)
        #expect(Tree.of(site.folder) == before, "\(arguments) touched the site", sourceLocation: sourceLocation)
        if let beside { #expect(Tree.of(beside) == besideBefore, "\(arguments) touched \(beside.path)", sourceLocation: sourceLocation) }
    }

    /// `SITE` stands for the site's folder name, `ABSOLUTE` for its full path.
    @Test(arguments: [".", "./", "content/..", "templates/../.", "../SITE/", "ABSOLUTE", "nothing-here/../."])
    func theSiteItselfIsRefusedHoweverSpelled(_ output: String) throws {
        let site = try site()
        defer { site.remove() }
        let spelled = output.replacingOccurrences(of: "SITE", with: site.folder.lastPathComponent)
            .replacingOccurrences(of: "ABSOLUTE", with: site.folder.path)
        try expectRefused(["--output", spelled], in: site, saying: "đây là chính thư mục trang")
        try expectRefused(["--output", spelled, "--force"], in: site, saying: "đây là chính thư mục trang")
    }

    @Test func aParentOfTheSiteIsRefusedEvenWithForce() throws {
        let site = try site()
        defer { site.remove() }
        for output in ["..", "../", "/", "//", site.folder.deletingLastPathComponent().path] {
            try expectRefused(["--output", output, "--force"], in: site, saying: "thư mục này chứa trang")
        }
    }

    @Test func foldersTheBuildReadsAreRefused() throws {
        let site = try site()
        defer { site.remove() }
        for output in ["content", "content/thu-tuc", "content/.dong-bo/moi", "templates", "templates/assets", "./templates/../content/x"] {
            try expectRefused(["--output", output, "--force"], in: site, saying: "nơi tthc đọc")
        }
        let run = try cli.tthc(["build", "--output", "templates", "--lang", "en"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("this folder is inside the site's templates/, which tthc reads templates from"), "\(run.errors)")
    }

    /// What tthc keeps in the site for something else (`OwnPlaces`): the nightly workflow `tthc
    /// init` writes, the editor settings, the repository, the build's marker. `--force` once replaced
    /// `.github/` whole with the built pages, the workflow gone.
    @Test(arguments: [(".github", "thư mục quy trình GitHub Actions"), (".github/workflows", "thư mục quy trình GitHub Actions"),
                      (".vscode", "thư mục cài đặt VS Code của trang"), (".git", "kho git của trang"), (".tthc-output", "dấu của thư mục trang đã tạo")])
    func whatTthcKeepsInTheSiteIsRefusedEvenWithForce(output: String, says: String) throws {
        let site = try site()
        defer { site.remove() }
        try site.write(".github/workflows/tthc.yml", "name: tthc\n")
        try site.write(".vscode/tasks.json", "{}\n")
        try site.write(".git/HEAD", "ref: refs/heads/main\n")
        for force in [[], ["--force"]] {
            try expectRefused(["--output", output] + force, in: site, saying: says)
        }
        try expectRefused(["--output", output, "--force"], in: site, saying: "kể cả với --force")
    }

    @Test func anEmptyOutputNameIsRefused() throws {
        let site = try site()
        defer { site.remove() }
        for output in ["", " ", "\n"] {
            try expectRefused(["--output", output], in: site, saying: "tên thư mục kết quả trống")
        }
    }

    @Test func aFileIsNotAnOutputFolder() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("ghi-chu.txt", "ghi chú của cán bộ\n")
        for output in ["site.yml", "ghi-chu.txt", "/dev/null", "./ghi-chu.txt/"] {
            try expectRefused(["--output", output, "--force"], in: site, saying: "đây là một tệp, không phải thư mục")
        }
        // Below a file: the folder cannot be made, and the message says which part is a file.
        try expectRefused(["--output", "ghi-chu.txt/web"], in: site, saying: "ghi-chu.txt: một phần của đường dẫn là tệp, không phải thư mục (ENOTDIR)")
    }

    @Test func aFolderOfOtherFilesIsRefusedUnlessForced() throws {
        let site = try site()
        defer { site.remove() }
        let mine = try TemporaryFolder("tai-lieu")
        defer { mine.remove() }
        try mine.write("bao-cao.docx", "báo cáo quý")
        try mine.write("anh/logo.png", "PNG")
        try expectRefused(["--output", mine.path], in: site, saying: "thư mục đã có tệp không do tthc tạo ra (anh, bao-cao.docx…)", beside: mine.url)
        let english = try cli.tthc(["build", "--output", mine.path, "--lang", "en"], in: site.folder)
        #expect(english.errors.contains("the folder holds files tthc did not make (anh, bao-cao.docx…)"), "\(english.errors)")
        #expect(english.errors.contains("add --force"))
        // What looks like an earlier output, but with a file of the unit's beside it, is not one.
        #expect(try cli.tthc(["build", "--output", mine.url.appendingPathComponent("web").path], in: site.folder).status == 0)
        try mine.write("web/ghi-chu.txt", "đừng xóa")
        try FileManager.default.removeItem(at: mine.url.appendingPathComponent("web/.tthc-output"))
        try expectRefused(["--output", mine.url.appendingPathComponent("web").path], in: site, saying: "không do tthc tạo ra", beside: mine.url)

        let forced = try cli.tthc(["build", "--output", mine.path, "--force"], in: site.folder)
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(FileManager.default.fileExists(atPath: mine.url.appendingPathComponent("thu-tuc/1.001193/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: mine.url.appendingPathComponent("bao-cao.docx").path))
        // Now it is tthc's own output: the next build needs no --force.
        #expect(try cli.tthc(["build", "--output", mine.path], in: site.folder).status == 0)
    }

    @Test func forceNeverAppliesToHomeTheWorkingFolderOrASite() throws {
        let site = try site()
        defer { site.remove() }
        let home = try TemporaryFolder("home")
        defer { home.remove() }
        try home.write(".bashrc", "# của người dùng")
        try home.write("sites/placeholder", "x")
        try expectRefused(["--output", home.path, "--force"], in: site, saying: "thư mục nhà", beside: home.url,
                          environment: ["HOME": home.url.appendingPathComponent("sites").path])
        try expectRefused(["--output", home.path, "--force"], in: site, saying: "thư mục nhà", beside: home.url,
                          environment: ["HOME": home.path])
        // The working folder: run from a folder of the user's, building a site elsewhere into it.
        let before = Tree.of(home.url)
        let run = try cli.tthc(["build", "--site", site.folder.path, "--output", ".", "--force"], in: home.url)
        #expect(run.status == 2)
        #expect(run.errors.contains("thư mục đang làm việc"), "\(run.errors)")
        #expect(Tree.of(home.url) == before)
        // A git repository, or a part of one (a gh-pages checkout would lose its history).
        let repository = try TemporaryFolder("gh-pages")
        defer { repository.remove() }
        try repository.write(".git/HEAD", "ref: refs/heads/gh-pages\n")
        try repository.write("index.html", "trang cũ")
        for output in [repository.path, repository.path + "/.git"] {
            try expectRefused(["--output", output, "--force"], in: site, saying: "kho git", beside: repository.url)
        }
        // A folder at the root of the system (/proc: replacing it would fail anyway, were it not refused first).
        try expectRefused(["--output", "/proc", "--force"], in: site, saying: "thư mục ở gốc của hệ thống")
        // A folder holding a site one level down.
        let group = try TemporaryFolder("nhom")
        defer { group.remove() }
        try group.write("xa-b/site.yml", TemporarySite.configuration)
        try expectRefused(["--output", group.path, "--force"], in: site, saying: "nó chứa trang tthc", beside: group.url,
                          environment: ["HOME": "/nonexistent"])
    }

    /// A marker is a file anyone can copy (`cp -r public/. ~`) or plant: it makes none of the
    /// folders `--force` never replaces replaceable. An output tthc made at the root of a
    /// container (`/out`) stays its own; that one case is not tried here (it needs root's `/`).
    @Test func aMarkerCopiedIntoAFolderTthcNeverReplacesChangesNothing() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let marker = try site.read("public/.tthc-output")
        let home = try TemporaryFolder("home")
        defer { home.remove() }
        try home.write(".bashrc", "# của người dùng")
        try home.write(".tthc-output", marker)
        try expectRefused(["--output", home.path], in: site, saying: "có tệp .tthc-output của tthc, nhưng tthc không bao giờ thay thư mục này: đây là thư mục nhà",
                          beside: home.url, environment: ["HOME": home.path])
        // The earlier layout (no marker, a tthc output's names) in a home folder: the same.
        try FileManager.default.removeItem(at: home.url.appendingPathComponent(".tthc-output"))
        try FileManager.default.removeItem(at: home.url.appendingPathComponent(".bashrc"))
        for name in ["index.html", "sitemap.xml", "api/thu-tuc.json"] { try home.write(name, "x") }
        try expectRefused(["--output", home.path], in: site, saying: "đây là thư mục nhà", beside: home.url, environment: ["HOME": home.path])
        // The working folder, a git repository, a folder holding a site.
        let work = try TemporaryFolder("lam-viec")
        defer { work.remove() }
        try work.write("ghi-chu.txt", "của người dùng")
        try work.write(".tthc-output", marker)
        let before = Tree.of(work.url)
        let run = try cli.tthc(["build", "--site", site.folder.path, "--output", "."], in: work.url, environment: ["HOME": "/nonexistent"])
        #expect(run.status == 2 && run.errors.contains("thư mục đang làm việc"), "\(run.errors)")
        #expect(Tree.of(work.url) == before)
        let repository = try TemporaryFolder("gh-pages")
        defer { repository.remove() }
        try repository.write(".git/HEAD", "ref: refs/heads/gh-pages\n")
        try repository.write(".tthc-output", marker)
        try expectRefused(["--output", repository.path], in: site, saying: "kho git", beside: repository.url, environment: ["HOME": "/nonexistent"])
        let group = try TemporaryFolder("nhom")
        defer { group.remove() }
        try group.write("xa-b/site.yml", TemporarySite.configuration)
        try group.write(".tthc-output", marker)
        try expectRefused(["--output", group.path], in: site, saying: "nó chứa trang tthc", beside: group.url, environment: ["HOME": "/nonexistent"])
        // Deeper down too: a site two levels in, a repository three levels in.
        let deep = try TemporaryFolder("sau")
        defer { deep.remove() }
        try deep.write("a/b/xa-c/site.yml", TemporarySite.configuration)
        try deep.write(".tthc-output", marker)
        try expectRefused(["--output", deep.path], in: site, saying: "nó chứa trang tthc", beside: deep.url, environment: ["HOME": "/nonexistent"])
        try expectRefused(["--output", deep.path, "--force"], in: site, saying: "nó chứa trang tthc", beside: deep.url, environment: ["HOME": "/nonexistent"])
        try FileManager.default.removeItem(at: deep.url.appendingPathComponent("a"))
        try deep.write("x/y/z/.git/HEAD", "ref: refs/heads/main\n")
        try expectRefused(["--output", deep.path], in: site, saying: "kho git", beside: deep.url, environment: ["HOME": "/nonexistent"])
        // Its own output is still replaced without a word.
        #expect(try cli.tthc(["build"], in: site.folder, environment: ["HOME": "/nonexistent"]).status == 0)
    }

    @Test func anotherSitesFoldersAreRefused() throws {
        let site = try site()
        defer { site.remove() }
        let other = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { other.remove() }
        #expect(try cli.tthc(["build"], in: other.folder).status == 0)
        // Its own output too: a unit's pages never replace another unit's.
        for output in ["", "/content", "/content/thu-tuc", "/templates/assets", "/content/moi/sau", "/public", "/docs"] {
            try expectRefused(["--output", other.folder.path + output, "--force"], in: site, saying: "thuộc một trang tthc khác", beside: other.folder)
        }
    }

    @Test func itsOwnOutputAnEmptyFolderOrANewOneAreReplaced() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        #expect(try site.read("public/.tthc-output").hasPrefix("tthc build: thư mục này do tthc tạo ra"))
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        try FileManager.default.createDirectory(at: site.url("trong"), withIntermediateDirectories: true)
        #expect(try cli.tthc(["build", "--output", "trong"], in: site.folder).status == 0)
        #expect(try cli.tthc(["build", "--output", "moi/sau/hon"], in: site.folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.url("moi/sau/hon/index.html").path))
        // (What a build leaves beside its output on purpose, its state, is not a leftover.)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
            .filter { ($0.hasPrefix(".public.") || $0.hasPrefix(".trong.")) && !$0.hasSuffix(".tthc-build") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// `public/` built by the released tthc, before the marker: recognized by its layout.
    @Test func anOutputOfTheReleasedTthcIsStillReplaced() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        // What the released tthc wrote: no marker, and no compliance report (it came later).
        try FileManager.default.removeItem(at: site.url("public/.tthc-output"))
        try FileManager.default.removeItem(at: site.url("public/bao-cao"))
        let run = try cli.tthc(["build"], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/.tthc-output").path))
        // A folder with only those names but not the procedure API is not taken for one.
        try FileManager.default.removeItem(at: site.url("public/.tthc-output"))
        try FileManager.default.removeItem(at: site.url("public/api/thu-tuc.json"))
        try expectRefused([], in: site, saying: "không do tthc tạo ra")
        // Nor is a marker that is a link (to anything).
        try FileManager.default.createSymbolicLink(atPath: site.url("public/.tthc-output").path, withDestinationPath: "/etc/hostname")
        try expectRefused([], in: site, saying: "không do tthc tạo ra")
    }

    @Test func aLinkedOutputIsBuiltIntoItsTargetAndTheLinkStays() throws {
        let site = try site()
        defer { site.remove() }
        let host = try TemporaryFolder("www")
        defer { host.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("public").path, withDestinationPath: host.path + "/xa-a")
        for _ in 0..<2 {
            let run = try cli.tthc(["build"], in: site.folder)
            #expect(run.status == 0, "\(run.errors)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.url("public").path) == host.path + "/xa-a")
            #expect(FileManager.default.fileExists(atPath: host.path + "/xa-a/thu-tuc/1.001193/index.html"))
        }
        // The staging folder went beside the target, on its file system, and is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.path) == ["xa-a"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.hasPrefix(".public") }.isEmpty)
    }

    @Test func aLinkToTheSiteRootOrASourceFolderIsRefused() throws {
        let site = try site()
        defer { site.remove() }
        for (target, reason) in [(site.folder.path, "chính thư mục trang"), ("/", "chứa trang"), ("..", "chứa trang"),
                                 ("content", "nơi tthc đọc"), (site.folder.path + "/templates/assets", "nơi tthc đọc")] {
            try? FileManager.default.removeItem(atPath: site.url("public").path)
            try FileManager.default.createSymbolicLink(atPath: site.url("public").path, withDestinationPath: target)
            try expectRefused(["--force"], in: site, saying: reason)
        }
    }

    /// Between the check and the swap the folder is looked at again: one put in its place while the
    /// build ran is never replaced.
    @Test func aFolderReplacedWhileTheBuildRunsIsNotReplaced() throws {
        let site = try site()
        defer { site.remove() }
        let output = site.url("public").path
        _ = try SiteBuild(site: site.folder).build(into: site.url("public"))

        let checked = try OutputTarget.check(output, site: site.folder)
        try FileManager.default.removeItem(atPath: output)
        try site.write("public/cua-nguoi-dung.txt", "không được xóa")
        #expect(throws: OutputRefusal.self) { _ = try SiteBuild(site: site.folder).build(into: checked) }
        #expect(try site.read("public/cua-nguoi-dung.txt") == "không được xóa")

        try FileManager.default.removeItem(atPath: output)
        let absent = try OutputTarget.check(output, site: site.folder)
        try site.write("public/moi.txt", "xuất hiện trong lúc tạo trang")
        #expect(throws: OutputRefusal.self) { _ = try SiteBuild(site: site.folder).build(into: absent) }
        #expect(try site.read("public/moi.txt") == "xuất hiện trong lúc tạo trang")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
            .filter { $0.hasPrefix(".public.") && !$0.hasSuffix(".tthc-build") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A bind mount of the site is the site, though its path differs (needs root; skipped otherwise).
    /// `public/` as a Docker volume or a bind mount: refused before building (it could only fail
    /// at the swap, EBUSY), saying how to build inside it; a folder inside the mount works.
    @Test func aMountPointIsRefusedBeforeBuildingWithTheWayRoundIt() throws {
        let site = try site()
        defer { site.remove() }
        let volume = try TemporaryFolder("volume")
        defer { volume.remove() }
        for contents in ["", "marked"] {
            if contents == "marked" { try volume.write(".tthc-output", try OutputFolderTests.marker()) }
            try FileManager.default.createDirectory(at: site.url("public"), withIntermediateDirectories: true)
            guard shell("mount", "--bind", volume.path, site.url("public").path) == 0 else {
                print("SKIPPED: no bind mount here")
                return
            }
            defer { _ = shell("umount", site.url("public").path) }
            try expectRefused([], in: site, saying: "thư mục này là một điểm gắn kết (mount point", beside: volume.url)
            let inside = try cli.tthc(["build", "--output", "public/site"], in: site.folder)
            #expect(inside.status == 0, "\(inside.errors)")
            #expect(FileManager.default.fileExists(atPath: volume.url.appendingPathComponent("site/index.html").path))
            try FileManager.default.removeItem(at: volume.url.appendingPathComponent("site"))
        }
        #expect(MountPoints.contains("/proc") && !MountPoints.contains(site.folder.path))
    }

    /// A mount inside an earlier output (the attack pass: the rebuild deleted the mounted folder's
    /// files): refused before building, the mounted files untouched; `--force` changes nothing.
    @Test func anOutputWithAMountInsideIsRefusedAndTheMountedFilesKept() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let important = try TemporaryFolder("quan-trong")
        defer { important.remove() }
        try important.write("quy.txt", "giữ lại")
        try FileManager.default.createDirectory(at: site.url("public/con/chau"), withIntermediateDirectories: true)
        guard shell("mount", "--bind", important.path, site.url("public/con/chau").path) == 0 else {
            print("SKIPPED: no bind mount here")
            return
        }
        defer { _ = shell("umount", site.url("public/con/chau").path) }
        for extra in [[], ["--force"]] {
            try expectRefused(extra, in: site, saying: "trong thư mục này có một điểm gắn kết", beside: important.url)
        }
        #expect(try String(contentsOf: important.url.appendingPathComponent("quy.txt"), encoding: .utf8) == "giữ lại")
    }

    static func marker() throws -> String {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        _ = try CommandLineTests().tthc(["build"], in: site.folder)
        return try site.read("public/.tthc-output")
    }

    @Test func aBindMountOfTheSiteIsTheSite() throws {
        let site = try site()
        defer { site.remove() }
        guard let mount = try BindMount.of(site.folder) else { return }
        defer { mount.remove() }
        try expectRefused(["--output", mount.path, "--force"], in: site, saying: "chính thư mục trang")
        try expectRefused(["--output", mount.path + "/content", "--force"], in: site, saying: "nơi tthc đọc")
    }
}
