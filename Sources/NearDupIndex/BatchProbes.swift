import NearDup

/// The band keys of one batch, sorted band by band, and the LSH candidates they give for the whole
/// batch at once: against the index (one lookup of the batch's distinct keys, in key order, so each
/// block of a run is read at most once) and among the batch's own articles (runs of equal keys in
/// a band, each later member paired with every earlier one: exactly what adding the articles one
/// by one would have looked up).
///
/// A candidate is packed `UInt64(later) << 32 | UInt64(earlier)`: a batch paragraph (or article)
/// first, then the workspace paragraph (or article) it may copy, an indexed one or one of an
/// earlier article of the batch.
struct BatchProbes {
    let bandCount: Int
    /// Per band, `key << 32 | paragraph` for each matchable paragraph of the batch, sorted.
    private let paragraphEntries: [[UInt64]]
    /// Per band, `key << 32 | document` for each batch article with a whole-text signature, sorted.
    private let documentEntries: [[UInt64]]

    /// Sorts the keys of `paragraphs` (matchable batch paragraphs) and of `documents` (signed batch
    /// articles), band by band on up to `threads` threads.
    init(corpus: PreparedCorpus, paragraphs: [Int32], documents: [Int32], threads: Int) {
        let bands = corpus.bandCount
        bandCount = bands
        let sorted = parallelChunks(count: bands, threads: threads, chunksPerThread: 1) { range in
            range.map { band in
                var byParagraph = paragraphs.map { paragraph in
                    let key = corpus.bandKeys[Int(corpus.keyRows[Int(paragraph)]) * bands + band]
                    return UInt64(key) << 32 | UInt64(UInt32(paragraph))
                }
                var byDocument = documents.map { document in
                    UInt64(corpus.documentBandKeys[Int(document) * bands + band]) << 32 | UInt64(UInt32(document))
                }
                _ = sortAndUnique(&byParagraph, from: 0)
                _ = sortAndUnique(&byDocument, from: 0)
                return (byParagraph, byDocument)
            }
        }.flatMap { $0 }
        paragraphEntries = sorted.map(\.0)
        documentEntries = sorted.map(\.1)
    }

    /// The batch's distinct band keys (`IndexSchema.paragraphKey`, then `IndexSchema.documentKey`), sorted.
    var distinctKeys: [Int64] {
        var keys: [Int64] = []
        for (entries, key) in [
            (paragraphEntries, IndexSchema.paragraphKey), (documentEntries, IndexSchema.documentKey),
        ] {
            for band in 0..<bandCount {
                var last: UInt32?
                for entry in entries[band] where UInt32(entry >> 32) != last {
                    last = UInt32(entry >> 32)
                    keys.append(key(band, UInt32(entry >> 32)))
                }
            }
        }
        return keys
    }

    /// Calls `body` with each batch paragraph (or article, for a whole-text key) whose band key is `key`.
    func forEachMember(of key: Int64, _ body: (Int) throws -> Void) rethrows {
        let band = Int((key >> 32) & IndexSchema.bandMask)
        guard band < bandCount else { return }
        let entries = IndexSchema.isDocumentKey(key) ? documentEntries[band] : paragraphEntries[band]
        let low = UInt64(UInt32(truncatingIfNeeded: key)) << 32
        var (lower, upper) = (0, entries.count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if entries[middle] < low { lower = middle + 1 } else { upper = middle }
        }
        while lower < entries.count && entries[lower] & 0xFFFF_FFFF_0000_0000 == low {
            try body(Int(entries[lower] & 0xFFFF_FFFF))
            lower += 1
        }
    }

    /// The candidates among the batch: for every two paragraphs (and every two articles) that share
    /// a band key, the later article's one paired with the earlier's, listed under the later article;
    /// for each key, with the first `allowance(key)` earlier articles only (`IndexSchema` keys).
    /// - Parameter documentOf: The batch article of a batch paragraph.
    /// - Returns: The pairs, and the articles that had more earlier articles for a key than its allowance.
    func pairsAmongBatch(
        documentOf: [Int32], documents: Int, threads: Int, allowance: @Sendable (Int64) -> Int
    ) -> (paragraphs: CandidateLists, documents: CandidateLists, truncated: Set<Int>) {
        let found = parallelChunks(count: bandCount, threads: threads, chunksPerThread: 2) { bands in
            var paragraphs = CandidateLists(documents: documents)
            var wholeTexts = CandidateLists(documents: documents)
            var truncated = Set<Int>()
            for band in bands {
                Self.appendPairs(
                    paragraphEntries[band], key: { IndexSchema.paragraphKey(band: band, key: $0) },
                    allowance: allowance,
                    documentOf: { Int(documentOf[$0]) }, to: &paragraphs, truncated: &truncated)
                Self.appendPairs(
                    documentEntries[band], key: { IndexSchema.documentKey(band: band, key: $0) }, allowance: allowance,
                    documentOf: { $0 }, to: &wholeTexts, truncated: &truncated)
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

    /// Appends `later << 32 | earlier` for members of each run of equal keys in `entries` that
    /// belong to different articles, under the later one's article: each later member with the
    /// members of the first `allowance` earlier articles (an article's members are next to each
    /// other). A later member's article with more earlier articles than that goes into `truncated`.
    private static func appendPairs(
        _ entries: [UInt64], key: (UInt32) -> Int64, allowance: (Int64) -> Int, documentOf: (Int) -> Int,
        to pairs: inout CandidateLists, truncated: inout Set<Int>
    ) {
        var start = 0
        while start < entries.count {
            let value = entries[start] >> 32
            var end = start + 1
            while end < entries.count && entries[end] >> 32 == value { end += 1 }
            if end - start > 1 {
                let allowed = allowance(key(UInt32(value)))
                for later in (start + 1)..<end {
                    let member = entries[later] & 0xFFFF_FFFF
                    let document = documentOf(Int(member))
                    var (taken, last) = (0, -1)
                    for earlier in start..<later {
                        let other = entries[earlier] & 0xFFFF_FFFF
                        let otherDocument = documentOf(Int(other))
                        if otherDocument == document { continue }
                        if otherDocument != last {
                            if taken == allowed {
                                truncated.insert(document)
                                break
                            }
                            (taken, last) = (taken + 1, otherDocument)
                        }
                        pairs.append(member << 32 | other, to: document)
                    }
                }
            }
            start = end
        }
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
