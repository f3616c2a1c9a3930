import Catalog
import Escaping
import Foundation
import Records

/// A sync plan as people read it (a summary table, then one paragraph per file and the diffs), as
/// a pull request shows it (annotations on the files) and as programs read it (JSON).
struct SyncReport {
    var plan: SyncPlan
    var language: Language
    /// How to write the command that settles a conflict; without it none is printed.
    var command: ResolvingCommand?
    /// The site folder, for the paths of GitHub annotations.
    var site: URL?

    init(plan: SyncPlan, language: Language) {
        self.plan = plan
        self.language = language
    }

    private var vi: Bool { language == .vi }

    /// Text that comes from outside tthc (paths, values of the export and of records) on its way
    /// to a terminal: every such text goes through here.
    static func outside(_ text: String) -> String { TerminalText.escape(text) }

    /// One paragraph of the report, and where a pull request shows it.
    struct Finding {
        enum Kind: String { case change, notice, warning, error }
        var kind: Kind
        /// A path in the site, or, for the export, as given on the command line.
        var file: String?
        var fileIsTheExport = false
        var line: Int?
        var column: Int?
        var text: String
    }

    var table: [String] {
        let rows: [(String, String, Int)] = [
            ("Tạo mới", "Created", plan.created.count),
            ("Cập nhật", "Updated", plan.updated.count),
            ("Không đổi", "Unchanged", plan.unchanged.count),
            ("Bãi bỏ", "Abolished", plan.abolished.count),
            ("Sửa tại chỗ (giữ nguyên)", "Local overrides (kept)", plan.overrides.count),
            ("Xung đột", "Conflicts", plan.conflicts.count),
            ("Đã xóa tại chỗ", "Deleted here", plan.deleted.count),
            ("Không đọc được", "Unreadable", plan.failures.count + plan.blocked.count + plan.unreadableBases.count),
            ("Không thuộc phạm vi đơn vị", "Not published by this unit", plan.notSelected),
        ]
        let width = rows.map { (vi ? $0.0 : $0.1).count }.max() ?? 0
        return rows.map { row in
            let name = vi ? row.0 : row.1
            return name + String(repeating: " ", count: width - name.count) + "  " + String(row.2)
        }
    }

