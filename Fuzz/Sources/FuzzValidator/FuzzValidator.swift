import FuzzSupport
import Records

/// Any YAML as a record's front matter, with a body that is always valid: the fuzzer spends its
/// time on the parser and the schema, which must end in a procedure or diagnostics inside the YAML,
/// and on the block scanner, which must read what it accepts as libyaml does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidator(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let yaml = Array(UnsafeBufferPointer(start: data, count: size))
    // tthc's own block form is read without libyaml: whatever the scanner reads, libyaml must read alike.
    if let text = String(validating: yaml, as: UTF8.self), !YAMLReaders.scannerAgreesWithLibyaml(text) {
        fatalError("the block scanner and libyaml read this YAML differently")
    }
    let bytes = Array("---\n".utf8) + yaml + Array("\n---\n\n## Trình tự thực hiện\n\nBước 1.\n".utf8)
    let record = readRecordCheckingPlaces(bytes, lineAfterEnd: false)
    if record.procedure != nil, record.diagnostics.contains(where: { $0.severity == .error }) {
        fatalError("a procedure was made from a record with errors")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: it hands over to libFuzzer's driver.
@_cdecl("FuzzValidator_main")
public func FuzzValidatorMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return runFuzzer(&argc, &argv) { data, size in fuzzValidator(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

