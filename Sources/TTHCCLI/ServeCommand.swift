import ArgumentParser
import Escaping
import Foundation
import Records
import Site

/// `tthc serve`: the site on 127.0.0.1, rebuilt in memory on every save, with the open page
/// reloading itself. A record with errors never stops it: the last good build stays up, under a
/// panel that lists the errors in Vietnamese.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Xem trước trang trên máy, tự cập nhật khi lưu tệp. (Preview the site, rebuilt on save.)")

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Cổng (mặc định 1313; 0: một cổng còn trống).") var port = 1313
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi

    func run() throws {
        try siteOptions.requireSingleSite(command: "serve", language: lang)
        let site = siteOptions.url
        let server = PreviewServer()
        let cache = RecordCache()
        var state = SiteWatch.State(site: site)
        rebuild(site, into: server, cache: cache)
        let actual: Int
        do {
            actual = try server.start(port: port)
        } catch {
            throw cannotRun("serve", error, lang, .notApplicable)
        }
        printOutput("tthc serve: http://127.0.0.1:\(actual)/  (Ctrl+C để dừng)")
        fflush(nil)
        while true {
            state = SiteWatch.waitForChange(after: state)
            rebuild(site, into: server, cache: cache)
        }
    }

    private func rebuild(_ site: URL, into server: PreviewServer, cache: RecordCache) {
        let started = Date()
        do {
            let preview = try SitePreview(site: site, baseURL: "http://127.0.0.1/", cache: cache)
            let errors = preview.diagnostics.filter { $0.severity == .error }
            server.update(preview, problemsHTML: Self.panel(errors, language: lang))
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            printOutput(errors.isEmpty ? "tthc serve: đã cập nhật (\(seconds) s)" : "tthc serve: \(errors.count) lỗi, xem trên trang (\(seconds) s)")
        } catch {
            server.update(nil, problemsHTML: Self.panel(message: Localized.of(error)[lang]))
            printOutput("tthc serve: \(Localized.of(error)[lang])")
        }
        fflush(nil)
    }

    /// The red panel over the last good build. Its texts come from records and templates: shown
    /// as a terminal shows them (controls and bidirectional overrides visible), then escaped for HTML.
    static func panel(_ errors: [Diagnostic], language: Language) -> String {
        guard !errors.isEmpty else { return "" }
        let items = errors.prefix(50).map { d -> String in
            let fix = d.suggestion(language).map { " → " + shown($0) } ?? ""
            return "<li><code>\(shown(d.file))</code>, dòng \(d.line), cột \(d.column): \(shown(d.message(language)))\(fix)</li>"
        }
        return panel(message: "\(errors.count) lỗi cần sửa; trang dưới đây là bản tạo thành công gần nhất.",
                     items: items.joined(separator: "\n"))
    }

    static func panel(message: String, items: String = "") -> String {
        """
        <div role="alert" id="tthc-loi" style="border:3px solid #8a1c1c;background:#fdf2f2;color:#5a1010;\
        padding:.75rem 1rem;font:16px/1.5 system-ui,sans-serif"><p style="margin:0 0 .5rem"><strong>Chưa cập nhật được trang: \
        \(shown(message))</strong></p><ul style="margin:0;padding-left:1.2rem">\(items)</ul></div>
        """
    }

    private static func shown(_ text: String) -> String {
        HTML.escape(TerminalText.escape(text))
    }
}
