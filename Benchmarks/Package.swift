// swift-tools-version: 6.1
import PackageDescription

// SwiftPM names a path dependency after its folder, so the root package's identity is the name of
// whatever folder this checkout lives in (`NearDup`, `wt-bench`, …). Derive it from this manifest's
// own location instead of hard-coding it, so a clone under any name resolves.
let rootPackage: String = {
    let parent = Context.packageDirectory.split(separator: "/").dropLast().last
    guard let parent else { fatalError("Benchmarks/ must live inside the NearDup package") }
    return String(parent)
}()

let package = Package(
    name: "NearDupBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "NearDupBenchmarks",
            dependencies: [
                .product(name: "NearDup", package: rootPackage),
                .product(name: "NearDupSynthetic", package: rootPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "NearDupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
