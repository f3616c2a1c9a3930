@testable import Editor
import Foundation
import Testing

/// The preview page's ask for a reload (`/__tthc/phien?sau=N`) is held until the next build is
/// shown, so that a saved page reloads the moment it is rebuilt; asks that may not be held are
/// answered at once, as before.
@Suite struct ReloadAskTests {
    typealias Browser = EditorServerTests.Browser

    /// An ask for the build shown, by a visitor with a session, is one to hold. (That it is held
    /// until the save is built is checked against a running `tthc serve`, in `PreviewTests`: in
    /// this process the whole suite keeps Swift's few cooperative threads busy for minutes.)
    @Test func anAskForTheBuildShownIsHeld() throws {
        let fixture = try EditorServerTests.fixture()
        defer { fixture.remove() }
        let browser = Browser(fixture.server)
        _ = browser.page("/thu-tuc/1.001193/")
        let seen = Int(browser.page("/__tthc/phien")) ?? -1
        let ask = WebRequest(method: "GET", path: "/__tthc/phien", query: "sau=\(seen)",
                             headers: [("host", "127.0.0.1:1313"), ("cookie", "tthc_phien=\(browser.cookies["tthc_phien"] ?? "")")])
        #expect(fixture.server.reloadAsk(ask)?.seen == seen)
        try fixture.site.write(EditorServerTests.path, EditorServerTests.record.replacingOccurrences(
            of: "Thủ tục đăng ký khai sinh", with: "Thủ tục đăng ký khai sinh (đã sửa)"))
        fixture.server.preview.rebuild()
        #expect(fixture.server.reloadAsk(ask) == nil, "once another build is shown, the same ask is answered at once")
    }

    @Test func asksThatMayNotBeHeldAreAnsweredAtOnce() async throws {
        let fixture = try EditorServerTests.fixture()
        defer { fixture.remove() }
        let browser = Browser(fixture.server)
        _ = browser.page("/thu-tuc/1.001193/")
        let seen = Int(browser.page("/__tthc/phien")) ?? -1
        let cookie = ("cookie", "tthc_phien=\(browser.cookies["tthc_phien"] ?? "")")
        func ask(_ query: String, _ headers: [(String, String)]) -> WebRequest {
            WebRequest(method: "GET", path: "/__tthc/phien", query: query, headers: [("host", "127.0.0.1:1313")] + headers)
        }
        #expect(fixture.server.reloadAsk(ask("sau=\(seen)", [])) == nil, "no session: answered at once")
        #expect(fixture.server.reloadAsk(ask("sau=\(seen)", [("cookie", "tthc_phien=" + String(repeating: "0", count: 64))])) == nil)
        #expect(fixture.server.reloadAsk(ask("sau=\(seen - 1)", [cookie])) == nil, "an older build: the page reloads at once")
        #expect(fixture.server.reloadAsk(ask("", [cookie])) == nil, "the first ask learns the number")
        #expect(fixture.server.reloadAsk(ask("sau=abc", [cookie])) == nil)
        let session = try #require(fixture.server.reloadAsk(ask("sau=\(seen)", [cookie]))?.session)
        // A second tab of the same browser: its ask is answered at once, so that a browser's six
        // connections are never all held.
        #expect(fixture.server.heldAsks.enter(session, limit: EditorServer.heldAskLimit))
        var started = ContinuousClock.now
        await fixture.server.waitForBuild(after: seen, session: session, wait: .seconds(120))
        #expect(ContinuousClock.now - started < .seconds(60), "one held ask per session")
        fixture.server.heldAsks.leave(session)
        // More held asks than a clerk's tabs: the rest are answered at once.
        for index in 0..<EditorServer.heldAskLimit { #expect(fixture.server.heldAsks.enter("phien-\(index)", limit: EditorServer.heldAskLimit)) }
        started = ContinuousClock.now
        await fixture.server.waitForBuild(after: seen, session: session, wait: .seconds(120))
        #expect(ContinuousClock.now - started < .seconds(60), "one ask too many is not held")
        for index in 0..<EditorServer.heldAskLimit { fixture.server.heldAsks.leave("phien-\(index)") }
    }
}

