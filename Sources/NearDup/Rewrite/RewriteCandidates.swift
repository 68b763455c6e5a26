/// Document pairs that share enough word 3-gram samples (`RewriteSampling`) to be measured for a
/// rewrite.
///
/// Each document's samples (from the paragraphs its whole text includes) are gathered into one
/// list of `(sample, document)` entries, sorted by sample. Every run of documents sharing a sample
/// pairs them all, unless the run is longer than ``RewriteOptions/maximumSampleDocuments`` (a
/// common phrase), which is skipped and counted. A pair is a candidate when it shares at least
/// ``minimumSharedSamples`` samples, and at least ``sampledShareOfThreshold`` × the rewrite
/// threshold of the samples of the document with fewer: samples estimate the 3-gram containment
/// without bias, so this keeps pairs near the threshold and drops the rest unmeasured.
package struct RewriteCandidates {
    /// The containment at and above which two documents are a rewrite (`RewriteOptions.threshold`).
    let threshold: Double
    /// A pair must share at least this many samples.
    package static let minimumSharedSamples = 3
    /// A pair's share of shared samples must reach this share of the threshold.
    package static let sampledShareOfThreshold = 0.5

    /// Whether two documents that share `shared` samples, of `sampleCounts` distinct samples each,
    /// are a candidate at rewrite threshold `threshold`: they share at least
    /// ``minimumSharedSamples``, and at least ``sampledShareOfThreshold`` × `threshold` of the
    /// samples of the one with fewer.
    package static func isCandidate(shared: Int, sampleCounts: (Int, Int), threshold: Double) -> Bool {
        shared >= minimumSharedSamples
            && Double(shared) >= sampledShareOfThreshold * threshold * Double(min(sampleCounts.0, sampleCounts.1))
    }

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
        for document in 0..<corpus.documentCount where eligible(document) {
            samples.removeAll(keepingCapacity: true)
            for paragraph in corpus.paragraphs(ofDocument: document) where included[paragraph] {
                samples.append(contentsOf: corpus.rewriteSamples(ofParagraph: paragraph))
            }
            let distinct = sortAndUnique(&samples, from: 0)
            sampleCounts[document] = Int32(distinct)
            entries.append(contentsOf: samples.lazy.map { Entry(sample: $0, document: Int32(document)) })
        }
        entries.sort { $0.sample != $1.sample ? $0.sample < $1.sample : $0.document < $1.document }
        var pairs: [UInt64] = []
        var commonSamples = 0
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].sample == entries[start].sample { end += 1 }
            if end - start > RewriteOptions.maximumSampleDocuments {
                commonSamples += 1
            } else {
                for first in start..<end {
                    for second in (first + 1)..<end {
                        pairs.append(UnorderedPair.pack(entries[first].document, entries[second].document))
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
            let counts = (Int(sampleCounts[a]), Int(sampleCounts[b]))
            if Self.isCandidate(shared: end - start, sampleCounts: counts, threshold: threshold) {
                kept.append(pairs[start])
            }
            start = end
        }
        return kept
    }
}
