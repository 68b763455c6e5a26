/// What is a match and what is a link: the one home of the rules that batch `scan`
/// (`ParagraphMatcher`, `DocumentLinker`), `compare` and the incremental index
/// (`CandidateVerifier`) apply. Each caller keeps its own orchestration (corpus-wide, two
/// documents, or one article against a store); the rules are these.
package struct MatchRules: Sendable {
    /// Which boilerplate a whole text leaves out, and which paragraphs count as evidence.
    package enum BoilerplateScope: Sendable {
        /// The in-document rules only (`BoilerplateRules`): what the incremental index applies,
        /// since it never sees the corpus that the cross-document rule needs.
        case inDocument
        /// The in-document rules and the cross-document `recurring` rule
        /// (`RecurringBoilerplateDetector`): what batch `scan` applies.
        case inDocumentAndRecurring
    }

    /// A paragraph pair (or a document pair without evidence) matches from this exact Jaccard up.
    package let threshold: Double
    /// Where the relations start.
    package let relations: RelationThresholds
    /// The boilerplate these rules leave out.
    package let boilerplate: BoilerplateScope
    /// Where rewrites start (`RewriteOptions.threshold`), or `nil` when rewrites are not sought.
    package let rewriteThreshold: Double?

    /// The rules of `options`, leaving out the boilerplate of `boilerplate`.
    package init(options: NearDupOptions, boilerplate: BoilerplateScope) {
        threshold = options.threshold
        relations = options.relations
        self.boilerplate = boilerplate
        rewriteThreshold = options.rewrite.isEnabled ? options.rewrite.threshold : nil
    }

    // MARK: - Paragraphs

    /// Whether two paragraphs whose shingle sets overlap as `overlap` match: exact Jaccard at least
    /// the threshold.
    @inlinable
    package func isMatch(_ overlap: SetOverlap) -> Bool { overlap.jaccard >= threshold }

    /// Whether a candidate partner (Jaccard `jaccard`, paragraph `paragraph`) is better than the
    /// current one: the highest Jaccard wins, then the earliest paragraph.
    @inlinable
    package static func isBetterPartner(
        jaccard: Double, paragraph: Int, than current: (jaccard: Double, paragraph: Int)
    ) -> Bool {
        jaccard != current.jaccard ? jaccard > current.jaccard : paragraph < current.paragraph
    }

    /// Whether a paragraph belongs to its document's whole text (the set whose Jaccard is measured):
    /// not boilerplate by the in-document rules (`patternReason`) nor, when these rules apply it,
    /// recurring boilerplate.
    @inlinable
    package func isInWholeText(patternReason: BoilerplateReason?, isRecurring: Bool) -> Bool {
        guard patternReason == nil else { return false }
        switch boilerplate {
        case .inDocument: return true
        case .inDocumentAndRecurring: return !isRecurring
        }
    }

    // MARK: - Documents

    /// Whether two documents are linked: they have evidence (matched paragraphs), or their exact
    /// whole-text Jaccard reaches the threshold.
    @inlinable
    package func isLinked(hasEvidence: Bool, wholeTextJaccard: Double) -> Bool {
        hasEvidence || wholeTextJaccard >= threshold
    }

    /// A `partial` link that rests on one matched paragraph needs at least this many words in it:
    /// one short shared line (a formulaic sentence, a template line) is not evidence of copying.
    package static let minimumSingleParagraphWords = 25

    /// Whether a link of `relation` whose copy has `matchedParagraphs` matched paragraphs of
    /// `matchedWords` words in all, shared quotations left out, stands: any relation but `partial`
    /// (a `quotation` link is reported however short its quotation); a `partial` link on whole-text
    /// similarity alone (no matched paragraph) or on two or more paragraphs; and a `partial` link
    /// on one paragraph of at least ``minimumSingleParagraphWords`` words.
    @inlinable
    package func keepsLink(relation: Relation, matchedParagraphs: Int, matchedWords: Int) -> Bool {
        relation != .partial || matchedParagraphs != 1 || matchedWords >= Self.minimumSingleParagraphWords
    }

    /// The kind of a verified near-verbatim match between paragraphs `first` and `second` of
    /// `corpus`: `quotation` when they are a shared quotation (`SharedQuotation`), else `verbatim`.
    /// - Complexity: O(*n*) in the two paragraphs' length.
    package static func kindOfMatch(
        _ first: Int, _ second: Int, documents: [Document], corpus: PreparedCorpus
    ) -> MatchKind {
        SharedQuotation.isSharedQuotation(first, second, documents: documents, corpus: corpus) ? .quotation : .verbatim
    }

    /// The share of a document's `contentWords` that `matchedWords` cover, at most 1 (0 for no content).
    @inlinable
    package static func coverage(matchedWords: Int, contentWords: Int) -> Double {
        contentWords == 0 ? 0 : min(1, Double(matchedWords) / Double(contentWords))
    }

    // MARK: - Rewrites

    /// Two texts that each carry at least this many numbers carry different stories when fewer than
    /// ``matchingNumberShare`` of the numbers of the one with fewer are found in the other.
    static let numbersToCompare = 3
    /// See ``numbersToCompare``.
    static let matchingNumberShare = 0.6

    /// The share of the smaller of two sets found in the other: how much of the shorter text
    /// survives in the longer (0 when either is empty).
    @inlinable
    package static func containmentOfSmaller(_ overlap: SetOverlap) -> Double {
        let smaller = min(overlap.firstCount, overlap.secondCount)
        return smaller == 0 ? 0 : Double(overlap.intersection) / Double(smaller)
    }

    /// Whether a paragraph or document pair whose word 3-gram sets overlap as `trigrams` is
    /// rewritten text: at least ``rewriteThreshold`` of the smaller set is found in the other.
    @inlinable
    package func isRewritten(_ trigrams: SetOverlap) -> Bool {
        rewriteThreshold.map { Self.containmentOfSmaller(trigrams) >= $0 } ?? false
    }

    /// Whether two documents may be a rewrite: their word 3-grams are rewritten text
    /// (``isRewritten(_:)``), and their numbers agree. Copies keep their source's figures, while
    /// formulaic stories (price notices, stake filings) share a template and differ exactly there:
    /// when both carry at least ``numbersToCompare`` numbers, at least ``matchingNumberShare`` of the
    /// smaller set must be found in the other. They are a rewrite when, in addition, their aligned
    /// paragraphs (`RewriteAlignment`) cover them like a copy (``coversLikeACopy(copyCoverage:sourceCoverage:)``):
    /// a text that shares a few verbatim paragraphs with another is `partial`, not rewritten.
    package func mayBeRewrite(trigrams: SetOverlap, numbers: SetOverlap) -> Bool {
        guard isRewritten(trigrams) else { return false }
        guard min(numbers.firstCount, numbers.secondCount) >= Self.numbersToCompare else { return true }
        return Self.containmentOfSmaller(numbers) >= Self.matchingNumberShare
    }

    /// The relation of two linked documents, from how much each covers of the other (shared
    /// quotations left out), their whole-text Jaccard similarity, and whether every matched
    /// paragraph is a shared quotation (`quotationsOnly`; `false` when none is matched): what is
    /// less than a copy is then a `quotation`, else `partial`.
    package func relation(copyCoverage: Double, sourceCoverage: Double, jaccard: Double, quotationsOnly: Bool)
        -> Relation
    {
        if min(copyCoverage, sourceCoverage) >= relations.duplicateCoverage || jaccard >= relations.duplicateCoverage {
            return .duplicate
        }
        if coversLikeACopy(copyCoverage: copyCoverage, sourceCoverage: sourceCoverage) { return .copy }
        return quotationsOnly ? .quotation : .partial
    }

    /// Whether a link of `relation` gives way to a `rewrite` when the pair passes the rewrite rules:
    /// a `partial` or `quotation` link (less than a copy); `duplicate` and `copy` stand.
    package static func yieldsToRewrite(_ relation: Relation) -> Bool { relation == .partial || relation == .quotation }

    /// Whether coverages this high make a copy: one document covers at least
    /// `RelationThresholds.copyCoverage` of the other, or each at least `mutualCoverage`.
    package func coversLikeACopy(copyCoverage: Double, sourceCoverage: Double) -> Bool {
        max(copyCoverage, sourceCoverage) >= relations.copyCoverage
            || min(copyCoverage, sourceCoverage) >= relations.mutualCoverage
    }
}
