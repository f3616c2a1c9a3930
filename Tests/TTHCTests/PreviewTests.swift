import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `tthc serve` as staff use it: open a page, save a change, see it; save a mistake, see the error.
@Suite struct PreviewTests {
    @Test func servesRebuildsAndShowsErrorsInThePage() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let log = site.url("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--site", site.folder.path, "--port", "0"]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // SIGKILL: a child started from a test thread inherits its blocked signals, SIGTERM among them.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }

        func eventually(_ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if try condition() { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("timed out waiting for \(what); log: \(try String(contentsOf: log, encoding: .utf8))")
        }
        var base = ""
        try eventually("the address") {
            let text = try String(contentsOf: log, encoding: .utf8)
            guard let range = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) else { return false }
            base = String(text[range])
            return true
        }
        func page(_ path: String) -> String {
            (try? Data(contentsOf: URL(string: base + path)!)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        #expect(page("thu-tuc/1.001193/").contains("<h1>Thủ tục đăng ký khai sinh</h1>"))
        #expect(page("thu-tuc/1.001193/").contains("<script src=\"/__tthc/tai-lai.js\"></script>"), "the page reloads itself after a rebuild")
        #expect(page("__tthc/tai-lai.js").contains("/__tthc/phien"))

        try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh (đã sửa)"))
        try eventually("the change") { page("thu-tuc/1.001193/").contains("<h1>Thủ tục đăng ký khai sinh (đã sửa)</h1>") }

        try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "trang_thai: hieu_luc", with: "trang_thai: hieu luc"))
        try eventually("the error panel") { page("thu-tuc/1.001193/").contains("id=\"tthc-loi\"") }
        let broken = page("thu-tuc/1.001193/")
        #expect(broken.contains("<code>content/thu-tuc/1.001193.md</code>, dòng 9, cột 13:"), "\(broken.prefix(1200))")
        #expect(broken.contains("`trang_thai`"))
        #expect(broken.contains("<h1>Thủ tục đăng ký khai sinh (đã sửa)</h1>"), "the last good build stays up under the panel")
        #expect(process.isRunning, "an invalid record does not stop the server")
    }
}
