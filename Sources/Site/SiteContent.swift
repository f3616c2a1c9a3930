import Catalog
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
    /// Codes of the record files not read because no unit asked for them (`loadRecords(publishedBy:)`).
    public var unreadCodes: Set<String> = []

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
    /// `localPartsFolder`: where the units write their own parts of these records (a province's pool).
    /// `units`: read only the records one of these units may publish (a province's unit built
    /// alone); of the other files only the lines that decide the selection are looked at
    /// (`SelectionFacts`), so that a broken record no such unit takes neither stops nor slows it.
    static func loadRecords(from folder: URL, folders: SiteFolders, cache: RecordCache?, localPartsFolder: String? = nil,
                            publishedBy units: [SiteConfiguration]? = nil) throws -> SiteContent {
        var content = SiteContent(folder: folder, configuration: nil, records: [], diagnostics: [], changeLog: ChangeLog(bytes: []))
        // Taken first, so that it is this read's whatever happens. A unit's pool (a province) is
        // read otherwise: only a single site's files are vouched for.
        let vouched = units == nil && localPartsFolder == nil ? cache?.takeVouched() ?? [] : []
        do {
            let bytes = try ChangeLog.bytes(in: folders)
            content.changeLog = cache?.changeLog(bytes: bytes) ?? ChangeLog(bytes: bytes)
            content.diagnostics += content.changeLog.skipped
        } catch let outside as OutsideSite {
            content.diagnostics.append(outside.diagnostic)
        }
        let all: [String]
        do {
            // An absent folder is a site with no records yet; one that cannot be listed is an error,
            // never an empty site that would replace the published one.
            all = (try Files.listIfPresent(try folders.resolve(recordsFolder), exactNames: true) ?? []).sorted()
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
        let asSynced = AsSynced(site: folder)
        let record: @Sendable (String, [UInt8]) -> Record = { path, bytes in
            let cached = cache?.record(path: path, bytes: bytes)
            var record = cached?.record ?? Record.read(bytes: bytes, path: path)
            // Asked only where the answer decides something: a warning that may be the national
            // record's, or a related code that may not be published (known once all are read).
            if record.mayHaveNationalFindings || (record.isImported && !record.references.isEmpty) {
                record.nationalPartAsSynced = asSynced.holds(record, bytes: bytes, fingerprint: cache.flatMap { cache in
                    cached.map { cached in { cache.syncFingerprint(path: path, bytes: bytes, hash: cached.hash) } }
                })
            }
            record.dropWhatTheSiteDoesNotUse()
            record.localPartsFolder = localPartsFolder
            if let cached, localPartsFolder == nil { cache?.keep(built: record, path: path, hash: cached.hash) }
            return record
        }
        // Records are independent: read on all cores, kept in path order.
        var files = Parallel.map(names.count) { index -> PoolFile in
            let path = "\(recordsFolder)/\(names[index])"
            if vouched.contains(path), let built = cache?.builtRecord(path: path) { return .read(built) }
            switch RecordFile.read(path, in: folder) {
            case .bytes(let bytes):
                if let units {
                    let facts = SelectionFacts(bytes: bytes)
                    if let procedure = facts.procedure, units.allSatisfy({ $0.exclusion(of: procedure) != nil }) {
                        return .notTaken(path: path, bytes: bytes, code: procedure.code)
                    }
                }
                return .read(record(path, bytes))
            case .refused(let problem):
                var record = Record.refused(path: path, problem)
                record.dropWhatTheSiteDoesNotUse()
                record.localPartsFolder = localPartsFolder
                return .read(record)
            }
        }
        // A code written in two files is an error at the second, which may be one the units take:
        // both are read, as the whole build reads them.
        var filesWithCode: [String: Int] = [:]
        for code in files.compactMap(\.code) { filesWithCode[code, default: 0] += 1 }
        for index in files.indices {
            if case .notTaken(let path, let bytes, let code) = files[index], filesWithCode[code, default: 0] > 1 {
                files[index] = .read(record(path, bytes))
            }
        }
        content.unreadCodes = Set(files.compactMap { $0.record == nil ? $0.code : nil })
        // Moved out, not copied: a record is a large value, and a copy retains each of its texts.
        content.records.reserveCapacity(files.count)
        for index in files.indices {
            var file = PoolFile.notTaken(path: "", bytes: [], code: "")
            swap(&file, &files[index])
            if case .read(let record) = consume file { content.records.append(record) }
        }
        content.checkAcrossRecords()
        for index in content.records.indices {
            if let asSynced = content.records[index].nationalPartAsSynced {
                content.records[index].classifyFindings(nationalPartAsSynced: asSynced)
            }
        }
        return content
    }

    /// Every diagnostic `tthc check` reports, records' included, in report order: not those the
    /// unit has answered in `dia_phuong` (`Record.reportedDiagnostics`).
    public var allDiagnostics: [Diagnostic] {
        (diagnostics + records.flatMap { $0.reportedDiagnostics }).sortedForReport()
    }

    /// Duplicate codes across files, and related or replacing codes that are not published here
    /// (the files not read count as published: they are, by the units that take them).
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
        let codes = Set(firstFile.keys).union(unreadCodes)
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

/// A record file of the pool as first looked at: read, or left unread (no unit asked for it).
private enum PoolFile {
    case read(Record)
    case notTaken(path: String, bytes: [UInt8], code: String)

    var record: Record? {
        if case .read(let record) = self { return record }
        return nil
    }

    var code: String? {
        switch self {
        case .read(let record): return record.code
        case .notTaken(_, _, let code): return code
        }
    }
}
