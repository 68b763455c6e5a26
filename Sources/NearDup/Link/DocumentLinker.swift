import CNearDupKernels

/// Turns verified paragraph matches into document links: which paragraphs of one document are
/// matched in another, the share of each document's content that is covered, the exact
/// whole-text Jaccard, and the relation.
struct DocumentLinker: Sendable {
    let options: NearDupOptions
    /// The match rules: the whole-text fallback, the best partner, coverage and relation.
    let rules: MatchRules
    let layout: BandLayout
    let threads: Int
    /// The memory the run may use (`--memory-limit`), or `nil` for no limit.
    var memoryLimit: Int? = nil
    /// At most this many source paragraphs are paired with one evidence paragraph: its exact copies
    /// first, then its verified near copies, each in the preference order of their documents
    /// (`--keep`). A passage in more documents links each of them to the most preferred ones only;
    /// the paragraphs cut short are counted (`ScanStatistics.cappedParagraphs`).
    static let sourcesPerParagraph = 16
    /// A whole-document LSH bucket of more documents than this (near-identical texts) is paired
    /// with its first member only, and counted with the oversized buckets.
    static let maximumDocumentBucketSize = 256

    struct Input {
        var documents: [Document]
        var corpus: PreparedCorpus
        var graph: ParagraphGraph
        /// Whether each distinct paragraph is evidence (not recurring boilerplate).
        var isEvidence: [Bool]
        /// Whether each paragraph belongs to its document's whole-text set (not boilerplate).
        var inDocumentSet: [Bool]
        /// Words of each document's evidence paragraphs.
        var contentWords: [Int]
        /// Preference rank of each document (0 = most preferred).
        var rank: [Int]
        /// Documents with identical texts, grouped under their most preferred member.
        var twins: IdenticalDocuments
    }

    /// The best source paragraph found for a copy paragraph.
    private struct Coverage: Comparable {
        var pair: UInt64  // a `DirectedPair`: covering document → covered document
        var paragraph: Int32
        var score: Double
        var source: Int32
        var edge: Int32  // -1 for an exact copy

        static func < (lhs: Coverage, rhs: Coverage) -> Bool {
            if lhs.pair != rhs.pair { return lhs.pair < rhs.pair }
            if lhs.paragraph != rhs.paragraph { return lhs.paragraph < rhs.paragraph }
            return MatchRules.isBetterPartner(
                jaccard: lhs.score, paragraph: Int(lhs.source), than: (rhs.score, Int(rhs.source)))
        }
    }

    /// Links documents.
    /// - Returns: The links, sorted by (source, copy), the number of whole-document LSH candidates
    ///   and of oversized whole-document buckets, and the number of paragraphs whose pairing
    ///   ``sourcesPerParagraph`` cut short.
    /// - Throws: `NearDupError.memoryLimitExceeded` when the links would need more than `memoryLimit`.
    func link(_ input: Input) throws(NearDupError) -> (
        links: [DocumentLink], documentCandidates: Int, oversizedBuckets: Int, cappedParagraphs: Int
    ) {
        let (coverages, cappedParagraphs) = try bestCoverages(input)
        var matchesByPair: [UInt64: [Coverage]] = [:]
        for coverage in coverages {
            let (covering, covered) = (DirectedPair.covering(coverage.pair), DirectedPair.covered(coverage.pair))
            matchesByPair[UnorderedPair.pack(Int32(covering), Int32(covered)), default: []].append(coverage)
        }
        for (head, members) in input.twins.membersByHead {
            for member in members {
                matchesByPair[UnorderedPair.pack(Int32(head), Int32(member))] = twinEvidence(head, member, input)
            }
        }
        let candidates = wholeDocumentCandidates(input.corpus, twins: input.twins)
        var pairs = candidates.pairs
        let documentCandidates = pairs.count
        try requireMemory(forCoverages: coverages.count, documentPairs: documentCandidates)
        pairs.append(contentsOf: matchesByPair.keys)
        _ = sortAndUnique(&pairs, from: 0)
        let sortedPairs = pairs
        pairs = []
        let evidenceByPair = matchesByPair
        let jaccards = WholeTextOverlaps(options: options, threads: threads).overlaps(
            of: sortedPairs, included: input.inDocumentSet, documents: input.documents, corpus: input.corpus
        ).map(\.jaccard)
        let links = parallelChunks(count: sortedPairs.count, threads: threads) { range in
            var links: [DocumentLink] = []
            for (pair, measured) in zip(sortedPairs[range], jaccards[range]) {
                let evidence = evidenceByPair[pair] ?? []
                let (a, b) = UnorderedPair.unpack(pair)
                // Identical texts are duplicates even when they have no words (emoji, symbols).
                let jaccard = input.twins.head[a] == input.twins.head[b] ? 1 : measured
                guard rules.isLinked(hasEvidence: !evidence.isEmpty, wholeTextJaccard: jaccard) else { continue }
                links.append(makeLink(a, b, evidence: evidence, jaccard: jaccard, input: input))
            }
            return links
        }
        let headLinks = links.flatMap { $0 }
        let all = (headLinks + twinLinks(copying: headLinks, evidence: evidenceByPair, input: input)).filter {
            let copyParagraphs = Set($0.matches.filter { $0.kind != .quotation }.map(\.copyParagraph))
            return rules.keepsLink(
                relation: $0.relation, matchedParagraphs: copyParagraphs.count,
                matchedWords: copyParagraphs.reduce(0) { $0 + Int(input.corpus.wordCounts[$1]) })
        }
        return (
            all.sorted { ($0.source, $0.copy) < ($1.source, $1.copy) }, documentCandidates, candidates.oversizedBuckets,
            cappedParagraphs
        )
    }

