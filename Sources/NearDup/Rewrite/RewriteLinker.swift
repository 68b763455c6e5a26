/// The rewrite stage of batch `scan`: finds reworded copies among documents that paragraph
/// matching left unlinked or linked only as `partial`, and links them as `rewrite`.
///
/// 1. Candidates: documents (heads of identical groups) sharing word 3-gram samples
///    (`RewriteCandidates`).
/// 2. Pairs already linked as `duplicate` or `copy` are left as they are.
/// 3. Exact whole-text word 3-gram overlap (`WholeTextOverlaps`) and numbers (`DocumentNumbers`):
///    `MatchRules.mayBeRewrite`.
/// 4. The paragraphs of the pairs that pass are aligned (`RewriteAlignment`), for every member of
///    their identical groups; a pair whose alignment covers it like a copy
///    (`MatchRules.coversLikeACopy`) is a `rewrite`, replacing a `partial` link between the two.
struct RewriteLinker {
    let options: NearDupOptions
    let rules: MatchRules
    let threads: Int

    struct Input {
        var documents: [Document]
        var corpus: PreparedCorpus
        /// Whether each paragraph belongs to its document's whole text (not boilerplate).
        var included: [Bool]
        /// Words of each document's evidence paragraphs.
        var contentWords: [Int]
        /// Preference rank of each document (0 = most preferred).
        var rank: [Int]
        /// Documents with identical texts: only heads are candidates, and members share their links.
        var twins: IdenticalDocuments
    }

    /// `links` with the rewrites added (replacing `partial` and `quotation` links), sorted by (source, copy), the
    /// number of candidate pairs measured, and the number of common samples skipped.
    func link(_ links: [DocumentLink], input: Input) -> (links: [DocumentLink], candidates: Int, commonSamples: Int) {
        guard let threshold = rules.rewriteThreshold else { return (links, 0, 0) }
        let corpus = input.corpus
        var linkOfPair: [UInt64: Int] = [:]
        for (index, link) in links.enumerated() {
            linkOfPair[UnorderedPair.pack(Int32(link.source), Int32(link.copy))] = index
        }
        let isOpen = { (pair: UInt64) in linkOfPair[pair].map { MatchRules.yieldsToRewrite(links[$0].relation) } ?? true
        }
        let found = RewriteCandidates(
            threshold: threshold, commonSamples: options.rewrite.commonSamples, threads: threads
        ).candidates(
            corpus: corpus, included: input.included,
            eligible: { input.twins.isHead($0) && !corpus.paragraphs(ofDocument: $0).isEmpty })
        let candidates = found.pairs.filter(isOpen)
        var trigramOptions = options
        trigramOptions.shingle = RewriteSampling.shingle
        let trigrams = WholeTextOverlaps(options: trigramOptions, threads: threads).overlaps(
            of: candidates, included: input.included, documents: input.documents, corpus: corpus)
        let rewritten = candidates.indices.filter { rules.isRewritten(trigrams[$0]) }
        let numbers = numberOverlaps(of: rewritten.map { candidates[$0] }, input: input)
        var scoreOfPair: [UInt64: Double] = [:]
        for (index, numbers) in zip(rewritten, numbers)
        where rules.mayBeRewrite(trigrams: trigrams[index], numbers: numbers) {
            for pair in groupPairs(of: candidates[index], twins: input.twins) where isOpen(pair) {
                scoreOfPair[pair] = MatchRules.containmentOfSmaller(trigrams[index])
            }
        }
        let pairs = scoreOfPair.keys.sorted()
        let rewrites = aligned(pairs, input: input, trigramOptions: trigramOptions).filter {
            rules.coversLikeACopy(copyCoverage: $0.copyCoverage, sourceCoverage: $0.sourceCoverage)
        }
        let newPairs = rewrites.map(\.pair).filter { linkOfPair[$0] == nil }
        var jaccardOfPair: [UInt64: Double] = [:]
        let newOverlaps = WholeTextOverlaps(options: options, threads: threads).overlaps(
            of: newPairs, included: input.included, documents: input.documents, corpus: corpus)
        for (pair, overlap) in zip(newPairs, newOverlaps) { jaccardOfPair[pair] = overlap.jaccard }

        var replaced = Set<Int>()
        var result = links
        for rewrite in rewrites {
            if let existing = linkOfPair[rewrite.pair] { replaced.insert(existing) }
            result.append(
                DocumentLink(
                    source: rewrite.source, copy: rewrite.copy, relation: .rewrite,
                    copyCoverage: rewrite.copyCoverage, sourceCoverage: rewrite.sourceCoverage,
                    jaccard: linkOfPair[rewrite.pair].map { links[$0].jaccard } ?? jaccardOfPair[rewrite.pair] ?? 0,
                    rewriteScore: scoreOfPair[rewrite.pair], matches: rewrite.matches))
        }
        let kept = result.indices.filter { !replaced.contains($0) }.map { result[$0] }
        return (kept.sorted { ($0.source, $0.copy) < ($1.source, $1.copy) }, candidates.count, found.commonSamples)
    }

