import Compliance
import FileSystem
import Foundation
import Records

/// The reports kept at each sync (`content/.dong-bo/bao-cao.jsonl`, committed with the content):
/// after a sync that changed the site, its report as it stands is appended, so the page can draw
/// the trend. Keeping it never fails a sync: what went wrong is said, and the sync stands.
public enum ReportKeeping {
    /// Appends the site's report at `date` (the sync's time); the reason when nothing was appended.
    public static func append(site: URL, at date: String) -> Localized? {
        guard let content = try? SiteContent.load(from: site), let configuration = content.configuration else {
            return Localized(vi: "không đọc được site.yml", en: "site.yml cannot be read")
        }
        let sources: ComplianceSources
        do {
            sources = try ComplianceSources.load(site: site)
        } catch {
            let cause = Localized.of(error)
            return Localized(vi: "không ghi được \(ReportHistory.path): \(cause.vi)", en: "cannot write \(ReportHistory.path): \(cause.en)")
        }
        // A history linked out of the site is neither read nor written: said as such, not as a table with errors.
        if let history = sources.diagnostics.first(where: { $0.file == ReportHistory.path }) {
            return Localized(vi: "không ghi được \(ReportHistory.path): \(history.message(.vi))",
                             en: "cannot write \(ReportHistory.path): \(history.message(.en))")
        }
        guard let report = ReportPage.report(configuration: configuration, records: content.publishedRecords, changeLog: content.changeLog,
                                             sources: sources, sourceDateEpoch: nil),
              !sources.diagnostics.hasErrors else {
            return Localized(vi: "bảng chỉ số \(IndicatorTable.fileName) có lỗi (tthc check)",
                             en: "the indicator table \(IndicatorTable.fileName) has errors (tthc check)")
        }
        do {
            let folders = try SiteFolders(site: site)
            let path = try folders.resolve(ReportHistory.path)
            let existing = try Files.readIfPresent(path, followingLinks: false).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try Files.replace(ReportHistory.appending(ReportHistory.Line(date: date, report: report), to: existing).utf8, at: path)
            return nil
        } catch {
            let cause = Localized.of(error)
            return Localized(vi: "không ghi được \(ReportHistory.path): \(cause.vi)", en: "cannot write \(ReportHistory.path): \(cause.en)")
        }
    }
}
