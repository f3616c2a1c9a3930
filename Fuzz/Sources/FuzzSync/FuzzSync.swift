import FuzzSupport
import Catalog
import Foundation

/// Any bytes as an export (seeded with real entries carrying hostile values): whatever sync
/// would write for an entry it maps, `tthc check` must accept (`SyncProperty`); an entry it
/// cannot write must come back as a reason, never as a crash or a record check refuses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSync(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let export = try? NationalExport(data: Data(bytes: data, count: size)) else { return 0 }
    // A few entries are enough to reach every path; more only slows the fuzzer down.
    for index in 0..<min(export.count, 4) {
        let entry = export.entry(at: index)
        guard let object = entry.data, case .success(let mapped) = CatalogMapping.map(object, position: entry.position) else { continue }
        if let violation = SyncProperty.violation(of: mapped) {
            fatalError("sync would write \(mapped.procedure.code) so that tthc check refuses it: \(violation)")
        }
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzSync_main")
public func FuzzSyncMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzSync(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
