import Catalog
import FileSystem
import Foundation
import Records
import Testing

/// Issue 14, point 2's class: sync never writes over a local edit, including one saved while it
/// ran in the clerk's own editor (the browser editor saves under the site's lock; Notepad does not).
/// Between planning and writing, a record that changed, appeared or went away is left as it is now
/// and the run stops before writing anything, naming the file.
@Suite struct EditDuringSyncTests {
    let conflicts = ConflictTests()
    let birth = "content/thu-tuc/1.001193.md"
    let configuration = try! #require(SiteConfiguration.read(bytes: Array(TemporarySite.configuration.utf8)).0)

    /// A site imported from the fixture export, and a plan to take the catalog's new name of the
    /// birth registration, made before the clerk saves.
    func planned(_ site: TemporarySite) throws -> (CatalogSync, SyncPlan) {
        try synchronize(site, with: try conflicts.sync.export(try conflicts.sync.entries()))
        let later = try conflicts.catalog { $0["name"] = "Đăng ký khai sinh (tên mới của CSDL quốc gia)" }
        let sync = CatalogSync(site: site.folder, configuration: configuration, now: "2026-12-01T09:00:00+07:00")
        let plan = sync.plan(try NationalExport(data: later))
        #expect(plan.updated == [birth])
        return (sync, plan)
    }

    @Test(arguments: ["an edit saved", "the file removed", "the file replaced by a link"])
    func aRecordChangedAfterPlanningIsNeverWrittenOver(_ change: String) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let (sync, plan) = try planned(site)
        let path = site.url(birth).path
        switch change {
        case "an edit saved": try site.write(birth, try site.read(birth) + "\n## Lưu ý của xã\n\nMang bản chính.\n")
        case "the file removed": try FileManager.default.removeItem(atPath: path)
        default:
            try site.write("ban-sao.md", try site.read(birth) + "\n")
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: site.url("ban-sao.md").path)
        }
        let before = Tree.of(site.folder)
        #expect(throws: FileError(.write, path, .changedMeanwhile)) { try sync.apply(plan) }
        #expect(Tree.of(site.folder) == before, "nothing written: not the record, its base, the log or the fingerprints")
        #expect(FileError(.write, path, .changedMeanwhile).vi.contains("không ghi đè lên bản vừa sửa; chạy lại lệnh"))
    }

    @Test func aRecordTheClerkMadeWhileSyncPlannedToCreateItIsKept() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let sync = CatalogSync(site: site.folder, configuration: configuration, now: "2026-12-01T09:00:00+07:00")
        let plan = sync.plan(try NationalExport(data: try conflicts.sync.export(try conflicts.sync.entries())))
        #expect(plan.created.contains(birth))
        let own = SampleRecord.text()
        try site.write(birth, own)
        #expect(throws: FileError(.write, site.url(birth).path, .changedMeanwhile)) { try sync.apply(plan) }
        #expect(try site.read(birth) == own)
    }

    @Test func theNextRunTakesTheCatalogsChangeBesideTheEdit() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let (sync, plan) = try planned(site)
        try site.write(birth, try site.read(birth) + "\n## Lưu ý của xã\n\nMang bản chính.\n")
        #expect(throws: FileError.self) { try sync.apply(plan) }
        let again = CatalogSync(site: site.folder, configuration: configuration, now: "2026-12-01T09:05:00+07:00")
        let next = again.plan(try NationalExport(data: try conflicts.catalog { $0["name"] = "Đăng ký khai sinh (tên mới của CSDL quốc gia)" }))
        try again.apply(next)
        let text = try site.read(birth)
        #expect(text.contains("Đăng ký khai sinh (tên mới của CSDL quốc gia)"))
        #expect(text.contains("Mang bản chính."), "the clerk's note survives the next run")
    }
}