    /// The evidence between a head and its twin `member`, as comparing them would find it: each
    /// evidence paragraph of either is an exact copy of the first paragraph of the other with the
    /// same text.
    private func twinEvidence(_ head: Int, _ member: Int, _ input: Input) -> [Coverage] {
        let corpus = input.corpus
        let distinctOf = input.graph.distinctOf
        var evidence: [Coverage] = []
        for (covered, covering) in [(member, head), (head, member)] {
            var firstWithText: [Int32: Int32] = [:]
            for paragraph in corpus.paragraphs(ofDocument: covering).reversed() {
                firstWithText[distinctOf[paragraph]] = Int32(paragraph)
            }
            let pair = DirectedPair.pack(covering: covering, covered: covered)
            for paragraph in corpus.paragraphs(ofDocument: covered) {
                let distinct = distinctOf[paragraph]
                guard distinct >= 0, input.isEvidence[Int(distinct)], let source = firstWithText[distinct] else {
                    continue
                }
                evidence.append(Coverage(pair: pair, paragraph: Int32(paragraph), score: 1, source: source, edge: -1))
            }
        }
        return evidence
    }

    /// For every link of a head with twins to a document outside its group, the same link for
    /// each twin: the head's evidence moved to the twin's paragraphs (identical texts have the
    /// same paragraphs at the same offsets), and the same whole-text Jaccard.
    private func twinLinks(
        copying headLinks: [DocumentLink], evidence: [UInt64: [Coverage]], input: Input
    ) -> [DocumentLink] {
        let starts = input.corpus.documentParagraphStarts
        var links: [DocumentLink] = []
        for link in headLinks {
            for (head, other) in [(link.source, link.copy), (link.copy, link.source)] {
                guard let members = input.twins.membersByHead[head], Int(input.twins.head[other]) != head else {
                    continue
                }
                let headEvidence = evidence[UnorderedPair.pack(Int32(head), Int32(other))] ?? []
                for member in members {
                    let shift = Int32(starts[member] - starts[head])
                    let moved = headEvidence.map { coverage in
                        var moved = coverage
                        let covering = DirectedPair.covering(coverage.pair)
                        let covered = DirectedPair.covered(coverage.pair)
                        if covering == head { moved.source += shift }
                        if covered == head { moved.paragraph += shift }
                        moved.pair = DirectedPair.pack(
                            covering: covering == head ? member : covering, covered: covered == head ? member : covered)
                        return moved
                    }
                    links.append(makeLink(other, member, evidence: moved, jaccard: link.jaccard, input: input))
                }
            }
        }
        return links
    }

