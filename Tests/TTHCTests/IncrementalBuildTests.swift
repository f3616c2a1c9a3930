import Foundation
import Testing

/// A build into an output that an earlier build made, from the same files, writes nothing and says
/// what that build found (`BuildState`); after any change it is what a whole build into a fresh
/// folder makes, byte for byte.
@Suite struct IncrementalBuildTests {
    let cli = CommandLineTests()

    static func record(_ code: String, name: String) -> String {
        SampleRecord.text(frontMatter: SampleRecord.frontMatter
            .replacingOccurrences(of: "ma_thu_tuc: \"1.001193\"", with: "ma_thu_tuc: \"\(code)\"")
            .replacingOccurrences(of: "ten: Thủ tục đăng ký khai sinh", with: "ten: \(name)"))
    }

    static let codes = ["1.001193", "1.000101", "1.000102", "1.000103"]

    func site() throws -> TemporarySite {
        try TemporarySite(Self.codes.enumerated().map { index, code in
            "-- content/thu-tuc/\(code).md --\n" + Self.record(code, name: "Thủ tục số \(index)")
        }.joined(separator: "\n"))
    }

    /// Edits the random-edit tests share (here and `PreviewRebuildTests`).
    static func addRecord(_ number: Int, to site: TemporarySite) throws {
        let code = "1.0002\(String(format: "%02d", number))"
        try site.write("content/thu-tuc/\(code).md", record(code, name: "Thủ tục thêm \(number)"))
    }

