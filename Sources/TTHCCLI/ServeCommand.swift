import ArgumentParser
import CAllocator
import Editor
import Escaping
import FileSystem
import Foundation
import Records

/// `tthc serve`: the site built in memory and rebuilt on every save, with the open page reloading
/// itself, and the browser editor (docs/editor.md). A record with errors never stops it: the last
/// good build stays up, under a panel that lists the errors in Vietnamese. Without `--accounts` it
/// answers on 127.0.0.1 only, to the person at the machine; with it, to the accounts in that file.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Xem trước và sửa trang trên trình duyệt, tự cập nhật khi lưu. (Preview and edit the site in a browser.)",
        discussion: "Không có --accounts: chỉ trên 127.0.0.1. Với --accounts FILE (và --host) cho máy chủ chung của tỉnh sau proxy HTTPS.")

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Cổng (mặc định 1313; 0: một cổng còn trống).") var port = 1313
    @Option(help: "Địa chỉ nghe, ví dụ 0.0.0.0 (chỉ cùng --accounts; mặc định 127.0.0.1).") var host: String?
    @Option(help: "Tệp tài khoản (ngoài kho) cho máy chủ chung: chỉ người đăng nhập mới sửa được.") var accounts: String?
    @Option(name: .customLong("nhat-ky"), help: "Nhật ký sửa (mặc định cạnh tệp tài khoản: <tên>.nhat-ky.jsonl).") var auditLog: String?
    @Flag(help: "Mỗi lần lưu là một commit git, tác giả là tài khoản đã lưu.") var git = false
    @Option(name: .customLong("trusted-proxy"), help: "Địa chỉ IP của proxy HTTPS đứng trước (chỉ cùng --accounts; có thể ghi nhiều lần): tin X-Forwarded-For của nó khi đếm lần đăng nhập sai.")
    var trustedProxies: [String] = []
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi

    func validate() throws {
        if host != nil, accounts == nil {
            throw ValidationError("--host cần --accounts: không có tài khoản, tthc serve chỉ nghe trên 127.0.0.1 (--host needs --accounts).")
        }
        if !trustedProxies.isEmpty, accounts == nil {
            throw ValidationError("--trusted-proxy cần --accounts (--trusted-proxy needs --accounts).")
        }
        if let bad = trustedProxies.first(where: { !ClientAddress.isAddress($0) }) {
            throw ValidationError(TerminalText.escape("--trusted-proxy \(bad): cần một địa chỉ IP, ví dụ 127.0.0.1 hoặc ::1 (an IP address is needed)."))
        }
        if auditLog != nil, accounts == nil {
            throw ValidationError("--nhat-ky cần --accounts (--nhat-ky needs --accounts).")
        }
    }

    func run() throws {
        let site = siteOptions.url
        let settings: EditorServer.Settings
        do {
            // A province's folder: every unit at /<slug>/, each account its own units (docs/editor.md).
            let province = try SiteLayout.of(site) == .province
            settings = try makeSettings(site, province: province)
        } catch {
            throw cannotRun("serve", error, lang, .notApplicable)
        }
        // Every rebuild makes the site's records and pages again, in blocks of the same sizes: kept
        // by the allocator instead of given back to the system and faulted in anew (zeroing those
        // pages was a tenth of a save's rebuild at 10,000 procedures). What a build of the site
        // needs at its peak stays the process's while it serves.
        _ = tthc_keep_freed_memory()
        // Watching first: a save made while the first build runs is not missed.
        let watch = SiteWatch(site: site)
        let log: @Sendable (String) -> Void = { printOutput($0); fflush(nil) }
        let preview = settings.layout == .province ? LivePreview(province: site, language: lang, log: log)
                                                   : LivePreview(site: site, language: lang, log: log)
        preview.rebuild()
        let server = EditorServer(settings: settings, preview: preview)
        let address = host ?? "127.0.0.1"
        let started = DispatchSemaphore(value: 0)
        let http = HTTPServing(server: server, host: address, port: port, onRunning: { actual in
            if settings.accounts == nil {
                server.localHosts = ["127.0.0.1:\(actual)", "localhost:\(actual)"]
            }
            let shown = address.contains(":") ? "[\(address)]" : address
            printOutput("tthc serve: http://\(shown):\(actual)/  (Ctrl+C để dừng)")
            if settings.accounts != nil { printOutput("tthc serve: chỉ tài khoản trong \(settings.accounts?.path ?? "") mới sửa được; nhật ký: \(settings.audit?.path ?? "")") }
            if !watch.isNotified { printOutput("tthc serve: không dùng được inotify; kiểm tra tệp nửa giây một lần") }
            fflush(nil)
            started.signal()
        })
        let serving = Serving()
        Thread.detachNewThread {
            started.wait()
            // Rebuilds until the server stops. The exit matters beyond reading: on an endless loop in
            // this closure Swift 6.3.1's optimizer never finishes (`-c release` hung in LICM, swiftlang/swift#88618).
            while serving.isRunning {
                watch.waitForChange()
                preview.rebuild()
            }
        }
        defer { serving.stop() }
        do {
            try http.run()
        } catch {
            throw cannotRun("serve", HTTPServing.explained(error, host: address, port: port), lang, .notApplicable)
        }
    }

    private func makeSettings(_ site: URL, province: Bool) throws -> EditorServer.Settings {
        let folders = try SiteFolders(site: site)
        let slug = province ? "<tên đơn vị>" : Files.split(folders.root).name
        var settings = EditorServer.Settings(site: site, layout: province ? .province : .single(slug: slug), language: lang)
        if let accounts {
            let file = try AccountFile(path: accounts)
            guard !file.accounts.isEmpty else {
                throw Unsupported(what: Localized(vi: "\(file.path) chưa có tài khoản nào; tạo bằng: tthc account add TÊN --don-vi \(slug) --accounts \(file.path)",
                                                  en: "\(file.path) has no account; make one with: tthc account add NAME --don-vi \(slug) --accounts \(file.path)"))
            }
            settings.accounts = file
            settings.trustedProxies = Set(trustedProxies)
            settings.audit = try AuditLog(path: auditLog ?? AuditLog.path(besideAccounts: file.path))
        }
        if git {
            let repository = GitCommit(site: site)
            guard repository.isRepository() else {
                throw Unsupported(what: Localized(vi: "--git: \(site.path) không nằm trong một kho git", en: "--git: \(site.path) is not inside a git work tree"))
            }
            settings.git = repository
        }
        return settings
    }

    /// Whether the server still answers: read by the watching thread, set once by the main one.
    final class Serving: @unchecked Sendable {
        private let lock = NSLock()
        private var running = true

        var isRunning: Bool { lock.withLock { running } }
        func stop() { lock.withLock { running = false } }
    }

    struct Unsupported: ExplainedError {
        var what: Localized
        var explanation: Localized { what }
    }
}
