import NearDup

/// Rewrites: batch `scan`'s `RewriteLinker` rules, for one article against one candidate.
extension CandidateVerifier {
    /// The `rewrite` match of batch article `document` with workspace article `other`, if they are
    /// one: their whole-text word 3-grams are rewritten text and their numbers agree
    /// (`MatchRules.mayBeRewrite`), and their aligned paragraphs (`RewriteAlignment`) cover them
    /// like a copy (`MatchRules.coversLikeACopy`).
    /// - Parameter jaccard: Their whole-text Jaccard, when it is known already.
    mutating func rewriteMatch(_ document: Int, _ other: Int, jaccard: Double?) -> IndexMatch? {
        let corpus = workspace.corpus
        let included = isInWholeText
        let overlap = SetOverlap(
            sorted: trigrams.documentSet(document, corpus: corpus, included: included),
            trigrams.documentSet(other, corpus: corpus, included: included))
        guard rules.isRewritten(overlap) else { return nil }
        let numbers = SetOverlap(sorted: numberSet(document), numberSet(other))
        guard rules.mayBeRewrite(trigrams: overlap, numbers: numbers) else { return nil }
        let minimum = workspace.engine.options.minimumParagraphTokens
        let isContent = { included($0) && corpus.wordCount(ofParagraph: $0) >= minimum }
        let (copy, source) = (corpus.paragraphs(ofDocument: document), corpus.paragraphs(ofDocument: other))
        var sets: [Int: [UInt64]] = [:]
        for paragraph in Array(copy) + Array(source) where isContent(paragraph) {
            sets[paragraph] = trigrams.paragraphSet(paragraph)
        }
        let matches = RewriteAlignment(
            rules: rules, isContent: isContent, documents: workspace.documents, corpus: corpus
        ).matches(copy: copy, source: source) {
            SetOverlap(sorted: sets[$0, default: []], sets[$1, default: []])
        }
        let words = { (paragraph: Int) in corpus.wordCount(ofParagraph: paragraph) }
        let (coverage, storedCoverage) = RewriteAlignment.coverages(
            of: matches, copyContentWords: workspace.contentWords[document],
            sourceContentWords: workspace.contentWords[other], wordCount: words)
        guard rules.coversLikeACopy(copyCoverage: coverage, sourceCoverage: storedCoverage) else { return nil }
        let paragraphs = matches.map { match in
            IndexParagraphMatch(
                paragraph: match.copyParagraph - copy.lowerBound,
                storedParagraph: match.sourceParagraph - source.lowerBound,
                jaccard: match.jaccard, containment: match.copyContainment, storedContainment: match.sourceContainment,
                kind: match.kind)
        }
        return indexMatch(
            other, relation: .rewrite, coverage: coverage, storedCoverage: storedCoverage,
            jaccard: jaccard ?? wholeTextJaccard(document, other),
            rewriteScore: MatchRules.containmentOfSmaller(overlap),
            paragraphs: paragraphs)
    }

    /// The sorted, distinct numbers of `document`'s whole text (`DocumentNumbers`).
    private mutating func numberSet(_ document: Int) -> [UInt64] {
        if let set = numberSets[document] { return set }
        let set = DocumentNumbers.set(
            of: document, included: isInWholeText, documents: workspace.documents, corpus: workspace.corpus)
        numberSets[document] = set
        return set
    }
}
