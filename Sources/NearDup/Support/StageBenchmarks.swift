/// Entry points for the benchmark package (`Benchmarks/`): one thin wrapper per pipeline stage
/// around the internal type that does the work, so a benchmark builds its input once and then
/// measures that stage alone.
///
/// Not API: visible only through `@_spi(Benchmarks) import NearDup`, and changes whenever the
/// wrapped internals do. Every stage runs on the calling thread, whatever `threadCount` says.
@_spi(Benchmarks) public enum Stage {}

// MARK: - Text

@_spi(Benchmarks) extension Stage {
    /// Paragraph splitting and normalization (`ParagraphSplitter`, `TextNormalizer`), with scratch
    /// buffers reused from call to call like a pipeline worker's.
    public struct Normalization {
        private let splitter: ParagraphSplitter
        private var normalizer = TextNormalizer()
        private var spans: [Range<Int>] = []

        /// Creates the stage.
        /// - Parameter options: Only `paragraphSplitting` is used.
        public init(options: NearDupOptions = NearDupOptions()) {
            splitter = ParagraphSplitter(mode: options.paragraphSplitting)
        }

        /// Splits `document` into paragraphs and normalizes each one.
        /// - Returns: The number of words of all its paragraphs.
        public mutating func normalize(_ document: Document) -> Int {
            var words = 0
            forEachParagraph(of: document) { words += $0.wordCount }
            return words
        }

        /// The normalized paragraphs of `document`, in order, as input for `Shingling`.
        public mutating func paragraphs(of document: Document) -> [NormalizedParagraph] {
            var paragraphs: [NormalizedParagraph] = []
            forEachParagraph(of: document) { paragraphs.append(NormalizedParagraph(normalizer: $0)) }
            return paragraphs
        }

        private mutating func forEachParagraph(of document: Document, _ body: (TextNormalizer) -> Void) {
            var text = document.text
            text.withUTF8 { utf8 in
                spans.removeAll(keepingCapacity: true)
                splitter.split(utf8, into: &spans)
                for span in spans {
                    // Safety: the splitter's spans lie within utf8.
                    normalizer.normalize(UnsafeBufferPointer(rebasing: utf8[span]))
                    body(normalizer)
                }
            }
        }
    }

    /// One paragraph's normalized text and word offsets (the state of a `TextNormalizer` after it).
    public struct NormalizedParagraph {
        fileprivate let normalizer: TextNormalizer

        /// The length of the normalized text in bytes.
        public var byteCount: Int { normalizer.bytes.count }
    }

    /// Shingle hashing (`Shingler`): XXH3 of each shingle of a normalized paragraph.
    public struct Shingling {
        private let shingler: Shingler

        /// Creates the stage.
        /// - Parameter options: Only `shingle` is used.
        public init(options: NearDupOptions = NearDupOptions()) {
            shingler = Shingler(kind: options.shingle, seed: SignatureFormat.shingleSeed)
        }

        /// Appends the shingle hashes of `paragraph` to `hashes`, in text order, repeats included.
        public func appendHashes(of paragraph: NormalizedParagraph, to hashes: inout [UInt64]) {
            shingler.appendShingleHashes(of: paragraph.normalizer, to: &hashes)
        }
    }
}

// MARK: - Per-document stage and prepared documents

@_spi(Benchmarks) extension Stage {
    /// The whole per-document stage (`DocumentPreparer`): split, normalize, classify boilerplate,
    /// shingle, sign and compute band keys.
    public struct Preparation {
        private let options: NearDupOptions
        private let layout: BandLayout
        private var preparer: DocumentPreparer

        /// Creates the stage with the engine's band layout and MinHash parameters for `options`.
        /// - Throws: `NearDupError.invalidOption` if an option is out of range.
        public init(options: NearDupOptions = NearDupOptions()) throws(NearDupError) {
            let engine = try NearDupEngine(options: options)
            self.options = engine.options
            layout = engine.bandLayout
            preparer = DocumentPreparer(options: engine.options, layout: engine.bandLayout, hasher: engine.hasher)
        }

        /// Prepares all of `documents`.
        public mutating func prepare(_ documents: [Document]) -> PreparedDocuments {
            let corpus = preparer.prepare(documents, range: documents.indices)
            return PreparedDocuments(documents: documents, options: options, layout: layout, corpus: corpus)
        }
    }

