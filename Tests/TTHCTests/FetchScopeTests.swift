import Foundation
@testable import Fetch
import Testing

/// What a fetch asks for and keeps: sync's own selection decides from each detail; the site's
/// existing records stay in the export; a daily run asks again for what is in scope, new or
/// changed, and for the rest in a round of --recheck-days; at most --concurrency requests at once.
@Suite(.serialized) struct FetchScopeTests {
    let run = Fetcher()

    static func exportedCodes(_ site: TemporarySite) -> [String] {
        (Fetcher.bytes(site) ?? Data()).split(separator: 0x0A).compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["data"] as? [String: Any])?["code"] as? String
        }
    }

    /// `them` adds a procedure of another level; `bo` leaves one out: decided from the details, as sync does.
    @Test func theSelectionOfSiteYmlDecidesFromTheDetails() throws {
        guard let portal = try run.replay() else { return }
        let envelopes = try ReplayPortal.envelopes()
        let published = Fetcher.published(envelopes)
        let left = try FetchFaultTests.code(of: published[0])
        let configuration = TemporarySite.configuration + "\n  them: [\"1.000578\"]\n  bo: [\"\(left)\"]"
        let site = try TemporarySite(configuration: configuration)
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let codes = Self.exportedCodes(site)
        #expect(codes.contains("1.000578"), "added by `them` though central")
        #expect(!codes.contains(left), "left out by `bo`")
        #expect(codes.count == published.count)
    }

    /// A record the site has, though its selection no longer takes it (imported while `them` named
    /// it), stays in the export, so sync does not take it for abolished.
    @Test func aRecordTheSiteHasStaysInTheExport() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite(configuration: TemporarySite.configuration + "\n  them: [\"1.000578\"]")
        defer { site.remove() }
        let imported = try run.cli.tthc(["new", "1.000578", "--catalog", ReplayPortal.details.path, "--site", site.folder.path])
        #expect(imported.status == 0, "\(imported.errors)")
        try site.write("site.yml", TemporarySite.configuration)
        #expect(try run.fetch(site, portal).status == 0)
        #expect(Self.exportedCodes(site).contains("1.000578"))
        let synced = try run.sync(site)
        #expect(synced.status == 0, "\(synced.errors)")
        #expect(!(try site.read("content/thu-tuc/1.000578.md").contains("bai_bo")))
    }

    /// The second run asks again for every procedure in scope, and for the others only on their
    /// day of the round; with --recheck-days 1 for all of them.
    @Test func aDailyRunAsksForWhatIsInScopeAndTodaysShareOfTheRest() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        try portal.resetStats()
        #expect(try run.fetch(site, portal, ["--recheck-days", "366"]).status == 0)
        let published = Set(Fetcher.published(try ReplayPortal.envelopes()))
        let askable = try Fetcher.askable()
        let day = Int(Date().timeIntervalSince1970) / 86400
        let todays = askable.filter { !published.contains($0) && FetchScope.turn(of: $0, in: 366) == day % 366 }
        let asked = Set(try portal.stats().details.keys)
        #expect(asked == published.union(todays), "in scope: \(published.count), today's share of the rest: \(todays.count)")
        try portal.resetStats()
        #expect(try run.fetch(site, portal, ["--recheck-days", "1"]).status == 0)
        #expect(Set(try portal.stats().details.keys) == Set(askable))
    }

    /// A list row that changed (renamed, re-filed) is asked about again, even outside the scope.
    @Test func aChangedListRowIsAskedAgain() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let published = Set(Fetcher.published(try ReplayPortal.envelopes()))
        var row = try #require(try ReplayPortal.listRows().first {
            $0["type"] as? String == "STANDARD" && !published.contains($0["id"] as? String ?? "")
        })
        row["name"] = "Tên mới trong danh sách"
        try portal.change(["rows": [row]])
        try portal.resetStats()
        #expect(try run.fetch(site, portal, ["--recheck-days", "366"]).status == 0)
        #expect(try portal.stats().details[row["id"] as? String ?? ""] == 1)
    }

    /// Requests at once never exceed --concurrency (the server counts them), and 3 are used when asked.
    @Test(arguments: [1, 2, 3]) func requestsAtOnceNeverExceedTheLimit(concurrency: Int) throws {
        guard let portal = try run.replay(latency: 0.1) else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let fetched = try run.fetch(site, portal, ["--concurrency", String(concurrency)])
        #expect(fetched.status == 0, "\(fetched.errors)")
        let stats = try portal.stats()
        #expect(stats.mostAtOnce == concurrency, "at most \(concurrency), and that many used: \(stats.mostAtOnce)")
        #expect(stats.details.values.allSatisfy { $0 == 1 })
    }

    /// The pause between requests is kept: with --delay 0.1, 23 details take at least 2.2 s.
    @Test func thePauseBetweenRequestsIsKept() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let started = Date()
        let fetched = try run.cli.tthc(["fetch", "--site", site.folder.path, "--api", portal.api, "--delay", "0.1"])
        #expect(fetched.status == 0)
        let requests = try portal.stats().requests
        #expect(Date().timeIntervalSince(started) >= Double(requests - 1) * 0.1, "\(requests) requests")
    }
}
