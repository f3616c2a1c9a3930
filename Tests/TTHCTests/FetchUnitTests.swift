import Foundation
import Testing

/// With `ma_don_vi` in site.yml, each page's online level and "Nộp trực tuyến" address are the
/// unit's own, from the portal's per-unit list, not guessed from `isFullProcess`.
@Suite(.serialized) struct FetchUnitTests {
    let run = Fetcher()
    static let configuration = TemporarySite.configuration.replacingOccurrences(of: "cap: xa\n", with: "cap: xa\nma_don_vi: H35.12\n")
    static let submit = "https://dichvucong.gov.vn/p/home/dvc-dich-vu-cong-truc-tuyen.html?ma_thu_tuc="

    /// The record's `dvc_truc_tuyen` block, as sync wrote it.
    static func online(_ site: TemporarySite, _ code: String) throws -> String {
        let text = try site.read("content/thu-tuc/\(code).md")
        guard let start = text.range(of: "dvc_truc_tuyen:\n") else { return "" }
        return text[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("  ") }.joined(separator: "\n")
    }

    @Test(arguments: [false, true]) func theUnitsOwnLevelAndAddressReachThePages(serverIgnoresTheFilter: Bool) throws {
        guard let portal = try run.replay() else { return }
        try portal.change(["ignore_department_filter": serverIgnoresTheFilter])
        let site = try TemporarySite(configuration: Self.configuration)
        defer { site.remove() }
        let fetched = try run.fetch(site, portal)
        #expect(fetched.status == 0, "\(fetched.errors)")
        #expect(try portal.stats().units == 1)
        #expect(try run.sync(site).status == 0)
        // Two cases, PARTIAL and FULL: the best, with that case's address.
        #expect(try Self.online(site, "1.001193") == "  muc_do: toan_trinh\n  url: \(Self.submit)1.001193&ma_don_vi=H35.12&truong_hop=TH2")
        // NONE at this unit (another unit's FULL row is not this unit's).
        #expect(try Self.online(site, "1.000080") == "  muc_do: khong")
        // A `javascript:` address is never linked; the level stays.
        #expect(try Self.online(site, "1.000593") == "  muc_do: mot_phan")
        #expect(try Self.online(site, "2.000779") == "  muc_do: toan_trinh\n  url: \(Self.submit)2.000779&ma_don_vi=H35.12&truong_hop=")
        // Not in the unit's list (only another unit's): not offered online here.
        #expect(try Self.online(site, "1.001695") == "  muc_do: khong")
        let checked = try run.cli.tthc(["check", "--site", site.folder.path])
        #expect(checked.status == 0, "\(checked.output)")
        let built = try run.cli.tthc(["build", "--site", site.folder.path])
        #expect(built.status == 0, "\(built.errors)")
        let page = try site.read("public/thu-tuc/1.001193/index.html")
        #expect(page.contains("href=\"\(Self.submit)1.001193&amp;ma_don_vi=H35.12&amp;truong_hop=TH2\""), "the button leads to the unit")
        #expect(!(try site.read("public/thu-tuc/1.000593/index.html")).contains("javascript:"))
    }

    /// Without `ma_don_vi`, the unit list is not asked for and pages keep the portal's own flag.
    @Test func withoutTheUnitsCodeThePortalsFlagStands() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        #expect(try portal.stats().units == 0)
        #expect(try run.sync(site).status == 0)
        #expect(try Self.online(site, "1.000080").hasPrefix("  muc_do: mot_phan\n  url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"))
    }

    /// A code the portal knows nothing of: nothing is annotated, and the report says to check it.
    @Test func aUnitWithNoServicesIsReported() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite(configuration: Self.configuration.replacingOccurrences(of: "H35.12", with: "H35.1"))
        defer { site.remove() }
        let fetched = try run.fetch(site, portal)
        #expect(fetched.status == 0)
        #expect(fetched.errors.contains("Cổng không có dịch vụ trực tuyến nào của đơn vị"), "\(fetched.errors)")
        #expect(!(String(decoding: try #require(Fetcher.bytes(site)), as: UTF8.self).contains("_tthc_dich_vu_don_vi")))
    }

    /// The unit's list refused or broken: nothing replaced (exit 2), as for the catalogue.
    @Test(arguments: [("firewall", "Request Rejected"), ("error-envelope", "dịch vụ trực tuyến của đơn vị")])
    func aFailedUnitListReplacesNothing(fault: String, message: String) throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite(configuration: Self.configuration)
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let export = Fetcher.bytes(site)
        try portal.faults([["target": "units", "fault": fault]])
        let failed = try run.fetch(site, portal)
        #expect(failed.status == 2, "\(failed.errors)")
        #expect(failed.errors.contains(message), "\(failed.errors)")
        #expect(Fetcher.bytes(site) == export)
    }

    /// A change of the unit's service reaches the record on the next run; the export stays
    /// byte-identical while nothing changes.
    @Test func aChangedServiceReachesTheRecord() throws {
        guard let portal = try run.replay() else { return }
        let site = try TemporarySite(configuration: Self.configuration)
        defer { site.remove() }
        #expect(try run.fetch(site, portal).status == 0)
        let first = Fetcher.bytes(site)
        #expect(try run.fetch(site, portal).status == 0)
        #expect(Fetcher.bytes(site) == first)
        #expect(try run.sync(site).status == 0)
        var rows = try JSONSerialization.jsonObject(with: Data(contentsOf: ReplayPortal.unitRows)) as? [[String: Any]] ?? []
        for index in rows.indices where rows[index]["formalityCode"] as? String == "1.000080" && rows[index]["departmentCode"] as? String == "H35.12" {
            rows[index]["implementLevel"] = "FULL"
            rows[index]["citizenUrl"] = Self.submit + "1.000080&ma_don_vi=H35.12"
        }
        try portal.change(["units": rows])
        #expect(try run.fetch(site, portal).status == 0)
        #expect(try run.sync(site).status == 0)
        #expect(try Self.online(site, "1.000080") == "  muc_do: toan_trinh\n  url: \(Self.submit)1.000080&ma_don_vi=H35.12")
    }
}
