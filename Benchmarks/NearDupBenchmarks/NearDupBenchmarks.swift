import Benchmark
@_spi(Benchmarks) import NearDup

// Benchmarks of NearDup: one per pipeline stage, on one thread, plus end-to-end scans on every
// core. Every input is generated in `setup:` from a fixed seed, so runs compare like with like;
// results go to `blackHole` so the optimizer keeps the work. The stages are reached through the
// `@_spi(Benchmarks)` wrappers of `Sources/NearDup/Support/StageBenchmarks.swift`.
//
// Run: `cd Benchmarks && swift package --disable-sandbox benchmark` (see README.md).

/// The metrics every benchmark reports.
///
/// `.instructions` is unavailable on these VMs. `.retainCount` (and every ARC metric) is left out
/// because on Linux with Swift 6.3 package-benchmark needs `swift-runtime-interposer` for it, which
/// the local package mirror lacks; without it the runtime hooks crash the benchmark process
/// (ordo-one/benchmark#349). README.md shows how retains were counted with perf uprobes instead.
let standardMetrics: [BenchmarkMetric] = [
    .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident,
]

/// The metrics of the allocation-free kernels: `standardMetrics` without `.peakMemoryResident`,
/// whose sampling costs the harness itself 16 mallocs per sample (measured on an empty
/// benchmark), so that their malloc count is exactly what the kernel allocates.
let kernelMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]

/// Rates the benchmarks measure themselves, in units of the work (`.throughput` counts samples,
/// times the scaling factor).
enum Rate {
    static let documents = rate("Documents (#/s)")
    static let paragraphs = rate("Paragraphs (#/s)")
    static let shingles = rate("Shingles (#/s)")
    /// Bytes of UTF-8 input text per second, always shown in millions: MB/s.
    static let textBytes = rate("Text (B/s)")

    private static func rate(_ name: String) -> BenchmarkMetric {
        .custom(name, polarity: .prefersLarger, useScalingFactor: false)
    }
}

/// How far a run may stray from the p90 thresholds checked in under `Thresholds/` before
/// `benchmark thresholds check` fails (README.md, "Thresholds in CI"); the stage benchmarks' files
/// hold these two metrics only. Wall clock differs between machines and with their load, and the
/// malloc count of a stage that allocates varied by up to 44 % at p90 between two runs, so only a
/// p90 over twice its malloc threshold (four times its wall-clock one) fails: a lost fast path, a
/// quadratic loop, an allocation per item.
var thresholdTolerances: [BenchmarkMetric: BenchmarkThresholds] {
    [
        .mallocCountTotal: .init(relative: [.p90: 100]),
        .wallClock: wallClockTolerance,
    ]
}

/// Wall clock may grow to four times its threshold: CI machines differ, and a busy one slows a
/// stage several times over; a lost fast path or a quadratic loop still fails.
var wallClockTolerance: BenchmarkThresholds { .init(relative: [.p90: 300]) }

/// `thresholdTolerances` for the allocation-free kernels (`kernelMetrics`): they make no malloc in
/// any sample, so a single one fails.
var kernelThresholdTolerances: [BenchmarkMetric: BenchmarkThresholds] {
    [
        .mallocCountTotal: .init(absolute: [.p90: 0]),
        .wallClock: wallClockTolerance,
    ]
}

/// Items per sample of the per-item stages, which run with `scalingFactor: .kilo`: their
/// throughput row counts items per second and their `*` rows are per item.
let itemsPerSample = BenchmarkScalingFactor.kilo.rawValue

/// Documents of the corpus-wide stages and of the main scan: 11.9 MB of text.
let corpusDocuments = 2_000

/// A configuration reporting `rates` besides `metrics`.
func configuration(
    metrics: [BenchmarkMetric] = standardMetrics, rates: [BenchmarkMetric],
    scalingFactor: BenchmarkScalingFactor = .one, maxDuration: Duration = .seconds(5), maxIterations: Int = 1_000
) -> Benchmark.Configuration {
    .init(
        metrics: metrics + rates, units: [Rate.textBytes: .mega], warmupIterations: 1,
        scalingFactor: scalingFactor, maxDuration: maxDuration, maxIterations: maxIterations,
        thresholds: metrics == kernelMetrics ? kernelThresholdTolerances : thresholdTolerances)
}

