/// What the fuzz targets share: libFuzzer's driver, and lines counted as an editor counts them.

/// Runs libFuzzer's loop (corpus, mutation, `-max_total_time`…) with `test` as the target.
public func runFuzzer(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                      _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    LLVMFuzzerRunDriver(argc, argv, test)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Lines as an editor counts them: LF, CRLF and a lone CR each end one.
public func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for (index, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
        lines += 1
    }
    return lines
}
