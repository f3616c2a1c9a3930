import Catalog
import Foundation
import Records
import Testing

/// Issue 16, point 7: a conflict the clerk can resolve. Only fields changed on both sides are
/// conflicts; each is shown whole (or as the lines each side changed) with where the base is kept;
/// the printed commands settle it either way, and followed literally they lead to a clean sync.
@Suite struct ConflictTests {
    let sync = SyncTests()
    let birth = "content/thu-tuc/1.001193.md"
    let birthBase = "content/.dong-bo/co-so/1.001193.md"

    // MARK: - Helpers

    /// The fixture export with the birth registration's entry changed as a later catalog would.
    func catalog(_ change: (inout [String: Any]) -> Void) throws -> Data {
        let entries = try sync.entries().map { entry -> [String: Any] in
            guard var data = entry["data"] as? [String: Any], data["code"] as? String == "1.001193" else { return entry }
            change(&data)
            data["updatedAt"] = 1_790_000_000_000
            var changed = entry
            changed["data"] = data
            return changed
        }
        return try sync.export(entries)
    }

    /// `items[index][key] = value` on an array of JSON objects held under `key` of `data`.
    func setting(_ data: inout [String: Any], _ list: String, _ index: Int, _ key: String, _ value: Any) {
        var items = data[list] as? [[String: Any]] ?? []
        items[index][key] = value
        data[list] = items
    }

    func cli(_ arguments: [String], _ folder: URL) throws -> CommandLineTests.Run {
        try CommandLineTests().tthc(arguments, in: folder, environment: ["SOURCE_DATE_EPOCH": "1795000000"], killAfter: 120)
    }

