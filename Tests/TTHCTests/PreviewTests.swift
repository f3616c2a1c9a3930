import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
import Glibc
#endif
import Testing

/// `tthc serve` as staff use it: open a page, save a change, see it; save a mistake, see the error.
@Suite struct PreviewTests {
    @Test func servesRebuildsAndShowsErrorsInThePage() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let served = try Served(site)
        defer { served.stop() }
        let (log, process, base) = (served.log, served.process, served.base)

        func eventually(_ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if try condition() { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("timed out waiting for \(what); log: \(try String(contentsOf: log, encoding: .utf8))")
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

    /// The open page's ask for the next build (`/__tthc/phien?sau=N`) is answered when a save is
    /// built, not before, so the page reloads at once; without a session it is answered at once.
    @Test func theReloadAskIsAnsweredWhenTheSaveIsBuilt() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let served = try Served(site)
        defer { served.stop() }
        let base = served.base
        let page = try #require(Self.get(base + "thu-tuc/1.001193/"))
        let cookie = try #require(page.cookie, "the page starts a session")
        let seen = try #require(Self.get(base + "__tthc/phien", cookie: cookie)?.text)

        let alone = ContinuousClock.now
        #expect(Self.get(base + "__tthc/phien?sau=\(seen)")?.text == seen)
        #expect(ContinuousClock.now - alone < .seconds(10), "without a session the ask is answered at once")

        let answered = Box<String>()
        let held = base + "__tthc/phien?sau=\(seen)"
        Thread.detachNewThread { answered.set(Self.get(held, cookie: cookie)?.text ?? "") }
        Thread.sleep(forTimeInterval: 1)
        #expect(answered.value == nil, "held while nothing was saved")
        try site.write("content/thu-tuc/1.001193.md", SampleRecord.text().replacingOccurrences(
            of: "ten: Thủ tục đăng ký khai sinh", with: "ten: Thủ tục đăng ký khai sinh (đã sửa)"))
        let saved = Date()
        while answered.value == nil, Date().timeIntervalSince(saved) < 20 { Thread.sleep(forTimeInterval: 0.01) }
        let number = try #require(answered.value, "answered after the save was built")
        #expect(number != seen && !number.isEmpty, "the next build's number: \(number)")
        #expect(Self.get(base + "thu-tuc/1.001193/")?.text.contains("(đã sửa)") == true)
    }

    /// A client that never finishes its request (headers sent a byte at a time, or stopped
    /// halfway) is cut off after 15 s: a thousand of them held every descriptor of the process.
    /// A request being answered is not idle: the reload ask, held 25 s, is answered in full.
    @Test func aRequestNeverFinishedIsCutOffButAHeldAskIsNot() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let served = try Served(site)
        defer { served.stop() }
        let page = try #require(Self.get(served.base + "thu-tuc/1.001193/"))
        let cookie = try #require(page.cookie)
        let seen = try #require(Self.get(served.base + "__tthc/phien", cookie: cookie)?.text)
        let held = Box<String>()
        let asked = ContinuousClock.now
        Thread.detachNewThread { held.set(Self.get(served.base + "__tthc/phien?sau=\(seen)", cookie: cookie)?.text ?? "") }

        let socket = try served.connection(timeout: 40)
        defer { close(socket) }
        let start = ContinuousClock.now
        let half = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Cham: ".utf8)
        _ = half.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var byte: UInt8 = 0
        let received = recv(socket, &byte, 1, 0)
        let waited = ContinuousClock.now - start
        #expect(received == 0, "the server closed the connection (recv: \(received), errno \(errno))")
        #expect(waited > .seconds(10) && waited < .seconds(30), "closed after \(waited)")

        while held.value == nil, ContinuousClock.now - asked < .seconds(40) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(held.value == seen, "the held ask was answered with the build it waited on, not cut off")
        #expect(ContinuousClock.now - asked > .seconds(20), "held its 25 s")
    }

    /// A body sent a byte at a time is cut off 20 s after it starts (408, the connection closed),
    /// where the idle limit no longer counts: a thousand such posts held every descriptor.
    @Test func aBodySentAByteAtATimeIsCutOff() throws {
        let site = try TemporarySite("-- content/thu-tuc/1.001193.md --\n" + SampleRecord.text())
        defer { site.remove() }
        let served = try Served(site)
        defer { served.stop() }
        let socket = try served.connection(timeout: 1)
        defer { close(socket) }
        let start = ContinuousClock.now
        let head = Array("POST /__tthc/luu HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\na".utf8)
        _ = head.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var closed = false
        // A byte a second, reading what comes back, for at most 40 s.
        while !closed, ContinuousClock.now - start < .seconds(40) {
            _ = send(socket, "a", 1, Int32(MSG_NOSIGNAL))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 { answer += buffer[..<count] } else if count == 0 { closed = true }
        }
        let waited = ContinuousClock.now - start
        #expect(String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 408"), "\(String(decoding: answer.prefix(200), as: UTF8.self))")
        #expect(closed, "the connection is closed")
        #expect(waited > .seconds(15) && waited < .seconds(30), "cut off after \(waited)")
        #expect(Self.get(served.base + "thu-tuc/1.001193/") != nil, "the server still answers")
    }

    /// `tthc serve` on a site, started on a free port, its output in `serve.log`.
    struct Served {
        let log: URL
        let process = Process()
        var base = ""

        init(_ site: TemporarySite) throws {
            log = site.url("serve.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = CommandLineTests.executable
            process.arguments = ["serve", "--site", site.folder.path, "--port", "0"]
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while base.isEmpty, Date() < deadline {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) { base = String(text[range]) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if base.isEmpty { Issue.record("the server did not start; log: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")") }
        }

        /// A TCP connection to the server, its reads timing out after `seconds`, to send what no browser would.
        func connection(timeout seconds: Int) throws -> Int32 {
            let port = try #require(base.split(separator: ":").last.flatMap { UInt16($0.dropLast()) })
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: port.bigEndian,
                                      sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0, "connected to \(base)")
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            return socket
        }

        /// SIGKILL: a child started from a test thread inherits its blocked signals, SIGTERM among them.
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A GET with an optional cookie: the answer's text and the session cookie it sets.
    static func get(_ address: String, cookie: String? = nil) -> (text: String, cookie: String?)? {
        var request = URLRequest(url: URL(string: address)!, timeoutInterval: 60)
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let done = DispatchSemaphore(value: 0)
        let box = Box<(String, String?)>()
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let set = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Set-Cookie").map { String($0.prefix { $0 != ";" }) }
            if let data { box.set((String(decoding: data, as: UTF8.self), set)) }
            done.signal()
        }.resume()
        done.wait()
        return box.value.map { (text: $0.0, cookie: $0.1) }
    }

    final class Box<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value?
        func set(_ value: Value) { lock.withLock { stored = value } }
        var value: Value? { lock.withLock { stored } }
    }
}
