// swift-tools-version: 6.1
import PackageDescription

/// Swift 6 upcoming features every Swift target adopts: explicit `any`, imports that say who sees
/// them (`public import` only where a public declaration needs the module), and members visible
/// only from modules a file imports.
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "NearDup",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NearDup", targets: ["NearDup"]),
        .library(name: "NearDupIndex", targets: ["NearDupIndex"]),
        .library(name: "NearDupFeeds", targets: ["NearDupFeeds"]),
        .library(name: "NearDupFormats", targets: ["NearDupFormats"]),
        .library(name: "NearDupSynthetic", targets: ["NearDupSynthetic"]),
        .executable(name: "neardup", targets: ["neardup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // The compression libraries that compressed feeds are read, and `.gz`/`.zst` outputs
        // written, through: zlib (gzip), zstd, liblzma (xz) and libbz2 (bzip2, which has no
        // pkg-config file).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CBZip2", providers: [.apt(["libbz2-dev"])]),
        .target(name: "CNearDupKernels"),
        .target(
            name: "NearDup",
            dependencies: ["CXXHash", "CNearDupKernels"]
        ),
        .target(
            name: "NearDupIndex",
            dependencies: ["NearDup", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Reading feeds (JSON Lines, text folders) into documents, and writing documents back.
        .target(
            name: "NearDupFeeds",
            dependencies: ["NearDup", "CNearDupKernels", "CZlib", "CZstd", "CLZMA", "CBZip2"]
        ),
        // Every output format: scan reports, dedup and reject records, band keys, comparisons,
        // index answers. A leaf: only the CLI depends on it.
        .target(
            name: "NearDupFormats",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupIndex"]
        ),
        // The seeded synthetic news generator for `neardup generate`, tests, benchmarks and fuzzers.
        .target(
            name: "NearDupSynthetic",
            dependencies: ["NearDup", "NearDupFeeds"]
        ),
        .target(
            name: "NearDupCLI",
            dependencies: [
                "NearDup",
                "NearDupFeeds",
                "NearDupFormats",
                "NearDupIndex",
                "NearDupSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "neardup",
            dependencies: ["NearDupCLI"]
        ),
        .target(
            name: "NearDupTestSupport",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupSynthetic"],
            path: "Tests/NearDupTestSupport"
        ),
        .testTarget(
            name: "NearDupTests",
            dependencies: [
                "NearDup", "NearDupFeeds", "NearDupFormats", "NearDupSynthetic", "CNearDupKernels",
                "NearDupTestSupport",
            ]
        ),
        .testTarget(
            name: "NearDupFeedsTests",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupFormats", "NearDupSynthetic", "NearDupTestSupport"]
        ),
        .testTarget(
            name: "NearDupFormatsTests",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupFormats", "NearDupSynthetic", "NearDupTestSupport"]
        ),
        .testTarget(
            name: "NearDupSyntheticTests",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupSynthetic", "NearDupTestSupport"]
        ),
        .testTarget(
            name: "NearDupCLITests",
            dependencies: ["NearDup", "NearDupFeeds", "NearDupCLI", "NearDupSynthetic", "NearDupTestSupport"]
        ),
        .testTarget(
            name: "NearDupIndexTests",
            dependencies: [
                "NearDup", "NearDupFeeds", "NearDupIndex", "NearDupSynthetic", "NearDupTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system && target.name != "CNearDupKernels" {
    target.swiftSettings = (target.swiftSettings ?? []) + upcomingFeatures
}
