import Escaping
import FileSystem
import Foundation
import Markdown
import Records

extension EditorServer {
    /// The keys a form shows: every key but the code and `nguon` (the file's name and sync's
    /// bookkeeping) on a single unit's site and for a unit's own procedure in a province; only the
    /// unit's `dia_phuong` in an overlay.
    func covered(_ target: RecordTarget) -> ObjectShape {
        target.isOverlay ? ObjectShape(Schema.procedure.fields.filter { $0.key == "dia_phuong" })
            : ObjectShape(Schema.procedure.fields.filter { $0.key != "ma_thu_tuc" && $0.key != "nguon" })
    }

    /// Sections a form may change: all of a whole record, the unit's own in an overlay.
    func editable(_ target: RecordTarget) -> @Sendable (Body.Section) -> Bool {
        let overlay = target.isOverlay
        return { !overlay || !$0.isNational }
    }

    var isProvince: Bool { settings.layout == .province }

    /// A record's file, if the editor may write it: its full path and the target as the file says
    /// it is (in a province, an overlay or the unit's own procedure), or the answer that refuses.
    func place(_ target: RecordTarget, _ session: Sessions.Session) -> Result<(full: String, target: RecordTarget), WebResponse> {
        guard Syntax.isProcedureCode(target.code) else {
            return .failure(refusal(404, "Không có thủ tục này", "Mã thủ tục có dạng 1.001193.", session))
        }
        guard EditRights.mayWrite(session.editor, target.path, in: settings.layout) else {
            return .failure(refusal(403, "Không được phép", "Tài khoản này không được sửa \(target.path): nó thuộc đơn vị khác. Không có gì được thay đổi.", session))
        }
        if let slug = target.unit, let refused = unitRefusal(slug, code: nil, session) { return .failure(refused) }
        var target = target
        let full: String
        do {
            let folders = try SiteFolders(site: settings.site)
            let folder = try folders.resolve(target.folder)
            // A unit's folder or its `thu-tuc/` that is a link would write another unit's part, or the pool.
            if target.unit != nil, folder != folders.root + "/" + target.folder {
                return .failure(refusal(403, "Không được phép", "\(target.folder) là một liên kết (symlink) tới thư mục khác; tthc không ghi qua nó. Không có gì được thay đổi.", session))
            }
            full = folder + "/\(target.code).md"
        } catch {
            return .failure(refusal(403, "Không được phép", Localized.of(error)[settings.language], session))
        }
        if let slug = target.unit, !target.own {
            // The file says which it is, as `tthc check` reads it (`UnitProcedureFile`): a whole
            // record of the unit's own is edited as a single site's; anything else is an overlay,
            // which only a procedure the unit publishes from the pool has.
            target.own = (try? Files.kind(full)) == .file && (try? Files.read(full, followingLinks: false)).map(UnitProcedureFile.isOwnRecord) == true
            if !target.own, let refused = unitRefusal(slug, code: target.code, session) { return .failure(refused) }
        }
        return .success((full, target))
    }

    /// The bytes of a record file that is a file of its own: a link (to another unit's record, or
    /// out of the site) is neither read nor written. Nil: no file yet, which in a province is a unit's
    /// overlay still to be made (on a single site, or for a unit's own procedure: 404).
    func readRecord(_ full: String, _ target: RecordTarget, _ session: Sessions.Session) -> Result<[UInt8]?, WebResponse> {
        do {
            switch try Files.kind(full) {
            case nil where target.isOverlay: return .success(nil)
            case nil: return .failure(refusal(404, "Không có thủ tục này", "Chưa có tệp cho mã này.", session))
            case .file?: return .success(try Files.read(full, followingLinks: false))
            default: return .failure(refusal(403, "Không được phép", "Tệp thủ tục này là một liên kết (symlink) hoặc không phải tệp thường; tthc không sửa nó.", session))
            }
        } catch {
            return .failure(refusal(500, "Không đọc được tệp", Localized.of(error)[settings.language], session))
        }
    }

    /// What a form carries of the bytes it was made from: their fingerprint, or that there was no file.
    func version(of bytes: [UInt8]?) -> String {
        bytes.map(VersionCache.fingerprint) ?? VersionCache.absent
    }

