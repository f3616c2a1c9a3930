import Editor
import Foundation
@testable import Site
import Testing

/// `tthc serve` keeps what it read between rebuilds (`RecordCache`: records, their outlines, sort
/// keys, the change log) and makes files only when asked (`SitePreview`): after any edit, every file
/// it serves is the one a whole build writes, and it reports what `tthc check` finds.
@Suite struct PreviewRebuildTests {
    static let baseURL = "http://127.0.0.1/"

    func site() throws -> TemporarySite {
        try TemporarySite(IncrementalBuildTests.codes.enumerated().map { index, code in
            "-- content/thu-tuc/\(code).md --\n" + IncrementalBuildTests.record(code, name: "Thủ tục số \(index)")
        }.joined(separator: "\n"))
    }

    /// Every file of a whole build, and each served the same by the preview made with `cache`
    /// (the records whose stamps did not change vouched for first, as `LivePreview` does, when given `vouching`).
    func expectSameAsAWholeBuild(_ site: TemporarySite, cache: RecordCache, after what: String, vouching: Vouching? = nil) throws {
        vouching?.vouch(site, cache)
        let preview = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        let fresh = try SitePreview(site: site.folder, baseURL: Self.baseURL)
        #expect(preview.diagnostics == fresh.diagnostics, "after \(what): the preview reports what a first build reports")
        let (_, files) = try SiteBuild(site: site.folder, baseURL: Self.baseURL).render()
        let built = try #require(files, "after \(what): the site builds")
        for (path, data) in built {
            #expect(preview.file(path) == data, "after \(what): \(path) is served as the build writes it")
        }
        #expect(preview.file("favicon.ico") == nil, "a file the build does not write is not served")
        #expect(preview.file("api/thu-tuc/9.999999.json") == nil)
    }

    /// What `LivePreview` tells the cache before each build: the records whose stamps did not change.
    final class Vouching {
        private var last: InputStamps?
        /// How many records the last look vouched for.
        private(set) var vouched = 0
        /// How many looks vouched for some record.
        private(set) var looksThatVouched = 0

        func vouch(_ site: TemporarySite, _ cache: RecordCache) {
            // Past the clock tick the test asks for: every file saved before is settled.
            Thread.sleep(forTimeInterval: 0.06)
            let now = InputStamps(site: site.folder)
            let unchanged = last.map { now.unchangedRecords(since: $0, tick: 50_000_000) } ?? []
            vouched = unchanged.count
            if !unchanged.isEmpty { looksThatVouched += 1 }
            cache.vouch(unchanged: unchanged)
            last = now
        }
    }

