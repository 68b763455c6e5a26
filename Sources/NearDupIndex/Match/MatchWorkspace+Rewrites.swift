import NearDup

/// The rewrite candidates of a batch: the articles that share word 3-gram samples with it.
extension MatchWorkspace {
    /// For each batch article, the workspace articles that share enough of its rewrite sample keys
    /// to be measured for a rewrite (`RewriteCandidates.isCandidate`), ascending: indexed ones and,
    /// when `amongBatch`, the batch's earlier ones. Only the candidates are read from the index.
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
        // The sample counts of the indexed articles met, `nil` for those gone.
        var sampleCounts: [Int64: Int?] = [:]
        func sampleCount(_ number: Int64) throws -> Int? {
            if let known = sampleCounts[number] { return known }
            let count = try store.rewriteSampleCount(number: number)
            sampleCounts[number] = count
            return count
        }
        let (hits, counts, capped) = try store.hits(
            keys: keys, view: view, bands: corpus.bandCount, limit: RewriteOptions.maximumSampleDocuments - 1,
            path: path
        ) { number in try sampleCount(number) != nil }
        let common = Set(capped)
        // Per batch article, the other article of each sample they share, once per sample: an
        // indexed article by its number, the batch's article `i` as `-1 - i`.
        var sharers = Array(repeating: [Int64](), count: batchCount)
        var next = 0
        for (index, key) in keys.enumerated() {
            var end = next
            while end < hits.count && hits[end].key == key { end += 1 }
            let indexed = hits[next..<end].map(\.reference)
            next = end
            var earlier: [Int64] = []
            probes.forEachMember(of: key) { member in
                defer { if amongBatch { earlier.append(-1 - Int64(member)) } }
                let holders = 1 + Int(counts[index]) + earlier.count
                guard !common.contains(key), holders <= RewriteOptions.maximumSampleDocuments else { return }
                sharers[member] += indexed.lazy.filter { $0 != excluding[member] }
                sharers[member] += earlier
            }
        }
        var candidates = Array(repeating: [Int](), count: batchCount)
        for (document, others) in sharers.enumerated() {
            let others = others.sorted()
            var start = 0
            while start < others.count {
                var end = start + 1
                while end < others.count && others[end] == others[start] { end += 1 }
                let (other, shared) = (others[start], end - start)
                start = end
                let otherCount = other < 0 ? rewriteSampleCounts[Int(-1 - other)] : try sampleCount(other)
                guard let otherCount,
                    RewriteCandidates.isCandidate(
                        sharedSamples: shared, fewerSamples: min(rewriteSampleCounts[document], otherCount),
                        threshold: threshold)
                else { continue }
                guard let workspace = other < 0 ? Int(-1 - other) : try workspaceDocument(number: other, store: store)
                else { continue }
                candidates[document].append(workspace)
            }
            candidates[document].sort()
        }
        return candidates
    }
}
