import Benchmark
import NearDup

// Benchmarks for NearDup's public API. Every input is built in `setup:` from a fixed seed, so runs
// compare like with like; results go to `blackHole` so the optimizer keeps the work.
//
// Run: `cd Benchmarks && swift package --disable-sandbox benchmark` (see README.md).

/// The metrics every benchmark reports.
///
/// `.instructions` is unavailable on these VMs. `.retainCount` (and every ARC metric) is left out
/// because on Linux with Swift 6.3 package-benchmark needs `swift-runtime-interposer` for it, which
/// the local package mirror lacks; without it the runtime hooks crash the benchmark process
/// (ordo-one/benchmark#349). Count retains with `valgrind --tool=callgrind` instead.
let standardMetrics: [BenchmarkMetric] = [
    .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident,
]

/// Documents scanned per second, for the end-to-end scans (`.throughput` counts whole scans).
let documentsPerSecond = BenchmarkMetric.custom("Documents (#/s)", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: standardMetrics,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 1_000
    )

    // MARK: - End to end

    // The end-to-end scans take about a second each: a handful of samples is enough.
    let scanConfiguration = Benchmark.Configuration(
        metrics: standardMetrics + [documentsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(15),
        maxIterations: 15
    )

    // 2,000 generated news pages, 11.9 MB of UTF-8 text, default options (all cores).
    Benchmark(
        "scan/2k-documents",
        configuration: scanConfiguration
    ) { benchmark, documents in
        try benchmark.measureDocumentsPerSecond(count: documents.count) {
            blackHole(try NearDupEngine().scan(documents))
        }
    } setup: {
        CorpusGenerator(configuration: .init(documentCount: 2_000, seed: 42)).generate().documents
    }

    // Normalization and tokenization have no public entry point, so this is the closest public
    // proxy: the same pipeline on many short documents, one generated paragraph each
    // (9,668 paragraphs, 2.9 MB, from a 500-page feed with the same seed).
    Benchmark(
        "scan/paragraph-documents",
        configuration: scanConfiguration
    ) { benchmark, documents in
        try benchmark.measureDocumentsPerSecond(count: documents.count) {
            blackHole(try NearDupEngine().scan(documents))
        }
    } setup: {
        paragraphDocuments(of: CorpusGenerator(configuration: .init(documentCount: 500, seed: 42)).generate().documents)
    }

    // MARK: - Kernels

    // One scaled iteration signs one set; 1,000 sets per call.
    Benchmark(
        "minhash/signature-128",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark, workload in
        workload.signAll(iterations: benchmark.scaledIterations)
        blackHole(workload.signatures[workload.signatures.count - 1])
    } setup: {
        SignatureWorkload(permutationCount: 128, setCount: 1_000, shinglesPerSet: 200, seed: 7)
    }

    // One scaled iteration measures one pair; 1,000 pairs of 200-element sets per call.
    Benchmark(
        "verify/set-overlap",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark, workload in
        blackHole(workload.overlapAll(iterations: benchmark.scaledIterations))
    } setup: {
        OverlapWorkload(pairCount: 1_000, setSize: 200, sharedCount: 100, seed: 11)
    }
}

// MARK: - Helpers

extension Benchmark {
    /// Runs `body` once and records `count` divided by its duration as `Documents (#/s)`.
    fileprivate func measureDocumentsPerSecond(count: Int, _ body: () throws -> Void) rethrows {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if seconds > 0 { measurement(documentsPerSecond, Int((Double(count) / seconds).rounded())) }
    }
}

/// Splits every document into its non-empty lines and makes each line a document of its own.
func paragraphDocuments(of documents: [Document]) -> [Document] {
    var paragraphs: [Document] = []
    for document in documents {
        for (index, line) in document.text.split(separator: "\n").enumerated() {
            paragraphs.append(
                Document(
                    id: "\(document.id)#\(index)", text: String(line), published: document.published,
                    source: document.source))
        }
    }
    return paragraphs
}
