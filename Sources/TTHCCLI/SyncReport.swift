import Catalog
import Escaping
import Foundation
import Records

/// A sync plan as people read it (a summary table, then details and diffs) and as programs read it.
struct SyncReport {
    var plan: SyncPlan
    var language: Language

    private var vi: Bool { language == .vi }

    func text(withDiffs: Bool) -> String {
        var lines: [String] = []
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
        for row in rows {
            let name = vi ? row.0 : row.1
            lines.append(name + String(repeating: " ", count: width - name.count) + "  " + String(row.2))
        }
        // Every path, value and reason below comes from the site or the export: shown escaped.
        let shown = TerminalText.escape
        for path in plan.created { lines.append("  + \(shown(path))") }
        for path in plan.restored { lines.append("  + \(shown(path)) (\(vi ? "đăng lại" : "restored"))") }
        for path in plan.updated { lines.append("  ~ \(shown(path))") }
        for path in plan.abolished { lines.append("  ✗ \(shown(path)) (\(vi ? "bãi bỏ" : "abolished"))") }
        for path in plan.overrides.map(shown) {
            lines.append(vi ? "  = \(path): phần quốc gia đã được sửa tại chỗ; giữ nguyên bản của đơn vị"
                            : "  = \(path): national part edited here; the unit's version is kept")
        }
        for path in plan.localRecords.map(shown) {
            lines.append(vi ? "  · \(path): hồ sơ riêng của đơn vị (nguon khác csdlqg), không đồng bộ"
                            : "  · \(path): the unit's own record, not synchronized")
        }
        for conflict in plan.conflicts {
            let path = shown(conflict.path)
            if conflict.withoutBase {
                let base = shown("content/.dong-bo/co-so/" + (conflict.path as NSString).lastPathComponent)
                lines.append(vi ? "xung đột: \(path) khác bản trong CSDL quốc gia và không có tệp cơ sở \(base) để biết bên nào đã sửa; tệp giữ nguyên (coi như đơn vị đã sửa). Các trường khác nhau:"
                                : "conflict: \(path) differs from the catalog and there is no merge base \(base) to tell which side changed; the file is left alone (taken as edited here). Differing fields:")
            } else {
                lines.append(vi ? "xung đột: \(path) đã được sửa tại chỗ và cũng thay đổi trong CSDL quốc gia; tệp giữ nguyên. Các trường khác nhau:"
                                : "conflict: \(path) was edited here and also changed in the catalog; the file is left alone. Differing fields:")
            }
            for field in conflict.fields {
                lines.append("  \(shown(field.key))")
                lines.append("    \(vi ? "tại chỗ: " : "here:    ") \(Self.short(field.local))")
                lines.append("    \(vi ? "quốc gia:" : "catalog: ") \(Self.short(field.catalog))")
            }
            lines.append(vi
                ? "  → Cách xử lý: sửa các trường trên trong tệp cho giống bản quốc gia rồi chạy lại tthc sync. Muốn giữ cách diễn đạt của đơn vị thì ghi vào mục \"## Ghi chú của đơn vị\" (phần riêng, không bao giờ bị ghi đè)."
                : "  → To resolve: make these fields match the catalog's version and run tthc sync again. Keep the unit's own wording in a \"## Ghi chú của đơn vị\" section (local, never overwritten).")
        }
        for path in plan.deleted {
            let code = String((path as NSString).lastPathComponent.dropLast(3))
            lines.append(vi
                ? "đã xóa: \(path) không còn trên trang nhưng thủ tục \(code) vẫn có trong CSDL quốc gia; tthc không tạo lại.\n  → Nếu đơn vị không đăng thủ tục này: thêm \"\(code)\" vào chon.bo trong site.yml.\n  → Nếu xóa nhầm: khôi phục tệp (git checkout -- \(path)) hoặc nhập lại từ tệp xuất: tthc new \(code) --catalog <tệp xuất>."
                : "deleted: \(path) is gone from the site but procedure \(code) is still in the catalog; tthc does not re-create it.\n  → If the unit does not publish it: add \"\(code)\" to chon.bo in site.yml.\n  → If it was deleted by mistake: restore the file (git checkout -- \(path)) or import it again: tthc new \(code) --catalog <export>.")
        }
        for outside in plan.outsideSelection where outside.hasFile {
            let path = shown(outside.path)
            lines.append(vi ? "  − \(path): \(shown(outside.problem.message.vi)) Tệp được giữ nhưng không còn được đồng bộ."
                            : "  − \(path): \(shown(outside.problem.message.en)) The file is kept but no longer synchronized.")
            if let fix = outside.problem.suggestion { lines.append("    → \(shown(fix[language]))") }
        }
        for base in plan.unreadableBases {
            let record = "content/thu-tuc/\(base.code).md"
            lines.append(vi
                ? "lỗi: không đọc được tệp cơ sở \(base.path): \(base.problem.message.vi) Thủ tục \(base.code) không được đồng bộ, không tệp nào bị ghi.\n  → Xóa hoặc đổi tên \(base.path) (tthc tự ghi tệp này); lần chạy sau so \(record) với CSDL quốc gia: giống thì ghi lại tệp cơ sở, khác thì báo xung đột, không ghi đè."
                : "error: cannot read the merge base \(base.path): \(base.problem.message.en) Procedure \(base.code) is not synchronized; nothing was written for it.\n  → Remove or rename \(base.path) (tthc writes it); the next run compares \(record) with the catalog: equal, the base is written again; different, a conflict is reported, nothing overwritten.")
        }
        for failure in plan.failures {
            let code = shown(failure.code ?? "?")
            lines.append(vi ? "lỗi: bản ghi thứ \(failure.position) (mã \(code)): \(shown(failure.reason.vi))"
                            : "error: record \(failure.position) (code \(code)): \(shown(failure.reason.en))")
        }
        for blocked in plan.blocked {
            let path = shown(blocked.path)
            lines.append(vi ? "lỗi: \(path) đang có lỗi nên không được đồng bộ; hãy sửa trước (chạy tthc check):"
                            : "error: \(path) has errors and was left alone; fix it first (run tthc check):")
            lines += blocked.diagnostics.map { "    \($0.line):\($0.column) \(shown($0.message(language)))" }
        }
        if !plan.duplicates.isEmpty {
            lines.append((vi ? "lưu ý: mã xuất hiện nhiều lần trong tệp xuất, dùng bản cập nhật mới nhất: "
                             : "note: codes repeated in the export, the latest update is used: ")
                         + plan.duplicates.map(shown).joined(separator: ", "))
        }
        if withDiffs {
            for write in plan.writes where write.path != SyncedFiles.path {
                guard let new = write.new else { continue }
                let diff = TextDiff.unified(old: write.old, new: new, path: write.path)
                if !diff.isEmpty { lines.append(diff.trimmingCharacters(in: .newlines)) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A field's value on one line: line breaks as ⏎, then escaped like any outside text.
    private static func short(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        return TerminalText.escape(line.count > 300 ? String(line.prefix(297)) + "…" : line)
    }

    var json: Value {
        let strings = { (items: [String]) in Value.list(items.map(Value.string)) }
        return .object([
            .init("created", strings(plan.created)),
            .init("updated", strings(plan.updated)),
            .init("unchanged", strings(plan.unchanged)),
            .init("abolished", strings(plan.abolished)),
            .init("overrides", strings(plan.overrides)),
            .init("conflicts", .list(plan.conflicts.map { conflict in
                .object([
                    .init("file", .string(conflict.path)),
                    .init("without_base", .bool(conflict.withoutBase)),
                    .init("fields", .list(conflict.fields.map { field in
                        .object([.init("key", .string(field.key)), .init("local", .string(field.local)),
                                 .init("catalog", .string(field.catalog))])
                    })),
                ])
            })),
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
