import Foundation
@testable import Fetch
import Testing

/// A fetch interrupted at any moment is taken up by the next run without asking again for what
/// it already got, and the daily run sees changes: a changed detail reaches its record, a
/// procedure missing from the list is gone only after two runs in a row.
@Suite(.serialized) struct FetchResumeTests {
    let run = Fetcher()

    /// SIGKILL at random moments, then a run to the end: every detail asked at most once more than
    /// the kills that could have caught it in flight, and the export an uninterrupted run writes.
    @Test func aKilledFetchResumesWithoutAskingAgain() throws {
        // About six seconds of answers in all, more than the kills leave time for: every kill lands
        // inside the run, which each next run takes up where the last one stopped.
        guard let portal = try run.replay(latency: 0.25), let quick = try run.replay() else { return }
        let reference = try TemporarySite(), site = try TemporarySite()
        defer { reference.remove(); site.remove() }
        #expect(try run.fetch(reference, quick).status == 0)
        let expected = try #require(Fetcher.bytes(reference))

        var random = SplitMix(seed: 15)
        let kills = 6
        let arguments = ["fetch", "--site", site.folder.path, "--api", portal.api, "--delay", "0"]
        for _ in 0..<kills {
            try KillTests.killed(arguments, environment: Fetcher.environment, after: 0.2 + Double(random.next() % 800) / 1000)
            #expect(Fetcher.bytes(site) == nil, "no export until the run is complete")
        }
        let last = try run.fetch(site, portal)
        #expect(last.status == 0, "\(last.errors)")
        #expect(Fetcher.bytes(site) == expected, "the export an uninterrupted run writes")
        let stats = try portal.stats()
        let askable = try Fetcher.askable().count
        #expect(stats.details.count == askable)
        #expect(stats.detail <= askable + kills, "asked again only what was in flight when killed: \(stats.detail)")
        #expect(stats.list <= 1 + kills)
        #expect(!FileManager.default.fileExists(atPath: site.url(Fetcher.journal).path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.url("content/.dong-bo").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// A journal whose last line was torn by a kill: that line is dropped, the rest is kept.
    @Test func aTornJournalLineIsDroppedAndTheRestKept() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try portal.faults([["target": "detail", "after": 5, "fault": "firewall"]])
        #expect(try run.fetch(site, portal).status == 2)
        let journal = site.url(Fetcher.journal)
        let handle = try FileHandle(forWritingTo: journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"chi_tiet":{"id":"019d2bfd-380b"#.utf8))
        try handle.close()
        try portal.faults([])
        try portal.resetStats()
        let resumed = try run.fetch(site, portal)
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(try portal.stats().detail == (try Fetcher.askable().count) - 4)
        #expect(resumed.errors.contains("4 từ lần chạy bị ngắt"))
    }

    /// A journal begun more than a day ago is not taken up: what it holds is too old to publish.
    @Test func aJournalOlderThanADayIsBegunAgain() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        try portal.faults([["target": "detail", "after": 5, "fault": "firewall"]])
        #expect(try run.fetch(site, portal).status == 2)
        let journal = site.url(Fetcher.journal)
        var lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        header["bat_dau"] = Int(Date().timeIntervalSince1970) - 25 * 3600
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self)
        try lines.joined(separator: "\n").write(to: journal, atomically: true, encoding: .utf8)
        try portal.faults([])
        try portal.resetStats()
        let fresh = try run.fetch(site, portal)
        #expect(fresh.status == 0, "\(fresh.errors)")
        #expect(try portal.stats().detail == (try Fetcher.askable().count), "everything asked again")
        #expect(!fresh.errors.contains("từ lần chạy bị ngắt"))
    }

