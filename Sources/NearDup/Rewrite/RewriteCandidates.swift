/// Document pairs that share enough word 3-gram samples (`RewriteSampling`) to be measured for a
/// rewrite.
///
/// Each document's samples are gathered into one list of `(sample, document)` entries, sorted by
/// sample: those of the paragraphs its whole text includes, which propose pairs, and those of its
/// other paragraphs outside in-document boilerplate (recurring boilerplate), which only count.
/// Every run of documents sharing a sample pairs its proposing documents, unless the sample is a
/// common phrase, which is skipped and counted: held by more than
/// ``RewriteOptions/maximumSampleDocuments`` documents, or one of ``commonSamples``. (Counting every
/// paragraph outside in-document boilerplate makes the count a sum over documents that the Spark
/// job can take over a whole feed from `neardup bands` before the feed is split.) A pair is a
/// candidate when it shares at least ``RewriteOptions/minimumSharedSamples`` samples, and at least
/// ``sampledShareOfThreshold`` × the rewrite threshold of the samples of the document with fewer:
/// samples estimate the 3-gram containment without bias, so this keeps pairs near the threshold
/// and drops the rest unmeasured.
struct RewriteCandidates {
    /// The containment at and above which two documents are a rewrite (`RewriteOptions.threshold`).
    let threshold: Double
    /// Samples that are common phrases whatever their count here (`RewriteOptions.commonSamples`).
    let commonSamples: Set<UInt64>
    /// A pair's share of shared samples must reach this share of the threshold.
    static let sampledShareOfThreshold = 0.5

    /// The candidate pairs among documents that `eligible` accepts, from the samples of the
    /// paragraphs that `included` marks.
    /// - Returns: The pairs (packed by `UnorderedPair.pack(_:_:)`), sorted, and the number of samples
    ///   skipped as common phrases.
    /// - Complexity: O(*s* log *s*) for *s* samples, plus the pairs of the runs kept.
    func candidates(
        corpus: PreparedCorpus, included: [Bool], eligible: (Int) -> Bool
    ) -> (pairs: [UInt64], commonSamples: Int) {
        var entries: [Entry] = []
        var sampleCounts = [Int32](repeating: 0, count: corpus.documentCount)
        var samples: [UInt64] = []
        var counted: [UInt64] = []
        for document in 0..<corpus.documentCount where eligible(document) {
            samples.removeAll(keepingCapacity: true)
            counted.removeAll(keepingCapacity: true)
            for paragraph in corpus.paragraphs(ofDocument: document) where corpus.patternReasons[paragraph] == nil {
                if included[paragraph] {
                    samples.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
                } else {
                    counted.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
                }
            }
            let distinct = sortAndUnique(&samples, from: 0)
            sampleCounts[document] = Int32(distinct)
            entries.append(
                contentsOf: samples.lazy.map { Entry(sample: $0, document: Int32(document), proposes: true) })
            _ = sortAndUnique(&counted, from: 0)
            entries.append(
                contentsOf: counted.lazy.map { Entry(sample: $0, document: Int32(document), proposes: false) })
        }
        entries.sort { $0.sample != $1.sample ? $0.sample < $1.sample : $0.document < $1.document }
        var pairs: [UInt64] = []
        var commonSamples = 0
        var proposing: [Int32] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            var documents = 1
            while end < entries.count && entries[end].sample == entries[start].sample {
                if entries[end].document != entries[end - 1].document { documents += 1 }
                end += 1
            }
            if documents > RewriteOptions.maximumSampleDocuments || self.commonSamples.contains(entries[start].sample) {
                commonSamples += 1
            } else {
                proposing.removeAll(keepingCapacity: true)
                for entry in entries[start..<end] where entry.proposes { proposing.append(entry.document) }
                for first in proposing.indices {
                    for second in proposing[(first + 1)...] {
                        pairs.append(UnorderedPair.pack(proposing[first], second))
                    }
                }
            }
            start = end
        }
        entries = []
        return (kept(counting: &pairs, sampleCounts: sampleCounts), commonSamples)
    }

    private struct Entry {
        var sample: UInt64
        var document: Int32
        /// Whether the sample is in a paragraph the document's whole text includes.
        var proposes: Bool
    }

    /// The distinct pairs of `pairs` whose multiplicity (shared samples) passes the candidate rule.
    private func kept(counting pairs: inout [UInt64], sampleCounts: [Int32]) -> [UInt64] {
        pairs.sort()
        var kept: [UInt64] = []
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count && pairs[end] == pairs[start] { end += 1 }
            let (a, b) = UnorderedPair.unpack(pairs[start])
            let shared = end - start
            let fewer = Double(min(sampleCounts[a], sampleCounts[b]))
            if shared >= RewriteOptions.minimumSharedSamples
                && Double(shared) >= Self.sampledShareOfThreshold * threshold * fewer
            {
                kept.append(pairs[start])
            }
            start = end
        }
        return kept
    }
}
