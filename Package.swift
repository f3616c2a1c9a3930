// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage (see ../shared/design/DESIGN.md):
// Records → Catalog (sync) and Site (render), Markdown owns cmark-gfm, TTHCCLI is the thin command layer.
// Escaping is how a value is written into each output language (HTML, XML, JSON, robots.txt, a
// terminal): every stage that writes output goes through it.
let package = Package(
    name: "tthc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tthc", targets: ["tthc"]),
        // For the fuzzers (Fuzz/Package.swift), which build the readers with libFuzzer's instrumentation.
        .library(name: "TTHCReaders", targets: ["Records", "Catalog", "Markdown"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(name: "CSystem"),
        .target(name: "Escaping"),
        .target(name: "Records", dependencies: ["Yams", "Escaping"]),
        .target(name: "Catalog", dependencies: ["Records", "Markdown", "Escaping"]),
        .target(name: "Search", dependencies: ["Records", "Escaping"]),
        .target(name: "Site", dependencies: [
            "Records", "Markdown", "Search", "CSystem", "Escaping",
        ]),
        .target(name: "TTHCCLI", dependencies: [
            "Records", "Catalog", "Site", "Escaping",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tthc", dependencies: ["TTHCCLI"]),

        .testTarget(name: "TTHCTests", dependencies: ["Markdown", "Records", "Catalog", "Site", "Search", "TTHCCLI", "Escaping", "Yams"]),
    ]
)
