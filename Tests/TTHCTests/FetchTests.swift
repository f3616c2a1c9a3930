import Foundation
import Testing

/// `tthc fetch` against the replay of the portal, run as CI runs it: a subprocess, its exit
/// status and messages, the export it leaves, and what the server was asked.
@Suite(.serialized) struct FetchTests {
    let run = Fetcher()

    // MARK: - The export

    /// Fetch then sync gives exactly the records (and merge bases) of syncing the saved details.
    @Test(arguments: [false, true]) func fetchThenSyncGivesTheRecordsOfSyncingTheSample(shared: Bool) throws {
        guard let portal = try run.replay(shared: shared) else { return }
        let site = try TemporarySite(), reference = try TemporarySite()
        defer { site.remove(); reference.remove() }
        let fetched = try run.fetch(site, portal)
        #expect(fetched.status == 0, "\(fetched.errors)")
        #expect(fetched.errors.contains("tthc fetch: danh mục"), "one summary line: \(fetched.errors)")
        #expect(try run.sync(site).status == 0)
        let sample = shared ? Repository.nationalSample : ReplayPortal.details
        let direct = try run.cli.tthc(["sync", "--site", reference.folder.path, "--catalog", sample.path], environment: Fetcher.environment)
        #expect(direct.status == 0)
        let records = try Fetcher.records(site)
        #expect(!records.isEmpty)
        #expect(records == (try Fetcher.records(reference)), "a fetched export syncs to the same records as the saved one")
        let published = Fetcher.published(try ReplayPortal.envelopes(sample))
        #expect(records.keys.filter { $0.hasPrefix("content/thu-tuc/") }.count == published.count)
        // What the site does not publish stays out of the export: the export is the commune's, not the country's.
        let lines = try #require(Fetcher.bytes(site)).split(separator: 0x0A)
        #expect(lines.count == published.count)
        let stats = try portal.stats()
        let internalIDs = Set(try ReplayPortal.listRows(shared ? ReplayPortal.sharedRows : ReplayPortal.rows)
            .filter { $0["type"] as? String == "STANDARD_INTERNAL" }.compactMap { $0["id"] as? String })
        #expect(!internalIDs.isEmpty)
        #expect(Set(stats.details.keys).isDisjoint(with: internalIDs), "internal procedures are never asked for")
        #expect(stats.details.values.allSatisfy { $0 == 1 }, "each detail asked once")
    }

    /// The same catalogue gives the same bytes, whatever key order and spacing the portal used.
    @Test func theSameCatalogueGivesAByteIdenticalExport() throws {
        guard let portal = try run.replay(pageSize: 10) else { return }
        let first = try TemporarySite(), second = try TemporarySite()
        defer { first.remove(); second.remove() }
        #expect(try run.fetch(first, portal).status == 0)
        try portal.change(["reorder": true])
        #expect(try run.fetch(second, portal).status == 0)
        let bytes = try #require(Fetcher.bytes(first))
        #expect(bytes == Fetcher.bytes(second))
        #expect(bytes.first == UInt8(ascii: "{") && !bytes.contains(0x0D))
        // Sorted by code, then id.
        let codes = bytes.split(separator: 0x0A).compactMap { line -> String? in
            ((try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["data"] as? [String: Any])?["code"] as? String
        }
        #expect(codes == codes.sorted() && !codes.isEmpty)
        // Again in the same site: nothing changes, not a byte, state included.
        let state = first.url(Fetcher.export + ".trang-thai.jsonl")
        let stateBefore = try Data(contentsOf: state)
        let again = try run.fetch(first, portal)
        #expect(again.status == 0)
        #expect(again.errors.contains("không đổi"))
        #expect(Fetcher.bytes(first) == bytes)
        #expect(try Data(contentsOf: state) == stateBefore)
    }

    /// The list is followed page by page by its cursor, to its end, even with short pages.
    @Test func theListIsFollowedByItsCursor() throws {
        guard let portal = try run.replay(pageSize: 10) else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        let fetched = try run.fetch(site, portal)
        #expect(fetched.status == 0, "\(fetched.errors)")
        let ids = try ReplayPortal.listRows().compactMap { $0["id"] as? String } + ReplayPortal.envelopes().keys
        let sorted = Array(Set(ids)).sorted(by: >)
        let cursors = try portal.stats().listCursors
        #expect(cursors == ["", sorted[9], sorted[19], sorted[29]], "\(cursors)")
        #expect(fetched.errors.contains("danh mục \(sorted.count) thủ tục (4 trang"))
    }

    /// An honest agent: tthc's name and version, and where to find it.
    @Test func theUserAgentNamesTthcAndItsVersion() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let agents = try portal.stats().userAgents
        #expect(agents.count == 1)
        #expect(agents.first?.hasPrefix("tthc/") == true && agents.first?.contains("(+https://") == true, "\(agents)")
    }
}
