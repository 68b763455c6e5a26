// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for NearDup's hostile-input surfaces; `run.sh` beside this file builds and runs
// them. A separate package so the root package's `swift build` and `swift test` never see the
// sanitizer flags.
//
// SwiftPM names a path dependency after its folder, so the root package's identity is the name of
// whatever folder this checkout lives in; derive it from this manifest's location (as
// `Benchmarks/Package.swift` does).
let rootPackage: String = {
    let parent = Context.packageDirectory.split(separator: "/").dropLast().last
    guard let parent else { fatalError("Fuzz/ must live inside the NearDup package") }
    return String(parent)
}()

let nearDup: Target.Dependency = .product(name: "NearDup", package: rootPackage)
let nearDupIndex: Target.Dependency = .product(name: "NearDupIndex", package: rootPackage)
let nearDupFeeds: Target.Dependency = .product(name: "NearDupFeeds", package: rootPackage)
let nearDupFormats: Target.Dependency = .product(name: "NearDupFormats", package: rootPackage)
let nearDupSynthetic: Target.Dependency = .product(name: "NearDupSynthetic", package: rootPackage)

let package = Package(
    name: "NearDupFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        .target(name: "FuzzSupport"),
        // Each fuzzer is an executable whose only entry point is `LLVMFuzzerTestOneInput`; libFuzzer
        // supplies `main` (the source file is not `main.swift`, so it is compiled as a library).
        .executableTarget(name: "FuzzJSONLines", dependencies: [nearDup, nearDupFeeds, "FuzzSupport"]),
        .executableTarget(name: "FuzzText", dependencies: [nearDup, "FuzzSupport"]),
        .executableTarget(name: "FuzzScan", dependencies: [nearDup, nearDupFormats, "FuzzSupport"]),
        .executableTarget(name: "FuzzIndex", dependencies: [nearDup, nearDupIndex, "FuzzSupport"]),
        .executableTarget(
            name: "FuzzIndexFile", dependencies: [nearDup, nearDupIndex, nearDupSynthetic, "FuzzSupport"]),
    ]
)
