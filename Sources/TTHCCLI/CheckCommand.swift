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
    @Flag(help: "Coi cảnh báo là lỗi.") var strict = false

    func run() throws {
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try SiteBuild(site: siteOptions.url).check()
        } catch {
            printError("tthc check: \(error)")
            throw Exit.cannotRun
        }
        let report = DiagnosticReport(diagnostics: diagnostics, language: lang, strict: strict, site: siteOptions.url)
        print(report.render(format), terminator: "")
        if report.hasErrors { throw Exit.problems }
    }
}
