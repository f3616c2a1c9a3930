import Records

/// What the fuzz targets share: libFuzzer's driver, and the check that a record's diagnostics
/// point inside its file.

/// Runs libFuzzer's loop (corpus, mutation, `-max_total_time`…) with `test` as the target.
public func runFuzzer(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                      _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    LLVMFuzzerRunDriver(argc, argv, test)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Reads `bytes` as a record file and stops the fuzzer when a diagnostic points outside it (on
/// the line after the last, with `lineAfterEnd`: where an unclosed front matter is reported).
public func readRecordCheckingPlaces(_ bytes: [UInt8], lineAfterEnd: Bool) -> Record {
    let record = Record.read(bytes: bytes, path: "content/thu-tuc/1.000001.md")
    let lines = lineCount(bytes) + (lineAfterEnd ? 1 : 0)
    for diagnostic in record.diagnostics where diagnostic.line < 1 || diagnostic.line > lines || diagnostic.column < 1 {
        fatalError("\(diagnostic.problem.code) at \(diagnostic.line):\(diagnostic.column), outside a file of \(lines) lines")
    }
    return record
}

/// Lines as an editor counts them: LF, CRLF and a lone CR each end one.
func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for (index, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
        lines += 1
    }
    return lines
}
