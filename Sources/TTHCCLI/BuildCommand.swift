import ArgumentParser
import Foundation
import Records
import Site

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Kiểm tra rồi tạo trang web tĩnh. (Validate, then render the site.)")

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Thư mục kết quả (mặc định: public/ trong thư mục trang).") var output: String?
    @Option(name: .customLong("base-url"), help: "Thay base_url của site.yml.") var baseURL: String?
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi
    @Flag(help: "Coi cảnh báo là lỗi.") var strict = false

    func run() throws {
        let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? siteOptions.url.appendingPathComponent("public")
        let outcome: SiteBuild.Outcome
        // The report is written while the pages render: thousands of warnings take a while to quote.
        let reportText = ReportInAdvance()
        do {
            var build = SiteBuild(site: siteOptions.url, baseURL: baseURL)
            let (language, strict, site) = (lang, strict, siteOptions.url)
            build.checked = { diagnostics in
                reportText.start { (diagnostics, DiagnosticReport(diagnostics: diagnostics, language: language, strict: strict, site: site).text) }
            }
            outcome = try build.build(into: outputURL, strict: strict)
        } catch {
            printError("tthc build: \(error)")
            throw Exit.cannotRun
        }
        let report = DiagnosticReport(diagnostics: outcome.diagnostics, language: lang,
                                      strict: strict, site: siteOptions.url)
        // The report written in advance holds what reading found; the bodies' problems came with the pages.
        let text = reportText.result.flatMap { $0.diagnostics == outcome.diagnostics ? $0.text : nil } ?? report.text
        if !outcome.diagnostics.isEmpty { printError(text.trimmingCharacters(in: .newlines)) }
        if report.hasErrors {
            printError(lang == .en ? "Nothing written: \(outputURL.path) is unchanged."
                                    : "Không ghi gì: \(outputURL.path) giữ nguyên như trước.")
            throw Exit.problems
        }
        let t = outcome.timings
        func s(_ seconds: Double) -> String { String(format: "%.1f s", seconds) }
        printError(lang == .en
            ? "Wrote \(outcome.pagesWritten) pages to \(outputURL.path) (reading \(s(t.reading)), pages \(s(t.pages)), search index \(s(t.search)), writing \(s(t.writing)))."
            : "Đã tạo \(outcome.pagesWritten) trang trong \(outputURL.path) (đọc \(s(t.reading)), trang \(s(t.pages)), chỉ mục tìm kiếm \(s(t.search)), ghi \(s(t.writing))).")
    }
}

/// A report begun on a thread of its own, collected once the build is done.
final class ReportInAdvance: @unchecked Sendable {
    private var work: Background<(diagnostics: [Diagnostic], text: String)>?

    func start(_ text: @escaping () -> (diagnostics: [Diagnostic], text: String)) { work = Background(text) }

    var result: (diagnostics: [Diagnostic], text: String)? { work?.result() }
}
