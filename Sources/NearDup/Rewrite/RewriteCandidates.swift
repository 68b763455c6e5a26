/// Document pairs that share enough word 3-gram samples (`RewriteSampling`) to be measured for a
/// rewrite.
///
/// Each document's distinct samples (from the paragraphs its whole text includes) become postings:
/// the documents holding each sample. A sample held by more than
/// ``RewriteOptions/maximumSampleDocuments`` documents is a common phrase: it is skipped and
/// counted. Then, document by document, the samples it shares with each later document are
/// counted, without ever listing the pairs of a posting. A pair is a candidate when it shares at
/// least ``minimumSharedSamples`` samples, and at least ``sampledShareOfThreshold`` × the rewrite
/// threshold of the samples of the document with fewer (``isCandidate(sharedSamples:fewerSamples:threshold:)``):
/// samples estimate the 3-gram containment without bias, so this keeps the pairs near the
/// threshold and drops the rest unmeasured.
package struct RewriteCandidates {
    /// The containment at and above which two documents are a rewrite (`RewriteOptions.threshold`).
    let threshold: Double
    /// Worker threads for the counting pass.
    var threads = 1
    /// A pair must share at least this many samples.
    package static let minimumSharedSamples = 3
    /// A pair's share of shared samples must reach this share of the threshold.
    package static let sampledShareOfThreshold = 0.5

    /// Whether two documents sharing `sharedSamples` samples, the one with fewer holding
    /// `fewerSamples`, are a candidate at rewrite threshold `threshold`.
    @inlinable
    package static func isCandidate(sharedSamples: Int, fewerSamples: Int, threshold: Double) -> Bool {
        sharedSamples >= minimumSharedSamples
            && Double(sharedSamples) >= sampledShareOfThreshold * threshold * Double(fewerSamples)
    }

    /// The candidate pairs among documents that `eligible` accepts, from the samples of the
    /// paragraphs that `included` marks.
    /// - Returns: The pairs (packed by `UnorderedPair.pack(_:_:)`), sorted, and the number of samples
    ///   skipped as common phrases.
    /// - Complexity: O(*s* log *s*) for *s* samples, plus the document pairs of the postings kept.
    func candidates(
        corpus: PreparedCorpus, included: [Bool], eligible: (Int) -> Bool
    ) -> (pairs: [UInt64], commonSamples: Int) {
        let documentCount = corpus.documentCount
        // Entries pack a sample's high bits above the document number, so that one radix sort
        // orders them by sample, then document. Samples that differ only in their low bits meet
        // as one, which at most proposes a pair for exact verification.
        let documentBits = max(1, Int.bitWidth - max(0, documentCount - 1).leadingZeroBitCount)
        var entries: [UInt64] = []
        entries.reserveCapacity(corpus.rewriteSampleCount)
        var counts = [Int32](repeating: 0, count: documentCount)
        var samples: [UInt64] = []
        for document in 0..<documentCount where eligible(document) {
            samples.removeAll(keepingCapacity: true)
            for paragraph in corpus.paragraphs(ofDocument: document) where included[paragraph] {
                samples.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
            }
            counts[document] = Int32(sortAndUnique(&samples, from: 0))
            entries.append(contentsOf: samples.lazy.map { ($0 >> documentBits) << documentBits | UInt64(document) })
        }
        _ = sortAndUnique(&entries, from: 0)
        let (postings, commonSamples) = Postings.of(entries, documentBits: documentBits, documentCount: documentCount)
        entries = []
        let threshold = threshold
        let sampleCounts = counts
        let chunks = parallelChunks(count: documentCount, threads: threads) { range in
            var shared = [Int32](repeating: 0, count: documentCount)
            var touched: [Int32] = []
            var pairs: [UInt64] = []
            for document in range {
                for posting in postings.postings(ofDocument: document) {
                    for other in postings.documents(inPosting: Int(posting)) where Int(other) > document {
                        if shared[Int(other)] == 0 { touched.append(other) }
                        shared[Int(other)] += 1
                    }
                }
                touched.sort()
                for other in touched {
                    let fewer = Int(min(sampleCounts[document], sampleCounts[Int(other)]))
                    if Self.isCandidate(
                        sharedSamples: Int(shared[Int(other)]), fewerSamples: fewer, threshold: threshold)
                    {
                        pairs.append(UnorderedPair.pack(Int32(document), other))
                    }
                    shared[Int(other)] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
            return pairs
        }
        return (chunks.flatMap { $0 }, commonSamples)
    }
}

/// The documents holding each sample that proposes pairs (held by 2 to
/// `RewriteOptions.maximumSampleDocuments` documents), and the postings of each document.
private struct Postings: Sendable {
    /// Posting `p` is `documents[starts[p]..<starts[p + 1]]`, ascending.
    private var starts: [Int] = [0]
    private var documents: [Int32] = []
    /// Document `d`'s postings are `postingsOfDocument[documentStarts[d]..<documentStarts[d + 1]]`.
    private var documentStarts: [Int]
    private var postingsOfDocument: [Int32]

    /// The postings of `entries` (sorted `sample << documentBits | document` values), and the
    /// number of common samples left out.
    static func of(_ entries: [UInt64], documentBits: Int, documentCount: Int) -> (Postings, commonSamples: Int) {
        var postings = Postings(documentStarts: [], postingsOfDocument: [])
        var common = 0
        var perDocument = [Int](repeating: 0, count: documentCount + 1)
        let documentMask = (UInt64(1) << documentBits) - 1
        var start = 0
        while start < entries.count {
            let sample = entries[start] >> documentBits
            var end = start + 1
            while end < entries.count && entries[end] >> documentBits == sample { end += 1 }
            if end - start > RewriteOptions.maximumSampleDocuments {
                common += 1
            } else if end - start > 1 {
                for entry in entries[start..<end] {
                    postings.documents.append(Int32(entry & documentMask))
                    perDocument[Int(entry & documentMask) + 1] += 1
                }
                postings.starts.append(postings.documents.count)
            }
            start = end
        }
        for document in 0..<documentCount { perDocument[document + 1] += perDocument[document] }
        var cursor = perDocument
        var postingsOfDocument = [Int32](repeating: 0, count: perDocument[documentCount])
        for posting in 0..<(postings.starts.count - 1) {
            for document in postings.documents[postings.starts[posting]..<postings.starts[posting + 1]] {
                postingsOfDocument[cursor[Int(document)]] = Int32(posting)
                cursor[Int(document)] += 1
            }
        }
        postings.documentStarts = perDocument
        postings.postingsOfDocument = postingsOfDocument
        return (postings, common)
    }

    func postings(ofDocument document: Int) -> ArraySlice<Int32> {
        postingsOfDocument[documentStarts[document]..<documentStarts[document + 1]]
    }

    func documents(inPosting posting: Int) -> ArraySlice<Int32> {
        documents[starts[posting]..<starts[posting + 1]]
    }
}
