import ArgumentParser
import Catalog
import FileSystem
import Escaping
import Foundation
import Records

/// `tthc new CODE`: a new record file to fill in, every key laid out and explained; with
/// `--catalog`, that one procedure imported from a national export instead.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Tạo hồ sơ thủ tục mới để điền. (Write a new record to fill in.)",
        discussion: "Với --catalog: nhập đúng thủ tục này từ tệp xuất của CSDL quốc gia.")

    @OptionGroup var siteOptions: SiteOptions
    @Argument(help: "Mã thủ tục, ví dụ 1.001193.") var code: String
    @Option(help: "Tệp xuất CSDL quốc gia (JSON) để nhập thủ tục này từ đó.") var catalog: String?

    func validate() throws {
        // ASCII digits only, nothing after: a regular expression's `\d` takes "١.٠٠١١٩٣" and `$` a trailing newline.
        guard Syntax.isProcedureCode(code) else {
            throw ValidationError("Mã thủ tục phải có dạng 1.001193 (a code looks like 1.001193), không phải \(code).")
        }
    }

    @OptionGroup var lockOptions: LockOptions

    func run() throws {
        try siteOptions.requireSingleSite(command: "new", language: .vi)
        let site = siteOptions.url
        let path = "content/thu-tuc/\(code).md"
        do {
            // `new` writes only into a tthc site (a `site.yml` there, valid or not yet).
            _ = try SiteConfiguration.bytes(in: try SiteFolders(site: site))
            let lock = try lockOptions.hold(site, command: "new", language: .vi)
            defer { lock.release() }
            let folder = try SiteFolders(site: site).resolve("content/thu-tuc")
            let target = folder + "/\(code).md"
            guard try Files.kind(target) == nil else {
                printError("tthc new: \(path) đã có; không ghi đè (already exists, not overwritten).")
                throw Exit.cannotRun
            }
            if let catalog {
                try importOne(from: catalog, site: site, path: path)
                return
            }
            try Files.makeFolder(folder)
            // Moved into place only if nothing is there: a file made meanwhile is never overwritten.
            let temporary = try Files.temporary(RecordSkeleton.text(code: code).utf8, beside: target)
            do {
                try Files.moveWithoutReplacing(temporary, to: target)
            } catch {
                try? Files.removeEntry(temporary)
                throw error
            }
        } catch {
            throw cannotRun("new", error, .vi)
        }
        printError("Đã tạo \(path). Điền các giá trị \"\" rồi chạy: tthc check")
    }

    /// The sync of one code: the same mapping, merge base and change log as `tthc sync`.
    private func importOne(from catalog: String, site: URL, path: String) throws {
        let configuration = try siteOptions.configuration()
        let export: NationalExport
        do {
            export = try NationalExport(contentsOf: URL(fileURLWithPath: catalog))
        } catch let error as NationalExport.Unreadable {
            printError("tthc new: \(catalog): \(error). Không ghi gì (nothing written).")
            throw Exit.cannotRun
        }
        var sync = CatalogSync(site: site, configuration: configuration, now: SyncCommand.now())
        sync.only = [code]
        try sync.checkFolders()
        let plan = sync.plan(export)
        // Published is what site.yml selects: a procedure it leaves out is not imported (issue 16).
        if let outside = plan.outsideSelection.first(where: { $0.code == code }) {
            printError("tthc new: \(TerminalText.escape(outside.problem.message.vi)) Không ghi gì (nothing written).")
            if let fix = outside.problem.suggestion { printError("  → \(TerminalText.escape(fix.vi))") }
            throw Exit.cannotRun
        }
        // A record the unit deleted comes back only this way, logged as brought back ("Đăng lại").
        guard plan.created + plan.restored == [path] else {
            if plan.needsAttention { printError(SyncReport(plan: plan, language: .vi).text(withDiffs: false)) }
            printError("tthc new: không thấy thủ tục \(code) đọc được trong \(catalog) (not found in the export). Không ghi gì.")
            throw Exit.cannotRun
        }
        do {
            try sync.apply(plan)
        } catch {
            throw cannotRun("new", error, .vi, .partly)
        }
        printError("Đã nhập \(path) từ \(catalog).")
    }
}