    func editPage(_ asked: RecordTarget, session: Sessions.Session) -> WebResponse {
        let full: String, bytes: [UInt8]?, target: RecordTarget
        switch place(asked, session) { case .failure(let answer): return answer; case .success(let found): (full, target) = found }
        switch readRecord(full, target, session) { case .failure(let answer): return answer; case .success(let read): bytes = read }
        let opened = OverlayText(bytes ?? [], overlay: target.isOverlay)
        let file: RecordText
        do {
            file = try RecordText(bytes: opened.editable, path: target.path)
        } catch {
            return .html(200, EditorPages.notEditable(path: target.path, problems: error.problems, language: settings.language,
                                                       user: userName(session), csrf: session.csrf))
        }
        if let bytes { _ = versions.keep(bytes) }
        let rows = sectionRows(file, form: nil, target: target)
        return .html(200, form(target, file: file, frontMatter: file.frontMatter, rows: rows, version: version(of: bytes),
                               messages: [:], session: session))
    }

    /// The sections as the form shows them: from the file, or as a posted form holds them.
    func sectionRows(_ file: RecordText, form: [SectionChange]?, target: RecordTarget) -> [(index: Int?, title: String, markdown: String, national: Bool)] {
        let sections = file.record.body.sections
        if let form {
            return form.map { change in
                let national = change.index.map { sections.indices.contains($0) && sections[$0].isNational } ?? false
                return (change.index, change.title, change.markdown, national)
            }.filter { !($0.national && target.isOverlay) }
        }
        let editable = editable(target)
        return sections.enumerated().compactMap { index, section in
            guard let title = section.title, editable(section) else { return nil }
            return (index, title, section.markdown, section.isNational)
        }
    }

    func form(_ target: RecordTarget, file: RecordText, frontMatter: WrittenValue, rows: [(index: Int?, title: String, markdown: String, national: Bool)],
              version: String, messages: [String: [FieldMessage]], session: Sessions.Session, newRecord: Bool = false) -> String {
        let pool = target.isOverlay ? poolPart(target.code) : nil
        let title = pool?.title ?? frontMatter["ten"]?.text ?? target.code
        let local = frontMatter["nguon"]?["he_thong"]?.text.map { $0 == "dia_phuong" } ?? true
        var renderer = FormRenderer()
        renderer.messages = messages
        return EditorPages.edit(code: target.code, title: title, action: newRecord ? target.newForm : target.form,
                                check: newRecord ? target.newCheck : target.check, page: target.page, csrf: session.csrf,
                                version: version, frontMatter: frontMatter, sections: rows, covered: covered(target),
                                national: !target.isOverlay, local: local, newRecord: newRecord,
                                renderer: renderer, general: messages[""] ?? [], user: userName(session),
                                overlay: pool.map { (target.path, $0.nationalText) })
    }

    /// The record the form would write, checked by the validator; nothing is written.
    func check(_ asked: RecordTarget, form: FormData, session: Sessions.Session) -> WebResponse {
        let full: String, target: RecordTarget
        switch place(asked, session) { case .failure(let answer): return answer; case .success(let found): (full, target) = found }
        let before: [UInt8]?
        if let kept = form["_phien_ban"].flatMap(versions.bytes) {
            before = kept
        } else {
            switch readRecord(full, target, session) { case .failure(let answer): return answer; case .success(let read): before = read }
        }
        let opened = OverlayText(before ?? [], overlay: target.isOverlay)
        guard let file = try? RecordText(bytes: opened.editable, path: target.path) else { return json([]) }
        let edited = file.applying(change(form, target: target, newRecord: false), editable: editable(target))
        let result = RecordCheck(bytes: opened.written(edited.bytes), path: target.path, sectionRows: edited.sectionRows, covered: covered(target),
                                 before: before, urls: preview.urls(unit: target.unit), language: settings.language, overlay: target.isOverlay)
        return json(result.findings.map { ($0.field, $0.message) })
    }

