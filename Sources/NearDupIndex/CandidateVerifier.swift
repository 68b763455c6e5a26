import Foundation
import NearDup

/// Verifies the LSH candidates of batch articles exactly and turns them into answers, with the
/// batch engine's rules (`DocumentLinker`) pair by pair: a paragraph pair is evidence when its
/// exact Jaccard reaches the threshold; each matched paragraph keeps its best partner (highest
/// Jaccard, then earliest paragraph); coverage is matched words over content words, both ways; a
/// document pair is linked when it has evidence, or shares a whole-text band key and its exact
/// whole-text Jaccard reaches the threshold; `Relation`'s rule names the relation.
///
/// One verifier per thread: it caches the shingle sets it computes.
struct CandidateVerifier {
    private let workspace: MatchWorkspace
    private var shingler: ParagraphShingler
    private var paragraphSets: [Int: [UInt64]] = [:]
    private var documentSets: [Int: [UInt64]] = [:]

    init(workspace: MatchWorkspace) {
        self.workspace = workspace
        shingler = ParagraphShingler(
            documents: workspace.documents, corpus: workspace.corpus, kind: workspace.engine.options.shingle)
    }

    /// The answer for batch article `document`, from its paragraph candidates `pairs` (sorted,
    /// `paragraph << 32 | workspace paragraph`) and whole-text candidates `links` (sorted,
    /// `document << 32 | workspace document`), keeping the `limit` strongest matches.
    /// - Parameter truncated: Whether candidates were left out (the answer says so).
    mutating func answer(for document: Int, pairs: [UInt64], links: [UInt64], limit: Int, truncated: Bool)
        -> IndexAnswer
    {
        let corpus = workspace.corpus
        let threshold = workspace.engine.options.threshold
        var linkedDocuments = Set(links.map { Int($0 & 0xFFFF_FFFF) })
        // Per other document, each paragraph's best partner and the other's covered paragraphs.
        var best: [Int: [Int: (partner: Int, overlap: SetOverlap)]] = [:]
        var coveredOther: [Int: Set<Int>] = [:]
        for pair in pairs {
            let (paragraph, other) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            let overlap = SetOverlap(sorted: paragraphSet(paragraph), paragraphSet(other))
            guard overlap.jaccard >= threshold else { continue }
            let otherDocument = Int(corpus.paragraphDocuments[other])
            linkedDocuments.insert(otherDocument)
            coveredOther[otherDocument, default: []].insert(other)
            if let current = best[otherDocument]?[paragraph],
                current.overlap.jaccard > overlap.jaccard
                    || (current.overlap.jaccard == overlap.jaccard && current.partner < other)
            {
                continue
            }
            best[otherDocument, default: [:]][paragraph] = (other, overlap)
        }

        var matches: [(match: IndexMatch, order: Int64)] = []
        for other in linkedDocuments.sorted() {
            let evidence = best[other] ?? [:]
            let jaccard = SetOverlap(sorted: documentSet(document), documentSet(other)).jaccard
            if evidence.isEmpty && jaccard < threshold { continue }
            // Stored articles in the order they were added, then the batch's earlier ones.
            let order = workspace.stored[other]?.number ?? (1 << 62) + Int64(other)
            matches.append(
                (
                    match(document, other, evidence: evidence, covered: coveredOther[other] ?? [], jaccard: jaccard),
                    order
                ))
        }
        matches.sort(by: Self.isStronger)
        return IndexAnswer(
            id: workspace.documents[document].id, paragraphCount: corpus.paragraphs(ofDocument: document).count,
            contentWords: workspace.contentWords[document], matches: matches.prefix(limit).map(\.match),
            isAdded: false, isTruncated: truncated || matches.count > limit)
    }

    private func match(
        _ document: Int, _ other: Int, evidence: [Int: (partner: Int, overlap: SetOverlap)], covered: Set<Int>,
        jaccard: Double
    ) -> IndexMatch {
        let corpus = workspace.corpus
        let coveredWords = evidence.keys.reduce(0) { $0 + Int(corpus.wordCounts[$1]) }
        let otherWords = covered.reduce(0) { $0 + Int(corpus.wordCounts[$1]) }
        let coverage = Relation.share(coveredWords, of: workspace.contentWords[document])
        let storedCoverage = Relation.share(otherWords, of: workspace.contentWords[other])
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        let otherStart = corpus.paragraphs(ofDocument: other).lowerBound
        let paragraphs = evidence.keys.sorted().map { paragraph in
            let (partner, overlap) = evidence[paragraph]!
            return IndexParagraphMatch(
                paragraph: paragraph - start, storedParagraph: partner - otherStart, jaccard: overlap.jaccard,
                containment: overlap.firstContainment, storedContainment: overlap.secondContainment)
        }
        let source = workspace.documents[other]
        return IndexMatch(
            id: source.id, published: source.published, added: workspace.stored[other]?.added ?? workspace.now,
            source: source.source,
            relation: Relation(
                copyCoverage: coverage, sourceCoverage: storedCoverage, jaccard: jaccard,
                thresholds: workspace.engine.options.relations),
            coverage: coverage, storedCoverage: storedCoverage, jaccard: jaccard, paragraphs: paragraphs)
    }

    /// `duplicate` before `copy` before `partial`; then the larger of coverage and Jaccard; then the
    /// one added first (`order`).
    private static func isStronger(_ a: (match: IndexMatch, order: Int64), _ b: (match: IndexMatch, order: Int64))
        -> Bool
    {
        let rank: [Relation: Int] = [.duplicate: 0, .copy: 1, .partial: 2]
        if a.match.relation != b.match.relation { return rank[a.match.relation]! < rank[b.match.relation]! }
        let (scoreA, scoreB) = (max(a.match.coverage, a.match.jaccard), max(b.match.coverage, b.match.jaccard))
        if scoreA != scoreB { return scoreA > scoreB }
        return a.order < b.order
    }

    /// The sorted, distinct shingle hashes of a paragraph.
    private mutating func paragraphSet(_ paragraph: Int) -> [UInt64] {
        if let set = paragraphSets[paragraph] { return set }
        var set: [UInt64] = []
        shingler.appendShingles(ofParagraph: paragraph, to: &set)
        _ = sortAndUnique(&set, from: 0)
        paragraphSets[paragraph] = set
        return set
    }

    /// The whole-text set of a document: its paragraphs that are not boilerplate, like the batch
    /// engine's `inDocumentSet` (the index never applies the cross-document `recurring` rule).
    /// Shingles do not cross paragraphs, so the paragraphs already verified give theirs.
    private mutating func documentSet(_ document: Int) -> [UInt64] {
        if let set = documentSets[document] { return set }
        var set: [UInt64] = []
        for paragraph in workspace.corpus.paragraphs(ofDocument: document)
        where workspace.corpus.patternReasons[paragraph] == nil {
            if let known = paragraphSets[paragraph] {
                set += known
            } else {
                shingler.appendShingles(ofParagraph: paragraph, to: &set)
            }
        }
        _ = sortAndUnique(&set, from: 0)
        documentSets[document] = set
        return set
    }
}
