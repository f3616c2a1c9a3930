import Foundation
import Records
import Testing

/// `tthc` at a province's folder, as CI and the provincial office run it: exit statuses, what is
/// written and what is refused.
@Suite struct ProvinceCommandTests {
    let cli = CommandLineTests()

    @Test func buildWritesEveryUnitAndOneUnitRebuiltAloneIsTheSameFolder() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let whole = try cli.tthc(["build"], in: site.folder)
        #expect(whole.status == 0, "\(whole.errors)")
        let before = Tree.of(site.url("public"))
        #expect(before["xa-hoa-ban/.tthc-output"] != nil && before[".tthc-output"] != nil)
        #expect(before["index.html"] != nil && before["assets/style.css"] != nil)
        let path = "don-vi/xa-hoa-ban/thu-tuc/1.000080.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "quầy số 2", with: "quầy số 3"))
        let one = try cli.tthc(["build", "--don-vi", "xa-hoa-ban"], in: site.folder)
        #expect(one.status == 0, "\(one.errors)")
        #expect(one.errors.contains("public/xa-hoa-ban"))
        let after = Tree.of(site.url("public"))
        // Only the unit's folder changed, and it is what a whole build now writes for it.
        #expect(after.filter { !$0.key.hasPrefix("xa-hoa-ban") } == before.filter { !$0.key.hasPrefix("xa-hoa-ban") })
        #expect(after["xa-hoa-ban/thu-tuc/1.000080/index.html"]?.contains("quầy số 3") == true)
        try FileManager.default.moveItem(at: site.url("public"), to: site.url("public-1"))
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let again = Tree.of(site.url("public"))
        #expect(again.filter { $0.key.hasPrefix("xa-hoa-ban") } == after.filter { $0.key.hasPrefix("xa-hoa-ban") })
    }

    @Test func anErrorInOneUnitWritesNothingAndSaysWhere() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let before = Tree.of(site.url("public"))
        try site.write("don-vi/xa-na-luong/thu-tuc/1.002755.md", "---\nten: Sửa tên\n---\n")
        let check = try cli.tthc(["check", "--format", "github"], in: site.folder)
        #expect(check.status == 1)
        #expect(check.output.contains("::error file=don-vi/xa-na-luong/thu-tuc/1.002755.md,line=2,col=1,title=national-in-overlay::"))
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 1)
        #expect(build.errors.contains("Không ghi gì"))
        #expect(Tree.of(site.url("public")) == before)
        // Another unit alone does not read that unit at all.
        #expect(try cli.tthc(["build", "--don-vi", "xa-hoa-ban"], in: site.folder).status == 0)
    }

    @Test func whatCannotRunInAProvinceIsRefusedWithWhatToDo() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let unknown = try cli.tthc(["build", "--don-vi", "xa-hoa-bam"], in: site.folder)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("Tỉnh không có đơn vị xa-hoa-bam") && unknown.errors.contains("Có phải ý bạn là xa-hoa-ban?"))
        let malformed = try cli.tthc(["build", "--don-vi", "Xa Hoa Ban"], in: site.folder)
        #expect(malformed.status == 2)
        let baseURL = try cli.tthc(["build", "--base-url", "https://x.invalid/"], in: site.folder)
        #expect(baseURL.status == 2 && baseURL.errors.contains("tinh.yml"))
        let unitFolder = try cli.tthc(["build", "--site", "don-vi/xa-hoa-ban"], in: site.folder)
        #expect(unitFolder.status == 2 && unitFolder.errors.contains("--don-vi xa-hoa-ban"))
        // `serve` serves a province (docs/editor.md), `bao-cao` reports it (docs/bao-cao.md); `new` works on one unit's site.
        for command in [["new", "1.000001"]] {
            let run = try cli.tthc(command, in: site.folder, killAfter: 30)
            #expect(run.status == 2, "\(command)")
            #expect(run.errors.contains("đây là thư mục của một tỉnh"), "\(command): \(run.errors)")
            #expect(run.errors.contains("tthc new 1.000001 --don-vi <tên đơn vị>"), "\(command): \(run.errors)")
        }
        try site.write("site.yml", TemporarySite.configuration)
        let both = try cli.tthc(["check"], in: site.folder)
        #expect(both.status == 2 && both.errors.contains("có cả site.yml và tinh.yml"))
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        // --don-vi where there is no province.
        let single = try TemporarySite()
        defer { single.remove() }
        let notProvince = try cli.tthc(["build", "--don-vi", "xa-a"], in: single.folder)
        #expect(notProvince.status == 2 && notProvince.errors.contains("--don-vi chỉ dùng trong thư mục của một tỉnh"))
    }

    @Test func aUnitsOutputIsNeverWrittenOverAFolderTthcDidNotMake() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        try site.write("public/xa-hoa-ban/ghi-chu.txt", "của cán bộ")
        let refused = try cli.tthc(["build", "--don-vi", "xa-hoa-ban"], in: site.folder)
        #expect(refused.status == 2)
        #expect(try site.read("public/xa-hoa-ban/ghi-chu.txt") == "của cán bộ")
        let inside = try cli.tthc(["build", "--output", "don-vi/xa-hoa-ban/public"], in: site.folder)
        #expect(inside.status == 2 && !FileManager.default.fileExists(atPath: site.url("don-vi/xa-hoa-ban/public").path))
    }

    @Test func aSecondWriterWaitsForTheProvincesLock() throws {
        let site = try TemporarySite.province()
        defer { site.remove() }
        let lock = try SiteLock.acquire(site: site.folder, command: "sync", waitingUpTo: 0)
        defer { lock.release() }
        let busy = try cli.tthc(["build", "--don-vi", "xa-hoa-ban", "--wait", "0"], in: site.folder)
        #expect(busy.status == 2 && busy.errors.contains("`tthc sync`"))
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
    }

    @Test func syncKeepsOnePoolForEveryUnitsSelection() throws {
        let site = try TemporarySite.province("""
            -- don-vi/xa-na-luong/site.yml --
            ten_don_vi: UBND xã Nà Luồng
            cap: xa
            chon:
              cap_thuc_hien: [xa]
              them: ["1.000578"]
            """)
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("content/thu-tuc"))
        try site.write("export.json", try Data(contentsOf: SyncTests.fixture))
        let sync = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder)
        #expect(sync.status == 0, "\(sync.errors)")
        let pool = try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).sorted()
        // The commune-level ones, Lai Châu's own, and the one Nà Luồng adds; H24's is no unit's.
        #expect(pool == ["1.000080.md", "1.001193.md", "1.000578.md", "1.115563.md"].sorted())
        #expect(!FileManager.default.fileExists(atPath: site.url("don-vi/xa-na-luong/content").path), "sync writes the pool only")
        let again = try cli.tthc(["sync", "--catalog", "export.json", "--check"], in: site.folder)
        #expect(again.status == 0)
        let build = try cli.tthc(["build"], in: site.folder)
        #expect(build.status == 0, "\(build.errors)")
        #expect(FileManager.default.fileExists(atPath: site.url("public/xa-na-luong/thu-tuc/1.000578/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.url("public/xa-hoa-ban/thu-tuc/1.000578/index.html").path))
        // A unit whose site.yml cannot be read stops the sync: what it selects is unknown.
        try site.write("don-vi/xa-hoa-ban/site.yml", "ten_don_vi: [\n")
        let broken = try cli.tthc(["sync", "--catalog", "export.json"], in: site.folder)
        #expect(broken.status == 2 && broken.errors.contains("don-vi/xa-hoa-ban/site.yml:"))
    }

    @Test func initMakesAProvinceThatBuildsAndAddsUnitsToIt() throws {
        let folder = try TemporaryFolder("init")
        defer { folder.remove() }
        let made = try cli.tthc(["init", "--tinh", "lai-chau", "--tinh-ma", "H35", "--tinh-ten", "Tỉnh Lai Châu",
                                 "--base-url", "https://laichau.invalid/tthc/"], in: folder.url)
        #expect(made.status == 0, "\(made.errors)")
        let root = folder.url.appendingPathComponent("lai-chau")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("tinh.yml").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site.yml").path))
        let unit = try cli.tthc(["init", "lai-chau/don-vi/xa-hoa-ban", "--ten", "UBND xã \"Hoa\" Ban"], in: folder.url)
        #expect(unit.status == 0, "\(unit.errors)")
        #expect(unit.errors.contains("https://laichau.invalid/tthc/xa-hoa-ban/"))
        let twice = try cli.tthc(["init", "lai-chau/don-vi/xa-hoa-ban", "--ten", "UBND xã khác"], in: folder.url)
        #expect(twice.status == 2)
        let badSlug = try cli.tthc(["init", "lai-chau/don-vi/Xã Hoa Ban", "--ten", "UBND xã Hoa Ban"], in: folder.url)
        #expect(badSlug.status == 2 && badSlug.errors.contains("`xa-hoa-ban`"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("don-vi/Xã Hoa Ban").path))
        try Data(contentsOf: SyncTests.fixture).write(to: root.appendingPathComponent("export.json"))
        #expect(try cli.tthc(["sync", "--catalog", "export.json"], in: root).status == 0)
        let check = try cli.tthc(["check"], in: root)
        #expect(check.status == 0, "\(check.output)")
        let build = try cli.tthc(["build"], in: root)
        #expect(build.status == 0, "\(build.errors)")
        let page = try String(contentsOf: root.appendingPathComponent("public/xa-hoa-ban/index.html"), encoding: .utf8)
        #expect(page.contains("UBND xã &quot;Hoa&quot; Ban"))
    }
}