    var findings: [Finding] {
        var findings: [Finding] = []
        func add(_ kind: Finding.Kind, _ file: String?, line: Int? = nil, column: Int? = nil, _ text: String) {
            findings.append(Finding(kind: kind, file: file, line: line, column: column, text: text))
        }
        func addOnTheExport(_ kind: Finding.Kind, _ text: String) {
            findings.append(Finding(kind: kind, file: command?.catalog, fileIsTheExport: true, text: text))
        }
        let o = Self.outside
        for path in plan.created { add(.change, path, "  + \(o(path))") }
        for path in plan.restored { add(.change, path, "  + \(o(path)) (\(vi ? "đăng lại" : "restored"))") }
        for path in plan.updated { add(.change, path, "  ~ \(o(path))") }
        for path in plan.abolished {
            add(.change, path, "  ✗ \(o(path)) (\(vi ? "không còn trong CSDL quốc gia: đánh dấu bãi bỏ" : "no longer in the catalog: marked abolished"))")
        }
        for resolved in plan.resolved {
            let fields = resolved.fields.map(o).joined(separator: ", ")
            let how = resolved.resolution == .keepLocal
                ? (vi ? "giữ bản của đơn vị" : "the unit's version kept") : (vi ? "lấy bản quốc gia" : "the catalog's version taken")
            add(.notice, resolved.path, "  ✓ \(o(resolved.path)): \(vi ? "đã giải quyết xung đột" : "conflict settled"), \(how): \(fields)")
        }
        for path in plan.overrides {
            let fields = (plan.overriddenFields[path] ?? []).map(o).joined(separator: ", ")
            add(.notice, path, vi
                ? "  = \(o(path)): phần quốc gia đã được sửa tại chỗ; giữ nguyên bản của đơn vị" + (fields.isEmpty ? "" : " (\(fields))")
                : "  = \(o(path)): national part edited here; the unit's version is kept" + (fields.isEmpty ? "" : " (\(fields))"))
        }
        for path in plan.localRecords {
            add(.change, path, vi ? "  · \(o(path)): hồ sơ riêng của đơn vị (nguon khác csdlqg), không đồng bộ"
                                  : "  · \(o(path)): the unit's own record, not synchronized")
        }
        for conflict in plan.conflicts {
            add(.error, conflict.path, line: conflict.fields.compactMap(\.line).min(), conflictText(conflict))
        }
        for code in plan.unusedResolutions {
            add(.warning, CatalogSync.recordPath(code), vi
                ? "lưu ý: thủ tục \(o(code)) không có xung đột nào để giải quyết; lựa chọn cho mã này không làm gì."
                : "note: procedure \(o(code)) has no conflict to settle; the choice given for it did nothing.")
        }
        for path in plan.deleted {
            let code = String((path as NSString).lastPathComponent.dropLast(3))
            if let name = plan.misnamed[path] {
                let file = OwnPlaces.records + "/" + name
                add(.warning, file, vi
                    ? "tên tệp: \(o(file)) là thủ tục \(o(code)) nhưng tthc chỉ đọc tệp có tên kết thúc bằng .md (chữ thường), nên thủ tục này chưa được đồng bộ và không có trên trang.\n  → Đổi tên tệp thành \(o(path)) rồi chạy lại tthc sync."
                    : "file name: \(o(file)) is procedure \(o(code)) but tthc reads only files ending in .md (lower case), so it was not synchronized and is not on the site.\n  → Rename the file to \(o(path)) and run tthc sync again.")
                continue
            }
            add(.warning, path, vi
                ? "đã xóa: \(o(path)) không còn trên trang nhưng thủ tục \(o(code)) vẫn có trong CSDL quốc gia; tthc không tạo lại.\n  → Nếu đơn vị không đăng thủ tục này: thêm \"\(o(code))\" vào chon.bo trong site.yml.\n  → Nếu xóa nhầm: khôi phục tệp (git checkout -- \(o(path))) hoặc nhập lại từ tệp xuất: tthc new \(o(code)) --catalog <tệp xuất>."
                : "deleted: \(o(path)) is gone from the site but procedure \(o(code)) is still in the catalog; tthc does not re-create it.\n  → If the unit does not publish it: add \"\(o(code))\" to chon.bo in site.yml.\n  → If it was deleted by mistake: restore the file (git checkout -- \(o(path))) or import it again: tthc new \(o(code)) --catalog <export>.")
        }
        for outside in plan.outsideSelection where outside.hasFile {
            let fix = outside.problem.suggestion.map { "\n    → \(o($0[language]))" } ?? ""
            add(.warning, outside.path, (vi ? "  − \(o(outside.path)): \(o(outside.problem.message.vi)) Tệp được giữ nhưng không còn được đồng bộ."
                                           : "  − \(o(outside.path)): \(o(outside.problem.message.en)) The file is kept but no longer synchronized.") + fix)
        }
        for base in plan.unreadableBases {
            let record = "content/thu-tuc/\(o(base.code)).md"
            add(.error, base.path, vi
                ? "lỗi: không đọc được tệp cơ sở \(o(base.path)): \(o(base.problem.message.vi)) Thủ tục \(o(base.code)) không được đồng bộ, không tệp nào bị ghi.\n  → Xóa hoặc đổi tên \(o(base.path)) (tthc tự ghi tệp này); lần chạy sau so \(record) với CSDL quốc gia: giống thì ghi lại tệp cơ sở, khác thì báo xung đột, không ghi đè."
                : "error: cannot read the merge base \(o(base.path)): \(o(base.problem.message.en)) Procedure \(o(base.code)) is not synchronized; nothing was written for it.\n  → Remove or rename \(o(base.path)) (tthc writes it); the next run compares \(record) with the catalog: equal, the base is written again; different, a conflict is reported, nothing overwritten.")
        }
        for failure in plan.failures {
            addOnTheExport(.error, vi ? "lỗi: bản ghi thứ \(failure.position) (mã \(o(failure.code ?? "?"))): \(o(failure.reason.vi))"
                                             : "error: record \(failure.position) (code \(o(failure.code ?? "?"))): \(o(failure.reason.en))")
        }
        for blocked in plan.blocked {
            let first = blocked.diagnostics.first
            add(.error, blocked.path, line: first?.line, column: first?.column,
                (vi ? "lỗi: \(o(blocked.path)) đang có lỗi nên không được đồng bộ; hãy sửa trước (chạy tthc check):"
                    : "error: \(o(blocked.path)) has errors and was left alone; fix it first (run tthc check):")
                + blocked.diagnostics.map { "\n    \($0.line):\($0.column) \(o($0.message(language)))" }.joined())
        }
        if !plan.duplicates.isEmpty {
            addOnTheExport(.warning, (vi ? "lưu ý: mã xuất hiện nhiều lần trong tệp xuất, dùng bản cập nhật mới nhất: "
                                                : "note: codes repeated in the export, the latest update is used: ")
                + plan.duplicates.map(o).joined(separator: ", "))
        }
        return findings
    }

