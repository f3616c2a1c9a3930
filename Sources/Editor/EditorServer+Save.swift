import FileSystem
import Foundation
import Records

extension EditorServer {
    /// Writes what the form changed, under the site's lock, only over the version the form was made
    /// from: a file saved meanwhile (another account, a text editor, sync) is never overwritten,
    /// and the answer shows both. A record the change would make invalid is not written at all.
    func save(_ asked: RecordTarget, form: FormData, session: Sessions.Session, request: WebRequest) -> WebResponse {
        let full: String, target: RecordTarget
        switch place(asked, session) { case .failure(let answer): return answer; case .success(let found): (full, target) = found }
        let path = target.path
        let change = change(form, target: target, newRecord: false)
        let editable = editable(target)
        let lock: SiteLock
        do {
            // Taken per save, for as long as the write takes: sync and build are kept waiting briefly, never for long.
            lock = try SiteLock.acquire(site: settings.site, command: "serve (lưu \(path))", waitingUpTo: 10)
        } catch {
            return refusal(503, "Chưa lưu được", Localized.of(error)[settings.language], session)
        }
        defer { lock.release() }
        let current: [UInt8]?
        switch readRecord(full, target, session) { case .failure(let answer): return answer; case .success(let read): current = read }
        let version = form["_phien_ban"] ?? ""
        guard self.version(of: current) == version else {
            let base = versions.bytes(version) ?? current ?? []
            let opened = OverlayText(base, overlay: target.isOverlay)
            let mine = (try? RecordText(bytes: opened.editable, path: path)).map { opened.written($0.applying(change, editable: editable).bytes) } ?? base
            return .html(409, EditorPages.conflict(target, onDisk: current.map { String(decoding: $0, as: UTF8.self) },
                                                   mine: String(decoding: mine, as: UTF8.self), user: userName(session), csrf: session.csrf))
        }
        let opened = OverlayText(current ?? [], overlay: target.isOverlay)
        let file: RecordText
        do {
            file = try RecordText(bytes: opened.editable, path: path)
        } catch {
            return .html(422, EditorPages.notEditable(path: path, problems: error.problems, language: settings.language,
                                                       user: userName(session), csrf: session.csrf))
        }
        let edited = file.applying(change, editable: editable)
        let written = opened.written(edited.bytes)
        let result = RecordCheck(bytes: written, path: path, sectionRows: edited.sectionRows, covered: covered(target),
                                 before: current, urls: preview.urls(unit: target.unit), language: settings.language, overlay: target.isOverlay)
        if result.blocks {
            var messages = result.byField
            messages["", default: []].insert(FieldMessage(severity: "error", text: "Chưa lưu: hãy sửa các lỗi được đánh dấu bên dưới."), at: 0)
            return .html(422, self.form(target, file: file, frontMatter: FormTree.frontMatter(form, shape: covered(target)).merged(into: file.frontMatter),
                                        rows: sectionRows(file, form: change.sections, target: target), version: version, messages: messages, session: session))
        }
        // Nothing changed (an overlay not made yet stays unmade).
        guard written != (current ?? []) else { return .redirect(target.page) }
        if current == nil {
            do {
                try Files.makeFolder(Files.split(full).folder)
            } catch {
                return refusal(500, "Chưa lưu được", Localized.of(error)[settings.language], session)
            }
        }
        if let failure = write(written, at: full, path: path, before: current, session: session, request: request, creating: current == nil) {
            return failure
        }
        return .redirect(target.page)
    }