    /// A site imported from the fixture export by `tthc sync`, the export kept as `export.json`.
    func importedSite() throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("export.json", try sync.export(try sync.entries()))
        let run = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        return site
    }

    /// The record with `old` replaced by `new`, as staff would retype it; its new text.
    @discardableResult
    func edit(_ site: TemporarySite, _ old: String, _ new: String, path: String? = nil) throws -> String {
        let path = path ?? birth
        let text = try site.read(path)
        #expect(text.contains(old), "\(old) is not in \(path)")
        let edited = text.replacingOccurrences(of: old, with: new)
        try site.write(path, edited)
        return edited
    }

    /// The command printed on the line after `marker`, run by a shell exactly as printed, with
    /// `tthc` standing for the executable the tests built.
    func follow(_ report: String, after marker: String, in folder: URL) throws -> (line: String, run: CommandLineTests.Run) {
        let lines = report.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(marker) }, "no \(marker) in \(report)")
        let line = lines[index + 1].trimmingCharacters(in: .whitespaces)
        #expect(line.hasPrefix("tthc sync "))
        let command = "'\(CommandLineTests.executable.path)'" + line.dropFirst("tthc".count)
        let run = try CommandLineTests().tthc(["-c", command], in: folder, environment: ["SOURCE_DATE_EPOCH": "1795000000"],
                                              killAfter: 120, program: URL(fileURLWithPath: "/bin/sh"))
        return (line, run)
    }

    /// Plans a sync of `export` into `site`, settling conflicts as `resolutions` says, and applies it.
    @discardableResult
    func synchronize(_ site: TemporarySite, _ export: Data, resolutions: [String: CatalogSync.Resolution] = [:]) throws -> SyncPlan {
        let (configuration, _) = SiteConfiguration.read(bytes: Array(TemporarySite.configuration.utf8))
        var sync = CatalogSync(site: site.folder, configuration: try #require(configuration), now: "2026-12-01T09:00:00+07:00")
        sync.resolutions = resolutions
        let plan = sync.plan(try NationalExport(data: export))
        try sync.apply(plan)
        return plan
    }

    // MARK: - Only fields changed on both sides conflict

    /// Variants: the unit's edit and the catalog's change in different fields, in a section and a
    /// key, deep inside two lists, in a Windows file with local parts; and the same field changed
    /// on both sides beside a field only the catalog changed (only the first is a conflict).
    @Test func aFieldChangedOnlyInTheCatalogLandsBesideTheUnitsEdit() throws {
        // 1. `ten` edited here, `tu_khoa` new in the catalog.
        do {
            let site = try importedSite()
            defer { site.remove() }
            try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Đăng ký khai sinh (xã Thử Nghiệm)\n")
            let plan = try synchronize(site, try catalog { $0["keywords"] = "khai sinh, giấy khai sinh" })
            #expect(plan.conflicts.isEmpty)
            #expect(plan.updated == [birth] && plan.overrides == [birth])
            #expect(plan.overriddenFields[birth] == ["ten"])
            let text = try site.read(birth)
            #expect(text.contains("\nten: Đăng ký khai sinh (xã Thử Nghiệm)\n"))
            #expect(text.contains("\ntu_khoa:\n  - khai sinh\n  - giấy khai sinh\n"))
            #expect(try site.read(birthBase).contains("\nten: Thủ tục đăng ký khai sinh\n"), "the base is the catalog's version")
            let check = try cli(["check"], site.folder)
            #expect(check.status == 0, "what sync merged passes check: \(check.output)")
        }
        // 2. The steps edited here, the name changed there.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let text = try site.read(birth)
            let steps = try #require(text.range(of: "## Trình tự thực hiện\n\n"))
            try site.write(birth, text.replacingCharacters(in: steps, with: "## Trình tự thực hiện\n\nBước 0: hẹn lịch qua điện thoại.\n\n"))
            let plan = try synchronize(site, try catalog { $0["name"] = "Đăng ký khai sinh" })
            #expect(plan.conflicts.isEmpty)
            #expect(plan.overriddenFields[birth] == ["## Trình tự thực hiện"])
            let merged = try site.read(birth)
            #expect(merged.contains("\nten: Đăng ký khai sinh\n") && merged.contains("Bước 0: hẹn lịch qua điện thoại.\n"))
        }
        // 3. A duration edited deep in `cach_thuc`, a document renamed deep in `thanh_phan_ho_so`.
        do {
            let site = try importedSite()
            defer { site.remove() }
            try edit(site, "  - kenh: truc_tuyen\n    thoi_han:\n      so: 1\n", "  - kenh: truc_tuyen\n    thoi_han:\n      so: 2\n")
            let plan = try synchronize(site, try catalog { data in
                var cases = data["executionCases"] as? [[String: Any]] ?? []
                var components = cases[0]["profileComponents"] as? [[String: Any]] ?? []
                components[0]["name"] = "- Biên bản về việc trẻ bị bỏ rơi"
                cases[0]["profileComponents"] = components
                data["executionCases"] = cases
            })
            #expect(plan.conflicts.isEmpty)
            #expect(plan.overriddenFields[birth] == ["cach_thuc"])
            let merged = try site.read(birth)
            #expect(merged.contains("  - kenh: truc_tuyen\n    thoi_han:\n      so: 2\n"))
            #expect(merged.contains("      - ten: \"- Biên bản về việc trẻ bị bỏ rơi\"\n"))
        }
        // 4. `ten` changed on both sides, `tu_khoa` only there: one conflicting field, nothing written.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let edited = try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
            let plan = try synchronize(site, try catalog { $0["name"] = "Đăng ký khai sinh"; $0["keywords"] = "khai sinh" })
            #expect(plan.conflicts.map(\.path) == [birth])
            #expect(plan.conflicts.first?.fields.map(\.key) == ["ten"], "tu_khoa changed only in the catalog")
            #expect(try site.read(birth) == edited)
        }
        // 5. A Windows file (BOM, CRLF) with `dia_phuong` and a section of the unit's own.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let local = "dia_phuong:\n    lien_he:  \"0213 3 876 543\"  # bộ phận một cửa\n"
            let section = "## Ghi chú của đơn vị\n\nMang theo **bản chính**  \nđể đối chiếu.\n"
            let text = try site.read(birth).replacingOccurrences(of: "\nten: Thủ tục đăng ký khai sinh\n", with: "\nten: Khai sinh\n")
                .replacingOccurrences(of: "\n---\n\n## Trình tự", with: "\n" + local + "---\n\n## Trình tự") + "\n" + section
            try site.write(birth, "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"))
            let plan = try synchronize(site, try catalog { data in
                self.setting(&data, "legalBasisesDetails", 0, "name", "Thông tư số 03/2023/TT-BTP (sửa đổi)")
            })
            #expect(plan.conflicts.isEmpty && plan.updated == [birth])
            let bytes = try Data(contentsOf: site.url(birth))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let merged = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(!merged.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
            let lf = merged.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(lf.contains("\nten: Khai sinh\n"))
            #expect(lf.contains("trich_yeu: Thông tư số 03/2023/TT-BTP (sửa đổi)\n"))
            #expect(lf.contains("\n" + local + "---\n"), "dia_phuong byte for byte")
            #expect(lf.hasSuffix(section), "the unit's section byte for byte")
        }
    }

    // MARK: - The conflict as shown

    /// Variants: a one-line field (three versions whole, the base named, its line), a long list
    /// (the lines each side changed, removed before added), a national section, no merge base,
    /// and a field the unit removed.
    @Test func eachConflictingFieldIsShownWholeWithItsBase() throws {
        // 1. One line: the three versions as YAML, where the base is kept, the line of the field.
        do {
            let site = try importedSite()
            defer { site.remove() }
            try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
            try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })
            let run = try cli(["sync", "--catalog", "export.json"], site.folder)
            #expect(run.status == 1)
            #expect(run.output.contains("""
                xung đột: content/thu-tuc/1.001193.md: trường ten đã được sửa tại chỗ và cũng thay đổi trong CSDL quốc gia; \
                tệp giữ nguyên, chưa đồng bộ. Bản nhập lần trước (tệp cơ sở) ở content/.dong-bo/co-so/1.001193.md.
                  ten (dòng 3)
                    tại chỗ (bản của đơn vị):
                      ten: Khai sinh (xã sửa)
                    cơ sở (lần nhập trước):
                      ten: Thủ tục đăng ký khai sinh
                    quốc gia (tệp xuất này):
                      ten: Đăng ký khai sinh
                  → Giữ bản của đơn vị (thành sửa tại chỗ; các lần đồng bộ sau chỉ báo, không chặn):
                      tthc sync --catalog export.json --giu-ban-don-vi 1.001193
                  → Hoặc lấy bản của CSDL quốc gia cho các trường trên:
                      tthc sync --catalog export.json --lay-ban-quoc-gia 1.001193
                """), "\(run.output)")
        }
        // 2. A long list: what each side changed, line by line, the old line before the new.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let old = "bị bỏ rơi do cơ quan có thẩm quyền lập.\""
            try edit(site, old, "bị bỏ rơi do cơ quan có thẩm quyền lập (bản xã).\"")
            try site.write("export.json", try catalog { data in
                var cases = data["executionCases"] as? [[String: Any]] ?? []
                var components = cases[0]["profileComponents"] as? [[String: Any]] ?? []
                components[0]["name"] = "- Biên bản về việc trẻ bị bỏ rơi"
                cases[0]["profileComponents"] = components
                data["executionCases"] = cases
            })
            let run = try cli(["sync", "--catalog", "export.json"], site.folder)
            #expect(run.status == 1)
            let removed = "      -      - ten: \"- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.\"\n"
            #expect(run.output.contains("  thanh_phan_ho_so (dòng 42)\n    đơn vị đã sửa (cơ sở → tại chỗ):\n      @@ -1,7 +1,7 @@\n"), "\(run.output)")
            #expect(run.output.contains(removed + "      +      - ten: \"- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập (bản xã).\"\n"))
            #expect(run.output.contains("    CSDL quốc gia đã sửa (cơ sở → quốc gia):\n      @@ -1,7 +1,7 @@\n"))
            #expect(run.output.contains(removed + "      +      - ten: \"- Biên bản về việc trẻ bị bỏ rơi\"\n"))
        }
        // 3. A national section, as its Markdown.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let text = try site.read(birth)
            let start = try #require(text.range(of: "## Trình tự thực hiện\n\n"))
            try site.write(birth, String(text[..<start.upperBound]) + "Nộp hồ sơ tại bộ phận một cửa của xã.\n")
            let heading = text[..<start.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
            try site.write("export.json", try catalog { $0["executionSteps"] = [["name": "", "description": "Nộp hồ sơ trực tuyến."]] })
            let run = try cli(["sync", "--catalog", "export.json"], site.folder)
            #expect(run.status == 1)
            // The catalog's steps are long: each side's change is shown as lines.
            #expect(run.output.contains("  ## Trình tự thực hiện (dòng \(heading))\n    đơn vị đã sửa (cơ sở → tại chỗ):\n      @@ -1,"),
                    "\(run.output)")
            #expect(run.output.contains("       ## Trình tự thực hiện\n       \n      -\\- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp"))
            #expect(run.output.contains("      +Nộp hồ sơ tại bộ phận một cửa của xã.\n    CSDL quốc gia đã sửa (cơ sở → quốc gia):\n"))
            #expect(run.output.contains("      +Nộp hồ sơ trực tuyến.\n"))
        }
        // 4. No merge base: the two versions, and the base's place named as missing.
        do {
            let site = try importedSite()
            defer { site.remove() }
            try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
            try FileManager.default.removeItem(at: site.url(birthBase))
            try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })
            let run = try cli(["sync", "--catalog", "export.json", "--lang", "en"], site.folder)
            #expect(run.status == 1)
            #expect(run.output.contains("""
                conflict: content/thu-tuc/1.001193.md differs from the catalog and there is no usable merge base \
                content/.dong-bo/co-so/1.001193.md (the last import) to tell which side changed; the file is left alone \
                (taken as edited here). Differing fields: ten.
                  ten (line 3)
                    here (the unit's version):
                      ten: Khai sinh (xã sửa)
                    catalog (this export):
                      ten: Đăng ký khai sinh
                """), "\(run.output)")
        }
        // 5. A field the unit removed while the catalog changed it.
        do {
            let site = try importedSite()
            defer { site.remove() }
            let text = try site.read(birth)
            let start = try #require(text.range(of: "\ndoi_tuong:\n")), end = try #require(text.range(of: "\nco_quan:\n"))
            try site.write(birth, String(text[..<start.lowerBound]) + String(text[end.lowerBound...]))
            try site.write("export.json", try catalog { data in
                self.setting(&data, "subjectTypesDetails", 0, "name", "Công dân Việt Nam (mới)")
            })
            let run = try cli(["sync", "--catalog", "export.json"], site.folder)
            #expect(run.status == 1)
            #expect(run.output.contains("  doi_tuong\n    tại chỗ (bản của đơn vị):\n      (không có)\n    cơ sở (lần nhập trước):\n      doi_tuong:\n"),
                    "\(run.output)")
        }
    }

    /// `--dry-run` shows the conflict as a run would, and the settled record as a diff; writes nothing.
    @Test func aDryRunShowsTheConflictAndWhatSettlingItWouldWrite() throws {
        let site = try importedSite()
        defer { site.remove() }
        try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh"; $0["keywords"] = "khai sinh" })
        let before = try sync.files(site)
        let dry = try cli(["sync", "--catalog", "export.json", "--dry-run"], site.folder)
        #expect(dry.status == 1)
        #expect(dry.output.contains("  ten (dòng 3)\n    tại chỗ (bản của đơn vị):\n      ten: Khai sinh (xã sửa)\n"))
        let settle = try cli(["sync", "--catalog", "export.json", "--dry-run", "--giu-ban-don-vi", "1.001193"], site.folder)
        #expect(settle.status == 0, "\(settle.output)")
        #expect(settle.output.contains("+tu_khoa:\n+  - khai sinh\n"), "\(settle.output)")
        #expect(!settle.output.contains("--- a/content/.dong-bo/co-so/"), "one diff per record, none again for its base")
        #expect(try sync.files(site) == before)
    }

    // MARK: - The printed advice, followed literally

    /// Keep the unit's version: the printed command, run as printed, settles it; a field only the
    /// catalog changed still lands; later syncs report the override and pass `--check`.
    @Test func followingTheAdviceToKeepTheUnitsVersionGivesACleanSync() throws {
        let site = try importedSite()
        defer { site.remove() }
        let edited = try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Đăng ký khai sinh (xã Thử Nghiệm)\n")
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh"; $0["keywords"] = "khai sinh, giấy khai sinh" })
        let conflict = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(conflict.status == 1)
        #expect(try site.read(birth) == edited)

        let (line, kept) = try follow(conflict.output, after: "→ Giữ bản của đơn vị", in: site.folder)
        #expect(line == "tthc sync --catalog export.json --giu-ban-don-vi 1.001193")
        #expect(kept.status == 0, "\(kept.output)\(kept.errors)")
        #expect(kept.output.contains("  ✓ content/thu-tuc/1.001193.md: đã giải quyết xung đột, giữ bản của đơn vị: ten\n"))
        let text = try site.read(birth)
        #expect(text.contains("\nten: Đăng ký khai sinh (xã Thử Nghiệm)\n"))
        #expect(text.contains("\ntu_khoa:\n  - khai sinh\n  - giấy khai sinh\n"), "the field only the catalog changed lands")
        #expect(try site.read(birthBase).contains("\nten: Đăng ký khai sinh\n"), "the base is the catalog's version")

        let next = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(next.status == 0, "\(next.output)")
        #expect(next.output.contains("  = content/thu-tuc/1.001193.md: phần quốc gia đã được sửa tại chỗ; giữ nguyên bản của đơn vị (ten)\n"))
        #expect(try cli(["sync", "--catalog", "export.json", "--check"], site.folder).status == 0)
        #expect(try cli(["check"], site.folder).status == 0)
        #expect(try site.read(birth) == text)

        // The same field changed again in the catalog: a conflict again, shown against the new base.
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh (mới nhất)"; $0["keywords"] = "khai sinh, giấy khai sinh" })
        let again = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(again.status == 1)
        #expect(again.output.contains("    cơ sở (lần nhập trước):\n      ten: Đăng ký khai sinh\n"))
    }

    /// Take the catalog's version: the printed command settles it; the next sync has nothing to do.
    @Test func followingTheAdviceToTakeTheCatalogsVersionGivesACleanSync() throws {
        let site = try importedSite()
        defer { site.remove() }
        try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
        // A field only the unit changed stays the unit's: only the conflict is settled.
        try edit(site, "\nnguon_goc: trung_uong\n", "\nnguon_goc: trung_uong\ntu_khoa:\n  - khai sinh cho trẻ\n")
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })
        let conflict = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(conflict.status == 1)

        let (line, taken) = try follow(conflict.output, after: "→ Hoặc lấy bản của CSDL quốc gia", in: site.folder)
        #expect(line == "tthc sync --catalog export.json --lay-ban-quoc-gia 1.001193")
        #expect(taken.status == 0, "\(taken.output)\(taken.errors)")
        let text = try site.read(birth)
        #expect(text.contains("\nten: Đăng ký khai sinh\n"))
        #expect(text.contains("\ntu_khoa:\n  - khai sinh cho trẻ\n"))
        #expect(taken.output.contains("  ✓ content/thu-tuc/1.001193.md: đã giải quyết xung đột, lấy bản quốc gia: ten\n"))

        let next = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(next.status == 0)
        #expect(next.output.contains("(tu_khoa)"), "what the unit changed alone is reported as its override")
        #expect(try cli(["sync", "--catalog", "export.json", "--check"], site.folder).status == 0)
        #expect(try site.read(birth) == text)
    }

    /// Variants of the walk-through: no merge base (keep, then take), a site given by a path that
    /// needs quoting, run from another folder, and English messages.
    @Test func theAdviceWorksWithoutABaseForAQuotedSiteAndInEnglish() throws {
        for marker in ["→ Giữ bản của đơn vị", "→ Hoặc lấy bản của CSDL quốc gia"] {
            let site = try importedSite()
            defer { site.remove() }
            try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
            try FileManager.default.removeItem(at: site.url(birthBase))
            try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })
            let conflict = try cli(["sync", "--catalog", "export.json"], site.folder)
            #expect(conflict.status == 1)
            let (_, settled) = try follow(conflict.output, after: marker, in: site.folder)
            #expect(settled.status == 0, "\(marker): \(settled.output)")
            #expect(try site.read(birth).contains(marker.contains("Giữ") ? "\nten: Khai sinh (xã sửa)\n" : "\nten: Đăng ký khai sinh\n"))
            #expect(FileManager.default.fileExists(atPath: site.url(birthBase).path), "the base is written")
            #expect(try cli(["sync", "--catalog", "export.json", "--check"], site.folder).status == 0)
        }

        // A site in a folder whose name needs quoting, synchronized from its parent folder.
        let site = try importedSite()
        defer { site.remove() }
        let parent = site.url("ngoài")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let inner = parent.appendingPathComponent("trang xã A'B")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        for name in ["site.yml", "content", "templates", "export.json"] {
            try FileManager.default.copyItem(at: site.url(name), to: inner.appendingPathComponent(name))
        }
        let path = "content/thu-tuc/1.001193.md"
        let text = try String(contentsOf: inner.appendingPathComponent(path), encoding: .utf8)
        try text.replacingOccurrences(of: "\nten: Thủ tục đăng ký khai sinh\n", with: "\nten: Khai sinh (xã sửa)\n")
            .write(to: inner.appendingPathComponent(path), atomically: true, encoding: .utf8)
        try catalog { $0["name"] = "Đăng ký khai sinh" }.write(to: parent.appendingPathComponent("xuất mới.json"))
        let conflict = try cli(["sync", "--catalog", "xuất mới.json", "--site", "trang xã A'B", "--lang", "en"], parent)
        #expect(conflict.status == 1)
        let (line, kept) = try follow(conflict.output, after: "→ Keep the unit's version", in: parent)
        #expect(line == "tthc sync --catalog 'xuất mới.json' --site 'trang xã A'\\''B' --lang en --giu-ban-don-vi 1.001193")
        #expect(kept.status == 0, "\(kept.output)\(kept.errors)")
        #expect(kept.output.contains("  ✓ content/thu-tuc/1.001193.md: conflict settled, the unit's version kept: ten\n"))
        #expect(try cli(["sync", "--catalog", "xuất mới.json", "--site", "trang xã A'B", "--check"], parent).status == 0)
    }

    /// Variants of asking wrongly: both ways for one code, a code that is not a code, a code with
    /// no conflict, a code that is not on the site, the option twice for one code.
    @Test func askingWronglyIsRefusedOrSaidToDoNothing() throws {
        let site = try importedSite()
        defer { site.remove() }
        let edited = try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })
        let before = try sync.files(site)

        let both = try cli(["sync", "--catalog", "export.json", "--giu-ban-don-vi", "1.001193", "--lay-ban-quoc-gia", "1.001193"], site.folder)
        #expect(both.status == 2)
        #expect(both.errors.contains("Thủ tục 1.001193 vừa --giu-ban-don-vi vừa --lay-ban-quoc-gia: chọn một. Không ghi gì."))
        let malformed = try cli(["sync", "--catalog", "export.json", "--giu-ban-don-vi", "1.00119"], site.folder)
        #expect(malformed.status == 2)
        #expect(malformed.errors.contains("Mã thủ tục phải có dạng 1.001193 (a code looks like 1.001193), không phải 1.00119."))
        #expect(try sync.files(site) == before, "refused: nothing written")

        let elsewhere = try cli(["sync", "--catalog", "export.json", "--lay-ban-quoc-gia", "1.000080"], site.folder)
        #expect(elsewhere.status == 1, "the real conflict is still there")
        #expect(elsewhere.output.contains("lưu ý: thủ tục 1.000080 không có xung đột nào để giải quyết; lựa chọn cho mã này không làm gì."))
        let absent = try cli(["sync", "--catalog", "export.json", "--lay-ban-quoc-gia", "1.999999"], site.folder)
        #expect(absent.output.contains("lưu ý: thủ tục 1.999999 không có xung đột nào để giải quyết"))
        #expect(try site.read(birth) == edited)

        let twice = try cli(["sync", "--catalog", "export.json", "--giu-ban-don-vi", "1.001193", "--giu-ban-don-vi", "1.001193"], site.folder)
        #expect(twice.status == 0, "\(twice.output)")
        let again = try cli(["sync", "--catalog", "export.json", "--giu-ban-don-vi", "1.001193"], site.folder)
        #expect(again.status == 0)
        #expect(again.output.contains("lưu ý: thủ tục 1.001193 không có xung đột nào để giải quyết"), "settled already")
    }

    // MARK: - Streams and formats

    /// What sync changed goes to standard output, progress and refusals to standard error; the
    /// formats are text, json and github annotations on the record files.
    @Test func theReportGoesToStandardOutputInEachFormat() throws {
        let site = try importedSite()
        defer { site.remove() }
        try edit(site, "\nten: Thủ tục đăng ký khai sinh\n", "\nten: Khai sinh (xã sửa)\n")
        try site.write("export.json", try catalog { $0["name"] = "Đăng ký khai sinh" })

        let text = try cli(["sync", "--catalog", "export.json"], site.folder)
        #expect(text.output.hasPrefix("Tạo mới                     0\n"))
        #expect(text.errors.isEmpty, "no terminal, no progress: \(text.errors)")

        let github = try cli(["sync", "--catalog", "export.json", "--format", "github"], site.folder)
        #expect(github.status == 1)
        let annotation = try #require(github.output.split(separator: "\n").first { $0.hasPrefix("::error ") })
        #expect(annotation.hasPrefix("::error file=content/thu-tuc/1.001193.md,line=3,title=tthc sync::xung đột: content/thu-tuc/1.001193.md: trường ten"))
        #expect(annotation.contains("%0A  → Giữ bản của đơn vị"), "one annotation, its lines joined as GitHub wants")
        #expect(annotation.components(separatedBy: "::").count == 3, "no second command hidden in the message")
        let nested = try cli(["sync", "--catalog", site.url("export.json").path, "--site", site.folder.lastPathComponent, "--format", "github"],
                             site.folder.deletingLastPathComponent())
        #expect(nested.output.contains("::error file=\(site.folder.lastPathComponent)/content/thu-tuc/1.001193.md,line=3,"), "\(nested.output)")

        let json = try cli(["sync", "--catalog", "export.json", "--format", "json"], site.folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let conflict = try #require((report["conflicts"] as? [[String: Any]])?.first)
        #expect(conflict["base_file"] as? String == birthBase)
        let field = try #require((conflict["fields"] as? [[String: Any]])?.first)
        #expect(field["key"] as? String == "ten" && field["line"] as? Int == 3)
        #expect(field["local"] as? String == "ten: Khai sinh (xã sửa)\n")
        #expect(field["base"] as? String == "ten: Thủ tục đăng ký khai sinh\n")
        #expect(field["catalog"] as? String == "ten: Đăng ký khai sinh\n")
        #expect((conflict["resolve"] as? [String: String])?["keep_local"] == "tthc sync --catalog export.json --giu-ban-don-vi 1.001193")

        // A failure in the export is annotated on the export file.
        try site.write("bad.jsonl", "{\"code\":\"OK\",\"data\":{\"code\":\"1.0011\",\"name\":\"Mã sai\"}}\n")
        let name = site.folder.lastPathComponent
        let fromAbove = try cli(["sync", "--catalog", "\(name)/bad.jsonl", "--site", name, "--format", "github", "--force", "--dry-run"],
                                site.folder.deletingLastPathComponent())
        #expect(fromAbove.output.contains("::error file=\(name)/bad.jsonl,title=tthc sync::"), "the export's path as given: \(fromAbove.output)")
        let failure = try cli(["sync", "--catalog", "bad.jsonl", "--format", "github", "--force"], site.folder)
        #expect(failure.output.contains("::error file=bad.jsonl,title=tthc sync::lỗi: bản ghi thứ 1 (mã 1.0011)"), "\(failure.output)")
    }

    /// Variants of the diff: one line changed, lines replaced by more lines, lines removed, lines
    /// added at the end, two changes in one hunk: removed lines always come before added ones.
    @Test func removedLinesComeBeforeAddedOnes() {
        let cases: [(old: String, new: String, hunk: String)] = [
            ("a\nb\nc\n", "a\nB\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
            ("a\nb\nc\n", "a\nx\ny\nz\nc\n", "@@ -1,3 +1,5 @@\n a\n-b\n+x\n+y\n+z\n c\n"),
            ("a\nb\nc\nd\n", "a\nd\n", "@@ -1,4 +1,2 @@\n a\n-b\n-c\n d\n"),
            ("a\n", "a\nb\n", "@@ -1,1 +1,2 @@\n a\n+b\n"),
            ("a\nb\nc\nd\ne\n", "A\nb\nc\nD\ne\n", "@@ -1,5 +1,5 @@\n-a\n+A\n b\n c\n-d\n+D\n e\n"),
            ("x\ny\n", "p\nq\nr\n", "@@ -1,2 +1,3 @@\n-x\n-y\n+p\n+q\n+r\n"),
        ]
        for (old, new, hunk) in cases {
            #expect(TextDiff.hunks(old: old, new: new) == hunk, "\(old.debugDescription) → \(new.debugDescription)")
        }
        #expect(TextDiff.unified(old: "a\n", new: "b\n", path: "t.md") == "--- a/t.md\n+++ b/t.md\n@@ -1,1 +1,1 @@\n-a\n+b\n")
        #expect(TextDiff.unified(old: nil, new: "b\n", path: "t.md") == "--- /dev/null\n+++ b/t.md\n@@ -0,0 +1,1 @@\n+b\n")
    }
}
