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
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(name: "CFileSystem"),
        // Every read and write of the file system, failing with the path and the cause.
        .target(name: "FileSystem", dependencies: ["CFileSystem", .product(name: "SystemPackage", package: "swift-system")]),
        // How a value is written into each output language (HTML, XML, JSON, robots.txt, a terminal).
        .target(name: "Escaping"),
        .target(name: "Records", dependencies: ["Yams", "FileSystem", "Escaping"]),
        .target(name: "Catalog", dependencies: ["Records", "Markdown", "FileSystem", "Escaping"]),
        .target(name: "Search", dependencies: ["Records", "Escaping"]),
        // The first stage: the national catalogue from the portal's API (FoundationNetworking only).
        .target(name: "Fetch", dependencies: ["Records", "Catalog", "Escaping", "FileSystem"]),
        // The compliance report (COMPLIANCE.md): the indicator table is data (chi-so.yml, embedded
        // by scripts/embed-indicators), the counting is Swift.
        .target(name: "Compliance", dependencies: ["Records", "Catalog", "FileSystem"], exclude: ["chi-so.yml"]),
        .target(name: "Site", dependencies: [
            "Records", "Markdown", "Search", "FileSystem", "Escaping", "Compliance",
        ]),
        .target(name: "TTHCCLI", dependencies: [
            "Records", "Catalog", "Site", "Fetch", "FileSystem", "Escaping", "Compliance",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tthc", dependencies: ["TTHCCLI"]),

        .testTarget(name: "TTHCTests", dependencies: ["Markdown", "Records", "Catalog", "Fetch", "Site", "Search", "Compliance", "TTHCCLI", "FileSystem", "Escaping", "Yams"]),
    ]
)