    static func removeAnAddedRecord(from site: TemporarySite) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: site.url("content/thu-tuc").path).filter { $0.hasPrefix("1.0002") }
        if let name = names.first { try FileManager.default.removeItem(at: site.url("content/thu-tuc/" + name)) }
    }

    static func renameTheUnit(of site: TemporarySite, _ number: UInt64) throws {
        try site.write("site.yml", TemporarySite.configuration.replacingOccurrences(of: "UBND xã Thử Nghiệm", with: "UBND xã Thử Nghiệm \(number)"))
    }

    /// The output as a whole build makes it, and the report of that build (its last line, which
    /// says how long it took, left out).
    func wholeBuild(_ site: TemporarySite, environment: [String: String] = [:], _ extra: [String] = []) throws -> (tree: [String: String], report: String) {
        let fresh = site.url(".build-whole-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let run = try cli.tthc(["build", "--site", site.folder.path, "--output", fresh.path] + extra, environment: environment)
        return (Tree.of(fresh), Self.report(run.errors))
    }

    static func report(_ errors: String) -> String {
        errors.split(separator: "\n").dropLast().joined(separator: "\n")
    }

    @Test func nothingChangedWritesNothingAndSaysWhatTheBuildBeforeFound() throws {
        let site = try site()
        defer { site.remove() }
        // A warning the build reports (an unknown sector code is fine; a missing fee is a warning).
        try site.write("content/thu-tuc/1.000103.md", Self.record("1.000103", name: "Thủ tục số 3") + "\n<div>html</div>\n")
        let first = try cli.tthc(["build", "--site", site.folder.path])
        #expect(first.status == 0, "\(first.errors)")
        let page = site.url("public/thu-tuc/1.000101/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: page)
        let again = try cli.tthc(["build", "--site", site.folder.path])
        #expect(again.status == first.status)
        #expect(again.errors.contains("Không có gì thay đổi từ lần tạo trước"), "\(again.errors)")
        #expect(Self.report(again.errors) == Self.report(first.errors), "the same warnings, said the same way")
        #expect(Self.report(again.errors).contains("raw-html") || Self.report(again.errors).contains("HTML"), "\(again.errors)")
        let after = try FileManager.default.attributesOfItem(atPath: page)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date, "the page was not written again")
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        let english = try cli.tthc(["build", "--site", site.folder.path, "--lang", "en"])
        #expect(english.errors.contains("Nothing changed since the last build"), "\(english.errors)")
    }

    /// After one record changed, only the files whose bytes changed are written: the others are
    /// the previous output's files, linked into the new one (the same inode), and the whole is
    /// still a whole build's output.
    @Test func aChangedRecordWritesItsFilesAndKeepsTheOthers() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: site.url("public/" + path).path)[.systemFileNumber] as? Int
        }
        let other = "thu-tuc/1.000101/index.html", changed = "thu-tuc/1.001193/index.html"
        let (otherBefore, changedBefore) = (try inode(other), try inode(changed))
        let path = "content/thu-tuc/1.001193.md"
        try site.write(path, try site.read(path) + "\nMột câu mới ở cuối.\n")
        let run = try cli.tthc(["build", "--site", site.folder.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try inode(other) == otherBefore, "an unchanged page is kept, not written again")
        #expect(try inode(changed) != changedBefore, "the changed page is written")
        #expect(try site.read("public/" + changed).contains("Một câu mới ở cuối."))
        #expect(Tree.of(site.url("public")) == (try wholeBuild(site)).tree)
    }

    /// Random edits of every kind a build reads, each followed by a build into the same output,
    /// which must then be what a whole build makes (its report too).
    @Test func afterRandomEditsTheOutputIsWhatAWholeBuildMakes() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        var random = SplitMix(seed: 20)
        var added = 0
        let edits: [(String, () throws -> Void)] = [
            ("rename a procedure", {
                let code = Self.codes[Int(random.next() % 3)]
                try site.write("content/thu-tuc/\(code).md", Self.record(code, name: "Tên mới \(random.next() % 1000)"))
            }),
            ("add a sentence to a body", {
                let path = "content/thu-tuc/\(Self.codes[Int(random.next() % 3)]).md"
                try site.write(path, try site.read(path) + "\nThêm một câu \(random.next() % 1000).\n")
            }),
            ("add a record", {
                added += 1
                try Self.addRecord(added, to: site)
            }),
            ("remove a record", { try Self.removeAnAddedRecord(from: site) }),
            ("rename the unit", { try Self.renameTheUnit(of: site, random.next() % 100) }),
            ("change a template", {
                try site.write("templates/thu-tuc.mustache", try site.read("templates/thu-tuc.mustache") + "<!-- \(random.next() % 1000) -->\n")
            }),
            ("change a theme file", {
                try site.write("templates/assets/style.css", try site.read("templates/assets/style.css") + "/* \(random.next() % 1000) */\n")
            }),
            ("break a record, then mend it", {
                let path = "content/thu-tuc/1.001193.md", text = try site.read(path)
                try site.write(path, "---\nma_thu_tuc: [\n")
                #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 1)
                try site.write(path, text)
            }),
            ("save a record unchanged", {
                let path = "content/thu-tuc/1.000102.md"
                try site.write(path, try site.read(path))
            }),
            ("edit the output", {
                try site.write("public/index.html", "đã sửa tay")
            }),
            ("add a file to the output", {
                try site.write("public/them.txt", "thêm")
            }),
            ("remove a page from the output", {
                try? FileManager.default.removeItem(at: site.url("public/thu-tuc/1.000101"))
            }),
            ("nothing", {}),
        ]
        for round in 0..<24 {
            let (what, edit) = edits[Int(random.next() % UInt64(edits.count))]
            try edit()
            let run = try cli.tthc(["build", "--site", site.folder.path])
            #expect(run.status == 0, "round \(round), \(what): \(run.errors)")
            let whole = try wholeBuild(site)
            #expect(Tree.of(site.url("public")) == whole.tree, "round \(round), after “\(what)” the output differs from a whole build's")
            #expect(Self.report(run.errors) == whole.report, "round \(round), \(what)")
        }
    }

    /// New bytes under an old modification time (`touch -d`, `cp -p`, `rsync -t` do this) are
    /// still seen: the change time cannot be set back. Waits past the clock's tick, so that the
    /// stamps of the first build are trusted as they are in everyday use.
    @Test func newBytesUnderAnOldModificationTimeAreSeen() throws {
        let site = try site()
        defer { site.remove() }
        let path = site.url("content/thu-tuc/1.000101.md")
        let old = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path.path)
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try cli.tthc(["build", "--site", site.folder.path]).errors.contains("Không có gì thay đổi"))
        // Same size, same modification time, same file (inode): only the change time tells.
        let text = try String(contentsOf: path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "Thủ tục số 1", with: "Thủ tục số 9")
        #expect(changed.utf8.count == text.utf8.count)
        let handle = try FileHandle(forWritingTo: path)
        try handle.write(contentsOf: Data(changed.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path.path)
        let run = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!run.errors.contains("Không có gì thay đổi"), "\(run.errors)")
        #expect(try site.read("public/thu-tuc/1.000101/index.html").contains("Thủ tục số 9"))
    }

    /// Found by the attack pass: an output page edited in place with its size and modification
    /// time put back, or `chmod`ed, is neither trusted nor linked into the next output.
    @Test func anOutputPageEditedUnderItsOldTimeIsMadeAgain() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        Thread.sleep(forTimeInterval: 2.2)
        let page = site.url("public/index.html"), css = site.url("public/assets/style.css")
        let attributes = try FileManager.default.attributesOfItem(atPath: page.path)
        let text = try String(contentsOf: page, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<html", with: "<HTML").utf8).write(to: page)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: page.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: css.path)
        let run = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!run.errors.contains("Không có gì thay đổi"), "\(run.errors)")
        #expect(Tree.of(site.url("public")) == (try wholeBuild(site)).tree)
        // A real change next: the edited page is not linked back in.
        try site.write("public/index.html", text.replacingOccurrences(of: "<html", with: "<HTML"))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: page.path)
        let path = "content/thu-tuc/1.000102.md"
        try site.write(path, try site.read(path) + "\nThêm.\n")
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        #expect(Tree.of(site.url("public")) == (try wholeBuild(site)).tree)
        let mode = try FileManager.default.attributesOfItem(atPath: css.path)[.posixPermissions] as? Int
        #expect(mode != 0o600, "a chmod-ed file is written anew, not linked with its mode")
    }

    /// Names a file system keeps apart but Swift holds equal (é precomposed and decomposed), or
    /// that are not UTF-8: such a site keeps no state, and every build is a whole one.
    @Test(arguments: ["equivalent names", "not UTF-8"])
    func namesThatCannotBeToldApartMakeEveryBuildWhole(_ how: String) throws {
        let site = try site()
        defer { site.remove() }
        let folder = site.url("templates/assets").path
        let names: [[UInt8]] = how == "equivalent names"
            ? [Array("caf\u{E9}.txt".utf8), Array("cafe\u{301}.txt".utf8)] : [Array("logo".utf8) + [0xFF] + Array(".txt".utf8)]
        for name in names {
            let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
            #expect(descriptor >= 0)
            _ = write(descriptor, "một\n", 4)
            close(descriptor)
        }
        _ = try cli.tthc(["build", "--site", site.folder.path])
        Thread.sleep(forTimeInterval: 2.2)
        let again = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!again.errors.contains("Không có gì thay đổi"), "\(how): \(again.errors)")
    }

    /// A folder where the state goes (made by hand, or by another tool) is said, not silently a
    /// reason for every build to be a whole one; the build itself succeeds and the folder is left.
    @Test func aStateThatCannotBeWrittenIsSaid() throws {
        let site = try site()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.url(".public.tthc-build/ben-trong"), withIntermediateDirectories: true)
        let run = try cli.tthc(["build", "--site", site.folder.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("Lưu ý: không giữ được trạng thái của lần tạo này bên cạnh thư mục kết quả ("), "\(run.errors)")
        #expect(run.errors.contains(site.url(".public.tthc-build").path), "the place is named: \(run.errors)")
        #expect(run.errors.contains("lần tạo sau sẽ tạo lại mọi trang."))
        #expect(FileManager.default.fileExists(atPath: site.url(".public.tthc-build/ben-trong").path), "what was there is left")
        let english = try cli.tthc(["build", "--site", site.folder.path, "--lang", "en"])
        #expect(english.errors.contains("Note: this build's state could not be kept beside the output"), "\(english.errors)")
        try FileManager.default.removeItem(at: site.url(".public.tthc-build"))
        let kept = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!kept.errors.contains("Lưu ý"), "\(kept.errors)")
    }

    /// A state file of gigabytes (a sparse one is made in an instant) is not read.
    @Test func aHugeStateIsNotRead() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        let state = try FileHandle(forWritingTo: site.url(".public.tthc-build"))
        try state.truncate(atOffset: 4 << 30)
        try state.close()
        let run = try cli.tthc(["build", "--site", site.folder.path], killAfter: 60)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("Không có gì thay đổi"))
        #expect(try FileManager.default.attributesOfItem(atPath: site.url(".public.tthc-build").path)[.size] as? Int ?? 0 < 1 << 20)
    }

    /// What decides the output besides the files: `--base-url`, `SOURCE_DATE_EPOCH`.
    @Test func anotherBaseURLOrSourceDateRebuilds() throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        let other = try cli.tthc(["build", "--site", site.folder.path, "--base-url", "https://khac.invalid/"])
        #expect(!other.errors.contains("Không có gì thay đổi"), "\(other.errors)")
        #expect(try site.read("public/sitemap.xml").contains("https://khac.invalid/"))
        #expect(Tree.of(site.url("public")) == (try wholeBuild(site, ["--base-url", "https://khac.invalid/"])).tree)
        let dated = try cli.tthc(["build", "--site", site.folder.path, "--base-url", "https://khac.invalid/"],
                                 environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(!dated.errors.contains("Không có gì thay đổi"), "\(dated.errors)")
        let back = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!back.errors.contains("Không có gì thay đổi"))
        #expect(try site.read("public/sitemap.xml").contains("https://example.invalid/"))
    }

    /// A state that is not this output's (copied from another, garbled, cut short, or describing
    /// the output before a build killed after its swap) is never trusted: the build is whole.
    @Test(arguments: ["garbled", "cut short", "another output's", "an older marker"])
    func aStateThatDoesNotDescribeTheOutputIsNotTrusted(_ how: String) throws {
        let site = try site()
        defer { site.remove() }
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        let state = site.url(".public.tthc-build")
        let text = try Data(contentsOf: state)
        // Then the output is changed behind the state's back: only a whole build mends it.
        try site.write("public/index.html", "sửa tay")
        switch how {
        case "garbled": try Data(text.map { $0 == UInt8(ascii: "\t") ? UInt8(ascii: " ") : $0 }).write(to: state)
        case "cut short": try text.prefix(text.count / 2).write(to: state)
        case "another output's":
            #expect(try cli.tthc(["build", "--site", site.folder.path, "--output", site.url("khac").path]).status == 0)
            try FileManager.default.removeItem(at: state)
            try FileManager.default.copyItem(at: site.url(".khac.tthc-build"), to: state)
        default:
            let marker = try site.read("public/.tthc-output")
            try site.write("public/.tthc-output", marker.replacingOccurrences(of: "build ", with: "build 0"))
        }
        let run = try cli.tthc(["build", "--site", site.folder.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("Không có gì thay đổi"), "\(how): \(run.errors)")
        #expect(Tree.of(site.url("public")) == (try wholeBuild(site)).tree, "\(how)")
    }

    /// A link among the site's files may change what it leads to unseen: such a site is built whole
    /// every time.
    @Test func aSiteWithALinkAmongItsFilesIsBuiltWholeEachTime() throws {
        let site = try site()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.url("content/thu-tuc/1.000199.md").path,
                                                   withDestinationPath: site.url("content/thu-tuc/1.000103.md").path)
        try FileManager.default.removeItem(at: site.url("content/thu-tuc/1.000199.md"))
        try FileManager.default.createSymbolicLink(atPath: site.url("templates/link.txt").path, withDestinationPath: "thu-tuc.html")
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        let again = try cli.tthc(["build", "--site", site.folder.path])
        #expect(!again.errors.contains("Không có gì thay đổi"), "\(again.errors)")
    }
}
