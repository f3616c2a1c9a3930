import ArgumentParser
import Catalog
import FileSystem
import Escaping
import Foundation
import Records
import Site

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Đồng bộ với tệp xuất của CSDL quốc gia về TTHC. (Follow the national catalog export.)",
        discussion: """
            Giữ nguyên phần riêng của đơn vị (dia_phuong, các mục nội dung riêng). Một trường của phần \
            quốc gia sửa tại chỗ mà CSDL quốc gia không đổi thì giữ bản của đơn vị; trường chỉ CSDL quốc \
            gia đổi thì cập nhật; trường đổi ở cả hai bên là xung đột: tệp giữ nguyên cho đến khi chọn \
            --giu-ban-don-vi MÃ hoặc --lay-ban-quoc-gia MÃ.
            """)

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Tệp xuất JSON hoặc JSON Lines của CSDL quốc gia.") var catalog: String
    @Flag(name: .customLong("dry-run"), help: "In kế hoạch và các thay đổi, không ghi gì.") var dryRun = false
    @Flag(help: "Không ghi gì; thoát với mã 1 nếu trang đã lệch khỏi CSDL quốc gia (dùng trong CI).") var check = false
    @Flag(help: "Vẫn đồng bộ khi hơn một nửa số thủ tục sẽ bị đánh dấu bãi bỏ.") var force = false
    @Option(help: "Định dạng báo cáo: text, json hoặc github (chú thích trên pull request).") var format: ReportFormat = .text
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi
    @Option(name: .customLong("giu-ban-don-vi"), parsing: .singleValue,
            help: ArgumentHelp("Giải quyết xung đột của thủ tục này bằng bản của đơn vị (thành sửa tại chỗ). Lặp lại được.",
                               valueName: "ma"))
    var keepLocal: [String] = []
    @Option(name: .customLong("lay-ban-quoc-gia"), parsing: .singleValue,
            help: ArgumentHelp("Giải quyết xung đột của thủ tục này bằng bản của CSDL quốc gia. Lặp lại được.", valueName: "ma"))
    var takeCatalog: [String] = []

    func validate() throws {
        for code in keepLocal + takeCatalog where !Syntax.isProcedureCode(code) {
            throw ValidationError("Mã thủ tục phải có dạng 1.001193 (a code looks like 1.001193), không phải \(code).")
        }
        if let both = keepLocal.first(where: takeCatalog.contains) {
            throw ValidationError("Thủ tục \(both) vừa --giu-ban-don-vi vừa --lay-ban-quoc-gia: chọn một. Không ghi gì. (Choose one way to settle \(both); nothing written.)")
        }
    }

    /// The conflicts to settle, as `--giu-ban-don-vi` and `--lay-ban-quoc-gia` name them.
    var resolutions: [String: CatalogSync.Resolution] {
        var resolutions: [String: CatalogSync.Resolution] = [:]
        for code in keepLocal { resolutions[code] = .keepLocal }
        for code in takeCatalog { resolutions[code] = .takeCatalog }
        return resolutions
    }

    @OptionGroup var lockOptions: LockOptions

    func run() throws {
        let site = siteOptions.url
        let (layout, units) = try siteOptions.units(language: lang, command: "sync")
        guard let configuration = units.first else { throw Exit.cannotRun }
        let export: NationalExport
        do {
            export = try NationalExport(contentsOf: URL(fileURLWithPath: catalog))
        } catch let error as NationalExport.Unreadable {
            printError("tthc sync: \(catalog): \(described(error, lang)). Không ghi gì (nothing written).")
            throw Exit.cannotRun
        } catch {
            throw cannotRun("sync", error, lang)
        }

        var sync = CatalogSync(site: site, configuration: configuration, now: Self.now())
        sync.resolutions = resolutions
        // A province's pool: every procedure one of its units publishes, once.
        sync.units = units
        sync.keepsOldTexts = dryRun
        sync.discardsNewTexts = check
        let writes = !dryRun && !check
        let lock: SiteLock?, staging: LockedFolder?
        do {
            // One writer at a time: the site is read and written whole by this run.
            lock = writes ? try lockOptions.hold(site, command: "sync", language: lang) : nil
            try sync.checkFolders()
            // Texts go to disk as they are planned, so memory does not grow with the site.
            staging = writes ? try CatalogSync.makeStaging(in: site) : nil
        } catch {
            throw cannotRun("sync", error, lang)
        }
        defer {
            staging?.remove()
            lock?.release()
        }
        sync.staging = staging.map { URL(fileURLWithPath: $0.path) }
        let bar = ProgressBar(label: lang == .vi ? "Đang so sánh" : "Comparing")
        if let bar {
            sync.progress = { @Sendable done, total in bar.update(done, of: total) }
        }
        let plan = sync.plan(export)
        bar?.finish()
        if let position = plan.unreadableEntry {
            printError("tthc sync: \(catalog): \(TerminalText.escape("\(export.unreadable(at: position))")). Không ghi gì (nothing written).")
            throw Exit.cannotRun
        }
        if let unreadableSite = plan.unreadableSite {
            printError("tthc sync: \(unreadableSite.explanation[lang]). " + (lang == .vi ? "Không ghi gì." : "Nothing written."))
            throw Exit.cannotRun
        }

        // What sync changes (or would) goes to standard output; progress and refusals to standard error.
        var report = SyncReport(plan: plan, language: lang)
        report.command = ResolvingCommand(catalog: catalog, site: siteOptions.site, language: lang)
        report.site = site
        switch format {
        case .json: printOutput(report.json.json(pretty: true))
        case .github: printOutput(report.github, terminator: "")
        case .text: printOutput(report.text(withDiffs: dryRun))
        }
        fflush(nil)
        if plan.abolishesTooMany && !force {
            printError(lang == .vi
                ? "Dừng lại: tệp xuất sẽ bãi bỏ \(plan.abolished.count)/\(plan.publishedBefore) thủ tục đang đăng (hơn một nửa). Tệp có thể bị cắt cụt hoặc nhầm tệp. Không ghi gì. Dùng --force nếu đúng là như vậy."
                : "Stopped: the export would abolish \(plan.abolished.count) of \(plan.publishedBefore) published procedures (over half); it may be truncated or the wrong file. Nothing written. Use --force if this is right.")
            throw Exit.cannotRun
        }
        if check {
            if plan.hasDrift || plan.needsAttention { throw Exit.problems }
            return
        }
        if !dryRun {
            do {
                try sync.apply(plan)
            } catch {
                throw cannotRun("sync", error, lang, .partly)
            }
            // The compliance report as it stands after this sync, kept for its trend (tthc bao-cao).
            if layout == .site, !plan.log.isEmpty, let problem = ReportKeeping.append(site: site, at: sync.now) {
                printError("tthc sync: " + (lang == .vi ? "chưa lưu được báo cáo: " : "report not kept: ") + problem[lang])
            }
        }
        if plan.needsAttention { throw Exit.problems }
    }

    /// The sync's time, from `SOURCE_DATE_EPOCH` when set (reproducible runs), else the clock.
    static func now() -> String {
        let environment = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        return CalendarDate.vietnamDateTime(epochSeconds: environment ?? Int64(Date().timeIntervalSince1970))
    }
}
