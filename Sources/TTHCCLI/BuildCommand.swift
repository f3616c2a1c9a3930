import ArgumentParser
import FileSystem
import Escaping
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
    @Flag(help: "Coi cảnh báo về nội dung của đơn vị là lỗi (ghi nhận về dữ liệu quốc gia không tính).") var strict = false
    @Flag(help: "Thay cả thư mục kết quả dù nó có tệp không do tthc tạo ra (không bao giờ áp dụng cho thư mục trang, thư mục cha của trang, thư mục nhà).")
    var force = false
    @Option(name: .customLong("don-vi"), help: "Trong thư mục của tỉnh: chỉ tạo trang của đơn vị này (mặc định vào public/<tên đơn vị>/).")
    var unit: String?
    @OptionGroup var lockOptions: LockOptions

    /// A site cannot be published at an address with a query, a fragment, a quote or a line
    /// break: every canonical link, the feed, the sitemap and robots.txt would carry it.
    func validate() throws {
        if let baseURL, let defect = BaseURL.defect(in: baseURL) {
            throw ValidationError(TerminalText.escape(InvalidBaseURL(value: baseURL, defect: defect).message(lang)))
        }
        if let unit, !UnitSlug.isValid(unit) {
            throw ValidationError(TerminalText.escape("--don-vi: `\(unit)` không phải tên thư mục đơn vị (a unit's folder name): chữ thường a–z, chữ số, dấu gạch ngang."))
        }
    }

    func run() throws {
        let site = siteOptions.url
        let outcome: SiteBuild.Outcome
        let outputPath: String
        // The report is written while the pages render: thousands of warnings take a while to quote.
        let reportText = ReportInAdvance()
        do {
            let layout = try SiteLayout.of(site)
            // A tthc site (its site.yml there) is read whole while no other run writes it; the output
            // is checked before anything else is read.
            if layout == .site {
                _ = try SiteConfiguration.bytes(in: try SiteFolders(site: site))
                if unit != nil { throw SiteLayout.NotAProvince(folder: site.path) }
            }
            if layout == .province, baseURL != nil { throw ProvinceOptions.baseURLInTinh }
            let lock = try lockOptions.hold(site, command: "build", language: lang)
            defer { lock.release() }
            let target = try OutputTarget.check(output ?? site.path + "/public" + (unit.map { "/" + $0 } ?? ""), site: site, force: force)
            outputPath = target.folder
            let (language, strict) = (lang, strict)
            let checked: @Sendable ([Diagnostic]) -> Void = { diagnostics in
                reportText.start { (diagnostics, DiagnosticReport(diagnostics: diagnostics, language: language, strict: strict, site: site).text) }
            }
            if layout == .province {
                var build = ProvinceBuild(root: site, only: unit)
                build.checked = checked
                outcome = try build.build(into: target, strict: strict)
            } else {
                var build = SiteBuild(site: site, baseURL: baseURL)
                build.checked = checked
                outcome = try build.build(into: target, strict: strict)
            }
        } catch {
            throw cannotRun("build", error, lang)
        }
        let report = DiagnosticReport(diagnostics: outcome.diagnostics, language: lang,
                                      strict: strict, site: siteOptions.url)
        // The report written in advance holds what reading found; the bodies' problems came with the pages.
        let text = reportText.result.flatMap { $0.diagnostics == outcome.diagnostics ? $0.text : nil } ?? report.text
        if !outcome.diagnostics.isEmpty { printError(text.trimmingCharacters(in: .newlines)) }
        if report.hasErrors {
            printError(lang == .en ? "Nothing written: \(outputPath) is unchanged."
                                    : "Không ghi gì: \(outputPath) giữ nguyên như trước.")
            throw Exit.problems
        }
        for leftover in outcome.leftovers {
            printError(lang == .en ? "Note: the previous output was replaced, but \(leftover.en)"
                                    : "Lưu ý: trang cũ đã được thay, nhưng \(leftover.vi)")
        }
        if let error = outcome.stateNotKept {
            printError(lang == .en ? "Note: this build's state could not be kept beside the output (\(error.en)); the next build will make every page again."
                                    : "Lưu ý: không giữ được trạng thái của lần tạo này bên cạnh thư mục kết quả (\(error.vi)); lần tạo sau sẽ tạo lại mọi trang.")
        }
        let t = outcome.timings
        func s(_ seconds: Double) -> String { String(format: "%.1f s", seconds) }
        if outcome.unchanged {
            printError(lang == .en
                ? "Nothing changed since the last build: \(outputPath) is left as it is (checked in \(s(t.reading + t.writing)))."
                : "Không có gì thay đổi từ lần tạo trước: \(outputPath) giữ nguyên (kiểm tra trong \(s(t.reading + t.writing))).")
            return
        }
        printError(lang == .en
            ? "Wrote \(outcome.pagesWritten) pages to \(outputPath) (reading \(s(t.reading)), pages \(s(t.pages)), search index \(s(t.search)), writing \(s(t.writing)))."
            : "Đã tạo \(outcome.pagesWritten) trang trong \(outputPath) (đọc \(s(t.reading)), trang \(s(t.pages)), chỉ mục tìm kiếm \(s(t.search)), ghi \(s(t.writing))).")
    }
}

/// A report begun on a thread of its own, collected once the build is done.
final class ReportInAdvance: @unchecked Sendable {
    private var work: Background<(diagnostics: [Diagnostic], text: String)>?

    func start(_ text: @escaping () -> (diagnostics: [Diagnostic], text: String)) { work = Background(text) }

    var result: (diagnostics: [Diagnostic], text: String)? { work?.result() }
}
