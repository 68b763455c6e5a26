import NearDup

/// The band keys of one batch, sorted band by band into the engine's ``BandBuckets``, and the LSH
/// candidates they give for the whole batch at once: against the index (one lookup of the batch's
/// distinct keys, in key order, so each block of a run is read at most once) and among the batch's
/// own articles (buckets, each later member paired with every earlier one: exactly what adding the
/// articles one by one would have looked up).
///
/// A candidate is a ``CandidatePair``: a batch paragraph (or article) first, then the workspace
/// paragraph (or article) it may copy, an indexed one or one of an earlier article of the batch.
struct BatchProbes {
    let bandCount: Int
    /// Per band, the buckets of the matchable paragraphs of the batch.
    private let paragraphBuckets: [BandBuckets]
    /// Per band, the buckets of the batch articles with a whole-text signature.
    private let documentBuckets: [BandBuckets]
    /// The buckets of the batch articles' rewrite sample keys (one band).
    private let sampleBuckets: BandBuckets

    /// Sorts the keys of `paragraphs` (matchable batch paragraphs) and of `documents` (signed batch
    /// articles), band by band on up to `threads` threads, and the rewrite sample key values
    /// `samples` of each batch article (distinct).
    init(corpus: PreparedCorpus, paragraphs: [Int32], documents: [Int32], samples: [[UInt32]], threads: Int) {
        let bands = corpus.bandCount
        bandCount = bands
        let sorted = parallelChunks(count: bands, threads: threads, chunksPerThread: 1) { range in
            range.map { band in
                let byParagraph = paragraphs.map { paragraph in
                    KeyedItem.pack(key: corpus.bandKey(ofParagraph: Int(paragraph), band: band), item: Int(paragraph))
                }
                let byDocument = documents.map { document in
                    KeyedItem.pack(key: corpus.bandKey(ofDocument: Int(document), band: band), item: Int(document))
                }
                return (BandBuckets(sorting: byParagraph), BandBuckets(sorting: byDocument))
            }
        }.flatMap { $0 }
        paragraphBuckets = sorted.map(\.0)
        documentBuckets = sorted.map(\.1)
        sampleBuckets = BandBuckets(
            sorting: samples.enumerated().flatMap { document, values in
                values.map { KeyedItem.pack(key: $0, item: document) }
            })
    }

    /// The batch's distinct band keys (``BandKey/indexValue``s: paragraph keys, then whole-text
    /// keys), sorted.
    var distinctKeys: [Int64] {
        var keys: [Int64] = []
        for (buckets, kind) in [(paragraphBuckets, BandKey.Kind.paragraph), (documentBuckets, .wholeText)] {
            for band in 0..<bandCount {
                for value in buckets[band].distinctKeys {
                    keys.append(BandKey(band: band, kind: kind, value: value).indexValue)
                }
            }
        }
        return keys
    }

    /// The batch's distinct rewrite sample keys (``BandKey/indexValue``s), sorted.
    var distinctSampleKeys: [Int64] {
        sampleBuckets.distinctKeys.map { BandKey(band: 0, kind: .rewriteSample, value: $0).indexValue }
    }

    /// Calls `body` with each batch paragraph (or article, for a whole-text or sample key) whose band
    /// key is `key` (a ``BandKey/indexValue``), ascending.
    func forEachMember(of key: Int64, _ body: (Int) throws -> Void) rethrows {
        let bandKey = BandKey(indexValue: key)
        guard bandKey.band < bandCount else { return }
        switch bandKey.kind {
        case .paragraph: try paragraphBuckets[bandKey.band].forEachItem(withKey: bandKey.value, body)
        case .wholeText: try documentBuckets[bandKey.band].forEachItem(withKey: bandKey.value, body)
        case .rewriteSample: try sampleBuckets.forEachItem(withKey: bandKey.value, body)
        }
    }

    /// The candidates among the batch: for every two paragraphs (and every two articles) that share
    /// a band key, the later article's one paired with the earlier's, listed under the later article;
    /// for each key, with the first `allowance(key)` earlier articles only (``BandKey/indexValue``s).
    /// - Parameter corpus: The corpus whose paragraphs (and articles) the probes were built from.
    /// - Returns: The pairs, and the articles that had more earlier articles for a key than its allowance.
    func pairsAmongBatch(
        corpus: PreparedCorpus, documents: Int, threads: Int, allowance: @Sendable (Int64) -> Int
    ) -> (paragraphs: CandidateLists, documents: CandidateLists, truncated: Set<Int>) {
        let found = parallelChunks(count: bandCount, threads: threads, chunksPerThread: 2) { bands in
            var paragraphs = CandidateLists(documents: documents)
            var wholeTexts = CandidateLists(documents: documents)
            var truncated = Set<Int>()
            for band in bands {
                paragraphBuckets[band].forEachEarlierPair(
                    groupOf: { corpus.document(ofParagraph: $0) },
                    allowance: { allowance(BandKey(band: band, kind: .paragraph, value: $0).indexValue) },
                    { later, earlier, document in
                        paragraphs.append(CandidatePair.pack(batch: later, workspace: earlier), to: document)
                    },
                    truncated: { truncated.insert($0) })
                documentBuckets[band].forEachEarlierPair(
                    groupOf: { $0 },
                    allowance: { allowance(BandKey(band: band, kind: .wholeText, value: $0).indexValue) },
                    { later, earlier, document in
                        wholeTexts.append(CandidatePair.pack(batch: later, workspace: earlier), to: document)
                    },
                    truncated: { truncated.insert($0) })
            }
            return (paragraphs, wholeTexts, truncated)
        }
        var (paragraphs, wholeTexts) = (CandidateLists(documents: documents), CandidateLists(documents: documents))
        var truncated = Set<Int>()
        for (someParagraphs, someWholeTexts, someTruncated) in found {
            paragraphs.append(contentsOf: someParagraphs)
            wholeTexts.append(contentsOf: someWholeTexts)
            truncated.formUnion(someTruncated)
        }
        return (paragraphs, wholeTexts, truncated)
    }
}

/// Candidate pairs listed by the batch article they belong to. A pair shared by several bands is
/// found once per band: an article's list is sorted and cleared of repeats whenever it has doubled,
/// so memory follows the distinct pairs, not the bands (a paragraph shared by thousands of
/// articles would otherwise be listed dozens of times over).
struct CandidateLists: Sendable {
    private(set) var lists: [[UInt64]]
    private var distinct: [Int]

    init(documents: Int) {
        lists = Array(repeating: [], count: documents)
        distinct = Array(repeating: 0, count: documents)
    }

    mutating func append(_ pair: UInt64, to document: Int) {
        lists[document].append(pair)
        if lists[document].count >= 2 * distinct[document] + 256 {
            distinct[document] = sortAndUnique(&lists[document], from: 0)
        }
    }

    mutating func append(contentsOf other: CandidateLists) {
        for (document, list) in other.lists.enumerated() {
            for pair in list { append(pair, to: document) }
        }
    }

    /// Article `document`'s pairs, sorted and distinct.
    func sorted(of document: Int) -> [UInt64] {
        var list = lists[document]
        _ = sortAndUnique(&list, from: 0)
        return list
    }
}
