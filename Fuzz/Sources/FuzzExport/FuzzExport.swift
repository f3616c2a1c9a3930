import FuzzSupport
import Catalog
import Foundation

/// Any bytes as a national export: reading must end in entries or a clear refusal, and every
/// entry must map to a procedure or to a reason, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let export = try? NationalExport(data: Data(bytes: data, count: size)) else { return 0 }
    for index in 0..<export.count {
        let entry = export.entry(at: index)
        guard let object = entry.data else { continue }
        _ = CatalogMapping.map(object, position: entry.position)
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzExport_main")
public func FuzzExportMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzExport(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

