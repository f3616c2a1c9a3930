import Foundation
import Records
import Site

extension TemporarySite {
    /// The province of `Tests/Fixtures/province/` (three units, six real records in the pool,
    /// two overlays), copied with the theme, then `files` written over it (Hugo-style, as for a site).
    static func province(_ files: String = "", configuration: String? = nil) throws -> TemporarySite {
        let fixture = Repository.fixture("province")
        let tinh = try configuration ?? String(contentsOf: fixture.appendingPathComponent("tinh.yml"), encoding: .utf8)
        let site = try TemporarySite(configuration: tinh, configurationFile: "tinh.yml")
        for folder in ["content", "don-vi"] {
            try? FileManager.default.removeItem(at: site.url(folder))
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(folder), to: site.url(folder))
        }
        // Written over the fixture's files, as `TemporarySite` does.
        let extra = try TemporarySite(files, templates: false)
        defer { extra.remove() }
        for path in FileManager.default.subpaths(atPath: extra.folder.path) ?? [] where path != "site.yml" {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: extra.url(path).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            try site.write(path, try Data(contentsOf: extra.url(path)))
        }
        return site
    }

    /// Every file a province's build writes, by path (nil when it is blocked).
    func provinceFiles(only unit: String? = nil) throws -> [String: Data]? {
        guard let files = try ProvinceBuild(root: folder, only: unit).render().files else { return nil }
        return Dictionary(files.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first })
    }

    func provinceDiagnostics() throws -> [Diagnostic] {
        try ProvinceBuild(root: folder).check()
    }
}
