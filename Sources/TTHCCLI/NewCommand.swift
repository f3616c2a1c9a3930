import ArgumentParser
import Catalog
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
        guard code.range(of: Schema.procedureCodePattern, options: .regularExpression) != nil else {
            throw ValidationError("Mã thủ tục phải có dạng 1.001193 (a code looks like 1.001193), không phải \(code).")
        }
    }

    func run() throws {
        let site = siteOptions.url
        let path = "content/thu-tuc/\(code).md"
        let target = site.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            printError("tthc new: \(path) đã có; không ghi đè (already exists, not overwritten).")
            throw Exit.cannotRun
        }
        if let catalog {
            try importOne(from: catalog, site: site, path: path)
            return
        }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(RecordSkeleton.text(code: code), to: target)
        } catch {
            printError("tthc new: không ghi được \(path) (cannot write): \(TerminalText.escape(error.localizedDescription))")
            throw Exit.cannotRun
        }
        printError("Đã tạo \(path). Điền các giá trị \"\" rồi chạy: tthc check")
    }

    /// The sync of one code: the same mapping, merge base and change log as `tthc sync`.
    private func importOne(from catalog: String, site: URL, path: String) throws {
        let configuration = try siteOptions.configuration()
        let export: NationalExport
        do {
            export = try NationalExport(contentsOf: URL(fileURLWithPath: catalog))
        } catch {
            printError("tthc new: \(catalog): \(described(error, .vi)). Không ghi gì (nothing written).")
            throw Exit.cannotRun
        }
        var sync = CatalogSync(site: site, configuration: configuration, now: SyncCommand.now())
        sync.only = [code]
        let plan = sync.plan(export)
        guard plan.created == [path] else {
            printError("tthc new: không thấy thủ tục \(code) đọc được trong \(catalog) (not found in the export). Không ghi gì.")
            throw Exit.cannotRun
        }
        try sync.apply(plan)
        printError("Đã nhập \(path) từ \(catalog).")
    }
}
