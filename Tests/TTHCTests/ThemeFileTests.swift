import Foundation
import FoundationNetworking
import Site
import Testing

/// `templates/assets/` is published as it is, subfolders too; names a browser takes for one
/// (accents stored two ways) and folders that nest without end are refused, naming the files.
@Suite struct ThemeFileTests {
    let cli = CommandLineTests()

    func site() throws -> TemporarySite {
        try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
    }

    @Test func aSubfolderOfTheThemesFilesIsPublishedAndPreviewed() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("templates/assets/phong-chu/chu.woff2", "wOF2")
        try site.write("templates/assets/anh/logo/xa.svg", "<svg/>")
        let run = try cli.tthc(["build"], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(try site.read("public/assets/phong-chu/chu.woff2") == "wOF2")
        #expect(try site.read("public/assets/anh/logo/xa.svg") == "<svg/>")
        #expect(try cli.tthc(["check"], in: site.folder).status == 0)

        let served = try PreviewTests.Served(site)
        defer { served.stop() }
        #expect(PreviewTests.get(served.base + "assets/anh/logo/xa.svg")?.text == "<svg/>")
        for (path, type) in [("assets/phong-chu/chu.woff2", "font/woff2"), ("assets/anh/logo/xa.svg", "image/svg+xml")] {
            let done = DispatchSemaphore(value: 0)
            let found = PreviewTests.Box<String>()
            URLSession.shared.dataTask(with: URL(string: served.base + path)!) { _, response, _ in
                found.set((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? "")
                done.signal()
            }.resume()
            done.wait()
            #expect(found.value == type, "\(path)")
        }
    }

    /// `ạ` precomposed (U+1EA1) and as `a` with a dot below (U+0061 U+0323): two names on Linux, one
    /// name to a browser. Two files, a file and a folder, two folders holding other files: build and
    /// check stop, name both, and write nothing.
    @Test(arguments: [("", "file"), ("anh/", "file"), ("", "folder"), ("anh/", "folders")])
    func twoNamesABrowserTakesForOneAreRefused(_ folder: String, _ kind: String) throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build"], in: site.folder).status == 0)
        let published = Tree.of(site.url("public"))
        let precomposed = "templates/assets/\(folder)b\u{1EA1}n.css", decomposed = "templates/assets/\(folder)ba\u{0323}n.css"
        switch kind {
        case "file":
            try site.write(precomposed, "a { color: red }")
            try site.write(decomposed, "a { color: blue }")
        case "folder":
            try site.write(precomposed, "a { color: red }")
            try site.write(decomposed + "/x.css", "a { color: blue }")
        default:
            try site.write(precomposed + "/a.css", "a { color: red }")
            try site.write(decomposed + "/b.css", "a { color: blue }")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("templates/assets/\(folder)").path).filter { $0.hasPrefix("b") }.count == 2)
        for command in [["build"], ["check"]] {
            let run = try cli.tthc(command, in: site.folder)
            #expect(run.status == 2, "\(command): \(run.errors)")
            #expect(run.errors.contains("là một tên với trình duyệt"), "\(command): \(run.errors)")
            #expect(run.errors.contains("templates/assets/\(folder)b"), "both files are named: \(run.errors)")
        }
        #expect(Tree.of(site.url("public")) == published, "the published site is left as it was")
    }

    @Test func aLinkBackUpInsideTheThemeIsRefusedNotFollowedForever() throws {
        let site = try site()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("templates/assets/vong").path, withDestinationPath: ".")
        let run = try cli.tthc(["build"], in: site.folder, killAfter: 60)
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.contains("lồng nhau quá 8 tầng"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        // A link to the site's own folder is a loop too, and said as one (not as "outside the site").
        try FileManager.default.removeItem(at: site.url("templates/assets/vong"))
        try FileManager.default.createSymbolicLink(atPath: site.url("templates/assets/trang").path, withDestinationPath: "../..")
        let looped = try cli.tthc(["build"], in: site.folder, killAfter: 60)
        #expect(looped.status == 2 && looped.errors.contains("dẫn ngược về chính thư mục trang"), "\(looped.errors)")
    }
}
