/// Matchable paragraphs collapsed into distinct texts, and the verified similarity edges between them.
///
/// Exact copies (same 64-bit XXH3 fingerprint of the normalized text) are one *distinct paragraph*
/// with several members, so a line repeated in ten thousand documents costs one LSH entry, not
/// fifty million pairs. Distinct paragraphs are numbered in the order of their first member.
struct ParagraphGraph: Sendable {
    /// The distinct paragraph of each paragraph, or -1 when it is not matchable.
    var distinctOf: [Int32]
    /// Members of distinct paragraph `d`: `members[memberStarts[d]..<memberStarts[d + 1]]`, ascending.
    var memberStarts: [Int]
    var members: [Int32]
    /// Verified edges, ascending by `(first, second)`, `first < second`.
    var edges: [VerifiedEdge]
    /// Neighbours of `d`: `edges` indices `neighbourEdges[neighbourStarts[d]..<neighbourStarts[d + 1]]`.
    var neighbourStarts: [Int]
    var neighbourEdges: [Int32]
    var candidateCount: Int
    var oversizedBuckets: Int

    var distinctCount: Int { memberStarts.count - 1 }

    func members(of distinct: Int) -> ArraySlice<Int32> { members[memberStarts[distinct]..<memberStarts[distinct + 1]] }

    /// The other end of `edge` seen from `distinct`.
    func neighbour(of distinct: Int, across edge: VerifiedEdge) -> Int {
        Int(edge.first) == distinct ? Int(edge.second) : Int(edge.first)
    }
}

/// A verified pair of distinct paragraphs: their exact overlap reached the threshold.
struct VerifiedEdge: Sendable, Hashable {
    var first: Int32
    var second: Int32
    var overlap: SetOverlap
}

/// Builds the `ParagraphGraph`: exact grouping, LSH candidates, exact verification.
struct ParagraphMatcher: Sendable {
    let options: NearDupOptions
    let layout: BandLayout
    let threads: Int
    /// Whether free pages go back to the system after each step that frees large buffers.
    var memoryRelease = MemoryRelease(isEnabled: false)
    /// Buckets larger than this are paired star-wise (see `CandidateFinder`).
    var maximumBucketSize = 2_000

    /// Matches the matchable paragraphs of `corpus`, emptying its `bandKeys` (which nothing reads
    /// after matching) as soon as the candidates are found, before verification needs memory.
    /// - Complexity: O(*n* log *n*) for *n* paragraphs, plus O(*s*) per candidate pair of *s* shingles.
    func match(_ corpus: inout PreparedCorpus, documents: [Document]) -> ParagraphGraph {
        let matchable = (0..<corpus.paragraphCount).filter {
            corpus.isMatchable($0, minimumWords: options.minimumParagraphTokens)
        }
        let (distinctOf, memberStarts, members) = groupExactCopies(matchable, corpus: corpus)
        let distinctCount = memberStarts.count - 1
        memoryRelease()  // the grouping's hash table
        let representatives = memberStarts.dropLast().map { members[$0] }
        let finder = CandidateFinder(layout: layout, maximumBucketSize: maximumBucketSize, threads: threads)
        let candidates = finder.candidates(
            bandKeys: corpus.bandKeys, rows: representatives.map { corpus.keyRows[Int($0)] })
        corpus.releaseParagraphBandKeys()
        memoryRelease()  // the finder's sort buffers
        let edges = verify(candidates.pairs, representatives: representatives, corpus: corpus, documents: documents)
        memoryRelease()  // the paragraphs' shingle sets
        let (neighbourStarts, neighbourEdges) = adjacency(of: edges, count: distinctCount)
        return ParagraphGraph(
            distinctOf: distinctOf, memberStarts: memberStarts, members: members, edges: edges,
            neighbourStarts: neighbourStarts, neighbourEdges: neighbourEdges,
            candidateCount: candidates.pairs.count, oversizedBuckets: candidates.oversizedBuckets)
    }

    /// Groups the matchable paragraphs with the same normalized text (equal text hashes), numbering
    /// groups by their first member, so numbering never depends on hash values; members ascend.
    private func groupExactCopies(
        _ matchable: [Int], corpus: PreparedCorpus
    ) -> (distinctOf: [Int32], memberStarts: [Int], members: [Int32]) {
        var groupOfText: [UInt64: Int32] = [:]
        groupOfText.reserveCapacity(matchable.count)
        var distinctOf = [Int32](repeating: -1, count: corpus.paragraphCount)
        var memberStarts = [0]
        for paragraph in matchable {
            let next = Int32(memberStarts.count - 1)
            let group = groupOfText[corpus.textHashes[paragraph], default: next]
            if group == next {
                groupOfText[corpus.textHashes[paragraph]] = next
                memberStarts.append(0)
            }
            distinctOf[paragraph] = group
            memberStarts[Int(group) + 1] += 1
        }
        for group in 0..<(memberStarts.count - 1) { memberStarts[group + 1] += memberStarts[group] }
        var members = [Int32](repeating: 0, count: matchable.count)
        var cursor = memberStarts
        for paragraph in matchable {
            let group = Int(distinctOf[paragraph])
            members[cursor[group]] = Int32(paragraph)
            cursor[group] += 1
        }
        return (distinctOf, memberStarts, members)
    }

    /// Keeps the candidate pairs of distinct paragraphs whose exact Jaccard reaches the threshold.
    private func verify(
        _ pairs: [UInt64], representatives representative: [Int32], corpus: PreparedCorpus, documents: [Document]
    ) -> [VerifiedEdge] {
        let paragraphs = UnorderedPair.items(in: pairs, count: representative.count).map { Int(representative[$0]) }
        let sets = ShingleSets.ofParagraphs(
            paragraphs, documents: documents, corpus: corpus, options: options, threads: threads)
        let rules = MatchRules(options: options, boilerplate: .inDocumentAndRecurring)
        let chunks = parallelChunks(count: pairs.count, threads: threads) { range in
            var edges: [VerifiedEdge] = []
            for pair in pairs[range] {
                let (a, b) = UnorderedPair.unpack(pair)
                let overlap = sets.overlap(Int(representative[a]), Int(representative[b]))
                if rules.isMatch(overlap) {
                    edges.append(VerifiedEdge(first: Int32(a), second: Int32(b), overlap: overlap))
                }
            }
            return edges
        }
        return chunks.flatMap { $0 }
    }

    private func adjacency(of edges: [VerifiedEdge], count: Int) -> (starts: [Int], edges: [Int32]) {
        var degree = [Int](repeating: 0, count: count + 1)
        for edge in edges {
            degree[Int(edge.first) + 1] += 1
            degree[Int(edge.second) + 1] += 1
        }
        for index in 0..<count { degree[index + 1] += degree[index] }
        var cursor = degree
        var neighbourEdges = [Int32](repeating: 0, count: edges.count * 2)
        for (index, edge) in edges.enumerated() {
            neighbourEdges[cursor[Int(edge.first)]] = Int32(index)
            cursor[Int(edge.first)] += 1
            neighbourEdges[cursor[Int(edge.second)]] = Int32(index)
            cursor[Int(edge.second)] += 1
        }
        return (degree, neighbourEdges)
    }
}
