import Foundation
import NearDup

/// Verifies the LSH candidates of batch articles exactly and turns them into answers, pair by
/// pair, with the engine's `MatchRules` (paragraph match, best partner, coverage both ways,
/// whole-text fallback for a pair that shares a whole-text band key, relation) in their
/// `.inDocument` scope: the index never applies the cross-document `recurring` rule.
///
/// One verifier per thread: it caches the shingle sets it computes, lazily, one article at a time
/// (the engine's `ShingleSets` builds a known list of sets at once). Rewrite candidates are verified
/// as batch `scan`'s `RewriteLinker` does (see `CandidateVerifier+Rewrites.swift`).
struct CandidateVerifier {
    let workspace: MatchWorkspace
    let rules: MatchRules
    /// The sets of the engine's shingle, for paragraph matches and the whole-text Jaccard.
    private var shingles: ShingleCache
    /// The word 3-gram sets (`RewriteSampling.shingle`), for rewrites.
    var trigrams: ShingleCache
    /// The number sets of whole texts (`DocumentNumbers`), for rewrites.
    var numberSets: [Int: [UInt64]] = [:]

    init(workspace: MatchWorkspace) {
        self.workspace = workspace
        rules = workspace.rules
        shingles = ShingleCache(workspace: workspace, kind: workspace.engine.options.shingle)
        trigrams = ShingleCache(workspace: workspace, kind: RewriteSampling.shingle)
    }

    /// The answer for batch article `document`, from its paragraph candidates `pairs` (sorted
    /// ``CandidatePair``s: batch paragraph → workspace paragraph), whole-text candidates `links`
    /// (sorted ``CandidatePair``s: batch article → workspace article) and rewrite candidates
    /// `rewrites` (workspace articles), keeping the `limit` strongest matches.
    ///
    /// A `partial` match the rules do not keep (`MatchRules.keepsLink`) is dropped; a match whose
    /// paragraphs are all shared quotations is a `quotation`; a rewrite candidate not matched as
    /// `duplicate` or `copy` that passes the rewrite rules is a `rewrite`
    /// match, replacing a `partial` one.
    /// - Parameter truncated: Whether candidates were left out (the answer says so).
    mutating func answer(
        for document: Int, pairs: [UInt64], links: [UInt64], rewrites: [Int], limit: Int, truncated: Bool
    ) -> IndexAnswer {
        let corpus = workspace.corpus
        var linkedDocuments = Set(links.map(CandidatePair.workspace))
        // Per other document, each paragraph's best partner and the other's covered paragraphs (by a
        // match that is not a shared quotation).
        var best: [Int: [Int: Evidence]] = [:]
        var coveredOther: [Int: Set<Int>] = [:]
        for pair in pairs {
            let (paragraph, other) = (CandidatePair.batch(pair), CandidatePair.workspace(pair))
            let overlap = SetOverlap(sorted: shingles.paragraphSet(paragraph), shingles.paragraphSet(other))
            guard rules.isMatch(overlap) else { continue }
            let otherDocument = corpus.document(ofParagraph: other)
            linkedDocuments.insert(otherDocument)
            let kind = MatchRules.kindOfMatch(paragraph, other, documents: workspace.documents, corpus: corpus)
            if kind != .quotation { coveredOther[otherDocument, default: []].insert(other) }
            if let current = best[otherDocument]?[paragraph],
                !MatchRules.isBetterPartner(
                    jaccard: overlap.jaccard, paragraph: other, than: (current.overlap.jaccard, current.partner))
            {
                continue
            }
            best[otherDocument, default: [:]][paragraph] = Evidence(partner: other, overlap: overlap, kind: kind)
        }

        var matchOf: [Int: IndexMatch] = [:]
        for other in linkedDocuments {
            let evidence = best[other] ?? [:]
            let jaccard = wholeTextJaccard(document, other)
            guard rules.isLinked(hasEvidence: !evidence.isEmpty, wholeTextJaccard: jaccard) else { continue }
            let found = match(document, other, evidence: evidence, covered: coveredOther[other] ?? [], jaccard: jaccard)
            let copied = evidence.filter { $0.value.kind != .quotation }.keys
            let matchedWords = copied.reduce(0) { $0 + corpus.wordCount(ofParagraph: $1) }
            guard
                rules.keepsLink(relation: found.relation, matchedParagraphs: copied.count, matchedWords: matchedWords)
            else { continue }
            matchOf[other] = found
        }
        for other in rewrites where matchOf[other].map({ MatchRules.yieldsToRewrite($0.relation) }) ?? true {
            if let rewrite = rewriteMatch(document, other, jaccard: matchOf[other]?.jaccard) {
                matchOf[other] = rewrite
            }
        }
        // Stored articles in the order they were added, then the batch's earlier ones.
        var matches = matchOf.map { other, match in
            (match: match, order: workspace.stored[other]?.number ?? (1 << 62) + Int64(other))
        }
        matches.sort(by: Self.isStronger)
        return IndexAnswer(
            id: workspace.documents[document].id, paragraphCount: corpus.paragraphs(ofDocument: document).count,
            contentWords: workspace.contentWords[document], matches: matches.prefix(limit).map(\.match),
            isAdded: false, isTruncated: truncated || matches.count > limit)
    }