    /// The link of documents `a` and `b` from their paragraph `evidence`: each match's kind, the
    /// coverages of the matches that are not shared quotations, and the relation.
    private func makeLink(_ a: Int, _ b: Int, evidence: [Coverage], jaccard: Double, input: Input) -> DocumentLink {
        let (source, copy) = input.rank[a] <= input.rank[b] ? (a, b) : (b, a)
        var coveredWords = [0, 0]  // of copy, of source
        var matches: [ParagraphMatch] = []
        // Both directions of a link often pair the same two paragraphs: measure each pair once.
        var kinds: [UInt64: MatchKind] = [:]
        for coverage in evidence {
            let coveredDocument = DirectedPair.covered(coverage.pair)
            let words = Int(input.corpus.wordCounts[Int(coverage.paragraph)])
            let paragraphs = UnorderedPair.pack(coverage.paragraph, coverage.source)
            let kind = kinds[paragraphs] ?? matchKind(coverage, input: input)
            kinds[paragraphs] = kind
            if coveredDocument == copy {
                matches.append(paragraphMatch(coverage, kind: kind, input: input))
            }
            if kind != .quotation { coveredWords[coveredDocument == copy ? 0 : 1] += words }
        }
        let copyCoverage = MatchRules.coverage(matchedWords: coveredWords[0], contentWords: input.contentWords[copy])
        let sourceCoverage = MatchRules.coverage(
            matchedWords: coveredWords[1], contentWords: input.contentWords[source])
        let relation = rules.relation(
            copyCoverage: copyCoverage, sourceCoverage: sourceCoverage, jaccard: jaccard,
            quotationsOnly: !matches.isEmpty && matches.allSatisfy { $0.kind == .quotation })
        return DocumentLink(
            source: source, copy: copy, relation: relation, copyCoverage: copyCoverage,
            sourceCoverage: sourceCoverage, jaccard: jaccard, rewriteScore: nil,
            matches: matches.sorted { $0.copyParagraph < $1.copyParagraph })
    }

    /// `verbatim`, or `quotation` for a near copy that is a shared quotation (`MatchRules.kindOfMatch`);
    /// an exact copy shares every word, so it is never one.
    private func matchKind(_ coverage: Coverage, input: Input) -> MatchKind {
        guard coverage.edge >= 0 else { return .verbatim }
        return MatchRules.kindOfMatch(
            Int(coverage.paragraph), Int(coverage.source), documents: input.documents, corpus: input.corpus)
    }

    private func paragraphMatch(_ coverage: Coverage, kind: MatchKind, input: Input) -> ParagraphMatch {
        guard coverage.edge >= 0 else {
            return ParagraphMatch(
                sourceParagraph: Int(coverage.source), copyParagraph: Int(coverage.paragraph), jaccard: 1,
                copyContainment: 1, sourceContainment: 1, kind: kind)
        }
        let edge = input.graph.edges[Int(coverage.edge)]
        let copyIsFirst = Int(edge.first) == Int(input.graph.distinctOf[Int(coverage.paragraph)])
        let overlap = edge.overlap
        return ParagraphMatch(
            sourceParagraph: Int(coverage.source), copyParagraph: Int(coverage.paragraph), jaccard: overlap.jaccard,
            copyContainment: copyIsFirst ? overlap.firstContainment : overlap.secondContainment,
            sourceContainment: copyIsFirst ? overlap.secondContainment : overlap.firstContainment, kind: kind)
    }