    /// A pair's alignment, oriented by preference.
    private struct Alignment {
        var pair: UInt64
        var source: Int
        var copy: Int
        var matches: [ParagraphMatch]
        var copyCoverage: Double
        var sourceCoverage: Double
    }

    /// The paragraph alignment of each of `pairs`, with the coverages it gives.
    private func aligned(_ pairs: [UInt64], input: Input, trigramOptions: NearDupOptions) -> [Alignment] {
        let corpus = input.corpus
        let isContent = { (paragraph: Int) in
            input.included[paragraph] && corpus.wordCount(ofParagraph: paragraph) >= options.minimumParagraphTokens
        }
        let paragraphs = UnorderedPair.items(in: pairs, count: corpus.documentCount)
            .flatMap { corpus.paragraphs(ofDocument: $0) }.filter(isContent)
        let sets = ShingleSets.ofParagraphs(
            paragraphs, documents: input.documents, corpus: corpus, options: trigramOptions, threads: threads)
        let alignment = RewriteAlignment(
            rules: rules, isContent: isContent, documents: input.documents, corpus: input.corpus)
        let words = { (paragraph: Int) in corpus.wordCount(ofParagraph: paragraph) }
        return pairs.map { pair in
            let (a, b) = UnorderedPair.unpack(pair)
            let (source, copy) = input.rank[a] <= input.rank[b] ? (a, b) : (b, a)
            let matches = alignment.matches(
                copy: corpus.paragraphs(ofDocument: copy), source: corpus.paragraphs(ofDocument: source),
                overlap: sets.overlap)
            let coverages = RewriteAlignment.coverages(
                of: matches, copyContentWords: input.contentWords[copy],
                sourceContentWords: input.contentWords[source], wordCount: words)
            return Alignment(
                pair: pair, source: source, copy: copy, matches: matches, copyCoverage: coverages.copy,
                sourceCoverage: coverages.source)
        }
    }

    /// Every pair of a member of `pair`'s first group with a member of its second: identical texts
    /// are rewrites of the same documents.
    private func groupPairs(of pair: UInt64, twins: IdenticalDocuments) -> [UInt64] {
        let (a, b) = UnorderedPair.unpack(pair)
        let groupA = [a] + (twins.membersByHead[a] ?? [])
        let groupB = [b] + (twins.membersByHead[b] ?? [])
        return groupA.flatMap { first in groupB.map { UnorderedPair.pack(Int32(first), Int32($0)) } }
    }

    /// The overlap of the number sets of each of `pairs`.
    private func numberOverlaps(of pairs: [UInt64], input: Input) -> [SetOverlap] {
        let documents = UnorderedPair.items(in: pairs, count: input.corpus.documentCount)
        let sets = DocumentNumbers.sets(
            of: documents, included: input.included, documents: input.documents, corpus: input.corpus,
            threads: threads)
        var setOfDocument: [Int: [UInt64]] = [:]
        for (document, set) in zip(documents, sets) { setOfDocument[document] = set }
        return pairs.map { pair in
            let (a, b) = UnorderedPair.unpack(pair)
            return SetOverlap(sorted: setOfDocument[a, default: []], setOfDocument[b, default: []])
        }
    }
}