    /// A verified paragraph match: the best partner in the other article, their overlap and the match's kind.
    private struct Evidence {
        var partner: Int
        var overlap: SetOverlap
        var kind: MatchKind
    }

    private func match(
        _ document: Int, _ other: Int, evidence: [Int: Evidence], covered: Set<Int>, jaccard: Double
    ) -> IndexMatch {
        let corpus = workspace.corpus
        let coveredWords = evidence.filter { $0.value.kind != .quotation }.keys.reduce(0) {
            $0 + corpus.wordCount(ofParagraph: $1)
        }
        let otherWords = covered.reduce(0) { $0 + corpus.wordCount(ofParagraph: $1) }
        let coverage = MatchRules.coverage(matchedWords: coveredWords, contentWords: workspace.contentWords[document])
        let storedCoverage = MatchRules.coverage(matchedWords: otherWords, contentWords: workspace.contentWords[other])
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        let otherStart = corpus.paragraphs(ofDocument: other).lowerBound
        let paragraphs = evidence.sorted { $0.key < $1.key }.map { paragraph, best in
            IndexParagraphMatch(
                paragraph: paragraph - start, storedParagraph: best.partner - otherStart, jaccard: best.overlap.jaccard,
                containment: best.overlap.firstContainment, storedContainment: best.overlap.secondContainment,
                kind: best.kind)
        }
        let relation = rules.relation(
            copyCoverage: coverage, sourceCoverage: storedCoverage, jaccard: jaccard,
            quotationsOnly: !evidence.isEmpty && evidence.values.allSatisfy { $0.kind == .quotation })
        return indexMatch(
            other, relation: relation,
            coverage: coverage, storedCoverage: storedCoverage, jaccard: jaccard, rewriteScore: nil,
            paragraphs: paragraphs)
    }

    /// The match with workspace article `other` of these scores.
    func indexMatch(
        _ other: Int, relation: Relation, coverage: Double, storedCoverage: Double, jaccard: Double,
        rewriteScore: Double?, paragraphs: [IndexParagraphMatch]
    ) -> IndexMatch {
        let source = workspace.documents[other]
        return IndexMatch(
            id: source.id, published: source.published, added: workspace.stored[other]?.added ?? workspace.now,
            source: source.source, relation: relation, coverage: coverage, storedCoverage: storedCoverage,
            jaccard: jaccard, rewriteScore: rewriteScore, paragraphs: paragraphs)
    }

    /// Whether a paragraph belongs to its article's whole text (no recurring boilerplate is known here).
    var isInWholeText: (Int) -> Bool {
        let (rules, corpus) = (rules, workspace.corpus)
        return { rules.isInWholeText(patternReason: corpus.patternReason(ofParagraph: $0), isRecurring: false) }
    }

    /// The exact Jaccard of the two articles' whole-text shingle sets.
    mutating func wholeTextJaccard(_ document: Int, _ other: Int) -> Double {
        let (corpus, included) = (workspace.corpus, isInWholeText)
        return SetOverlap(
            sorted: shingles.documentSet(document, corpus: corpus, included: included),
            shingles.documentSet(other, corpus: corpus, included: included)
        ).jaccard
    }

    /// `duplicate` before `copy` before `rewrite` before `partial` before `quotation`; then the larger of coverage and
    /// Jaccard; then the one added first (`order`).
    private static func isStronger(_ a: (match: IndexMatch, order: Int64), _ b: (match: IndexMatch, order: Int64))
        -> Bool
    {
        let rank: [Relation: Int] = [.duplicate: 0, .copy: 1, .rewrite: 2, .partial: 3, .quotation: 4]
        if a.match.relation != b.match.relation { return rank[a.match.relation]! < rank[b.match.relation]! }
        let (scoreA, scoreB) = (max(a.match.coverage, a.match.jaccard), max(b.match.coverage, b.match.jaccard))
        if scoreA != scoreB { return scoreA > scoreB }
        return a.order < b.order
    }
}
