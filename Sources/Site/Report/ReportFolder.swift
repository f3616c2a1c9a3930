import Compliance
import Foundation
import Records

/// `tthc bao-cao --html DIR`: the report page in a folder of its own (for a report that is not
/// public, or to hand round), with its styles and its JSON. The folder is replaced whole, and
/// only when it is new, empty, or one this command wrote before: never a folder of other files.
public enum ReportFolder {
    /// Marks a folder this command wrote.
    static let marker = ".tthc-bao-cao"

    public enum Refusal: Error, Equatable {
        case notAFolder(String)
        case notOurs(String, entries: Int)

        public func message(_ language: Language) -> String {
            switch self {
            case .notAFolder(let path):
                return language == .vi ? "\(path) là một tệp, không phải thư mục: không ghi gì."
                                       : "\(path) is a file, not a folder: nothing written."
            case .notOurs(let path, let entries):
                return language == .vi
                    ? "\(path) đã có \(entries) mục không do `tthc bao-cao --html` tạo ra: không ghi đè, không ghi gì. Chọn một thư mục mới hoặc thư mục trống."
                    : "\(path) holds \(entries) entries `tthc bao-cao --html` did not write: nothing overwritten, nothing written. Choose a new or empty folder."
            }
        }
    }

    /// The folder's files: `index.html`, `bao-cao.json`, the theme's `assets/`.
    public static func files(_ report: ComplianceReport, site: URL, configuration: SiteConfiguration) throws -> [(path: String, data: Data)] {
        let templates = try Templates(folder: site.appendingPathComponent("templates"))
        let plan = SitePlan(configuration: configuration, records: [], changeLog: ChangeLog(site: site))
        var page = ReportPage.page(report, procedures: configuration.rootURL)
        page.standalone = true
        let html = SiteOutput(plan: plan, templates: templates).render(page)
        let assets = try SiteBuild(site: site).assets()
        return [("index.html", html), ("bao-cao.json", ReportPage.json(report)), (marker, Data())] + assets
    }

    /// Checks `folder` may be replaced, then writes the files beside it and swaps them in.
    public static func write(_ files: [(path: String, data: Data)], into folder: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Refusal.notAFolder(folder.path) }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty, !entries.contains(marker) { throw Refusal.notOurs(folder.path, entries: entries.count) }
        }
        let staging = try OutputFolder.staging(for: folder)
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
            try OutputFolder.swap(staging, into: folder)
        } catch {
            OutputFolder.removeTree(staging)
            throw error
        }
    }
}
