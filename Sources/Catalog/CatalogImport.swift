import Foundation
import Records

/// What importing an export into a site did, or would do, to each file.
public struct ImportReport: Sendable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    /// Catalog entries the unit does not publish (other levels, other provinces, internal).
    public var notSelected = 0
    /// Entries that could not be mapped, each with its code and position.
    public var failures: [MappingFailure] = []
    /// Existing files left alone because they cannot be read safely (they have errors to fix first).
    public var blocked: [(path: String, diagnostics: [Diagnostic])] = []

    public var succeeded: Bool { failures.isEmpty && blocked.isEmpty }
}

/// Imports the national catalog into `content/thu-tuc/`: one canonical record per selected
/// procedure. The unit's own parts of an existing record (`dia_phuong`, its own sections) are
/// kept; the three-way merge with local edits of national parts is the next step (issue 3).
public struct CatalogImport {
    public var site: URL
    public var configuration: SiteConfiguration
    /// The time this sync stamps on records whose national part changed (`nguon.dong_bo_luc`).
    public var now: String

    public init(site: URL, configuration: SiteConfiguration, now: String) {
        self.site = site
        self.configuration = configuration
        self.now = now
    }

    public var contentFolder: URL { site.appendingPathComponent("content/thu-tuc") }

    public func run(_ export: NationalExport) throws -> ImportReport {
        var report = ImportReport()
        var seen: Set<String> = []
        var writes: [(URL, String, Bool)] = []
        for entry in export.entries {
            guard let data = entry.data else {
                report.failures.append(MappingFailure(code: nil, position: entry.position,
                                                      reason: Localized(vi: entry.problem ?? "", en: entry.problem ?? "")))
                continue
            }
            let mapped: MappedProcedure
            switch CatalogMapping.map(data, position: entry.position) {
            case .failure(let failure): report.failures.append(failure); continue
            case .success(let value): mapped = value
            }
            guard configuration.publishes(mapped.procedure) else { report.notSelected += 1; continue }
            let code = mapped.procedure.code
            guard seen.insert(code).inserted else {
                report.failures.append(MappingFailure(code: code, position: entry.position, reason: Localized(
                    vi: "mã thủ tục xuất hiện hai lần trong tệp xuất; giữ bản đầu tiên",
                    en: "the code appears twice in the export; the first is kept")))
                continue
            }
            let path = "content/thu-tuc/\(code).md"
            let url = site.appendingPathComponent(path)
            switch plannedText(for: mapped, at: url, path: path) {
            case .blocked(let diagnostics): report.blocked.append((path, diagnostics))
            case .unchanged: report.unchanged.append(path)
            case .write(let text, let isNew):
                writes.append((url, text, isNew))
                if isNew { report.created.append(path) } else { report.updated.append(path) }
            }
        }
        for (url, text, _) in writes { try AtomicFile.write(text, to: url) }
        return report
    }

    enum Plan { case blocked([Diagnostic]), unchanged, write(String, isNew: Bool) }

    private func plannedText(for mapped: MappedProcedure, at url: URL, path: String) -> Plan {
        var procedure = mapped.procedure
        guard let data = FileManager.default.contents(atPath: url.path) else {
            procedure.source?.synchronizedAt = now
            return .write(RecordWriter.text(of: procedure, body: mapped.sections), isNew: true)
        }
        let existing = Record.read(bytes: [UInt8](data), path: path)
        guard let old = existing.procedure else { return .blocked(existing.diagnostics.filter { $0.severity == .error }) }
        procedure.local = old.local
        let localSections = existing.body.sections.filter { !$0.isNational }
        let oldNational = existing.body.sections.filter(\.isNational).map { ($0.title, $0.markdown) }
        let newNational = mapped.sections.map { ($0.title, $0.markdown) }
        procedure.source?.synchronizedAt = old.source?.synchronizedAt
        let nationalUnchanged = procedure == old && oldNational.elementsEqual(newNational, by: ==)
        if !nationalUnchanged { procedure.source?.synchronizedAt = now }
        let text = RecordWriter.text(of: procedure, body: mapped.sections + localSections)
        if text.utf8.elementsEqual(data) { return .unchanged }
        return .write(text, isNew: false)
    }
}
