import NearDup

/// The rewrite candidates of a batch: the articles that share word 3-gram samples with it.
extension MatchWorkspace {
    /// For each batch article, the workspace articles that share enough of its rewrite sample keys
    /// to be measured for a rewrite (`RewriteCandidates.isCandidate`), ascending: indexed ones and,
    /// when `amongBatch`, the batch's earlier ones.
    ///
    /// A sample held by more than `RewriteOptions.maximumSampleDocuments` articles (the article
    /// itself, the indexed ones and the batch's earlier ones) is a common phrase and proposes
    /// nothing: batch `scan`'s rule, on the articles this one is compared with.
    /// - Parameter excluding: For each batch article, a stored article never to report.
    /// - Complexity: One lookup of the batch's distinct sample keys, plus the articles sharing them.
    mutating func rewriteCandidates(
        probes: BatchProbes, store: IndexStore, view: BandView, excluding: [Int64?], amongBatch: Bool
    ) throws -> [[Int]] {
        guard let threshold = rules.rewriteThreshold else { return Array(repeating: [], count: batchCount) }
        let keys = probes.distinctSampleKeys
        let (hits, counts, capped) = try store.hits(
            keys: keys, view: view, bands: corpus.bandCount, limit: RewriteOptions.maximumSampleDocuments - 1,
            path: path
        ) { number in try workspaceDocument(number: number, store: store) != nil }
        let common = Set(capped)
        // Per batch article, the other article of each sample they share (once per sample).
        var sharers = Array(repeating: [Int](), count: batchCount)
        var next = 0
        for (index, key) in keys.enumerated() {
            var end = next
            while end < hits.count && hits[end].key == key { end += 1 }
            var indexed: [(number: Int64, document: Int)] = []
            for hit in hits[next..<end] {
                if let document = try workspaceDocument(number: hit.reference, store: store) {
                    indexed.append((hit.reference, document))
                }
            }
            next = end
            var earlier: [Int] = []
            probes.forEachMember(of: key) { member in
                defer { if amongBatch { earlier.append(member) } }
                let holders = 1 + Int(counts[index]) + earlier.count
                guard !common.contains(key), holders <= RewriteOptions.maximumSampleDocuments else { return }
                sharers[member] += indexed.lazy.filter { $0.number != excluding[member] }.map(\.document)
                sharers[member] += earlier
            }
        }
        return sharers.enumerated().map { document, others in
            var candidates: [Int] = []
            let others = others.sorted()
            var start = 0
            while start < others.count {
                var end = start + 1
                while end < others.count && others[end] == others[start] { end += 1 }
                let counts = (rewriteSampleCounts[document], rewriteSampleCounts[others[start]])
                if RewriteCandidates.isCandidate(shared: end - start, sampleCounts: counts, threshold: threshold) {
                    candidates.append(others[start])
                }
                start = end
            }
            return candidates
        }
    }
}
