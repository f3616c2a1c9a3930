import ArgumentParser
import Catalog
import Compliance
import Escaping
import Foundation
import Records
import Site

/// `tthc bao-cao`: the compliance report of a unit (COMPLIANCE.md), and the CI gate on it.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bao-cao",
        abstract: "Báo cáo công khai, minh bạch thủ tục hành chính của đơn vị. (The compliance report.)",
        discussion: """
            Tính từng chỉ số của bảng chỉ số (chi-so.yml của trang, hoặc bảng có sẵn của tthc) từ hồ sơ thủ \
            tục. Với --nguong, thoát mã 1 khi một chỉ số dưới ngưỡng (dùng trong CI). \
            Exit 0 ok, 1 below a threshold (--nguong), 2 cannot run.
            """)

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Định dạng báo cáo: text, json, github.") var format: ReportFormat = .text
    @Option(help: "Tệp xuất của CSDL quốc gia, để biết thủ tục nào trang còn thiếu, chưa cập nhật hay đã bị bãi bỏ.")
    var catalog: String?
    @Option(help: "Ngưỡng: `bang` (ngưỡng của bảng chỉ số) hoặc `ma=ti_le,…`, ví dụ `day_du=0.95,dvctt=80%`; dưới ngưỡng thì thoát mã 1.")
    var nguong: String?
    @Option(help: "Ngày của báo cáo (YYYY-MM-DD). Mặc định: SOURCE_DATE_EPOCH, hoặc ngày đồng bộ gần nhất.")
    var ngay: String?
    @Option(help: "Ghi trang báo cáo (HTML) vào thư mục này, riêng với trang web.") var html: String?
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi
    @Option(name: .customLong("don-vi"), help: "Trong thư mục của tỉnh: chỉ báo cáo đơn vị này.") var unit: String?

    func validate() throws {
        if let unit, !UnitSlug.isValid(unit) {
            throw ValidationError(TerminalText.escape("--don-vi: `\(unit)` không phải tên thư mục đơn vị (a unit's folder name): chữ thường a–z, chữ số, dấu gạch ngang."))
        }
    }

    func run() throws {
        let site = siteOptions.url
        let layout: SiteLayout
        do {
            layout = try SiteLayout.of(site)
            if layout == .site, unit != nil { throw SiteLayout.NotAProvince(folder: site.path) }
        } catch {
            throw cannotRun("bao-cao", error, lang)
        }
        if layout == .province { return try runProvince(site) }
        let configuration = try siteOptions.configuration(language: lang)
        let (sources, table, thresholds) = try readSources(site)
        let catalogue = try catalog.map(readCatalogue)
        let content: SiteContent
        do {
            content = try SiteContent.load(from: site)
        } catch {
            printError("tthc bao-cao: \(error)")
            throw Exit.cannotRun
        }
        let (published, unreadable) = ComplianceInput.procedures(of: content.publishedRecords)
        let input = ComplianceInput(configuration: configuration, procedures: published, unreadable: unreadable,
                                    changeLog: content.changeLog, catalogue: catalogue, history: sources.history, date: ngay,
                                    sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        let report = ComplianceReport.compute(input, table: table, tableFile: sources.tableFile, thresholds: thresholds)

        switch format {
        case .json: print(report.json(lang).json(pretty: true))
        case .text: print(ReportText(report: report, language: lang).text, terminator: "")
        case .github:
            print(ReportAnnotations(report: report, language: lang, site: site).github, terminator: "")
            printError(ReportText(report: report, language: lang).text.trimmingCharacters(in: .newlines))
        }
        if let html {
            try writeHTML(into: html, site: site) { try ReportFolder.files(report, site: site, configuration: configuration) }
        }
        if report.failsGate { throw Exit.problems }
    }

    /// The indicator table, the history and `--nguong` and `--ngay` read and checked: what any
    /// report needs before a record is read.
    func readSources(_ site: URL) throws -> (ComplianceSources, IndicatorTable, ThresholdChoice?) {
        let sources: ComplianceSources
        do {
            sources = try ComplianceSources.load(site: site)
        } catch {
            throw cannotRun("bao-cao", error, lang, .notApplicable)
        }
        guard let table = sources.table, !sources.diagnostics.hasErrors else {
            let history = sources.diagnostics.contains { $0.file == ReportHistory.path }
            printError(DiagnosticReport(diagnostics: sources.diagnostics, language: lang, strict: false, site: site).text
                + (history ? refusal("không lập được báo cáo.", "no report.")
                           : refusal("bảng chỉ số có lỗi, không lập được báo cáo.", "the indicator table has errors; no report.")))
            throw Exit.cannotRun
        }
        let thresholds = try nguong.map { text -> ThresholdChoice in
            do {
                return try ThresholdChoice.parse(text, table: table)
            } catch let error as ThresholdChoice.Invalid {
                printError("tthc bao-cao: " + error.message[lang])
                throw Exit.cannotRun
            } catch {
                printError("tthc bao-cao: \(error)")
                throw Exit.cannotRun
            }
        }
        if let ngay, CalendarDate.dayNumber(ngay) == nil {
            let suggestion = CalendarDate.suggestion(for: ngay).map { lang == .vi ? " Viết `\($0)`." : " Write `\($0)`." } ?? ""
            printError("tthc bao-cao: " + (lang == .vi ? "`--ngay \(ngay)` không phải ngày dạng YYYY-MM-DD.\(suggestion)"
                                                       : "`--ngay \(ngay)` is not a YYYY-MM-DD date.\(suggestion)"))
            throw Exit.cannotRun
        }
        return (sources, table, thresholds)
    }

    /// `--html DIR`: the page and what it needs, into a folder of its own.
    func writeHTML(into html: String, site: URL, files: () throws -> [(path: String, data: Data)]) throws {
        let folder = URL(fileURLWithPath: html).standardizedFileURL
        do {
            try ReportFolder.write(try files(), into: html, site: site)
        } catch {
            throw cannotRun("bao-cao", error, lang)
        }
        printError(lang == .vi ? "Đã ghi trang báo cáo vào \(folder.path)/index.html." : "Wrote the report page to \(folder.path)/index.html.")
    }

    func refusal(_ vi: String, _ en: String) -> String {
        "tthc bao-cao: " + (lang == .vi ? vi : en)
    }

    func readCatalogue(_ path: String) throws -> Catalogue {
        do {
            let export = try NationalExport(contentsOf: URL(fileURLWithPath: path))
            return try Catalogue(export: export, file: path)
        } catch let error as NationalExport.Unreadable {
            printError("tthc bao-cao: \(path): \(error).")
            throw Exit.cannotRun
        } catch {
            printError("tthc bao-cao: " + (lang == .vi ? "không đọc được \(path): \(error.localizedDescription)"
                                                       : "cannot read \(path): \(error.localizedDescription)"))
            throw Exit.cannotRun
        }
    }
}
