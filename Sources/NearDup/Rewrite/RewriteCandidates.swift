/// Document pairs that share enough word 3-gram samples (`RewriteSampling`) to be measured for a
/// rewrite.
///
/// Each document's distinct samples become postings, the documents holding each sample: those of
/// the paragraphs its whole text includes, which propose pairs, and those of its other paragraphs
/// outside in-document boilerplate (recurring boilerplate), which only count. (Counting every
/// paragraph outside in-document boilerplate makes a sample's count a sum over documents, which the
/// Spark job can take over a whole feed from `neardup bands` before the feed is split.) A sample is
/// a common phrase, skipped and counted, when more than ``RewriteOptions/maximumSampleDocuments``
/// documents hold it or it is one of ``commonSamples``. Then, document by document, the samples it
/// shares with each later document are counted, without ever listing the pairs of a posting; a
/// pair is a candidate by ``isCandidate(sharedSamples:fewerSamples:threshold:)``: samples estimate
/// the 3-gram containment without bias, so this keeps the pairs near the threshold and drops the
/// rest unmeasured.
///
/// Samples are compared on their high bits: the entries that are sorted pack a sample above the
/// document number and a proposing flag, so two samples that differ only in their lowest bits (one
/// more than the bits of the document count, less the three that every sample has clear) count as
/// one. That can only add a shared sample to a pair, which exact verification then measures.
package struct RewriteCandidates {
    /// The containment at and above which two documents are a rewrite (`RewriteOptions.threshold`).
    let threshold: Double
    /// Samples that are common phrases whatever their count here (`RewriteOptions.commonSamples`).
    var commonSamples: Set<UInt64> = []
    /// Worker threads for the counting pass.
    var threads = 1
    /// A pair's share of shared samples must reach this share of the threshold.
    package static let sampledShareOfThreshold = 0.5

    /// Whether two documents sharing `sharedSamples` samples, the one with fewer holding
    /// `fewerSamples`, are a candidate at rewrite threshold `threshold`: at least
    /// ``RewriteOptions/minimumSharedSamples`` shared, and at least ``sampledShareOfThreshold`` ×
    /// `threshold` of `fewerSamples`.
    @inlinable
    package static func isCandidate(sharedSamples: Int, fewerSamples: Int, threshold: Double) -> Bool {
        sharedSamples >= RewriteOptions.minimumSharedSamples
            && Double(sharedSamples) >= sampledShareOfThreshold * threshold * Double(fewerSamples)
    }

    /// The candidate pairs among documents that `eligible` accepts, from the samples of the
    /// paragraphs that `included` marks.
    /// - Returns: The pairs (packed by `UnorderedPair.pack(_:_:)`), and the number of samples
    ///   skipped as common phrases.
    /// - Complexity: O(*s* log *s*) for *s* samples, plus the document pairs of the postings kept.
    func candidates(
        corpus: PreparedCorpus, included: [Bool], eligible: (Int) -> Bool
    ) -> (pairs: [UInt64], commonSamples: Int) {
        let documentCount = corpus.documentCount
        let layout = EntryLayout(documentCount: documentCount)
        var entries: [UInt64] = []
        entries.reserveCapacity(corpus.rewriteSampleCount)
        var counts = [Int32](repeating: 0, count: documentCount)
        var proposing: [UInt64] = []
        var counted: [UInt64] = []
        var listedCommon: Set<UInt64> = []
        for document in 0..<documentCount where eligible(document) {
            proposing.removeAll(keepingCapacity: true)
            counted.removeAll(keepingCapacity: true)
            for paragraph in corpus.paragraphs(ofDocument: document)
            where corpus.patternReason(ofParagraph: paragraph) == nil {
                if included[paragraph] {
                    proposing.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
                } else {
                    counted.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
                }
            }
            counts[document] = Int32(sortAndUnique(&proposing, from: 0))
            _ = sortAndUnique(&counted, from: 0)
            for (samples, proposes) in [(proposing, true), (counted, false)] {
                for sample in samples {
                    if !commonSamples.isEmpty && commonSamples.contains(sample) {
                        listedCommon.insert(sample)
                        continue
                    }
                    entries.append(layout.entry(sample: sample, document: document, proposes: proposes))
                }
            }
        }
        _ = sortAndUnique(&entries, from: 0)
        let (postings, countedCommon) = Postings.of(entries, layout: layout, documentCount: documentCount)
        entries = []
        let threshold = threshold
        let sampleCounts = counts
        let chunks = parallelChunks(count: documentCount, threads: threads) { range in
            var shared = [Int32](repeating: 0, count: documentCount)
            var touched: [Int32] = []
            var pairs: [UInt64] = []
            for document in range {
                postings.forEachLaterHolder(ofPostingsOf: document) { other in
                    if shared[Int(other)] == 0 { touched.append(other) }
                    shared[Int(other)] += 1
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
        return (chunks.flatMap { $0 }, countedCommon + listedCommon.count)
    }
}

/// How a sorted entry packs a sample, a document and whether the document proposes pairs with it:
/// `sample's high bits | document << 1 | proposes`.
private struct EntryLayout {
    /// The bits below the sample: the document number and the flag.
    let lowBits: Int

    init(documentCount: Int) {
        lowBits = 1 + max(1, Int.bitWidth - max(0, documentCount - 1).leadingZeroBitCount)
    }

    func entry(sample: UInt64, document: Int, proposes: Bool) -> UInt64 {
        (sample >> lowBits) << lowBits | UInt64(document) << 1 | (proposes ? 1 : 0)
    }

    func sample(_ entry: UInt64) -> UInt64 { entry >> lowBits }
    func document(_ entry: UInt64) -> Int32 { Int32(truncatingIfNeeded: (entry & ((1 << lowBits) - 1)) >> 1) }
    func proposes(_ entry: UInt64) -> Bool { entry & 1 == 1 }
}

/// The proposing documents of each sample that is not a common phrase and that two or more of them
/// hold, and the postings of each document.
private struct Postings: Sendable {
    /// Posting `p` is `documents[starts[p]..<starts[p + 1]]`, ascending.
    private var starts: [Int] = [0]
    private var documents: [Int32] = []
    /// Document `d`'s postings, as the place of `d` in each (an index into `documents`), are
    /// `places[documentStarts[d]..<documentStarts[d + 1]]`.
    private var documentStarts: [Int] = []
    private var places: [Int] = []
    /// The end of the posting that holds each place of `documents`.
    private var ends: [Int32] = []

    /// The postings of `entries` (sorted, by `layout`), and the number of common samples left out.
    static func of(_ entries: [UInt64], layout: EntryLayout, documentCount: Int) -> (Postings, commonSamples: Int) {
        var postings = Postings()
        var common = 0
        var perDocument = [Int](repeating: 0, count: documentCount + 1)
        var holders: [Int32] = []
        var start = 0
        while start < entries.count {
            let sample = layout.sample(entries[start])
            var end = start
            var documents = 0
            holders.removeAll(keepingCapacity: true)
            while end < entries.count && layout.sample(entries[end]) == sample {
                let document = layout.document(entries[end])
                if end == start || layout.document(entries[end - 1]) != document { documents += 1 }
                if layout.proposes(entries[end]) { holders.append(document) }
                end += 1
            }
            if documents > RewriteOptions.maximumSampleDocuments {
                common += 1
            } else if holders.count > 1 {
                for document in holders { perDocument[Int(document) + 1] += 1 }
                postings.documents += holders
                postings.ends += repeatElement(Int32(postings.documents.count), count: holders.count)
                postings.starts.append(postings.documents.count)
            }
            start = end
        }
        for document in 0..<documentCount { perDocument[document + 1] += perDocument[document] }
        var cursor = perDocument
        var places = [Int](repeating: 0, count: perDocument[documentCount])
        for (place, document) in postings.documents.enumerated() {
            places[cursor[Int(document)]] = place
            cursor[Int(document)] += 1
        }
        postings.documentStarts = perDocument
        postings.places = places
        return (postings, common)
    }

    /// Calls `body` with every document after `document` in each posting that holds it, as often
    /// as they share a posting.
    /// - Complexity: O(*h*) for *h* such holders.
    func forEachLaterHolder(ofPostingsOf document: Int, _ body: (Int32) -> Void) {
        documents.withUnsafeBufferPointer { documents in
            ends.withUnsafeBufferPointer { ends in
                // Safety: a place indexes `documents` and `ends`, and `ends[place]` is the end of its
                // posting, at most `documents.count`.
                for place in places[documentStarts[document]..<documentStarts[document + 1]] {
                    for later in (place + 1)..<Int(ends[place]) { body(documents[later]) }
                }
            }
        }
    }
}
