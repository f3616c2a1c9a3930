import Foundation
import Testing

/// A build killed at any moment (SIGKILL: no handler runs) leaves the previous output or the new
/// one, never a half-written or missing folder, and the next build succeeds.
@Suite struct KillTests {
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
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", "--site", site.folder.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double(random.next() % 120) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let page = try String(contentsOf: output.appendingPathComponent("thu-tuc/1.001193/index.html"), encoding: .utf8)
            #expect(page.contains(oldName) || page.contains(newName), "a page that is neither old nor new")
            let files = try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()
            #expect(files == oldFiles, "the output folder lost or gained files")
        }
        let last = try cli.tthc(["build", "--site", site.folder.path])
        #expect(last.status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("thu-tuc/1.001193/index.html"), encoding: .utf8).contains(newName))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.hasPrefix(".public.") }
        #expect(leftovers.isEmpty, "staging folders of killed builds are cleaned up: \(leftovers)")
    }
}