    /// Killed after the new export was renamed into place but before its state: the next run
    /// recognizes the export as its own and completes.
    @Test func aRunKilledBetweenTheExportAndItsStateIsCompleted() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let oldState = try #require(Fetcher.bytes(site, Fetcher.state))
        try Self.rename(try FetchFaultTests.inScopeID(), to: "Thủ tục đã đổi tên", on: portal)
        #expect(try run.fetch(site, portal).status == 0)
        let newExport = try #require(Fetcher.bytes(site))
        // As a kill would leave it: the new export, the old state, the journal that was writing it.
        try oldState.write(to: site.url(Fetcher.state))
        let header = try #require(String(decoding: oldState, as: UTF8.self).split(separator: "\n").first)
        let api = try #require((try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])?["api"] as? String)
        let journal = #"{"api":"\#(api)","bat_dau":1,"chon":"x","tthc_fetch_dang_tai":1}"# + "\n"
            + #"{"ket_thuc":"\#(Self.fingerprint(newExport))"}"# + "\n"
        try journal.write(to: site.url(Fetcher.journal), atomically: true, encoding: .utf8)
        let next = try run.fetch(site, portal)
        #expect(next.status == 0, "\(next.errors)")
        #expect(Fetcher.bytes(site) == newExport)
        #expect(Fetcher.bytes(site, Fetcher.state) != oldState)
    }

    static func fingerprint(_ data: Data) -> String {
        Fingerprint.ignoringCarriageReturns(data)
    }

    /// The portal amends a procedure: a new name, a later `updatedAt`.
    static func rename(_ id: String, to name: String, on portal: ReplayPortal) throws {
        var envelope = try #require(try ReplayPortal.envelopes()[id])
        var data = try #require(envelope["data"] as? [String: Any])
        data["name"] = name
        data["updatedAt"] = 1_790_000_000_000
        envelope["data"] = data
        try portal.change(["details": [envelope]])
    }

    // MARK: - Changes

    /// A site fetched and synchronized once, and a procedure it publishes.
    func syncedSite(_ portal: ReplayPortal) throws -> (TemporarySite, id: String, code: String) {
        let site = try TemporarySite()
        #expect(try run.fetch(site, portal).status == 0)
        #expect(try run.sync(site).status == 0)
        let id = try FetchFaultTests.inScopeID()
        return (site, id, try FetchFaultTests.code(of: id))
    }

    /// A detail changed on the portal reaches its record through sync (update, logged).
    @Test func aChangedDetailReachesTheRecord() throws {
        guard let portal = try run.replay() else { return }
        let (site, id, code) = try syncedSite(portal)
        defer { site.remove() }
        try Self.rename(id, to: "Thủ tục đăng ký (đã sửa đổi trên cổng)", on: portal)
        let fetched = try run.fetch(site, portal)
        #expect(fetched.status == 0)
        #expect(fetched.errors.contains("đã cập nhật"))
        let synced = try run.sync(site)
        #expect(synced.status == 0, "\(synced.errors)")
        #expect(try site.read("content/thu-tuc/\(code).md").contains("ten: Thủ tục đăng ký (đã sửa đổi trên cổng)"))
        #expect(try site.read("content/.dong-bo/nhat-ky.jsonl").contains(#""ma":"\#(code)","thay_doi":"cap_nhat""#))
    }

    /// Missing from one list: kept (and said so); from two in a row: left out, and sync abolishes it.
    @Test func aProcedureIsGoneOnlyWhenMissingTwoRunsInARow() throws {
        guard let portal = try run.replay() else { return }
        let (site, id, code) = try syncedSite(portal)
        defer { site.remove() }
        let record = try site.read("content/thu-tuc/\(code).md")
        let export = try #require(Fetcher.bytes(site))
        try portal.change(["remove": [id]])

        let once = try run.fetch(site, portal)
        #expect(once.status == 0, "\(once.errors)")
        #expect(once.errors.contains("? \(code): không có trong danh sách lần này"), "\(once.errors)")
        #expect(Fetcher.bytes(site) == export, "still in the export")
        #expect(try run.sync(site).status == 0)
        #expect(try site.read("content/thu-tuc/\(code).md") == record)

        let twice = try run.fetch(site, portal)
        #expect(twice.status == 0)
        #expect(twice.errors.contains("− \(code): không có trong danh sách hai lần liên tiếp"), "\(twice.errors)")
        #expect(!(String(decoding: try #require(Fetcher.bytes(site)), as: UTF8.self).contains(id)))
        #expect(try run.sync(site).status == 0)
        #expect(try site.read("content/thu-tuc/\(code).md").contains("trang_thai: bai_bo"))
    }

    /// Back in the list after one absence: nothing was lost, nothing is abolished.
    @Test func aProcedureBackAfterOneAbsenceIsKept() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let export = try #require(Fetcher.bytes(site))
        let id = try FetchFaultTests.inScopeID()
        let envelope = try #require(try ReplayPortal.envelopes()[id])
        // Its row, as the list had it (the server makes one from the detail when the sample has none).
        let rows = try ReplayPortal.listRows().filter { $0["id"] as? String == id }
        try portal.change(["remove": [id]])
        #expect(try run.fetch(site, portal).status == 0)
        try portal.change(["details": [envelope], "rows": rows])
        #expect(try run.fetch(site, portal).status == 0)
        try portal.change(["remove": [id]])
        #expect(try run.fetch(site, portal).status == 0)
        #expect(Fetcher.bytes(site) == export, "one absence again, not the second in a row")
    }
}
