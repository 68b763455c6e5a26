import Synchronization

/// The NearDup engine: finds copied paragraphs and documents in a batch of articles.
///
/// ```swift
/// let engine = try NearDupEngine(options: NearDupOptions())
/// let report = try engine.scan(documents)
/// for link in report.links { print(report.documents[link.copy].id, link.relation, link.copyCoverage) }
/// ```
///
/// Data flows one way: split → normalize → shingle → MinHash → LSH → exact verification →
/// star clustering → boilerplate → document links → representatives. The output is the same for
/// the same input and options, whatever the thread count.
public struct NearDupEngine: Sendable {
    /// The options in force.
    public let options: NearDupOptions
    /// The LSH band layout derived from `options`.
    public let bandLayout: BandLayout
    package let hasher: MinHasher
    /// The memory a scan may use, in bytes, or `nil` for no limit: `scan` stops with
    /// `NearDupError.memoryLimitExceeded` before building document links that would take the
    /// process's resident memory past it (loading is bounded by `InputOptions.maxTotalTextBytes` in NearDupFeeds).
    public var memoryLimit: Int? = nil
    /// Whether `scan` hands free heap pages back to the system (``releaseFreeMemory()``) after each
    /// stage that frees large buffers: the join of the prepared chunks, exact grouping, LSH,
    /// verification, and the end of the scan. It lowers the peak resident memory of a large scan
    /// (glibc keeps freed pages otherwise) at the cost of a few page faults; off by default, so that
    /// a process that embeds the engine keeps control of its allocator. The CLI sets it.
    public var releasesFreeMemoryBetweenStages = false

    /// Creates an engine.
    /// - Parameter options: What counts as a copy; validated here.
    /// - Throws: `NearDupError.invalidOption` if an option is out of range.
    public init(options: NearDupOptions = NearDupOptions()) throws(NearDupError) {
        try options.validate()
        self.options = options
        bandLayout = BandLayout.forThreshold(
            options.threshold, permutationCount: options.permutationCount,
            candidateProbability: options.candidateProbability)
        hasher = MinHasher(permutationCount: options.permutationCount)
    }

    /// Scans documents for copied paragraphs and documents.
    /// - Parameters:
    ///   - documents: The articles, in input order; ids must be unique.
    ///   - progress: Called now and then, possibly from worker threads.
    /// - Returns: The full report, including dedup decisions.
    /// - Throws: `NearDupError.duplicateID` if two documents share an id;
    ///   `NearDupError.memoryLimitExceeded` if linking would pass ``memoryLimit``.
    /// - Complexity: About linear in the input's size, plus the candidate pairs verified.
    public func scan(
        _ documents: some Sequence<Document>, progress: (@Sendable (ScanProgress) -> Void)? = nil
    ) throws(NearDupError) -> ScanReport {
        let documents = Array(documents)
        try requireUniqueIDs(documents)
        let threads = options.resolvedThreadCount
        let report = try analysis(of: documents, threads: threads, progress: progress).report(
            documents: documents, memoryLimit: memoryLimit)
        memoryRelease()  // the corpus and the graph, before the caller writes the report
        return report
    }

    /// The corpus-wide analysis of `documents`, once prepared and matched.
    private func analysis(
        of documents: [Document], threads: Int, progress: (@Sendable (ScanProgress) -> Void)?
    ) -> CorpusAnalysis {
        var corpus = prepare(documents, threads: threads, progress: progress)
        progress?(ScanProgress(stage: .matching, completedDocuments: documents.count, totalDocuments: documents.count))
        let graph = ParagraphMatcher(
            options: options, layout: bandLayout, threads: threads, memoryRelease: memoryRelease
        ).match(&corpus, documents: documents)
        progress?(ScanProgress(stage: .linking, completedDocuments: documents.count, totalDocuments: documents.count))
        return CorpusAnalysis(options: options, layout: bandLayout, threads: threads, corpus: corpus, graph: graph)
    }

    private func requireUniqueIDs(_ documents: [Document]) throws(NearDupError) {
        var seen = Set<BytewiseID>(minimumCapacity: documents.count)
        for document in documents where !seen.insert(BytewiseID(document.id)).inserted {
            throw .duplicateID(document.id)
        }
    }

    /// Runs the per-document stage (split, normalize, in-document boilerplate rules, shingle, sign,
    /// band keys) on `documents`, on up to `threads` threads: what the incremental index stores and
    /// looks up, computed by the same code as `scan`.
    /// - Complexity: O(*n*) in the documents' total length.
    package func preparedCorpus(of documents: [Document], threads: Int) -> PreparedCorpus {
        prepare(documents, threads: threads, progress: nil)
    }

    private func prepare(
        _ documents: [Document], threads: Int, progress: (@Sendable (ScanProgress) -> Void)?
    ) -> PreparedCorpus {
        let done = Atomic<Int>(0)
        let total = documents.count
        var chunks = parallelChunks(count: total, threads: threads, chunksPerThread: max(4, total / (256 * threads))) {
            range in
            var preparer = DocumentPreparer(options: options, layout: bandLayout, hasher: hasher)
            let chunk = preparer.prepare(documents, range: range)
            let completed = done.add(range.count, ordering: .relaxed).newValue
            progress?(ScanProgress(stage: .preparing, completedDocuments: completed, totalDocuments: total))
            return chunk
        }
        if chunks.count == 1 { return chunks[0] }
        let corpus = PreparedCorpus(joining: &chunks, bandCount: bandLayout.bandCount, memoryRelease: memoryRelease)
        memoryRelease()
        return corpus
    }
}
