import ArgumentParser
import Catalog
import FileSystem
import Escaping
import Foundation
import Records
import Site

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
    @Option(name: .customLong("don-vi"), help: "Ở thư mục tỉnh: đơn vị (tên thư mục trong don-vi/) nhận thủ tục riêng này.")
    var unit: String?

    func validate() throws {
        // ASCII digits only, nothing after: a regular expression's `\d` takes "١.٠٠١١٩٣" and `$` a trailing newline.
        guard Syntax.isProcedureCode(code) else {
            throw ValidationError("Mã thủ tục phải có dạng 1.001193 (a code looks like 1.001193), không phải \(code).")
        }
        if let unit, !UnitSlug.isValid(unit) {
            throw ValidationError(TerminalText.escape("--don-vi: `\(unit)` không phải tên thư mục đơn vị (a unit's folder name): chữ thường a–z, chữ số, dấu gạch ngang."))
        }
        if unit != nil, catalog != nil {
            throw ValidationError("--catalog không dùng cùng --don-vi: thủ tục của CSDL quốc gia ở kho chung của tỉnh, do tthc sync ghi (the pool is written by tthc sync).")
        }
    }

    @OptionGroup var lockOptions: LockOptions

    func run() throws {
        if let unit { return try newOwnProcedure(of: unit) }
        if (try? SiteLayout.of(siteOptions.url)) == .province {
            printError("tthc new: đây là thư mục của một tỉnh (tinh.yml): thủ tục chung do tthc sync ghi; thủ tục riêng của một đơn vị: tthc new \(code) --don-vi <tên đơn vị> (a province's folder: give the unit with --don-vi).")
            throw Exit.cannotRun
        }
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
            try writeSkeleton(into: folder, at: target)
        } catch {
            throw cannotRun("new", error, .vi)
        }
        printError("Đã tạo \(path). Điền các giá trị \"\" rồi chạy: tthc check")
    }

    /// At a province's folder: a procedure of the unit's own (`nguon.he_thong: dia_phuong`) in
    /// `don-vi/<slug>/thu-tuc/`, never a code of the pool (that one takes an overlay).
    private func newOwnProcedure(of unit: String) throws {
        let root = siteOptions.url
        let path = "\(ProvinceUnit.folder)/\(unit)/thu-tuc/\(code).md"
        do {
            guard try SiteLayout.of(root) == .province else {
                printError("tthc new: --don-vi chỉ dùng ở thư mục của tỉnh (có tinh.yml); ở trang của một đơn vị, bỏ --don-vi (--don-vi is for a province's folder).")
                throw Exit.cannotRun
            }
            let folders = try SiteFolders(site: root)
            guard try Files.kind(try folders.resolve("\(ProvinceUnit.folder)/\(unit)/site.yml")) == .file else {
                printError("tthc new: tỉnh không có đơn vị \(unit) (không thấy \(ProvinceUnit.folder)/\(unit)/site.yml). Không ghi gì (no such unit; nothing written).")
                throw Exit.cannotRun
            }
            let lock = try lockOptions.hold(root, command: "new", language: .vi)
            defer { lock.release() }
            if try Files.kind(try folders.resolve("content/thu-tuc/\(code).md")) != nil {
                printError("tthc new: \(code) là mã của thủ tục content/thu-tuc/\(code).md trong kho chung; thủ tục riêng cần mã khác. Để ghi phần riêng của đơn vị cho thủ tục đó, tạo \(path) chỉ có khối dia_phuong (docs/province.md). Không ghi gì (a code of the pool; nothing written).")
                throw Exit.cannotRun
            }
            let folder = try folders.resolve("\(ProvinceUnit.folder)/\(unit)/thu-tuc")
            let target = folder + "/\(code).md"
            guard try Files.kind(target) == nil else {
                printError("tthc new: \(path) đã có; không ghi đè (already exists, not overwritten).")
                throw Exit.cannotRun
            }
            try writeSkeleton(into: folder, at: target, uncommenting: [UnitProcedureFile.sourceKey])
        } catch {
            throw cannotRun("new", error, .vi)
        }
        printError("Đã tạo \(path). Điền các giá trị \"\" rồi chạy: tthc check --don-vi \(unit)")
    }

    /// The record to fill in, moved into place only if nothing is there: a file made meanwhile is
    /// never overwritten.
    private func writeSkeleton(into folder: String, at target: String, uncommenting keys: Set<String> = []) throws {
        try Files.makeFolder(folder)
        let temporary = try Files.temporary(RecordSkeleton.text(code: code, uncommenting: keys).utf8, beside: target)
        do {
            try Files.moveWithoutReplacing(temporary, to: target)
        } catch {
            try? Files.removeEntry(temporary)
            throw error
        }
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
