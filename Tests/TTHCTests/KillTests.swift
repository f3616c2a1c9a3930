import Foundation
import Testing

/// A build killed at any moment (SIGKILL: no handler runs) leaves the previous output or the new
/// one, never a half-written or missing folder, and the next build succeeds.
@Suite struct KillTests {
    /// Runs `tthc` and kills it with SIGKILL after `delay` seconds (if it has not finished).
    static func killed(_ arguments: [String], environment: [String: String] = [:], after delay: Double) throws {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aBuildKilledAtAnyMomentLeavesTheOldOrTheNewSite() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let cli = CommandLineTests()
        let output = site.url("public")
        #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
        let oldName = "<h1>Thủ tục đăng ký khai sinh</h1>", newName = "<h1>Thủ tục đăng ký khai sinh (mới)</h1>"
        try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh (mới)"))
        let oldFiles = try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()

        // A full build of this site takes a few tens of milliseconds: kill points spread over it.
        var random = SplitMix(seed: 7)
        for _ in 0..<50 {
            try Self.killed(["build", "--site", site.folder.path], after: Double(random.next() % 120) / 1000)
            let page = try String(contentsOf: output.appendingPathComponent("thu-tuc/1.001193/index.html"), encoding: .utf8)
            #expect(page.contains(oldName) || page.contains(newName), "a page that is neither old nor new")
            let files = try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()
            #expect(files == oldFiles, "the output folder lost or gained files")
        }
        let last = try cli.tthc(["build", "--site", site.folder.path])
        #expect(last.status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("thu-tuc/1.001193/index.html"), encoding: .utf8).contains(newName))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
            .filter { $0.hasPrefix(".public.") && $0 != ".public.tthc-build" }
        #expect(leftovers.isEmpty, "staging folders of killed builds are cleaned up: \(leftovers)")
    }

    /// The same over builds that find their previous output and its state: killed at any moment,
    /// including between the swap and the writing of the state, the output is the old or the new
    /// site, and the next build makes what a whole build makes.
    @Test func anIncrementalBuildKilledAtAnyMomentLeavesTheOldOrTheNewSite() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let cli = CommandLineTests()
        let output = site.url("public")
        var random = SplitMix(seed: 11)
        for round in 0..<30 {
            #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
            let old = Tree.of(output)
            try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
                of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh \(round)"))
            try Self.killed(["build", "--site", site.folder.path], after: Double(random.next() % 150) / 1000)
            let now = Tree.of(output)
            let fresh = site.url("whole")
            #expect(try cli.tthc(["build", "--site", site.folder.path, "--output", fresh.path]).status == 0)
            let new = Tree.of(fresh)
            #expect(now == old || now == new, "round \(round): an output that is neither the old nor the new site")
            #expect(try cli.tthc(["build", "--site", site.folder.path]).status == 0)
            #expect(Tree.of(output) == new, "round \(round): the build after the kill is not a whole build's output")
            try FileManager.default.removeItem(at: fresh)
        }
    }

    /// A sync killed at any moment leaves every record old or new, never partial, and the next
    /// sync ends where an uninterrupted one does.
    @Test func aSyncKilledAtAnyMomentLeavesEveryRecordOldOrNew() throws {
        let cli = CommandLineTests()
        let environment = ["SOURCE_DATE_EPOCH": "1795000000"]
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.fixture("export-sample.json"))) as? [[String: Any]] ?? []
        let changed = original.map { entry -> [String: Any] in
            guard var data = entry["data"] as? [String: Any], let name = data["name"] as? String else { return entry }
            data["name"] = name + " (sửa đổi)"
            data["updatedAt"] = 1_790_000_000_000
            var copy = entry
            copy["data"] = data
            return copy
        }
        func freshSite() throws -> TemporarySite {
            let site = try TemporarySite()
            try site.write("old.json", try JSONSerialization.data(withJSONObject: original))
            try site.write("new.json", try JSONSerialization.data(withJSONObject: changed))
            #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("old.json").path], environment: environment).status == 0)
            return site
        }
        func records(_ site: TemporarySite) throws -> [String: String] {
            let folder = site.url("content/thu-tuc")
            return Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
                ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
            })
        }
        // What old and new look like, from one uninterrupted sync.
        let reference = try freshSite()
        defer { reference.remove() }
        let before = try records(reference)
        #expect(try cli.tthc(["sync", "--site", reference.folder.path, "--catalog", reference.url("new.json").path], environment: environment).status == 0)
        let after = try records(reference)
        #expect(before != after)

        let site = try freshSite()
        defer { site.remove() }
        var random = SplitMix(seed: 11)
        for _ in 0..<50 {
            try Self.killed(["sync", "--site", site.folder.path, "--catalog", site.url("new.json").path],
                            environment: environment, after: Double(random.next() % 150) / 1000)
            for (name, text) in try records(site) {
                #expect(text == before[name] || text == after[name], "\(name) is neither the old nor the new record")
            }
        }
        #expect(try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url("new.json").path], environment: environment).status == 0)
        #expect(try records(site) == after, "the next sync ends where an uninterrupted one does")
        let again = try cli.tthc(["sync", "--check", "--site", site.folder.path, "--catalog", site.url("new.json").path], environment: environment)
        #expect(again.status == 0, "and nothing is left to do: \(again.errors)")
    }
}