    @Test(arguments: [false, true]) func afterEditsEveryFileIsTheOneAWholeBuildWrites(vouching: Bool) throws {
        let site = try site()
        defer { site.remove() }
        let cache = RecordCache()
        let vouches = vouching ? Vouching() : nil
        func expectSameAsAWholeBuild(_ site: TemporarySite, cache: RecordCache, after what: String) throws {
            try self.expectSameAsAWholeBuild(site, cache: cache, after: what, vouching: vouches)
        }
        try expectSameAsAWholeBuild(site, cache: cache, after: "the first build")
        var random = SplitMix(seed: 21)
        var added = 0
        let codes = IncrementalBuildTests.codes
        let edits: [(String, () throws -> Void)] = [
            ("rename a procedure (it moves in every list)", {
                let code = codes[Int(random.next() % 3)]
                try site.write("content/thu-tuc/\(code).md", IncrementalBuildTests.record(code, name: "Ă tên mới \(random.next() % 1000)"))
            }),
            ("add a sentence and a link to a body", {
                let path = "content/thu-tuc/\(codes[Int(random.next() % 3)]).md"
                try site.write(path, try site.read(path) + "\nXem [thủ tục khác](../1.000101/) \(random.next() % 1000).\n")
            }),
            ("link to a page the site lacks, then mend it", {
                let path = "content/thu-tuc/1.000102.md", text = try site.read(path)
                try site.write(path, text + "\nXem [trang cũ](../9.999999/).\n")
                let broken = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
                #expect(!broken.isBuilt, "an error blocks the preview as it blocks the build")
                #expect(broken.diagnostics == (try SitePreview(site: site.folder, baseURL: Self.baseURL)).diagnostics)
                #expect(broken.diagnostics.contains { $0.file == path && $0.severity == .error }, "\(broken.diagnostics)")
                try site.write(path, text)
            }),
            ("add a record", {
                added += 1
                try IncrementalBuildTests.addRecord(added, to: site)
            }),
            ("remove a record", { try IncrementalBuildTests.removeAnAddedRecord(from: site) }),
            ("rename the unit", { try IncrementalBuildTests.renameTheUnit(of: site, random.next() % 100) }),
            ("a line in the change log", {
                let code = codes[Int(random.next() % 4)]
                let line = #"{"ngay":"2026-11-0\#(1 + random.next() % 9)T09:00:00+07:00","ma":"\#(code)","thay_doi":"cap_nhat"}"#
                let log = (try? site.read("content/.dong-bo/nhat-ky.jsonl")) ?? ""
                try site.write("content/.dong-bo/nhat-ky.jsonl", log + line + "\n")
            }),
            ("change a template", {
                try site.write("templates/thu-tuc.mustache", try site.read("templates/thu-tuc.mustache") + "<!-- \(random.next() % 1000) -->\n")
            }),
            ("save a record unchanged", {
                let path = "content/thu-tuc/1.000102.md"
                try site.write(path, try site.read(path))
            }),
            ("rewrite a record in place twice, the same length, at once", {
                // The second write may fall in the first's clock tick: its stamp alone cannot tell.
                let code = codes[Int(random.next() % 4)], path = "content/thu-tuc/\(code).md"
                try site.write(path, IncrementalBuildTests.record(code, name: "Tên A\(random.next() % 10)"))
                try site.write(path, IncrementalBuildTests.record(code, name: "Tên B\(random.next() % 10)"))
            }),
            ("sync's list of what it wrote changes alone", {
                let tsv = (try? site.read("content/.dong-bo/tep.tsv")) ?? ""
                try site.write("content/.dong-bo/tep.tsv", tsv + "1.000101\t\(random.next() % 1000)\n")
            }),
        ]
        // Each edit once, then at random.
        for round in 0..<(edits.count + 12) {
            let (what, edit) = edits[round < edits.count ? round : Int(random.next() % UInt64(edits.count))]
            try edit()
            try expectSameAsAWholeBuild(site, cache: cache, after: "edit \(round), \(what)")
        }
        if let vouches { #expect(vouches.looksThatVouched > 5, "the builds took unchanged records unread") }
    }

    /// A record vouched for is taken as the last build took it, unread: what makes a save fast, and
    /// why only stamps that prove it unchanged may vouch (`InputStamps.unchangedRecords`).
    @Test func aVouchedRecordIsNotReadAgainForOneBuild() throws {
        let site = try site()
        defer { site.remove() }
        let cache = RecordCache()
        _ = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        let path = "content/thu-tuc/1.000101.md"
        try site.write(path, IncrementalBuildTests.record("1.000101", name: "Tên đã sửa"))
        cache.vouch(unchanged: [path])
        let vouched = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        let page = { (preview: SitePreview) in String(decoding: preview.file("thu-tuc/1.000101/index.html") ?? Data(), as: UTF8.self) }
        #expect(!page(vouched).contains("Tên đã sửa"), "the vouched file was not read")
        let next = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        #expect(page(next).contains("Tên đã sửa"), "the next build, not vouched for, reads it")
    }

    /// Only a record whose stamp is the same, and was settled when first taken, is vouched for; and
    /// none when anything but records changed (sync's bookkeeping decides how a record is taken).
    @Test func stampsVouchOnlyForSettledUnchangedRecords() throws {
        let site = try site()
        defer { site.remove() }
        let tick: Int64 = 50_000_000
        Thread.sleep(forTimeInterval: 0.06)
        let first = InputStamps(site: site.folder)
        // Saved by a rename, as editors do: the folder's own stamp changes, which does not count.
        let renamed = site.url("content/thu-tuc/1.000102.md")
        let text = try site.read("content/thu-tuc/1.000102.md").replacingOccurrences(of: "Thủ tục số 2", with: "Thủ tục số 9")
        try site.write("content/thu-tuc/.tam", text)
        #expect(rename(site.url("content/thu-tuc/.tam").path, renamed.path) == 0)
        try IncrementalBuildTests.addRecord(1, to: site)
        let second = InputStamps(site: site.folder)
        #expect(second.unchangedRecords(since: first, tick: tick)
                == ["content/thu-tuc/1.001193.md", "content/thu-tuc/1.000101.md", "content/thu-tuc/1.000103.md"])
        // Written just before the stamps were taken, then again in place, the same length: its
        // stamp may not show the second write, so it is not vouched for.
        let path = "content/thu-tuc/1.000103.md"
        try site.write(path, IncrementalBuildTests.record("1.000103", name: "Tên A"))
        let racy = InputStamps(site: site.folder)
        try site.write(path, IncrementalBuildTests.record("1.000103", name: "Tên B"))
        #expect(!InputStamps(site: site.folder).unchangedRecords(since: racy).contains(path))
        // Sync's list of the files it wrote changes: nothing is vouched for.
        Thread.sleep(forTimeInterval: 0.06)
        let before = InputStamps(site: site.folder)
        try site.write("content/.dong-bo/tep.tsv", "1.000101\tabc\n")
        #expect(InputStamps(site: site.folder).unchangedRecords(since: before, tick: tick).isEmpty)
        Thread.sleep(forTimeInterval: 0.06)
        let settled = InputStamps(site: site.folder)
        #expect(InputStamps(site: site.folder).unchangedRecords(since: settled, tick: tick).count == 5, "nothing changed: every record")
    }