    /// A new local procedure, written only if no file of that code exists: on a single site into
    /// `content/thu-tuc/`, in a province into the unit's folder (`unit`), whose code must not be the
    /// pool's (an overlay is how a unit adds to a pool procedure).
    func create(unit: String?, form: FormData, session: Sessions.Session, request: WebRequest) -> WebResponse {
        // Line breaks too: "1.000080\n" is the pool's code once written as YAML, never another file's.
        let code = (form["f.ma_thu_tuc"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let target = RecordTarget(unit: unit, code: Syntax.isProcedureCode(code) ? code : "0.000000", own: true)
        if let refused = newRefusal(target, session) { return refused }
        let change = change(form, target: target, newRecord: true)
        let skeleton = Self.skeleton(code: code)
        let path = target.path
        guard let file = try? RecordText(bytes: skeleton, path: path) else { return refusal(500, "Lỗi", "Không tạo được hồ sơ.", session) }
        let edited = file.applying(change, editable: editable(target))
        var result = RecordCheck(bytes: edited.bytes, path: path, sectionRows: edited.sectionRows, covered: change.covered,
                                 before: nil, urls: preview.urls(unit: unit), language: settings.language)
        if let clash = poolClash(target) { result.findings.append(clash) }
        let full: String?
        switch place(target, session) {
        case .failure(let answer):
            guard Syntax.isProcedureCode(code) else { full = nil; break }
            return answer
        case .success(let found): full = found.full
        }
        if full == nil || !Syntax.isProcedureCode(code) {
            result.findings.append((field: "ma_thu_tuc", message: FieldMessage(severity: "error", text: "Mã thủ tục có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)."), blocks: true))
        } else if let full, (try? Files.kind(full)) != nil {
            result.findings.append((field: "ma_thu_tuc", message: FieldMessage(severity: "error", text: "Đã có thủ tục mã \(code); mở nó để sửa, không tạo lại."), blocks: true))
        }
        guard let full, !result.blocks else {
            var messages = result.byField
            messages["", default: []].insert(FieldMessage(severity: "error", text: "Chưa lưu: hãy sửa các lỗi được đánh dấu bên dưới."), at: 0)
            return .html(422, self.form(RecordTarget(unit: unit, code: code, own: true), file: file, frontMatter: FormTree.frontMatter(form, shape: change.covered),
                                        rows: sectionRows(file, form: change.sections, target: target), version: "", messages: messages,
                                        session: session, newRecord: true))
        }
        let lock: SiteLock
        do {
            lock = try SiteLock.acquire(site: settings.site, command: "serve (tạo \(path))", waitingUpTo: 10)
        } catch {
            return refusal(503, "Chưa lưu được", Localized.of(error)[settings.language], session)
        }
        defer { lock.release() }
        do {
            // A unit that has no file of its own yet has no `thu-tuc/` either.
            try Files.makeFolder(Files.split(full).folder)
        } catch {
            return refusal(500, "Chưa lưu được", Localized.of(error)[settings.language], session)
        }
        if let failure = write(edited.bytes, at: full, path: path, before: nil, session: session, request: request, creating: true) {
            return failure
        }
        return .redirect(RecordTarget(unit: unit, code: code).page)
    }

    /// Writes the file (replaced atomically, or made only where nothing is), notes it in the audit
    /// log (a log that cannot be written undoes the save), commits it with `--git`, rebuilds the
    /// preview. Nil when done; otherwise the answer that says what failed.
    private func write(_ bytes: [UInt8], at full: String, path: String, before: [UInt8]?, session: Sessions.Session,
                       request: WebRequest, creating: Bool) -> WebResponse? {
        do {
            if creating {
                // Made by the write (`Files.temporary`, O_EXCL): a link planted at the temporary's name is not written through.
                let temporary = try Files.temporary(bytes, beside: full)
                do {
                    try Files.moveWithoutReplacing(temporary, to: full)
                } catch {
                    try? Files.removeEntry(temporary)
                    throw error
                }
            } else {
                try Files.replace(bytes, at: full)
            }
        } catch {
            return refusal(500, "Chưa lưu được", Localized.of(error)[settings.language], session)
        }
        var who = "local"
        if case .account(let account) = session.editor { who = account.ten }
        if let audit = settings.audit {
            do {
                try audit.record(account: who, file: path, before: before, after: bytes, address: client(request))
            } catch {
                if let before { try? Files.replace(before, at: full) } else { try? Files.removeEntry(full) }
                return refusal(500, "Chưa lưu được", "Không ghi được nhật ký sửa (\(Localized.of(error)[settings.language])), nên thay đổi đã được hoàn lại.", session)
            }
        }
        var gitProblem: String?
        if let git = settings.git {
            var author: String?
            if case .account(let account) = session.editor { author = account.gitAuthor }
            do {
                try git.commit(path, message: "\(creating ? "Thêm" : "Sửa") \(path) (tthc serve, \(who))", author: author)
            } catch {
                gitProblem = (error as? GitCommit.Failed)?.output ?? "\(error)"
            }
        }
        preview.rebuild()
        if let gitProblem {
            return refusal(200, "Đã lưu, chưa commit được", "Tệp đã được lưu, nhưng git không commit được: \(gitProblem)", session)
        }
        return nil
    }
}

extension WrittenValue {
    /// The form's keys over the file's: what a refused save shows again is what was typed, and the
    /// keys the form does not show are the file's.
    func merged(into file: WrittenValue) -> WrittenValue {
        guard case .keys(let mine) = self, case .keys(var theirs) = file else { return self }
        for entry in mine {
            if let index = theirs.firstIndex(where: { $0.key == entry.key }) { theirs[index].value = entry.value } else { theirs.append(entry) }
        }
        return .keys(theirs)
    }
}
