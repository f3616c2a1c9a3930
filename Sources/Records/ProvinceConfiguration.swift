import FileSystem
import Foundation

/// A province's `tinh.yml`: the province whose units one repository publishes (docs/province.md),
/// and, when it selects procedures (`chon`), the province's own publication, a unit like the others.
public struct ProvinceConfiguration: Sendable, Equatable {
    /// The code of the provincial People's Committee in the national data, e.g. `H35`.
    public var code: String
    public var name: String
    /// The province's pages on its portal; each unit is published under it.
    public var baseURL: String
    /// What the province publishes itself (`chon` in `tinh.yml`), as a unit's configuration.
    public var own: SiteConfiguration?
    /// The province's report of every unit is a page of its output (`/bao-cao/`) unless
    /// `bao_cao: {cong_khai: false}`; then only `tthc bao-cao --html DIR` writes it.
    public var publishesReport = true

    public static let fileName = "tinh.yml"
    /// The folder of the province's own publication, beside its units'.
    public static let ownSlug = "tinh"

    public var province: Procedure.Sector { Procedure.Sector(code: code, name: name) }

    /// `base_url` with exactly one trailing slash.
    public var rootURL: String { baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    /// Where a unit is published unless its `site.yml` says otherwise.
    public func defaultBaseURL(slug: String) -> String { rootURL + slug + "/" }

    /// Reads and validates `tinh.yml` like a `site.yml`: problems at their line and column.
    public static func read(bytes: [UInt8], path: String = fileName) -> (ProvinceConfiguration?, [Diagnostic]) {
        let document = ValidatedYAML(bytes: bytes, path: path, shape: Schema.province, unknownKey: Problem.unknownProvinceKey)
        guard !document.hasErrors, let value = document.value,
              let code = value["ma"]?.string, let name = value["ten"]?.string, let baseURL = value["base_url"]?.string else {
            return (nil, document.diagnostics)
        }
        var province = ProvinceConfiguration(code: code, name: name, baseURL: baseURL, own: nil)
        if case .bool(false)? = value["bao_cao"]?["cong_khai"] { province.publishesReport = false }
        if value["chon"] != nil {
            // The keys a unit's site.yml has, with the province's level, name and address filled in.
            var unit = value.removing(["ma", "ten", "base_url"])
            if unit["ten_don_vi"] == nil { unit = unit.setting("ten_don_vi", .string("UBND " + name)) }
            unit = unit.setting("cap", .string("tinh"))
                .setting("tinh", .object([.init("ma", .string(code)), .init("ten", .string(name))]))
                .setting("base_url", .string(province.defaultBaseURL(slug: ownSlug)))
            province.own = try? ValueDecoding.decode(SiteConfiguration.self, from: unit)
        }
        return (province, document.diagnostics)
    }

    /// No `tinh.yml` where the province should be.
    public struct Missing: ExplainedError, Equatable {
        public var path: String

        public var explanation: Localized {
            Localized(vi: "Không tìm thấy \(path): thư mục này không phải kho của một tỉnh (tạo bằng tthc init --tinh DIR).",
                      en: "No tinh.yml at \(path): this folder is not a province's repository (make one with tthc init --tinh DIR).")
        }
    }

    /// Reads the province's `tinh.yml` (`OutsideSite` for a link out of the folder, a `FileError`
    /// with its cause when it cannot be read, `Missing` when there is none).
    public static func load(in folders: SiteFolders) throws -> (ProvinceConfiguration?, [Diagnostic]) {
        guard let bytes = try Files.readIfPresent(try folders.resolve(fileName)) else {
            throw Missing(path: folders.site.path + "/" + fileName)
        }
        return read(bytes: bytes)
    }

    /// Whether `folder` holds a province (`tinh.yml`), without reading it.
    public static func isProvince(_ folder: URL) -> Bool {
        guard let kind = try? Files.kind(folder.path + "/" + fileName) else { return false }
        return kind == .file || kind == .link
    }
}

extension Problem {
    static func unknownProvinceKey(_ key: String, suggestion: String?) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Trường `\(key)` không có trong cấu hình tỉnh (tinh.yml).",
                en: "Unknown key `\(key)` in the province's configuration (tinh.yml).",
                suggestion: didYouMean(suggestion))
    }
}

extension Value {
    /// The object with `key` set to `value` (replaced where it is, else added at the end).
    func setting(_ key: String, _ value: Value) -> Value {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) { members[index].value = value } else { members.append(.init(key, value)) }
        return .object(members)
    }

    /// The object without these keys.
    func removing(_ keys: Set<String>) -> Value {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }
}
