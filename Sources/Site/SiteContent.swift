import FileSystem
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

    /// Reads `site.yml` and every `content/thu-tuc/*.md`, in path order, and runs the checks
    /// that need all records at once. A folder that leads out of the site is reported
    /// (`outside-site`) and not read; a site that cannot be read at all throws an `ExplainedError`
    /// (no `site.yml`, a `FileError` with its path and cause).
    public static func load(from folder: URL, cache: RecordCache? = nil) throws -> SiteContent {
        let folders = try SiteFolders(site: folder)
        let (configuration, configurationDiagnostics) = try SiteConfiguration.load(in: folders)
        var content = try loadRecords(from: folder, folders: folders, cache: cache)
        content.configuration = configuration
        content.diagnostics = configurationDiagnostics + content.diagnostics
        return content
    }

    /// The change log and every `content/thu-tuc/*.md` of a folder laid out like a site (a unit's,
    /// or a province's pool), without its configuration.
    static func loadRecords(from folder: URL, folders: SiteFolders, cache: RecordCache?) throws -> SiteContent {
        var content = SiteContent(folder: folder, configuration: nil, records: [], diagnostics: [], changeLog: ChangeLog(bytes: []))
        do {
            content.changeLog = try ChangeLog.read(in: folders)
            content.diagnostics += content.changeLog.skipped
        } catch let outside as OutsideSite {
            content.diagnostics.append(outside.diagnostic)
        }
        let all: [String]
        do {
            // An absent folder is a site with no records yet; one that cannot be listed is an error,
            // never an empty site that would replace the published one.
            all = (try Files.listIfPresent(try folders.resolve(recordsFolder)) ?? []).sorted()
        } catch let outside as OutsideSite {
            content.diagnostics.append(outside.diagnostic)
            return content
        }
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
