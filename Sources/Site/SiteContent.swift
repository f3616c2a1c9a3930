import Foundation
import Records

/// Everything a build reads: the configuration and every record, with every problem found.
public struct SiteContent: Sendable {
    public var folder: URL
    public var configuration: SiteConfiguration?
    public var records: [Record]
    public var diagnostics: [Diagnostic]
    /// What syncs changed, for "recently changed".
    public var changeLog: ChangeLog

    /// Where records live, relative to the site.
    public static let recordsFolder = "content/thu-tuc"

    public enum CannotRun: Error, CustomStringConvertible {
        case noConfiguration(String)

        public var description: String {
            switch self {
            case .noConfiguration(let path):
                return "Không tìm thấy tệp cấu hình \(path): thư mục này chưa phải một trang tthc (dùng --site DIR). / No site.yml here."
            }
        }
    }

    /// Reads `site.yml` and every `content/thu-tuc/*.md`, in path order, and runs the checks
    /// that need all records at once.
    public static func load(from folder: URL, cache: RecordCache? = nil) throws -> SiteContent {
        let configurationURL = folder.appendingPathComponent(SiteConfiguration.fileName)
        guard let configurationBytes = FileManager.default.contents(atPath: configurationURL.path) else {
            throw CannotRun.noConfiguration(configurationURL.path)
        }
        let (configuration, configurationDiagnostics) = SiteConfiguration.read(bytes: [UInt8](configurationBytes))
        var content = SiteContent(folder: folder, configuration: configuration, records: [],
                                  diagnostics: configurationDiagnostics, changeLog: ChangeLog(site: folder))
        let recordsURL = folder.appendingPathComponent(recordsFolder)
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: recordsURL.path)) ?? []).sorted()
        let names = all.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
        // Named like a record but not read: said, or a procedure would silently not be published.
        for name in all where !name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = "\(recordsFolder)/\(name)"
            guard let rename = IgnoredFile.rename(name, header: { IgnoredFile.header(path, in: folder) }) else { continue }
            content.diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: .ignoredFile(name, rename: rename)))
        }
        guard names.count <= Record.maximumRecords else {
            // Refused before reading any: the limit exists so that time and memory stay bounded.
            content.diagnostics.append(Diagnostic(file: recordsFolder, line: 1, column: 1,
                                                  problem: .tooManyRecords(count: names.count, limit: Record.maximumRecords)))
            return content
        }
        // Records are independent: read on all cores, kept in path order.
        content.records = Parallel.map(names.count) { index in
            let path = "\(recordsFolder)/\(names[index])"
            var record: Record
            switch RecordFile.read(path, in: folder) {
            case .bytes(let bytes): record = cache?.record(path: path, bytes: bytes) ?? Record.read(bytes: bytes, path: path)
            case .refused(let problem): record = .refused(path: path, problem)
            }
            record.dropWhatTheSiteDoesNotUse()
            return record
        }
        content.checkAcrossRecords()
        return content
    }

    /// Every diagnostic, records' included, in report order.
    public var allDiagnostics: [Diagnostic] {
        (diagnostics + records.flatMap(\.diagnostics)).sortedForReport()
    }

    /// Duplicate codes across files, and related or replacing codes that are not published here.
    mutating func checkAcrossRecords() {
        var firstFile: [String: String] = [:]
        for index in records.indices {
            guard let code = records[index].code else { continue }
            if let other = firstFile[code] {
                let position = records[index].codePosition
                records[index].diagnostics.append(Diagnostic(
                    file: records[index].path, line: position.line, column: position.column,
                    problem: .duplicateCode(code, otherFile: other)))
                records[index].procedure = nil
            } else {
                firstFile[code] = records[index].path
            }
        }
        let codes = Set(firstFile.keys)
        for index in records.indices {
            for reference in records[index].references where !codes.contains(reference.code) {
                records[index].diagnostics.append(Diagnostic(
                    file: records[index].path, line: reference.line, column: reference.column,
                    problem: .unpublishedRelated(reference.code)))
            }
        }
    }
}

extension Record {
    /// A build holds every record at once: the typed procedure is kept, not the front matter's
    /// node tree beside it, nor the texts only sync's merge needs (the body as written, each
    /// section's raw lines). On 10,000 procedures that is a few hundred megabytes.
    mutating func dropWhatTheSiteDoesNotUse() {
        if procedure != nil { frontMatter = nil }
        body.source = ""
        for index in body.sections.indices { body.sections[index].raw = "" }
    }
}
