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
            Giữ nguyên phần riêng của đơn vị (dia_phuong, các mục nội dung riêng); báo xung đột khi \
            phần quốc gia bị sửa tại chỗ và cũng thay đổi trong CSDL quốc gia.
            """)

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Tệp xuất JSON hoặc JSON Lines của CSDL quốc gia.") var catalog: String
    @Flag(name: .customLong("dry-run"), help: "In kế hoạch và các thay đổi, không ghi gì.") var dryRun = false
    @Flag(help: "Không ghi gì; thoát với mã 1 nếu trang đã lệch khỏi CSDL quốc gia (dùng trong CI).") var check = false
    @Flag(help: "Vẫn đồng bộ khi hơn một nửa số thủ tục sẽ bị đánh dấu bãi bỏ.") var force = false
    @Option(help: "Định dạng báo cáo: text hoặc json.") var format: ReportFormat = .text
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi

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

        let report = SyncReport(plan: plan, language: lang)
        if format == .json {
            printOutput(report.json.json(pretty: true))
        } else {
            printError(report.text(withDiffs: dryRun))
        }
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