    func text(withDiffs: Bool) -> String {
        var lines = table + findings.map(\.text)
        if withDiffs {
            // One diff per record: its merge base follows it and would say the same again.
            for write in plan.writes where write.path != SyncedFiles.path && !write.path.hasPrefix("content/.dong-bo/co-so/") {
                guard let new = write.new else { continue }
                let diff = TextDiff.unified(old: write.old, new: new, path: write.path)
                // TextDiff escapes each line itself (its line breaks are its own).
                if !diff.isEmpty { lines.append(diff.trimmingCharacters(in: .newlines)) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// For a pull request: the table as plain log lines, then one annotation per file that needs
    /// a look (conflicts and failures as errors, deleted records as warnings, overrides as notices).
    var github: String {
        let folder = DiagnosticReport.githubFolder(of: site)
        var out = table.joined(separator: "\n") + "\n"
        for finding in findings {
            guard finding.kind != .change else {
                out += finding.text + "\n"
                continue
            }
            var properties: [String] = []
            if let file = finding.file {
                let path = file.hasPrefix("/") || finding.fileIsTheExport ? file : folder + file
                properties.append("file=" + DiagnosticReport.escapeProperty(path))
            }
            if let line = finding.line { properties.append("line=\(line)") }
            if let column = finding.column { properties.append("col=\(column)") }
            properties.append("title=" + DiagnosticReport.escapeProperty("tthc sync"))
            out += "::\(finding.kind.rawValue) \(properties.joined(separator: ","))::"
                + DiagnosticReport.escapeData(finding.text.trimmingCharacters(in: .whitespaces)) + "\n"
        }
        return out
    }

    // MARK: - A conflict

    /// Above this many lines, a value is shown as the lines each side changed rather than whole.
    static let wholeValueLines = 8

    private func conflictText(_ conflict: SyncPlan.Conflict) -> String {
        let o = Self.outside
        let keys = conflict.fields.map { o($0.key) }.joined(separator: ", ")
        var lines: [String] = []
        if conflict.withoutBase {
            lines.append(vi
                ? "xung đột: \(o(conflict.path)) khác bản trong CSDL quốc gia và không có tệp cơ sở \(o(conflict.basePath)) (bản nhập lần trước) dùng được để biết bên nào đã sửa; tệp giữ nguyên (coi như đơn vị đã sửa). Các trường khác nhau: \(keys)."
                : "conflict: \(o(conflict.path)) differs from the catalog and there is no usable merge base \(o(conflict.basePath)) (the last import) to tell which side changed; the file is left alone (taken as edited here). Differing fields: \(keys).")
        } else {
            lines.append(vi
                ? "xung đột: \(o(conflict.path)): trường \(keys) đã được sửa tại chỗ và cũng thay đổi trong CSDL quốc gia; tệp giữ nguyên, chưa đồng bộ. Bản nhập lần trước (tệp cơ sở) ở \(o(conflict.basePath))."
                : "conflict: \(o(conflict.path)): \(keys) edited here and also changed in the catalog; the file is left alone, not synchronized. The last import (merge base) is kept in \(o(conflict.basePath)).")
        }
        for field in conflict.fields {
            lines.append("  " + o(field.key) + (field.line.map { vi ? " (dòng \($0))" : " (line \($0))" } ?? ""))
            lines += values(field, withoutBase: conflict.withoutBase)
        }
        if let command {
            lines.append(vi ? "  → Giữ bản của đơn vị (thành sửa tại chỗ; các lần đồng bộ sau chỉ báo, không chặn):"
                            : "  → Keep the unit's version (it becomes a local override, which later syncs report but do not block):")
            lines.append("      " + o(command.line(.keepLocal, code: conflict.code)))
            lines.append(vi ? "  → Hoặc lấy bản của CSDL quốc gia cho các trường trên:"
                            : "  → Or take the catalog's version of these fields:")
            lines.append("      " + o(command.line(.takeCatalog, code: conflict.code)))
            lines.append(vi ? "  Trường chỉ CSDL quốc gia thay đổi vẫn được cập nhật, trường chỉ đơn vị sửa vẫn giữ. Thêm --dry-run để xem trước."
                            : "  Fields only the catalog changed are updated, fields only the unit edited are kept. Add --dry-run to see it first.")
        }
        return lines.joined(separator: "\n")
    }

    /// The versions of a field, whole when short; when long, what each side changed as lines.
    private func values(_ field: SyncPlan.Conflict.Field, withoutBase: Bool) -> [String] {
        let absent = vi ? "(không có)" : "(none)"
        let versions = [field.local, field.base, field.catalog]
        let long = versions.contains { ($0?.split(separator: "\n").count ?? 0) > Self.wholeValueLines }
        func indented(_ text: String?) -> [String] {
            guard let text else { return ["      " + absent] }
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
                .map { "      " + Self.outside(String($0)) }
        }
        func diff(_ old: String?, _ new: String?) -> [String] {
            let hunks = TextDiff.hunks(old: old ?? "", new: new ?? "")
            return hunks.split(separator: "\n").map { "      " + String($0) }
        }
        let here = vi ? "tại chỗ (bản của đơn vị):" : "here (the unit's version):"
        let base = vi ? "cơ sở (lần nhập trước):" : "base (the last import):"
        let catalog = vi ? "quốc gia (tệp xuất này):" : "catalog (this export):"
        guard long else {
            var lines = ["    " + here] + indented(field.local)
            if !withoutBase { lines += ["    " + base] + indented(field.base) }
            return lines + ["    " + catalog] + indented(field.catalog)
        }
        if withoutBase {
            return ["    " + (vi ? "khác nhau, từng dòng (tại chỗ → quốc gia):" : "differences, line by line (here → catalog):")]
                + diff(field.local, field.catalog)
        }
        return ["    " + (vi ? "đơn vị đã sửa (cơ sở → tại chỗ):" : "edited here (base → here):")] + diff(field.base, field.local)
            + ["    " + (vi ? "CSDL quốc gia đã sửa (cơ sở → quốc gia):" : "changed in the catalog (base → catalog):")]
            + diff(field.base, field.catalog)
    }

    // MARK: - JSON

    var json: Value {
        let strings = { (items: [String]) in Value.list(items.map(Value.string)) }
        let text = { (item: String?) in item.map(Value.string) ?? .null }
        return .object([
            .init("created", strings(plan.created)),
            .init("updated", strings(plan.updated)),
            .init("unchanged", strings(plan.unchanged)),
            .init("abolished", strings(plan.abolished)),
            .init("overrides", strings(plan.overrides)),
            .init("override_fields", .object(plan.overriddenFields.keys.sorted().map { .init($0, strings(plan.overriddenFields[$0] ?? [])) })),
            .init("conflicts", .list(plan.conflicts.map { conflict in
                var members: [Value.Member] = [
                    .init("file", .string(conflict.path)),
                    .init("base_file", .string(conflict.basePath)),
                    .init("without_base", .bool(conflict.withoutBase)),
                    .init("fields", .list(conflict.fields.map { field in
                        .object([.init("key", .string(field.key)), .init("line", field.line.map(Value.integer) ?? .null),
                                 .init("local", text(field.local)), .init("base", text(field.base)),
                                 .init("catalog", text(field.catalog))])
                    })),
                ]
                if let command {
                    members.append(.init("resolve", .object([
                        .init("keep_local", .string(command.line(.keepLocal, code: conflict.code))),
                        .init("take_catalog", .string(command.line(.takeCatalog, code: conflict.code))),
                    ])))
                }
                return .object(members)
            })),
            .init("resolved", .list(plan.resolved.map { resolved in
                .object([.init("file", .string(resolved.path)),
                         .init("resolution", .string(resolved.resolution == .keepLocal ? "keep_local" : "take_catalog")),
                         .init("fields", strings(resolved.fields))])
            })),
            .init("unused_resolutions", strings(plan.unusedResolutions)),
            .init("failures", .list(plan.failures.map { failure in
                .object([
                    .init("code", failure.code.map(Value.string) ?? .null),
                    .init("position", .integer(failure.position)),
                    .init("message", .string(failure.reason[language])),
                ])
            })),
            .init("blocked", strings(plan.blocked.map(\.path))),
            .init("deleted", strings(plan.deleted)),
            .init("restored", strings(plan.restored)),
            .init("unreadable_bases", .list(plan.unreadableBases.map { base in
                .object([.init("code", .string(base.code)), .init("file", .string(base.path)),
                         .init("message", .string(base.problem.message[language]))])
            })),
            .init("local_records", strings(plan.localRecords)),
            .init("duplicates", strings(plan.duplicates)),
            .init("not_selected", .integer(plan.notSelected)),
            .init("outside_selection", .list(plan.outsideSelection.filter(\.hasFile).map { outside in
                .object([.init("file", .string(outside.path)), .init("message", .string(outside.problem.message[language]))])
            })),
            .init("files_to_write", strings(plan.writes.map(\.path))),
        ])
    }
}
