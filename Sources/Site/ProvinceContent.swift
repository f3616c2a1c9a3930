import FileSystem
import Foundation
import Records

/// A province's repository as a build reads it (docs/province.md): `tinh.yml`, the pool of records
/// in `content/thu-tuc/` read and checked once, and every unit under `don-vi/`.
public struct ProvinceContent: Sendable {
    public var folder: URL
    public var province: ProvinceConfiguration?
    /// The pool: records, change log and their problems, read as a single site's content is.
    public var pool: SiteContent
    /// In slug order; the province's own publication (`tinh`) among them when `tinh.yml` selects procedures.
    public var units: [ProvinceUnit]
    /// Problems of `tinh.yml`, of `don-vi/` itself and between units.
    public var diagnostics: [Diagnostic]

    /// Every diagnostic: the province's, the pool's records', every unit's.
    public var allDiagnostics: [Diagnostic] {
        (diagnostics + pool.allDiagnostics + units.flatMap(\.allDiagnostics)).sortedForReport()
    }

    /// Reads the province at `folder`; with `only`, that unit alone (no other unit is read, so none
    /// of their problems can stop it) and of the pool only the records its `chon` may take (nothing
    /// when its `site.yml` cannot be read: what it takes is unknown). Throws what stops a single
    /// site from being read (`tinh.yml` missing, a folder that cannot be listed), and `UnknownUnit`
    /// for an `only` that is not there. `records: false` reads the configurations alone (sync and
    /// fetch need only the selections).
    public static func load(from folder: URL, only: String? = nil, cache: RecordCache? = nil, records: Bool = true) throws -> ProvinceContent {
        let folders = try SiteFolders(site: folder)
        let (province, provinceDiagnostics) = try ProvinceConfiguration.load(in: folders)
        var content = ProvinceContent(folder: folder, province: province,
                                      pool: SiteContent(folder: folder, configuration: nil, records: [], diagnostics: [], changeLog: ChangeLog(bytes: [])),
                                      units: [], diagnostics: provinceDiagnostics)
        if let province { try content.readUnits(only: only, folders: folders, province: province) }
        if !records {
            // Sync and fetch never read nor write a unit's own procedures: their problems are check's and build's.
            for index in content.units.indices { content.units[index].own = [] }
        }
        let selections = only.map { _ in content.units.compactMap(\.configuration) }
        if records, selections?.isEmpty != true {
            content.pool = try SiteContent.loadRecords(from: folder, folders: folders, cache: cache,
                                                       localPartsFolder: "\(ProvinceUnit.folder)/<tên>/thu-tuc", publishedBy: selections)
            content.checkOwnCodes()
        }
        return content
    }

    /// Every unit under `don-vi/` (or `only`), and the province's own publication.
    private mutating func readUnits(only: String?, folders: SiteFolders, province: ProvinceConfiguration) throws {
        var slugs: [String]
        do {
            slugs = try Files.listIfPresent(try folders.resolve(ProvinceUnit.folder), exactNames: true)?.filter { !$0.hasPrefix(".") }.sorted() ?? []
        } catch let outside as OutsideSite {
            diagnostics.append(outside.diagnostic)
            slugs = []
        }
        if let only {
            guard slugs.contains(only) || (only == ProvinceConfiguration.ownSlug && province.own != nil) else {
                throw UnknownUnit(slug: only, known: slugs)
            }
            slugs = slugs.filter { $0 == only }
        }
        var realFolders: [String: String] = [:]
        for name in slugs {
            let path = "\(ProvinceUnit.folder)/\(name)"
            let real: String
            do {
                real = try folders.resolve(path)
            } catch let outside as OutsideSite {
                diagnostics.append(outside.diagnostic)
                continue
            }
            guard Files.isFolder(real) else {
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: .ignoredFile(Localized(
                    vi: "\(ProvinceUnit.folder)/ chỉ chứa thư mục của các đơn vị (\(ProvinceUnit.folder)/<tên>/site.yml).",
                    en: "\(ProvinceUnit.folder)/ holds only the units' folders (\(ProvinceUnit.folder)/<name>/site.yml)."))))
                continue
            }
            if let problem = UnitSlug.problem(name) {
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: problem))
                continue
            }
            // A link to another unit's folder would publish one unit twice, under two addresses.
            if let other = realFolders[real] {
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, problem: .duplicateUnit(
                    Localized(vi: "Thư mục \(path) là liên kết tới thư mục", en: "The folder \(path) leads to the folder"), other: other)))
                continue
            }
            realFolders[real] = name
            units.append(try ProvinceUnit.read(slug: name, in: folder, folders: folders, province: province))
        }
        if let own = province.own, only == nil || only == ProvinceConfiguration.ownSlug {
            units.append(ProvinceUnit(slug: ProvinceConfiguration.ownSlug, configuration: own))
            units.sort { $0.slug < $1.slug }
        }
        if only == nil { checkAcrossUnits() }
    }

    /// Two units at one address, or a unit at the province's own address (over its list of units).
    mutating func checkAcrossUnits() {
        guard let province else { return }
        var taken: [String: String] = [province.rootURL: "tinh.yml"]
        for index in units.indices {
            guard let configuration = units[index].configuration else { continue }
            let address = configuration.rootURL
            if let other = taken[address] {
                let file = "\(units[index].folder)/\(SiteConfiguration.fileName)"
                units[index].diagnostics.append(Diagnostic(file: file, line: units[index].keyLines["base_url"] ?? 1, column: 1, problem: .duplicateUnit(
                    Localized(vi: "Địa chỉ \(address) của đơn vị", en: "The unit's address \(address)"), other: other)))
                units[index].configuration = nil
                continue
            }
            taken[address] = units[index].slug
        }
    }

    /// `--don-vi SLUG` names no unit of the province.
    public struct UnknownUnit: ExplainedError, Equatable {
        public var slug: String
        public var known: [String]

        public init(slug: String, known: [String]) {
            self.slug = slug
            self.known = known
        }

        public var explanation: Localized {
            let list = known.prefix(5).joined(separator: ", ") + (known.count > 5 ? ", …" : "")
            let suggestion = Suggestion.closest(to: slug, among: known).map { Localized(vi: " Có phải ý bạn là \($0)?", en: " Did you mean \($0)?") }
            return Localized(vi: "Tỉnh không có đơn vị \(slug) (thư mục \(ProvinceUnit.folder)/\(slug)/). Các đơn vị: \(list.isEmpty ? "chưa có" : list).\(suggestion?.vi ?? "")",
                             en: "The province has no unit \(slug) (folder \(ProvinceUnit.folder)/\(slug)/). Units: \(list.isEmpty ? "none yet" : list).\(suggestion?.en ?? "")")
        }
    }
}