    /// For every evidence paragraph and every other document holding an exact copy or a verified
    /// neighbour of it, the best such source paragraph, within ``sourcesPerParagraph``.
    /// - Throws: `NearDupError.memoryLimitExceeded` when the links would need more than `memoryLimit`.
    /// - Complexity: O(*p* · ``sourcesPerParagraph`` · log) for *p* paragraphs.
    private func bestCoverages(_ input: Input) throws(NearDupError) -> (coverages: [Coverage], capped: Int) {
        let graph = input.graph
        let corpus = input.corpus
        let order = membersByPreference(graph, rank: input.rank, corpus: corpus)
        let sourceCounts = (0..<graph.distinctCount).map { distinct in
            graph.neighbourEdges[graph.neighbourStarts[distinct]..<graph.neighbourStarts[distinct + 1]].reduce(
                graph.members(of: distinct).count
            ) { $0 + graph.members(of: graph.neighbour(of: distinct, across: graph.edges[Int($1)])).count }
        }
        let chunks = parallelChunks(count: corpus.paragraphCount, threads: threads) { range in
            var found: [Coverage] = []
            var capped = 0
            for paragraph in range {
                let distinct = Int(graph.distinctOf[paragraph])
                guard distinct >= 0, input.isEvidence[distinct] else { continue }
                let document = corpus.paragraphDocuments[paragraph]
                guard input.twins.isHead(Int(document)) else { continue }
                var budget = Self.sourcesPerParagraph
                // Pairs `paragraph` with the first sources that fit the budget; also records the
                // reverse coverage when the source's own pairing may not reach back to `paragraph`.
                func add(_ other: Int, score: Double, edge: Int32) -> Bool {
                    let reverse = sourceCounts[other] > Self.sourcesPerParagraph
                    for source in order[graph.memberStarts[other]..<graph.memberStarts[other + 1]] {
                        let sourceDocument = corpus.paragraphDocuments[Int(source)]
                        guard input.twins.isHead(Int(sourceDocument)), sourceDocument != document else { continue }
                        guard budget > 0 else { return false }
                        budget -= 1
                        let pair = DirectedPair.pack(covering: Int(sourceDocument), covered: Int(document))
                        found.append(
                            Coverage(pair: pair, paragraph: Int32(paragraph), score: score, source: source, edge: edge))
                        if reverse {
                            found.append(
                                Coverage(
                                    pair: DirectedPair.reversed(pair), paragraph: source, score: score,
                                    source: Int32(paragraph), edge: edge))
                        }
                    }
                    return true
                }
                var complete = add(distinct, score: 1, edge: -1)
                for edgeIndex in graph.neighbourEdges[
                    graph.neighbourStarts[distinct]..<graph.neighbourStarts[distinct + 1]]
                where complete {
                    let edge = graph.edges[Int(edgeIndex)]
                    let other = graph.neighbour(of: distinct, across: edge)
                    guard input.isEvidence[other] else { continue }
                    complete = add(other, score: edge.overlap.jaccard, edge: edgeIndex)
                }
                if !complete { capped += 1 }
            }
            return (found, capped)
        }
        try requireMemory(forCoverages: chunks.reduce(0) { $0 + $1.0.count }, documentPairs: 0)
        var all = chunks.flatMap { $0.0 }
        all.sort()
        var best: [Coverage] = []
        for coverage in all
        where best.last.map({ $0.pair != coverage.pair || $0.paragraph != coverage.paragraph }) ?? true {
            best.append(coverage)
        }
        return (best, chunks.reduce(0) { $0 + $1.1 })
    }

    /// `graph.members`, with the members of each distinct paragraph that has more than
    /// ``sourcesPerParagraph`` of them ordered by their documents' preference (then paragraph), so
    /// that a capped pairing takes the documents `--keep` prefers.
    private func membersByPreference(_ graph: ParagraphGraph, rank: [Int], corpus: PreparedCorpus) -> [Int32] {
        var order = graph.members
        for distinct in 0..<graph.distinctCount
        where graph.memberStarts[distinct + 1] - graph.memberStarts[distinct] > Self.sourcesPerParagraph {
            order[graph.memberStarts[distinct]..<graph.memberStarts[distinct + 1]].sort {
                let (a, b) = (
                    rank[Int(corpus.paragraphDocuments[Int($0)])], rank[Int(corpus.paragraphDocuments[Int($1)])]
                )
                return a != b ? a < b : $0 < $1
            }
        }
        return order
    }

    /// Stops the run when holding `count` paragraph coverages and `documentPairs` whole-document
    /// candidates, and the links made of them, would take the process's resident memory past
    /// `memoryLimit`.
    private func requireMemory(forCoverages count: Int, documentPairs: Int) throws(NearDupError) {
        guard let limit = memoryLimit, count + documentPairs > 0 else { return }
        let resident = Int(neardup_resident_bytes())
        guard resident >= 0 else { return }
        let needed =
            resident + count * MemoryEstimate.bytesPerParagraphCoverage
            + documentPairs * MemoryEstimate.bytesPerDocumentPair
        if needed > limit {
            throw .memoryLimitExceeded(needed: needed, limit: limit, coverages: count, documentPairs: documentPairs)
        }
    }

    private func wholeDocumentCandidates(
        _ corpus: PreparedCorpus, twins: IdenticalDocuments
    ) -> (pairs: [UInt64], oversizedBuckets: Int) {
        let signed = (0..<corpus.documentCount).filter { corpus.documentHasSignature[$0] && twins.isHead($0) }
        let finder = CandidateFinder(
            layout: layout, maximumBucketSize: Self.maximumDocumentBucketSize, threads: threads)
        let rows = signed.map { Int32($0) }
        let found = finder.candidates(bandKeys: corpus.documentBandKeys, rows: rows)
        let pairs = found.pairs.map { pair in
            let (a, b) = UnorderedPair.unpack(pair)
            return UnorderedPair.pack(Int32(signed[a]), Int32(signed[b]))
        }
        return (pairs, found.oversizedBuckets)
    }
}
