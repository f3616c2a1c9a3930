import Foundation
import Testing

/// The portal is reached over HTTPS, and its certificate is verified: a server whose certificate no
/// authority signed (a self-signed one here; on the road, a captive portal or someone in between) is
/// a refusal with the TLS failure named, never an answer read, and no export is written.
@Suite struct FetchTLSTests {
    /// A certificate for 127.0.0.1 that only itself vouches for; nil without openssl.
    static func selfSigned(in folder: TemporaryFolder) -> (certificate: URL, key: URL)? {
        let certificate = folder.url.appendingPathComponent("chung-thu.pem"), key = folder.url.appendingPathComponent("khoa.pem")
        let made = shell("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.path, "-out", certificate.path)
        return made == 0 ? (certificate, key) : nil
    }

    @Test func aPortalWhoseCertificateCannotBeVerifiedIsNeverRead() throws {
        let folder = try TemporaryFolder("tls")
        defer { folder.remove() }
        guard let tls = Self.selfSigned(in: folder) else {
            print("SKIPPED: openssl is not installed")
            return
        }
        let portal = try ReplayPortal(tls: tls)
        defer { portal.stop() }
        #expect(portal.api.hasPrefix("https://127.0.0.1:"))
        let site = try TemporarySite()
        defer { site.remove() }
        let before = Tree.of(site.folder)
        let run = try Fetcher().fetch(site, portal, ["--retries", "0"])
        #expect(run.status == 2, "\(run.output)\(run.errors)")
        #expect(run.errors.contains("lỗi kết nối bảo mật TLS"), "\(run.errors)")
        // The resume journal may start; the export and its state are never made from such a server.
        #expect(!FileManager.default.fileExists(atPath: site.url(Fetcher.export).path))
        #expect(!FileManager.default.fileExists(atPath: site.url(Fetcher.state).path))
        #expect(Tree.of(site.folder).filter { $0.key != Fetcher.journal && $0.key != "content/.dong-bo" } == before)
    }
}
