/// Sorted, distinct shingle sets recomputed from the documents' text for exactly the paragraphs or
/// documents that exact verification needs.
///
/// The per-document stage only signs shingles and keeps no sets: most paragraphs never become
/// candidates, and storing every set would cost more memory than the input. The few that are
/// verified are normalized and shingled again here, in parallel, into one flat array.
struct ShingleSets: Sendable {
    /// For each item (paragraph or document), the index of its set in `starts`, or -1 when not built.
    private let slotOfItem: [Int32]
    /// Set `i` is `shingles[starts[i]..<starts[i + 1]]`, sorted and distinct.
    private let starts: [Int]
    private let shingles: [UInt64]

    /// The sets of `paragraphs`, one per paragraph.
    /// - Complexity: O(*s* log *s*) per set of *s* shingles.
    static func ofParagraphs(
        _ paragraphs: [Int], documents: [Document], corpus: PreparedCorpus, options: NearDupOptions, threads: Int
    ) -> ShingleSets {
        ShingleSets(
            items: paragraphs, itemCount: corpus.paragraphCount, documents: documents, corpus: corpus,
            options: options, threads: threads
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
            options: options, threads: threads
        ) { document, shingler, set in
            for paragraph in corpus.paragraphs(ofDocument: document) where included[paragraph] {
                shingler.appendShingles(ofParagraph: paragraph, to: &set)
            }
        }
    }

    private init(
        items: [Int], itemCount: Int, documents: [Document], corpus: PreparedCorpus, options: NearDupOptions,
        threads: Int, appendSet: @Sendable (Int, inout ParagraphShingler, inout [UInt64]) -> Void
    ) {
        let chunks = parallelChunks(count: items.count, threads: threads) { range in
            var shingler = ParagraphShingler(documents: documents, corpus: corpus, kind: options.shingle)
            var counts: [Int] = []
            var flat: [UInt64] = []
            for item in items[range] {
                let start = flat.count
                appendSet(item, &shingler, &flat)
                counts.append(sortAndUnique(&flat, from: start))
            }
            return (counts, flat)
        }
        var slotOfItem = [Int32](repeating: -1, count: itemCount)
        for (slot, item) in items.enumerated() { slotOfItem[item] = Int32(slot) }
        var starts = [0]
        starts.reserveCapacity(items.count + 1)
        var shingles: [UInt64] = []
        shingles.reserveCapacity(chunks.reduce(0) { $0 + $1.1.count })
        for (counts, flat) in chunks {
            for count in counts { starts.append(starts.last! + count) }
            shingles.append(contentsOf: flat)
        }
        self.slotOfItem = slotOfItem
        self.starts = starts
        self.shingles = shingles
    }

    /// The exact overlap of the sets of items `a` and `b`; both must have been built.
    func overlap(_ a: Int, _ b: Int) -> SetOverlap {
        shingles.withUnsafeBufferPointer { all in
            SetOverlap(sorted: set(of: a, in: all), set(of: b, in: all))
        }
    }

    private func set(of item: Int, in all: UnsafeBufferPointer<UInt64>) -> UnsafeBufferPointer<UInt64> {
        let slot = Int(slotOfItem[item])
        precondition(slot >= 0, "the set of item \(item) was not built")
        return UnsafeBufferPointer(rebasing: all[starts[slot]..<starts[slot + 1]])
    }
}

/// Normalizes and shingles single paragraphs again from their documents' text, with its own
/// scratch buffers (one per worker).
struct ParagraphShingler {
    let documents: [Document]
    let corpus: PreparedCorpus
    private let shingler: Shingler
    private var normalizer = TextNormalizer()

    init(documents: [Document], corpus: PreparedCorpus, kind: ShingleKind) {
        self.documents = documents
        self.corpus = corpus
        shingler = Shingler(kind: kind, seed: SignatureFormat.shingleSeed)
    }

    /// Appends the shingle hashes of `paragraph`, in text order, repeats included.
    mutating func appendShingles(ofParagraph paragraph: Int, to hashes: inout [UInt64]) {
        var text = documents[Int(corpus.paragraphDocuments[paragraph])].text
        let range = corpus.byteRanges[paragraph]
        text.withUTF8 { normalizer.normalize(UnsafeBufferPointer(rebasing: $0[range])) }
        shingler.appendShingleHashes(of: normalizer, to: &hashes)
    }
}
