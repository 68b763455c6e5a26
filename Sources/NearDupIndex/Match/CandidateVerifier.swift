import Foundation
import NearDup

/// Verifies the LSH candidates of batch articles exactly and turns them into answers, pair by
/// pair, with the engine's `MatchRules` (paragraph match, best partner, coverage both ways,
/// whole-text fallback for a pair that shares a whole-text band key, relation) in their
/// `.inDocument` scope: the index never applies the cross-document `recurring` rule.
///
/// One verifier per thread: it caches the shingle sets it computes, lazily, one article at a time
/// (the engine's `ShingleSets` builds a known list of sets at once).
struct CandidateVerifier {
    private let workspace: MatchWorkspace
    private let rules: MatchRules
    private var shingler: ParagraphShingler
    private var paragraphSets: [Int: [UInt64]] = [:]
    private var documentSets: [Int: [UInt64]] = [:]

    init(workspace: MatchWorkspace) {
        self.workspace = workspace
        rules = MatchRules(options: workspace.engine.options, boilerplate: .inDocument)
        shingler = ParagraphShingler(
            documents: workspace.documents, corpus: workspace.corpus, kind: workspace.engine.options.shingle)
    }

    /// The answer for batch article `document`, from its paragraph candidates `pairs` (sorted
    /// ``CandidatePair``s: batch paragraph → workspace paragraph) and whole-text candidates `links`
    /// (sorted ``CandidatePair``s: batch article → workspace article), keeping the `limit`
    /// strongest matches.
    /// - Parameter truncated: Whether candidates were left out (the answer says so).
    mutating func answer(for document: Int, pairs: [UInt64], links: [UInt64], limit: Int, truncated: Bool)
        -> IndexAnswer
    {
        let corpus = workspace.corpus
        var linkedDocuments = Set(links.map(CandidatePair.workspace))
        // Per other document, each paragraph's best partner and the other's covered paragraphs.
        var best: [Int: [Int: (partner: Int, overlap: SetOverlap)]] = [:]
        var coveredOther: [Int: Set<Int>] = [:]
        for pair in pairs {
            let (paragraph, other) = (CandidatePair.batch(pair), CandidatePair.workspace(pair))
            let overlap = SetOverlap(sorted: paragraphSet(paragraph), paragraphSet(other))
            guard rules.isMatch(overlap) else { continue }
            let otherDocument = corpus.document(ofParagraph: other)
            linkedDocuments.insert(otherDocument)
            coveredOther[otherDocument, default: []].insert(other)
            if let current = best[otherDocument]?[paragraph],
                !MatchRules.isBetterPartner(
                    jaccard: overlap.jaccard, paragraph: other, than: (current.overlap.jaccard, current.partner))
            {
                continue
            }
            best[otherDocument, default: [:]][paragraph] = (other, overlap)
        }

        var matches: [(match: IndexMatch, order: Int64)] = []
        for other in linkedDocuments.sorted() {
            let evidence = best[other] ?? [:]
            let jaccard = SetOverlap(sorted: documentSet(document), documentSet(other)).jaccard
            guard rules.isLinked(hasEvidence: !evidence.isEmpty, wholeTextJaccard: jaccard) else { continue }
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
        let coveredWords = evidence.keys.reduce(0) { $0 + corpus.wordCount(ofParagraph: $1) }
        let otherWords = covered.reduce(0) { $0 + corpus.wordCount(ofParagraph: $1) }
        let coverage = MatchRules.coverage(matchedWords: coveredWords, contentWords: workspace.contentWords[document])
        let storedCoverage = MatchRules.coverage(matchedWords: otherWords, contentWords: workspace.contentWords[other])
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
            relation: rules.relation(copyCoverage: coverage, sourceCoverage: storedCoverage, jaccard: jaccard),
            coverage: coverage, storedCoverage: storedCoverage, jaccard: jaccard, paragraphs: paragraphs)
    }

    /// `duplicate` before `copy` before `partial`; then the larger of coverage and Jaccard; then the
    /// one added first (`order`).
    private static func isStronger(_ a: (match: IndexMatch, order: Int64), _ b: (match: IndexMatch, order: Int64))
        -> Bool
    {
        let rank: [Relation: Int] = [.duplicate: 0, .copy: 1, .rewrite: 2, .partial: 3]
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

    /// The whole-text set of a document: its paragraphs that `rules` keep in it (no recurring
    /// boilerplate is known here). Shingles do not cross paragraphs, so the paragraphs already
    /// verified give theirs.
    private mutating func documentSet(_ document: Int) -> [UInt64] {
        if let set = documentSets[document] { return set }
        var set: [UInt64] = []
        for paragraph in workspace.corpus.paragraphs(ofDocument: document)
        where rules.isInWholeText(
            patternReason: workspace.corpus.patternReason(ofParagraph: paragraph), isRecurring: false)
        {
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
