import ArgumentParser
import Catalog
import Foundation
import Records

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Nhập dữ liệu từ tệp xuất của CSDL quốc gia về TTHC. (Import the national catalog export.)")

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Tệp xuất JSON hoặc JSON Lines của CSDL quốc gia.") var catalog: String
    @Option(help: "Định dạng báo cáo: text hoặc json.") var format: ReportFormat = .text
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi

    func run() throws {
        let language = lang
        let site = siteOptions.url
        guard let configurationBytes = FileManager.default.contents(atPath: site.appendingPathComponent(SiteConfiguration.fileName).path) else {
            printError("tthc sync: không tìm thấy site.yml trong \(site.path) (no site.yml; use --site DIR)")
            throw Exit.cannotRun
        }
        let (configuration, problems) = SiteConfiguration.read(bytes: [UInt8](configurationBytes))
        guard let configuration else {
            printError(DiagnosticReport(diagnostics: problems, language: language, strict: false).text)
            throw Exit.cannotRun
        }
        let export: NationalExport
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: catalog))
            export = try NationalExport(data: data)
        } catch let error as NationalExport.Unreadable {
            printError("tthc sync: \(catalog): \(error). Không ghi gì (nothing written).")
            throw Exit.cannotRun
        } catch {
            printError("tthc sync: không đọc được \(catalog) (cannot read the export): \(error.localizedDescription)")
            throw Exit.cannotRun
        }
        let report: ImportReport
        do {
            report = try CatalogImport(site: site, configuration: configuration, now: Self.now()).run(export)
        } catch {
            printError("tthc sync: \(error)")
            throw Exit.cannotRun
        }
        if format == .json {
            print(Self.json(report, language: language).json(pretty: true))
        } else {
            printError(Self.text(report, language: language))
        }
        if !report.succeeded { throw Exit.problems }
    }

    /// The sync's time, from `SOURCE_DATE_EPOCH` when set (reproducible runs), else the clock.
    static func now() -> String {
        let environment = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        return CalendarDate.vietnamDateTime(epochSeconds: environment ?? Int64(Date().timeIntervalSince1970))
    }

    static func text(_ report: ImportReport, language: Language) -> String {
        var lines: [String] = []
        if language == .vi {
            lines.append("Tạo mới: \(report.created.count), cập nhật: \(report.updated.count), không đổi: \(report.unchanged.count), không thuộc phạm vi đơn vị: \(report.notSelected).")
        } else {
            lines.append("Created: \(report.created.count), updated: \(report.updated.count), unchanged: \(report.unchanged.count), not published by this unit: \(report.notSelected).")
        }
        for path in report.created { lines.append("  + \(path)") }
        for path in report.updated { lines.append("  ~ \(path)") }
        for failure in report.failures {
            let code = failure.code ?? "?"
            lines.append(language == .vi
                ? "lỗi: bản ghi thứ \(failure.position) (mã \(code)): \(failure.reason.vi)"
                : "error: record \(failure.position) (code \(code)): \(failure.reason.en)")
        }
        for blocked in report.blocked {
            lines.append(language == .vi
                ? "lỗi: \(blocked.path) đang có lỗi nên không được cập nhật; hãy sửa trước (chạy tthc check):"
                : "error: \(blocked.path) has errors and was left alone; fix it first (run tthc check):")
            lines += blocked.diagnostics.map { "    \($0.line):\($0.column) \($0.message(language))" }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: ImportReport, language: Language) -> Value {
        .object([
            .init("created", .list(report.created.map(Value.string))),
            .init("updated", .list(report.updated.map(Value.string))),
            .init("unchanged", .list(report.unchanged.map(Value.string))),
            .init("not_selected", .integer(report.notSelected)),
            .init("failures", .list(report.failures.map { failure in
                .object([
                    .init("code", failure.code.map(Value.string) ?? .null),
                    .init("position", .integer(failure.position)),
                    .init("message", .string(failure.reason[language])),
                ])
            })),
            .init("blocked", .list(report.blocked.map { Value.string($0.path) })),
        ])
    }
}
