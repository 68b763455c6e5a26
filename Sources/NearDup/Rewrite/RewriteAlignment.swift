/// Which paragraphs of a rewrite are reworded versions of which paragraphs of its source.
///
/// Every content paragraph pair is measured exactly on word 3-grams, and a pair is aligned when
/// the rules call it rewritten (`MatchRules.isRewritten(_:)`). The alignment is many-to-many: a
/// copy paragraph that merges two source paragraphs is aligned with both, and a source paragraph
/// split in two is aligned with each half. An aligned pair that is a shared quotation
/// (`SharedQuotation`) is a `quotation` match, which covers nothing.
package struct RewriteAlignment {
    let rules: MatchRules
    /// Whether a paragraph takes part: content long enough to match on its own.
    let isContent: (Int) -> Bool
    /// The texts of the paragraphs.
    let documents: [Document]
    let corpus: PreparedCorpus

    /// An alignment by `rules` of the paragraphs of `corpus` (documents `documents`) that
    /// `isContent` accepts.
    package init(rules: MatchRules, isContent: @escaping (Int) -> Bool, documents: [Document], corpus: PreparedCorpus) {
        self.rules = rules
        self.isContent = isContent
        self.documents = documents
        self.corpus = corpus
    }

    /// The aligned pairs of `copy`'s paragraphs with `source`'s, in copy then source order, from
    /// the overlap of their word 3-gram sets (`RewriteSampling/shingle`), copy paragraph first.
    /// - Complexity: O(*p* · *q* · *s*) for *p* and *q* paragraphs of *s* 3-grams.
    package func matches(
        copy: Range<Int>, source: Range<Int>, overlap: (_ copy: Int, _ source: Int) -> SetOverlap
    ) -> [ParagraphMatch] {
        var matches: [ParagraphMatch] = []
        for copyParagraph in copy where isContent(copyParagraph) {
            for sourceParagraph in source where isContent(sourceParagraph) {
                let overlap = overlap(copyParagraph, sourceParagraph)
                guard rules.isRewritten(overlap) else { continue }
                let isQuotation = SharedQuotation.isSharedQuotation(
                    copyParagraph, sourceParagraph, documents: documents, corpus: corpus)
                matches.append(
                    ParagraphMatch(
                        sourceParagraph: sourceParagraph, copyParagraph: copyParagraph, jaccard: overlap.jaccard,
                        copyContainment: overlap.firstContainment, sourceContainment: overlap.secondContainment,
                        kind: isQuotation ? .quotation : .rewritten))
            }
        }
        return matches
    }

    /// The shares of the copy's and the source's content words (`copyContentWords`,
    /// `sourceContentWords`) in paragraphs that take part in `matches` other than shared quotations,
    /// each paragraph counted once (`MatchRules.coverage`).
    package static func coverages(
        of matches: [ParagraphMatch], copyContentWords: Int, sourceContentWords: Int, wordCount: (Int) -> Int
    ) -> (copy: Double, source: Double) {
        let matches = matches.filter { $0.kind != .quotation }
        func words(_ paragraphs: [Int]) -> Int { Set(paragraphs).reduce(0) { $0 + wordCount($1) } }
        return (
            MatchRules.coverage(
                matchedWords: words(matches.map(\.copyParagraph)), contentWords: copyContentWords),
            MatchRules.coverage(
                matchedWords: words(matches.map(\.sourceParagraph)), contentWords: sourceContentWords)
        )
    }
}
