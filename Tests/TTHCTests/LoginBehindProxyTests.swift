import Editor
import Foundation
import Testing

/// Issue 19, point 3 behind the province's HTTPS proxy: every connection comes from the proxy, so
/// without `--trusted-proxy` all clerks share one address and one attacker's 20 failures locked
/// every login for 15 minutes. With it, each client is counted at the address the proxy forwarded
/// for; a client's own `X-Forwarded-For` proves nothing; one address cannot lock a clerk out.
@Suite struct LoginBehindProxyTests {
    typealias Browser = EditorServerTests.Browser
    let editor = EditorServerTests()

    func viaProxy(_ server: EditorServer, from client: String) -> Browser {
        let browser = Browser(server)
        browser.peer = "127.0.0.1"
        browser.forwardedFor = client
        return browser
    }

    @Test func anAttackerBehindTheProxyLocksOnlyHimselfOut() throws {
        let fixture = try EditorServerTests.fixture(accounts: [("a", ["SITE"])], trustedProxies: ["127.0.0.1"])
        defer { fixture.remove() }
        let attacker = viaProxy(fixture.server, from: "203.0.113.9")
        let tries = (0..<25).map { editor.login(attacker, "ten\($0)", password: "doan-sai").status }
        #expect(tries.prefix(20).allSatisfy { $0 == 401 } && tries.suffix(5).allSatisfy { $0 == 429 }, "\(tries)")
        // Five wrong passwords for a from that address: a still logs in from the commune's office.
        let second = viaProxy(fixture.server, from: "203.0.113.10")
        for _ in 0..<6 { _ = editor.login(second, "a", password: "doan-sai") }
        #expect(editor.login(second, "a").status == 429, "the right password from the guessing address waits")
        let clerk = viaProxy(fixture.server, from: "198.51.100.7")
        #expect(editor.login(clerk, "a").status == 303, "the clerk's own login is not locked by someone else's failures")
    }

    @Test func aForwardedForFromAnUntrustedPeerIsIgnored() throws {
        let fixture = try EditorServerTests.fixture(accounts: [("a", ["SITE"])], trustedProxies: ["127.0.0.1"])
        defer { fixture.remove() }
        // Straight to the server, each try claiming another address: counted at its own address.
        let attacker = Browser(fixture.server, peer: "192.0.2.44")
        var statuses: [Int] = []
        for index in 0..<21 {
            attacker.forwardedFor = "198.51.100.\(index)"
            statuses.append(editor.login(attacker, "ten\(index)", password: "doan-sai").status)
        }
        #expect(statuses.last == 429, "\(statuses)")
    }

    @Test func withoutTrustedProxiesTheHeaderIsIgnored() throws {
        let fixture = try EditorServerTests.fixture(accounts: [("a", ["SITE"])])
        defer { fixture.remove() }
        let attacker = viaProxy(fixture.server, from: "203.0.113.9")
        for index in 0..<20 { _ = editor.login(attacker, "ten\(index)", password: "doan-sai") }
        #expect(editor.login(viaProxy(fixture.server, from: "198.51.100.7"), "a").status == 429,
                "without --trusted-proxy every client is the proxy, as documented")
    }

    @Test(arguments: [
        ("203.0.113.9", "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9", "203.0.113.9"),            // what the client wrote is left of the proxy's entry
        ("203.0.113.9, 127.0.0.1", "203.0.113.9"),          // a second trusted proxy in the chain
        ("2001:db8::7", "2001:db8::7"),
        ("2001:DB8:0:0:0:0:0:7", "2001:db8::7"),             // one address, however written
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("nonsense", "127.0.0.1"),                           // junk: the proxy itself
        ("203.0.113.9, nonsense", "127.0.0.1"),
        ("203.0.113.9:443", "127.0.0.1"),                    // a port is not an address
        ("", "127.0.0.1"),
    ])
    func theClientIsTheRightmostAddressNoTrustedProxyWrote(header: String, client: String) {
        let request = WebRequest(method: "POST", path: "/__tthc/dang-nhap", headers: [("X-Forwarded-For", header)], peer: "127.0.0.1")
        #expect(ClientAddress.of(request, trusting: ["127.0.0.1"]) == client)
        #expect(ClientAddress.of(request, trusting: []) == "127.0.0.1")
    }

    /// The proxy named in another spelling of its address (the attack pass: `0:0:0:0:0:0:0:1` for
    /// `::1` silently trusted nothing), and the limits counting an IPv6 /64 as one client.
    @Test func addressesAreComparedAsAddressesAndAnIPv6NetworkIsOneClient() throws {
        let request = WebRequest(method: "POST", path: "/", headers: [("X-Forwarded-For", "198.51.100.7")], peer: "::1")
        #expect(ClientAddress.of(request, trusting: ["0:0:0:0:0:0:0:1"]) == "198.51.100.7")
        let mapped = WebRequest(method: "POST", path: "/", headers: [("X-Forwarded-For", "198.51.100.7")], peer: "::ffff:127.0.0.1")
        #expect(ClientAddress.of(mapped, trusting: ["127.0.0.1"]) == "198.51.100.7")
        #expect(ClientAddress.network(of: "2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.network(of: "203.0.113.9") == "203.0.113.9")

        let fixture = try EditorServerTests.fixture(accounts: [("a", ["SITE"])], trustedProxies: ["127.0.0.1"])
        defer { fixture.remove() }
        // 20 addresses of one /64, 5 failures each for a: the 21st is that network's, refused.
        let attacker = viaProxy(fixture.server, from: "2001:db8::1")
        var statuses: [Int] = []
        for index in 1...21 {
            attacker.forwardedFor = "2001:db8::\(String(index, radix: 16))"
            statuses.append(editor.login(attacker, "ten\(index)", password: "doan-sai").status)
        }
        #expect(statuses.last == 429, "\(statuses)")
        #expect(editor.login(viaProxy(fixture.server, from: "2001:db9::1"), "a").status == 303, "another network logs in")
    }

    @Test func aBadTrustedProxyIsRefusedAtTheCommandLine() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let run = try CommandLineTests().tthc(["serve", "--accounts", "/nonexistent/tk.json", "--trusted-proxy", "proxy.local"], in: site.folder)
        #expect(run.status != 0)
        #expect(run.errors.contains("--trusted-proxy proxy.local: cần một địa chỉ IP"), "\(run.errors)")
        let alone = try CommandLineTests().tthc(["serve", "--trusted-proxy", "127.0.0.1"], in: site.folder)
        #expect(alone.status != 0 && alone.errors.contains("--trusted-proxy cần --accounts"), "\(alone.errors)")
    }
}