    /// The new local procedure the form would write, checked; nothing is written. In a province,
    /// `unit` is the unit whose folder it goes to.
    func checkNew(unit: String?, form: FormData, session: Sessions.Session) -> WebResponse {
        let typed = (form["f.ma_thu_tuc"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let target = RecordTarget(unit: unit, code: Syntax.isProcedureCode(typed) ? typed : "0.000000", own: true)
        if let refused = newRefusal(target, session) { return refused }
        guard let file = try? RecordText(bytes: Self.skeleton(code: typed), path: target.path) else { return json([]) }
        let change = change(form, target: target, newRecord: true)
        let edited = file.applying(change, editable: editable(target))
        var result = RecordCheck(bytes: edited.bytes, path: target.path, sectionRows: edited.sectionRows, covered: change.covered,
                                 before: nil, urls: preview.urls(unit: unit), language: settings.language)
        if let clash = poolClash(target) { result.findings.append(clash) }
        return json(result.findings.map { ($0.field, $0.message) })
    }

    func change(_ form: FormData, target: RecordTarget, newRecord: Bool) -> RecordChange {
        // Only keys the form posted are compared: a post that leaves a key out (not a form of ours) does
        // not remove it. Each list and group posts its own name, so a list emptied still counts.
        let posted = Set(form.pairs.compactMap { pair -> String? in
            guard pair.name.hasPrefix(FormTree.prefix) else { return nil }
            return pair.name.dropFirst(FormTree.prefix.count).split(separator: ".").first.map(String.init)
        })
        let covered = covered(target)
        let all = newRecord ? [Schema.procedure.fields[0]] + covered.fields : covered.fields
        let shape = ObjectShape(all.filter { posted.contains($0.key) })
        return RecordChange(frontMatter: FormTree.frontMatter(form, shape: shape), covered: shape, sections: FormTree.sections(form))
    }

    private func json(_ findings: [(String?, FieldMessage)]) -> WebResponse {
        let items = findings.map { field, message in
            "{\"truong\":\(field.map { JSONText.quoted($0) } ?? "null"),\"muc_do\":\(JSONText.quoted(message.severity)),\"thong_bao\":\(JSONText.quoted(message.text))}"
        }
        return WebResponse(status: 200, headers: [("content-type", "application/json")], body: Array(("[" + items.joined(separator: ",") + "]").utf8))
    }

    /// Markdown as the site renders it (cmark-gfm, raw HTML omitted), for the live preview beside a section.
    func markdownPreview(_ form: FormData) -> WebResponse {
        let text = form["noi_dung"] ?? ""
        guard text.utf8.count <= Record.maximumBodySize else {
            return WebResponse(status: 413, headers: [("content-type", "text/html; charset=utf-8")],
                               body: Array("<p>Nội dung dài quá \(Record.maximumBodySize / 1024) KB.</p>".utf8))
        }
        let html = MarkdownRenderer.render(text.replacingOccurrences(of: "\r\n", with: "\n").nfc, anchor: { _ in "muc" }).html
        return WebResponse(status: 200, headers: [("content-type", "text/html; charset=utf-8")], body: Array(html.utf8))
    }

    // MARK: - New records

    /// A new local procedure's start: its code and `nguon.he_thong: dia_phuong`; the form adds the rest.
    static func skeleton(code: String) -> [UInt8] {
        let shown = Syntax.isProcedureCode(code) ? code : "0.000000"
        return Array("---\nma_thu_tuc: \"\(shown)\"\nnguon:\n  he_thong: dia_phuong\n---\n".utf8)
    }

    /// The form of a new own procedure: of the site, or in a province of `unit` (without one, the
    /// units this session may add to, to choose from).
    func newPage(unit: String?, session: Sessions.Session) -> WebResponse {
        if isProvince, unit == nil { return unitChoice(session) }
        let target = RecordTarget(unit: unit, code: "0.000000", own: true)
        if let refused = newRefusal(target, session) { return refused }
        guard let file = try? RecordText(bytes: Self.skeleton(code: ""), path: target.path) else {
            return refusal(500, "Lỗi", "Không tạo được biểu mẫu.", session)
        }
        let start = WrittenValue.keys([.init("ma_thu_tuc", .text("")), .init("trang_thai", .text("hieu_luc")),
                                       .init("nguon_goc", .text("dac_thu_dia_phuong")), .init("cap_thuc_hien", .list([.text("xa")]))])
        return .html(200, form(RecordTarget(unit: unit, code: "", own: true), file: file, frontMatter: start,
                               rows: [(nil, Schema.nationalSections[0], "", false)],
                               version: "", messages: [:], session: session, newRecord: true))
    }

    /// Why this session cannot add a procedure at `target`'s place: not allowed to write there
    /// (another unit's account), or, in a province, no unit of that slug with a folder. Nil when it can.
    func newRefusal(_ target: RecordTarget, _ session: Sessions.Session) -> WebResponse? {
        guard EditRights.mayWrite(session.editor, target.path, in: settings.layout) else {
            let whose = target.unit.map { " của đơn vị \($0)" } ?? " vào trang này"
            return refusal(403, "Không được phép", "Tài khoản này không được thêm thủ tục\(whose). Không có gì được ghi.", session)
        }
        return target.unit.flatMap { unitRefusal($0, code: nil, session) }
    }
}
