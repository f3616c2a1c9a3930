import Escaping
import Foundation
import Records
import Site

/// The site as `tthc serve` shows it: built in memory, the last good build kept under a panel of
/// errors when a save breaks it, and a number that changes with each build, which the open page
/// watches to reload itself.
public final class LivePreview: @unchecked Sendable {
    private let lock = NSLock()
    /// Builds one at a time, whether a save or the watch asks.
    private let building = NSLock()
    private var preview: SitePreview?
    private var problemsHTML = ""
    /// The inputs as the last build began: a rebuild asked for by the watch after a save's own
    /// rebuild finds them unchanged and does nothing (each save was built twice: 2.3 s more on
    /// 10,000 procedures).
    private var builtFrom: InputStamps?
    public private(set) var generation = 0
    private let site: URL
    private let cache = RecordCache()
    private let language: Language
    /// Told of each build, for the terminal.
    private let log: @Sendable (String) -> Void
    /// At a province's folder: its units, each planned when one of its pages is asked for.
    public let province: ProvincePreview?

    public init(site: URL, language: Language, log: @escaping @Sendable (String) -> Void) {
        self.site = site
        self.language = language
        self.log = log
        province = nil
    }

    /// A province's folder (`tinh.yml`): each unit's site at `/<slug>/`, as `tthc build --don-vi SLUG` makes it.
    public init(province root: URL, language: Language, log: @escaping @Sendable (String) -> Void) {
        site = root
        self.language = language
        self.log = log
        province = ProvincePreview(root: root)
    }

    /// Reads and checks the site again (only changed files are parsed again) and shows the result.
    /// In a province, finds which units the change touched: each is planned again on its next page.
    public func rebuild() {
        building.lock()
        defer { building.unlock() }
        let started = Date()
        let inputs = InputStamps(site: site)
        if inputs == builtFrom { return }
        // Records whose files did not change since the last build are taken as it took them, unread.
        cache.vouch(unchanged: builtFrom.map { inputs.unchangedRecords(since: $0) } ?? [])
        builtFrom = inputs
        if let province {
            do {
                let changed = try province.scan()
                update(nil, problemsHTML: "")
                let names = changed.isEmpty ? "không đơn vị nào thay đổi"
                    : "\(changed.count) đơn vị cần cập nhật: " + changed.prefix(8).joined(separator: ", ") + (changed.count > 8 ? ", …" : "")
                log("tthc serve: \(names) (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)")
            } catch {
                update(nil, problemsHTML: Self.panel(message: Localized.of(error)[language]))
                log("tthc serve: \(Localized.of(error)[language])")
            }
            return
        }
        do {
            let made = try SitePreview(site: site, baseURL: "http://127.0.0.1/", cache: cache)
            let errors = made.diagnostics.filter { $0.severity == .error }
            update(made, problemsHTML: Self.panel(errors, language: language))
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            log(errors.isEmpty ? "tthc serve: đã cập nhật (\(seconds) s)" : "tthc serve: \(errors.count) lỗi, xem trên trang (\(seconds) s)")
        } catch {
            update(nil, problemsHTML: Self.panel(message: Localized.of(error)[language]))
            log("tthc serve: \(Localized.of(error)[language])")
        }
    }

    /// Replaces what is served; a preview that did not build keeps the last good one (shown under the panel).
    func update(_ newPreview: SitePreview?, problemsHTML html: String) {
        let retired = Retired()
        lock.lock()
        if let newPreview, newPreview.isBuilt {
            retired.preview = preview
            preview = newPreview
        }
        problemsHTML = html
        generation += 1
        lock.unlock()
        // The last build's every record and page is let go on a thread of its own: freeing them
        // took a tenth of a second at 10,000 procedures, and the reloaded page need not wait for it.
        Thread.detachNewThread { retired.preview = nil }
    }

    /// Holds the one reference left to a replaced preview.
    private final class Retired: @unchecked Sendable {
        var preview: SitePreview?
    }

    /// The addresses of the last good build (nil before one), for the link check of a form's record;
    /// in a province, those of the unit's site.
    func urls(unit: String?) -> Set<String>? {
        if let province {
            return unit.flatMap { province.unit($0)?.preview?.urls }
        }
        lock.lock()
        let current = preview
        lock.unlock()
        return current?.urls
    }

    /// The file at a site-relative path, and the panel to show over a page. In a province the path
    /// starts with the unit's slug (`xa-hoa-ban/thu-tuc/1.001193/index.html`), or is the theme's
    /// shared `assets/…`; the panel is that unit's (what `tthc build --don-vi` would refuse on).
    func file(_ key: String) -> (data: Data?, panel: String, generation: Int, exists: (String) -> Bool) {
        lock.lock()
        let current = preview
        let panel = problemsHTML
        let number = generation
        lock.unlock()
        guard let province else { return (current?.file(key), panel, number, { current?.file($0) != nil }) }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.first == "assets" { return (province.asset(key), panel, number, { province.asset($0) != nil }) }
        // `/<slug>` without its slash: the unit's start page is there, to redirect to.
        if parts.count == 1 { return (nil, panel, number, { $0 == key + "/index.html" && province.unit(key)?.preview != nil }) }
        guard parts.count == 2, let shown = province.unit(parts[0]) else { return (nil, panel, number, { _ in false }) }
        let prefix = parts[0] + "/"
        var unitPanel = panel
        if panel.isEmpty {
            if let failure = shown.failure {
                unitPanel = Self.panel(message: failure[language])
            } else {
                unitPanel = Self.panel(shown.diagnostics.filter { $0.severity == .error }, language: language)
            }
        }
        let site = shown.preview
        return (site?.file(parts[1]), unitPanel, number, { path in
            path.hasPrefix(prefix) && site?.file(String(path.dropFirst(prefix.count))) != nil
        })
    }

    /// The red panel over the last good build. Its texts come from records and templates: shown
    /// as a terminal shows them (controls and bidirectional overrides visible), then escaped for HTML.
    public static func panel(_ errors: [Diagnostic], language: Language) -> String {
        guard !errors.isEmpty else { return "" }
        let items = errors.prefix(50).map { d -> String in
            let fix = d.suggestion(language).map { " → " + shown($0) } ?? ""
            return "<li><code>\(shown(d.file))</code>, dòng \(d.line), cột \(d.column): \(shown(d.message(language)))\(fix)</li>"
        }
        return panel(message: "\(errors.count) lỗi cần sửa; trang dưới đây là bản tạo thành công gần nhất.",
                     items: items.joined(separator: "\n"))
    }

    public static func panel(message: String, items: String = "") -> String {
        """
        <div role="alert" id="tthc-loi" style="border:3px solid #8a1c1c;background:#fdf2f2;color:#5a1010;\
        padding:.75rem 1rem;font:16px/1.5 system-ui,sans-serif"><p style="margin:0 0 .5rem"><strong>Chưa cập nhật được trang: \
        \(shown(message))</strong></p><ul style="margin:0;padding-left:1.2rem">\(items)</ul></div>
        """
    }

    static func shown(_ text: String) -> String {
        HTML.escape(TerminalText.escape(text))
    }

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml", "pdf": "application/pdf",
        // What a theme's fonts/ and img/ hold (templates/assets/ is published with its subfolders).
        "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff2": "font/woff2", "woff": "font/woff", "ttf": "font/ttf", "otf": "font/otf",
    ]
}