    /// Documents and the per-document stage's result for them (`PreparedCorpus`): the input of the
    /// corpus-wide stages.
    public struct PreparedDocuments {
        /// The documents, in input order.
        public let documents: [Document]
        fileprivate let options: NearDupOptions
        fileprivate let layout: BandLayout
        fileprivate let corpus: PreparedCorpus

        /// The number of paragraphs of all documents.
        public var paragraphCount: Int { corpus.paragraphCount }

        /// Whether `paragraph` is matched on its own (not boilerplate, long enough).
        public func isMatchable(_ paragraph: Int) -> Bool {
            corpus.isMatchable(paragraph, minimumWords: options.minimumParagraphTokens)
        }

        /// The fingerprint of `paragraph`'s normalized text: equal for exact copies.
        public func textHash(ofParagraph paragraph: Int) -> UInt64 { corpus.textHashes[paragraph] }

        /// Paragraph matching (`ParagraphMatcher`): exact grouping, LSH, shingle sets, verification.
        public func matchParagraphs() -> ParagraphMatches {
            let matcher = ParagraphMatcher(options: options, layout: layout, threads: 1)
            var matched = corpus
            return ParagraphMatches(graph: matcher.match(&matched, documents: documents))
        }

        /// The corpus-wide stages after paragraph matching (`CorpusAnalysis`): star clustering,
        /// recurring boilerplate, document links and representatives, and the report.
        public func analyze(_ matches: ParagraphMatches) -> ScanReport {
            let analysis = CorpusAnalysis(
                options: options, layout: layout, threads: 1, corpus: corpus, graph: matches.graph)
            do {
                return try analysis.report(documents: documents)
            } catch {
                preconditionFailure("an analysis without a memory limit cannot fail: \(error)")
            }
        }
    }

    /// The result of paragraph matching (`ParagraphGraph`): the input of `PreparedDocuments.analyze(_:)`.
    public struct ParagraphMatches {
        fileprivate let graph: ParagraphGraph

        /// The number of verified paragraph pairs.
        public var verifiedPairCount: Int { graph.edges.count }
    }
}

// MARK: - Corpus-wide stages

@_spi(Benchmarks) extension Stage {
    /// LSH candidate search (`CandidateFinder`) among chosen paragraphs, with the engine's band
    /// layout and the paragraph matcher's bucket limit.
    public struct CandidateSearch {
        private let finder: CandidateFinder
        private let bandKeys: [UInt32]
        private let rows: [Int32]

        /// Prepares the search among `paragraphs` of `prepared`, which must all be matchable:
        /// item `i` of a pair is `paragraphs[i]`.
        public init(paragraphs: [Int], of prepared: PreparedDocuments) {
            let matcher = ParagraphMatcher(options: prepared.options, layout: prepared.layout, threads: 1)
            finder = CandidateFinder(layout: prepared.layout, maximumBucketSize: matcher.maximumBucketSize, threads: 1)
            bandKeys = prepared.corpus.bandKeys
            rows = paragraphs.map { prepared.corpus.keyRows[$0] }
        }

        /// The candidate pairs, ascending and distinct; `items(of:)` unpacks one.
        public func pairs() -> [UInt64] {
            finder.candidates(bandKeys: bandKeys, rows: rows).pairs
        }

        /// The two item numbers of a pair from `pairs()`, lower first.
        public static func items(of pair: UInt64) -> (Int, Int) { UnorderedPair.unpack(pair) }
    }

    /// Exact verification's sorted, distinct shingle sets (`ShingleSets`) of chosen paragraphs.
    public struct VerificationSets {
        private let sets: ShingleSets

        /// Builds the sets of `paragraphs` of `prepared`.
        public init(paragraphs: [Int], of prepared: PreparedDocuments) {
            sets = ShingleSets.ofParagraphs(
                paragraphs, documents: prepared.documents, corpus: prepared.corpus, options: prepared.options,
                threads: 1)
        }

        /// The exact overlap of the sets of paragraphs `a` and `b`; both must have been built.
        public func overlap(_ a: Int, _ b: Int) -> SetOverlap { sets.overlap(a, b) }
    }
}