    /// The report is made when its page or its JSON is asked for, from the records of that build.
    @Test func theReportIsTheBuildsAfterAChange() throws {
        let site = try site()
        defer { site.remove() }
        let cache = RecordCache()
        let first = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        let before = try #require(first.file(ReportPage.jsonFile).map { String(decoding: $0, as: UTF8.self) })
        #expect(before.contains("\"procedureCount\" : 4") || before.contains("4"), "\(before.prefix(400))")
        try site.write("content/thu-tuc/1.000201.md", IncrementalBuildTests.record("1.000201", name: "Thủ tục thêm"))
        try expectSameAsAWholeBuild(site, cache: cache, after: "a record added")
        let again = try SitePreview(site: site.folder, baseURL: Self.baseURL, cache: cache)
        #expect(again.file(ReportPage.jsonFile) != first.file(ReportPage.jsonFile), "the report counts the new record")
    }

    /// Sync's bookkeeping changes pages too (the change log feeds "Mới cập nhật" and the feed): a
    /// `git pull` that brings only a change-log line is built and shown, as a record's save is.
    @Test func aChangeLogLineAloneIsBuiltAndShown() throws {
        let site = try site()
        defer { site.remove() }
        let bases = site.url("content/.dong-bo/co-so")
        try FileManager.default.createDirectory(at: bases, withIntermediateDirectories: true)
        let live = LivePreview(site: site.folder, language: .vi, log: { _ in })
        live.rebuild()
        let before = live.generation
        live.rebuild()
        #expect(live.generation == before, "nothing saved: nothing built")
        let line = #"{"ngay":"2026-11-05T09:00:00+07:00","ma":"1.000101","thay_doi":"cap_nhat"}"#
        try site.write("content/.dong-bo/nhat-ky.jsonl", line + "\n")
        live.rebuild()
        #expect(live.generation > before, "the change log's line is built")
        let after = live.generation
        try site.write("content/.dong-bo/co-so/1.000101.md", "cơ sở")
        live.rebuild()
        #expect(live.generation == after, "a merge base alone (sync writes them with the records) is not watched")
    }
}
