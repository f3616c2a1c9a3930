import FileSystem
import Foundation
import Records

/// One unit of a province (`don-vi/<slug>/`): its configuration, its own parts of procedures, and
/// what is wrong with its folder. The province's own publication (`chon` of `tinh.yml`) is a unit
/// too, under the slug `tinh`, with no folder and no overlays.
public struct ProvinceUnit: Sendable {
    public var slug: String
    /// Nil when `site.yml` is missing or has errors (the unit is reported and not planned).
    public var configuration: SiteConfiguration?
    /// Overlays by the code they apply to (files whose name is not a code are reported, not kept).
    public var overlays: [String: Overlay] = [:]
    /// The unit's own procedures (`nguon.he_thong: dia_phuong` in `thu-tuc/<code>.md`), in path
    /// order: whole records published by this unit only, as a single site's local records are.
    public var own: [Record] = []
    public var diagnostics: [Diagnostic] = []
    /// The line of each top-level key of its `site.yml`, from the configuration's parse: where a
    /// warning about its selection (`chon`) or its address (`base_url`) points.
    public var keyLines: [String: Int] = [:]

    public static let folder = OwnPlaces.units
    public var folder: String { "\(Self.folder)/\(slug)" }

    /// Every diagnostic of the unit's folder, its overlays' and own records' included.
    public var allDiagnostics: [Diagnostic] {
        diagnostics + overlays.keys.sorted().flatMap { overlays[$0]?.diagnostics ?? [] } + own.flatMap(\.reportedDiagnostics)
    }

    /// Reads `don-vi/<slug>/`: `site.yml`, then `thu-tuc/*.md`; anything else there is said to be
    /// ignored (a clerk who put a record in `content/` or named a file `.MD` learns why it shows nowhere).
    static func read(slug: String, in root: URL, folders: SiteFolders, province: ProvinceConfiguration) throws -> ProvinceUnit {
        var unit = ProvinceUnit(slug: slug)
        let folder = unit.folder
        func report(_ path: String, _ problem: Problem, line: Int = 1, column: Int = 1) {
            unit.diagnostics.append(Diagnostic(file: path, line: line, column: column, problem: problem))
        }
        let configurationPath = "\(folder)/\(SiteConfiguration.fileName)"
        do {
            if let bytes = try Files.readIfPresent(try folders.resolve(configurationPath)) {
                let (configuration, problems) = SiteConfiguration.readUnit(bytes: bytes, path: configurationPath, slug: slug, province: province,
                                                                               keyLines: &unit.keyLines)
                unit.configuration = configuration
                unit.diagnostics += problems
            } else {
                report(folder, .unitWithoutSite(folder))
            }
        } catch let outside as OutsideSite {
            unit.diagnostics.append(outside.diagnostic)
        }
        let names = (try Files.listIfPresent(try folders.resolve(folder), exactNames: true) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && name != SiteConfiguration.fileName && name != Overlay.folder {
            report("\(folder)/\(name)", .ignoredFile(Self.hint(for: name, in: folder)))
        }
        let overlaysFolder = "\(folder)/\(Overlay.folder)"
        let files: [String]
        do {
            files = (try Files.listIfPresent(try folders.resolve(overlaysFolder), exactNames: true) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        } catch let outside as OutsideSite {
            unit.diagnostics.append(outside.diagnostic)
            return unit
        } catch let error as FileError where error.errno == .notDirectory {
            report(overlaysFolder, .overlaysNotAFolder(overlaysFolder))
            return unit
        }
        guard files.count <= Record.maximumRecords else {
            report(overlaysFolder, .tooManyRecords(count: files.count, limit: Record.maximumRecords))
            return unit
        }
        for name in files where !name.hasSuffix(".md") {
            report("\(overlaysFolder)/\(name)", .ignoredFile(Self.overlayHint(for: name)))
        }
        let read = Parallel.map(files.count) { index -> UnitProcedureFile? in
            let name = files[index]
            guard name.hasSuffix(".md") else { return nil }
            let path = "\(overlaysFolder)/\(name)"
            switch RecordFile.read(path, in: root) {
            case .bytes(let bytes): return UnitProcedureFile.read(bytes: bytes, path: path)
            case .refused(let problem):
                return .overlay(Overlay.refused(path: path, problem))
            }
        }
        for case let file? in read {
            switch file {
            case .overlay(let overlay):
                if let code = overlay.code { unit.overlays[code] = overlay } else { unit.diagnostics += overlay.diagnostics }
            case .own(var record):
                record.dropWhatTheSiteDoesNotUse()
                unit.own.append(record)
            }
        }
        return unit
    }

    /// What a name beside `site.yml` probably meant.
    static func hint(for name: String, in folder: String) -> Localized {
        switch name {
        case "content":
            return Localized(vi: "thủ tục chung của tỉnh nằm ở content/thu-tuc/ của thư mục tỉnh (do tthc sync ghi); phần riêng của đơn vị ghi vào \(folder)/thu-tuc/<mã>.md.",
                             en: "the province's procedures are in content/thu-tuc/ at the province's folder (written by tthc sync); the unit's own parts go in \(folder)/thu-tuc/<code>.md.")
        case "templates":
            return Localized(vi: "mẫu trang dùng chung cho cả tỉnh là templates/ của thư mục tỉnh.",
                             en: "the theme is shared by the whole province: templates/ at the province's folder.")
        case "public":
            return Localized(vi: "tthc build ở thư mục tỉnh ghi trang của mọi đơn vị vào public/<tên đơn vị>/ của thư mục tỉnh.",
                             en: "tthc build at the province's folder writes every unit into public/<slug>/ there.")
        default:
            return Localized(vi: "thư mục đơn vị chỉ có site.yml và thu-tuc/<mã>.md.", en: "a unit's folder holds only site.yml and thu-tuc/<code>.md.")
        }
    }

    /// What a file in `thu-tuc/` that tthc does not read should be named.
    static func overlayHint(for name: String) -> Localized {
        let lowered = name.lowercased()
        for ending in [".md.txt", ".markdown", ".md", ".txt"] where lowered.hasSuffix(ending) {
            let stem = String(name.dropLast(ending.count))
            return Localized(vi: "chỉ tệp đuôi .md được đọc; đổi tên thành \(stem).md.", en: "only files ending in .md are read; rename it \(stem).md.")
        }
        return Localized(vi: "chỉ tệp <mã thủ tục>.md được đọc, ví dụ 1.001193.md.", en: "only <code>.md files are read, for example 1.001193.md.")
    }
}
