/// Sorted, distinct shingle sets recomputed from the documents' text for exactly the paragraphs or
/// documents that exact verification needs.
///
/// The per-document stage only signs shingles and keeps no sets: most paragraphs never become
/// candidates, and storing every set would cost more memory than the input. The few that are
/// verified are normalized and shingled again here, in parallel, into one flat array.
struct ShingleSets: Sendable {
    /// For each item (paragraph or document), the index of its set, or -1 when not built.
    private let slotOfItem: [Int32]
    /// The worker chunk that holds each set; chunks are kept as built, never copied into one array.
    private let chunkOfSlot: [Int32]
    /// Set `i` is `chunks[chunkOfSlot[i]][rangeOfSlot[i]]`, sorted and distinct.
    private let rangeOfSlot: [Range<Int>]
    private let chunks: [[UInt64]]

    /// The sets of `paragraphs`, one per paragraph.
    /// - Complexity: O(*s* log *s*) per set of *s* shingles.
    static func ofParagraphs(
        _ paragraphs: [Int], documents: [Document], corpus: PreparedCorpus, options: NearDupOptions, threads: Int
    ) -> ShingleSets {
        ShingleSets(
            items: paragraphs, itemCount: corpus.paragraphCount, documents: documents, corpus: corpus,
            options: options, threads: threads, shingleBound: { corpus.byteRanges[$0].count + 1 }
        ) { paragraph, shingler, set in
            shingler.appendShingles(ofParagraph: paragraph, to: &set)
        }
    }

    /// The whole-text sets of `documents`: the union of their paragraphs that `included` marks.
    /// - Complexity: O(*s* log *s*) per set of *s* shingles.
    static func ofDocuments(
        _ selected: [Int], included: [Bool], documents: [Document], corpus: PreparedCorpus, options: NearDupOptions,
        threads: Int
    ) -> ShingleSets {
        ShingleSets(
            items: selected, itemCount: corpus.documentCount, documents: documents, corpus: corpus,
            options: options, threads: threads,
            shingleBound: { shingleBound(ofDocument: $0, documents: documents, corpus: corpus) }
        ) { document, shingler, set in
            for paragraph in corpus.paragraphs(ofDocument: document) where included[paragraph] {
                shingler.appendShingles(ofParagraph: paragraph, to: &set)
            }
        }
    }

    /// The most shingles a document's whole-text set can hold: one per byte of text, plus one per
    /// paragraph shorter than a shingle.
    static func shingleBound(ofDocument document: Int, documents: [Document], corpus: PreparedCorpus) -> Int {
        documents[document].textByteCount + corpus.paragraphs(ofDocument: document).count
    }

    private init(
        items: [Int], itemCount: Int, documents: [Document], corpus: PreparedCorpus, options: NearDupOptions,
        threads: Int, shingleBound: @Sendable (Int) -> Int,
        appendSet: @Sendable (Int, inout ParagraphShingler, inout [UInt64]) -> Void
    ) {
        let built = parallelChunks(count: items.count, threads: threads, chunksPerThread: 16) { range in
            var shingler = ParagraphShingler(documents: documents, corpus: corpus, kind: options.shingle)
            var counts: [Int] = []
            var flat: [UInt64] = []
            // One allocation, never grown and copied: a text of n bytes has at most n shingles (one
            // if shorter than a shingle). Pages past the sets are reserved but never touched.
            flat.reserveCapacity(items[range].reduce(0) { $0 + shingleBound($1) })
            for item in items[range] {
                let start = flat.count
                appendSet(item, &shingler, &flat)
                counts.append(sortAndUnique(&flat, from: start))
            }
            return (counts, flat)
        }
        var slotOfItem = [Int32](repeating: -1, count: itemCount)
        for (slot, item) in items.enumerated() { slotOfItem[item] = Int32(slot) }
        var chunkOfSlot: [Int32] = []
        var rangeOfSlot: [Range<Int>] = []
        chunkOfSlot.reserveCapacity(items.count)
        rangeOfSlot.reserveCapacity(items.count)
        for (chunk, (counts, _)) in built.enumerated() {
            var start = 0
            for count in counts {
                chunkOfSlot.append(Int32(chunk))
                rangeOfSlot.append(start..<(start + count))
                start += count
            }
        }
        self.slotOfItem = slotOfItem
        self.chunkOfSlot = chunkOfSlot
        self.rangeOfSlot = rangeOfSlot
        self.chunks = built.map(\.1)
    }

    /// The exact overlap of the sets of items `a` and `b`; both must have been built.
    func overlap(_ a: Int, _ b: Int) -> SetOverlap {
        withSet(of: a) { first in withSet(of: b) { second in SetOverlap(sorted: first, second) } }
    }

    private func withSet<Result>(of item: Int, _ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        let slot = Int(slotOfItem[item])
        precondition(slot >= 0, "the set of item \(item) was not built")
        // Safety: rangeOfSlot[slot] was recorded as the set's range in chunks[chunkOfSlot[slot]] when it was built.
        return chunks[Int(chunkOfSlot[slot])].withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[rangeOfSlot[slot]]))
        }
    }
}

/// Normalizes and shingles single paragraphs again from their documents' text, with its own
/// scratch buffers (one per worker).
package struct ParagraphShingler {
    package let documents: [Document]
    package let corpus: PreparedCorpus
    private let shingler: Shingler
    private var normalizer = TextNormalizer()

    package init(documents: [Document], corpus: PreparedCorpus, kind: ShingleKind) {
        self.documents = documents
        self.corpus = corpus
        shingler = Shingler(kind: kind, seed: SignatureFormat.shingleSeed)
    }

    /// Appends the shingle hashes of `paragraph`, in text order, repeats included.
    package mutating func appendShingles(ofParagraph paragraph: Int, to hashes: inout [UInt64]) {
        documents[Int(corpus.paragraphDocuments[paragraph])].withTextUTF8(inBytes: corpus.byteRanges[paragraph]) {
            normalizer.normalize($0)
        }
        shingler.appendShingleHashes(of: normalizer, to: &hashes)
    }
}
