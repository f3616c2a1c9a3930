import FuzzSupport

/// A record file as any bytes at all: reading must end in a record or diagnostics, never a crash,
/// and every diagnostic must point inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = readRecordCheckingPlaces(Array(UnsafeBufferPointer(start: data, count: size)), lineAfterEnd: true)
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzRecord_main")
public func FuzzRecordMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzRecord(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

