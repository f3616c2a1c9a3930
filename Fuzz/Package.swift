// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for tthc's readers. Built only by `make fuzz`, with `-sanitize=fuzzer`:
// each target defines `LLVMFuzzerTestOneInput` and libFuzzer supplies `main`.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])]

let package = Package(
    name: "tthc-fuzz",
    dependencies: [.package(name: "tthc", path: "..")],
    targets: [.target(name: "FuzzSupport", dependencies: [.product(name: "TTHCReaders", package: "tthc")], swiftSettings: fuzzer)]
        + ["FuzzRecord", "FuzzValidator", "FuzzExport", "FuzzMarkdown", "FuzzSync"].map { name in
            .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "TTHCReaders", package: "tthc")],
                              swiftSettings: fuzzer, linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])])
        }
)
