// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NearDup",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NearDup", targets: ["NearDup"]),
        .library(name: "NearDupIndex", targets: ["NearDupIndex"]),
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
        .target(name: "CNearDupKernels"),
        .target(
            name: "NearDup",
            dependencies: ["CXXHash", "CNearDupKernels"]
        ),
        .target(
            name: "NearDupIndex",
            dependencies: ["NearDup", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "NearDupCLI",
            dependencies: [
                "NearDup",
                "NearDupIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "neardup",
            dependencies: ["NearDupCLI"]
        ),
        .target(name: "NearDupTestSupport", path: "Tests/NearDupTestSupport"),
        .testTarget(
            name: "NearDupTests",
            dependencies: ["NearDup", "NearDupCLI", "CNearDupKernels", "NearDupTestSupport"]
        ),
        .testTarget(
            name: "NearDupIndexTests",
            dependencies: [
                "NearDup", "NearDupIndex", "NearDupTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
