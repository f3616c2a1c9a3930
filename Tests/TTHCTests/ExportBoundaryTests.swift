import Catalog
import Foundation
import Records
import Testing

/// Issue 14, point 4: no value of an export can crash sync or make it write a record that
/// `tthc check` refuses (`ExportValues`, `ExportRepair`, `SyncProperty`).
@Suite struct ExportBoundaryTests {
    /// Every seed of the sync fuzz target, and every input it once failed on, keeps the promise:
    /// readable (no seed is "damaged JSON"), and whatever sync would write passes check.
    @Test func everySyncFuzzSeedKeepsThePromise() throws {
        let folder = Repository.fixture("fuzz/sync")
        let crashes = folder.appendingPathComponent("crashes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0) }
            + ((try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? []).sorted().map { crashes.appendingPathComponent($0) }
        #expect(files.count >= 20)
        for file in files {
            let export = try NationalExport(data: Data(contentsOf: file))
            for entry in export.entries {
                #expect(!entry.malformed, "\(file.lastPathComponent): entry \(entry.position) read as damaged JSON")
                guard let data = entry.data, case .success(let mapped) = CatalogMapping.map(data, position: entry.position) else { continue }
                #expect(SyncProperty.violation(of: mapped) == nil, "\(file.lastPathComponent): \(SyncProperty.violation(of: mapped) ?? "")")
            }
        }
    }
}
