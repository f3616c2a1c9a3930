// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage (see ../shared/design/DESIGN.md):
// Records → Catalog (sync) and Site (render), Markdown owns cmark-gfm, TTHCCLI is the thin command layer.
// Escaping is how a value is written into each output language (HTML, XML, JSON, robots.txt, a
// terminal): every stage that writes output goes through it.
let package = Package(
    name: "tthc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tthc", targets: ["tthc"]),
        // For the fuzzers (Fuzz/Package.swift), which build the readers with libFuzzer's instrumentation.
        .library(name: "TTHCReaders", targets: ["Records", "Catalog", "Markdown"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        // `tthc serve`'s HTTP server (SwiftNIO's HTTP/1.1 parser, request body limits, graceful stop).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // Only its HummingbirdBcrypt module (bcrypt in C, no other dependency) for the editor's passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // libcurl's easy API for fetch (Fetch/CurlTransport.swift says why not URLSession).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CFileSystem"),
        // glibc's mallopt, for `tthc serve`, which makes a site's worth of values again at every save.
        .target(name: "CAllocator"),
        // XXH3 (Debian's libxxhash-dev): whether a file's bytes changed, at memory speed.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // Every read and write of the file system, failing with the path and the cause.
        .target(name: "FileSystem", dependencies: ["CFileSystem", "CXXHash", .product(name: "SystemPackage", package: "swift-system")]),
        // How a value is written into each output language (HTML, XML, JSON, robots.txt, a terminal).
        .target(name: "Escaping"),
        .target(name: "Records", dependencies: ["Yams", "FileSystem", "Escaping"]),
        .target(name: "Catalog", dependencies: ["Records", "Markdown", "FileSystem", "Escaping"]),
        .target(name: "Search", dependencies: ["Records", "Escaping"]),
        // The first stage: the national catalogue from the portal's API (over libcurl).
        .target(name: "Fetch", dependencies: ["CCurl", "Records", "Catalog", "Escaping", "FileSystem"]),
        // The compliance report (COMPLIANCE.md): the indicator table is data (chi-so.yml, embedded
        // by scripts/embed-indicators), the counting is Swift.
        .target(name: "Compliance", dependencies: ["Records", "Catalog", "FileSystem"], exclude: ["chi-so.yml"]),
        .target(name: "Site", dependencies: [
            "Records", "Catalog", "Markdown", "Search", "FileSystem", "Escaping", "Compliance",
        ]),
        // The browser editor of `tthc serve` (DESIGN.md "Editing in the browser"): forms from the
        // schema, saving, accounts and their rights; requests and responses as plain values, so the
        // HTTP server is only an adapter (TTHCCLI).
        .target(name: "Editor", dependencies: [
            "Records", "Markdown", "Site", "FileSystem", "Escaping",
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        .target(name: "TTHCCLI", dependencies: [
            "CAllocator", "Records", "Catalog", "Site", "Fetch", "FileSystem", "Escaping", "Compliance", "Editor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "tthc", dependencies: ["TTHCCLI"]),

        .testTarget(name: "TTHCTests", dependencies: ["Markdown", "Records", "Catalog", "Fetch", "Site", "Search", "Compliance", "TTHCCLI", "FileSystem", "Escaping", "Yams", "Editor"]),
    ]
)
