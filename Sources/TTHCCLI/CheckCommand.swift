import ArgumentParser
import Foundation
import Records
import Site

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra mọi hồ sơ thủ tục và liên kết; không ghi gì. (Validate every record and link.)")

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Định dạng báo cáo: text, json, github.") var format: ReportFormat = .text
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi
    @Flag(help: "Coi cảnh báo về nội dung của đơn vị là lỗi (ghi nhận về dữ liệu quốc gia không tính).") var strict = false
    @Flag(name: .customLong("du-lieu-quoc-gia"),
          help: "Liệt kê từng ghi nhận về dữ liệu quốc gia (thay cho một dòng tóm tắt mỗi loại).")
    var nationalInFull = false
    @Option(name: .customLong("don-vi"), help: "Trong thư mục của tỉnh: chỉ kiểm tra kho chung và đơn vị này.") var unit: String?
    @Flag(help: "Kiểm tra lại mỗi khi một tệp được lưu (cho trình soạn thảo); dừng bằng Ctrl+C.") var watch = false

    func run() throws {
        guard watch else {
            if try checkOnce() { throw Exit.problems }
            return
        }
        // The editor's problem matcher reads one report between these two lines, after every save.
        let watcher = SiteWatch(site: siteOptions.url)
        while true {
            printOutput("tthc: đang kiểm tra…")
            _ = try? checkOnce()
            printOutput("tthc: kiểm tra xong")
            fflush(nil)
            watcher.waitForChange()
        }
    }

    /// Prints the report; true when it has errors.
    private func checkOnce() throws -> Bool {
        let diagnostics: [Diagnostic]
        do {
            let site = siteOptions.url
            switch try SiteLayout.of(site) {
            case .province: diagnostics = try ProvinceBuild(root: site, only: unit).check()
            case .site:
                if unit != nil { throw SiteLayout.NotAProvince(folder: site.path) }
                diagnostics = try SiteBuild(site: site).check()
            }
        } catch {
            throw cannotRun("check", error, lang, .notApplicable)
        }
        var report = DiagnosticReport(diagnostics: diagnostics, language: lang, strict: strict, site: siteOptions.url)
        report.nationalInFull = nationalInFull
        printOutput(report.render(format), terminator: "")
        return report.hasErrors
    }
}