let benchmarks: @Sendable () -> Void = {
    // MARK: - Per-item stages: 1,000 items per sample

    // Split and normalize 1,000 documents (5.9 MB).
    Benchmark(
        "stage/normalize-tokenize",
        configuration: configuration(rates: [Rate.textBytes], scalingFactor: .kilo)
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.textBytes: workload.byteCount]) { blackHole(workload.normalizeAll()) }
    } setup: {
        NormalizationWorkload(documents: generatedDocuments(count: itemsPerSample))
    }

    // XXH3 of every word 5-gram of 1,000 normalized paragraphs.
    Benchmark(
        "stage/shingle-hash",
        configuration: configuration(metrics: kernelMetrics, rates: [Rate.shingles], scalingFactor: .kilo)
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.shingles: workload.shingleCount]) { blackHole(workload.hashAll()) }
    } setup: {
        ShingleWorkload(documents: generatedDocuments(count: 100), paragraphCount: itemsPerSample)
    }

    // 128-slot signatures of the shingle hashes of those 1,000 paragraphs.
    Benchmark(
        "stage/minhash-128",
        configuration: configuration(metrics: kernelMetrics, rates: [Rate.shingles], scalingFactor: .kilo)
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.shingles: workload.shingleCount]) { blackHole(workload.signAll()) }
    } setup: {
        SignatureWorkload(documents: generatedDocuments(count: 100), setCount: itemsPerSample, permutationCount: 128)
    }

    // The whole per-document stage on 1,000 documents (5.9 MB): normalize → shingle → sign → band keys.
    Benchmark(
        "stage/signature",
        configuration: configuration(rates: [Rate.textBytes], scalingFactor: .kilo)
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.textBytes: workload.byteCount]) { blackHole(workload.prepareAll()) }
    } setup: {
        try PreparationWorkload(documents: generatedDocuments(count: itemsPerSample))
    }

    // Exact verification of 1,000 LSH candidate pairs of paragraphs of the 2,000-document corpus.
    Benchmark(
        "stage/verify",
        configuration: configuration(metrics: kernelMetrics, rates: [], scalingFactor: .kilo)
    ) { _, workload in
        blackHole(workload.verifyAll())
    } setup: {
        VerificationWorkload(prepared: try preparedCorpus(), pairCount: itemsPerSample)
    }

    // MARK: - Corpus-wide stages: the 2,000-document corpus, prepared in setup

    // LSH candidates among the band keys of its distinct matchable paragraphs.
    Benchmark(
        "stage/lsh-candidates",
        configuration: configuration(rates: [Rate.paragraphs])
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.paragraphs: workload.paragraphs.count]) {
            blackHole(workload.candidatePairs())
        }
    } setup: {
        CandidateWorkload(prepared: try preparedCorpus())
    }

    // Paragraph matching: exact grouping, LSH, shingle sets of the candidates, verification.
    Benchmark(
        "stage/paragraph-match",
        configuration: configuration(rates: [Rate.paragraphs])
    ) { benchmark, prepared in
        benchmark.measure(rates: [Rate.paragraphs: prepared.paragraphCount]) {
            blackHole(prepared.matchParagraphs().verifiedPairCount)
        }
    } setup: {
        try preparedCorpus()
    }

    // Everything after paragraph matching: star clustering, recurring boilerplate, document links,
    // representatives and the report.
    Benchmark(
        "stage/cluster-link",
        configuration: configuration(rates: [Rate.documents])
    ) { benchmark, workload in
        benchmark.measure(rates: [Rate.documents: workload.prepared.documents.count]) { blackHole(workload.analyze()) }
    } setup: {
        AnalysisWorkload(prepared: try preparedCorpus())
    }

    // MARK: - End to end, every core

    let scans: KeyValuePairs<String, @Sendable () -> [Document]> = [
        // `NearDupEngine().scan` on 2,000 generated news pages, 11.9 MB, default options.
        "scan/2k-documents": { generatedDocuments(count: corpusDocuments) },
        // The same on many short documents: every non-empty line of 500 pages (9,668 paragraphs, 2.9 MB).
        "scan/paragraph-documents": { paragraphDocuments(of: generatedDocuments(count: 500)) },
    ]
    for (name, makeDocuments) in scans {
        Benchmark(
            name,
            configuration: configuration(rates: [Rate.documents, Rate.textBytes], maxDuration: .seconds(10))
        ) { benchmark, documents in
            let rates: KeyValuePairs = [Rate.documents: documents.count, Rate.textBytes: textByteCount(of: documents)]
            try benchmark.measure(rates: rates) { blackHole(try NearDupEngine().scan(documents)) }
        } setup: {
            makeDocuments()
        }
    }
}

// MARK: - Helpers

extension Benchmark {
    /// Measures `body` alone and records each rate: its count divided by the time `body` took.
    /// The rates are recorded after the measured region, so recording them counts no mallocs.
    fileprivate func measure(rates: KeyValuePairs<BenchmarkMetric, Int>, _ body: () throws -> Void) rethrows {
        startMeasurement()
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = start.duration(to: clock.now)
        stopMeasurement()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard seconds > 0 else { return }
        for (metric, count) in rates { measurement(metric, Int((Double(count) / seconds).rounded())) }
    }
}

/// The 2,000-document corpus after the per-document stage.
func preparedCorpus() throws -> Stage.PreparedDocuments {
    var preparation = try Stage.Preparation()
    return preparation.prepare(generatedDocuments(count: corpusDocuments))
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
