import Catalog
import Foundation
import Records
import Testing

/// A sync that stops part way (a file it may not write) is run again: every change is in the
/// change log once, whichever file failed. Failures are made for real with chattr +i; where the
/// file system has no such flag the tests say they skipped.
@Suite struct ChangeLogRetryTests {
    let cli = CommandLineTests()

    /// Five entries in `old.json`, three of them in the unit's scope (1.900000–1.900002),
    /// imported; `new.json` renames them all.
    func syncedSite() throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("old.json", try SiteLockTests.export(count: 5))
        try site.write("new.json", try SiteLockTests.export(count: 5, suffix: " (sửa đổi)", updatedAt: 1_790_000_000_000))
        #expect(try sync(site, "old.json").status == 0)
        return site
    }

    func sync(_ site: TemporarySite, _ export: String) throws -> CommandLineTests.Run {
        try cli.tthc(["sync", "--catalog", site.url(export).path], in: site.folder)
    }

    /// How many lines of the log say `kind` for `code`.
    func logged(_ site: TemporarySite, _ code: String, _ kind: ChangeLog.Kind) throws -> Int {
        ChangeLog(bytes: Array(try site.read(ChangeLog.path).utf8)).entries.filter { $0.code == code && $0.kind == kind }.count
    }

    /// Makes `path` immutable for the length of `body`; false when the file system cannot.
    func immutable(_ site: TemporarySite, _ path: String, _ body: () throws -> Void) throws -> Bool {
        let file = site.url(path).path
        guard shell("chattr", "+i", file) == 0 else {
            print("SKIPPED: chattr +i is not available on this file system (\(file))")
            return false
        }
        defer { _ = shell("chattr", "-i", file) }
        try body()
        return true
    }

    /// The log written last lost its lines: records and bases were already new, so the next run
    /// found nothing to do. Written first, a log that cannot be written stops the run before
    /// anything else changes.
    @Test func anUnwritableLogChangesNothingAndTheNextRunLogsEveryChangeOnce() throws {
        let site = try syncedSite()
        defer { site.remove() }
        let record = "content/thu-tuc/1.900000.md"
        let before = try site.read(record)
        let done = try immutable(site, ChangeLog.path) {
            let run = try sync(site, "new.json")
            #expect(run.status == 2, "\(run.errors)")
            #expect(run.errors.contains("nhat-ky.jsonl"), "\(run.errors)")
            #expect(try site.read(record) == before, "nothing written before the log")
        }
        guard done else { return }
        #expect(try sync(site, "new.json").status == 0)
        for index in 0..<3 {
            #expect(try logged(site, String(format: "1.9%05d", index), .updated) == 1)
        }
        #expect(try sync(site, "new.json").status == 0)
        #expect(try logged(site, "1.900000", .updated) == 1, "a run with nothing new logs nothing")
    }

    /// The log is written, one record is not: the next run plans that change again and the log
    /// keeps the line it has.
    @Test func anUnwritableRecordIsLoggedOnceOverTheRetry() throws {
        let site = try syncedSite()
        defer { site.remove() }
        let done = try immutable(site, "content/thu-tuc/1.900002.md") {
            let run = try sync(site, "new.json")
            #expect(run.status == 2, "\(run.errors)")
        }
        guard done else { return }
        #expect(try sync(site, "new.json").status == 0)
        #expect(try site.read("content/thu-tuc/1.900002.md").contains("(sửa đổi)"))
        for index in 0..<3 {
            #expect(try logged(site, String(format: "1.9%05d", index), .updated) == 1)
        }
    }

    /// Record written, its merge base not: the next run completes the base and logs nothing more.
    @Test func anUnwritableBaseIsCompletedWithoutASecondLine() throws {
        let site = try syncedSite()
        defer { site.remove() }
        let base = "content/.dong-bo/co-so/1.900001.md"
        #expect(FileManager.default.fileExists(atPath: site.url(base).path), "the first sync wrote the base")
        let done = try immutable(site, base) {
            let run = try sync(site, "new.json")
            #expect(run.status == 2, "\(run.errors)")
        }
        guard done else { return }
        #expect(try sync(site, "new.json").status == 0)
        #expect(try sync(site, "new.json", check: true).status == 0, "in step with the catalog")
        #expect(try logged(site, "1.900001", .updated) == 1)
    }

    /// A later national version of the same record is news again, and a log written before
    /// versions were kept (no `phien_ban`) never hides a change.
    @Test func aNewVersionIsLoggedAgainAndOldLinesNeverHideAChange() throws {
        let site = try syncedSite()
        defer { site.remove() }
        try site.write("newer.json", try SiteLockTests.export(count: 5, suffix: " (sửa lần hai)", updatedAt: 1_800_000_000_000))
        #expect(try sync(site, "new.json").status == 0)
        #expect(try sync(site, "newer.json").status == 0)
        #expect(try logged(site, "1.900002", .updated) == 2)

        let old = #"{"ngay":"2026-11-01T09:00:00+07:00","ma":"1.900004","thay_doi":"cap_nhat"}"# + "\n"
        let entry = ChangeLog.Entry(date: "2026-11-02T09:00:00+07:00", code: "1.900004", kind: .updated, version: "00000000000000ab")
        let text = ChangeLog.appending([entry], to: old)
        #expect(ChangeLog(bytes: Array(text.utf8)).entries.count == 2)
        #expect(ChangeLog.appending([entry], to: text) == text, "the same version again: not appended")
        let abolished = ChangeLog.Entry(date: "2026-11-03T09:00:00+07:00", code: "1.900004", kind: .abolished, version: "00000000000000ab")
        #expect(ChangeLog(bytes: Array(ChangeLog.appending([abolished], to: text).utf8)).entries.count == 3, "another kind is news")
    }

    /// A `phien_ban` edited by hand into something else is left out, the line still used.
    @Test func aVersionThatIsNotAFingerprintIsIgnored() {
        let line = #"{"ngay":"2026-11-01T09:00:00+07:00","ma":"1.900004","thay_doi":"cap_nhat","phien_ban":"<script>"}"#
        let log = ChangeLog(bytes: Array(line.utf8))
        #expect(log.entries.count == 1)
        #expect(log.entries.first?.version == nil)
    }
}

extension ChangeLogRetryTests {
    func sync(_ site: TemporarySite, _ export: String, check: Bool) throws -> CommandLineTests.Run {
        try cli.tthc(["sync"] + (check ? ["--check"] : []) + ["--catalog", site.url(export).path], in: site.folder)
    }
}
