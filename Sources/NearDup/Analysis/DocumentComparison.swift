/// Where each paragraph of one document (the copy) comes from in another (the source): every
/// paragraph pair is measured exactly, no LSH involved.
public struct DocumentComparison: Sendable {
    /// One paragraph of the copy and its most similar source paragraph.
    public struct Row: Sendable, Hashable {
        /// The copy paragraph's UTF-8 byte range in the copy's text.
        public let copyRange: Range<Int>
        /// Its role (content, short or boilerplate).
        public let role: ParagraphRole
        /// The most similar source paragraph's byte range in the source's text, if any shares a shingle.
        public let sourceRange: Range<Int>?
        /// Exact Jaccard similarity with that source paragraph (0 if none).
        public let jaccard: Double
        /// Share of the copy paragraph's shingles found in the source paragraph.
        public let copyContainment: Double
        /// Whether the pair reaches the threshold and neither side is boilerplate.
        public let isMatch: Bool
        /// Whether the match is a shared quotation (`MatchKind.quotation`): its words do not count
        /// toward `copyCoverage`.
        public let isQuotation: Bool
    }

    /// The source document.
    public let source: Document
    /// The copy document.
    public let copy: Document
    /// One row per copy paragraph, in reading order.
    public let rows: [Row]
    /// Exact Jaccard similarity of the two documents' non-boilerplate shingle sets.
    public let jaccard: Double
    /// Share of the copy's content words in matched paragraphs, shared quotations left out.
    public let copyCoverage: Double
    /// The rewrite view of the pair (`RewriteOptions`), or `nil` when rewrites are not sought.
    public let rewrite: Rewrite?

    /// The two documents seen as a possible rewrite: reworded text measured on word 3-grams.
    public struct Rewrite: Sendable, Hashable {
        /// The share of the shorter whole text's word 3-grams found in the other.
        public let score: Double
        /// Whether `scan` would link them as `rewrite` (when they are not already a `duplicate` or
        /// `copy`): the score reaches the threshold, their numbers agree, and the aligned
        /// paragraphs cover them like a copy.
        public let isRewrite: Bool
        /// Share of the copy's content words in aligned paragraphs.
        public let copyCoverage: Double
        /// The aligned paragraph pairs, in copy then source order (many-to-many).
        public let alignment: [AlignedPair]
    }

    /// A copy paragraph aligned with a source paragraph by the rewrite view.
    public struct AlignedPair: Sendable, Hashable {
        /// The copy paragraph's UTF-8 byte range in the copy's text.
        public let copyRange: Range<Int>
        /// The source paragraph's byte range in the source's text.
        public let sourceRange: Range<Int>
        /// Share of the copy paragraph's word 3-grams found in the source paragraph.
        public let copyContainment: Double
        /// Share of the source paragraph's word 3-grams found in the copy paragraph.
        public let sourceContainment: Double
    }
}

extension NearDupEngine {
    /// Compares two documents paragraph by paragraph, exactly.
    /// - Parameters:
    ///   - source: The document that may have been copied from.
    ///   - copy: The document whose paragraphs are traced back to `source`.
    /// - Returns: For each paragraph of `copy`, its best source paragraph with exact scores.
    /// - Complexity: O(*p* · *q* · *s*) for *p* and *q* paragraphs of *s* shingles.
    public func compare(_ source: Document, _ copy: Document) -> DocumentComparison {
        var preparer = DocumentPreparer(options: options, layout: bandLayout, hasher: hasher)
        let documents = [source, copy]
        let corpus = preparer.prepare(documents, range: 0..<2)
        let paragraphSets = ShingleSets.ofParagraphs(
            Array(0..<corpus.paragraphCount), documents: documents, corpus: corpus, options: options, threads: 1)
        let sourceParagraphs = corpus.paragraphs(ofDocument: 0)
        let copyParagraphs = corpus.paragraphs(ofDocument: 1)
        let isContent = { corpus.isMatchable($0, minimumWords: options.minimumParagraphTokens) }
        // Two documents alone: no corpus for the cross-document `recurring` rule.
        let rules = MatchRules(options: options, boilerplate: .inDocument)
        var rows: [DocumentComparison.Row] = []
        var matchedWords = 0
        var contentWords = 0
        for paragraph in copyParagraphs {
            var best: (overlap: SetOverlap, source: Int)?
            for candidate in sourceParagraphs {
                let overlap = paragraphSets.overlap(paragraph, candidate)
                guard overlap.intersection > 0 else { continue }
                if let current = best,
                    !MatchRules.isBetterPartner(
                        jaccard: overlap.jaccard, paragraph: candidate,
                        than: (current.overlap.jaccard, current.source))
                {
                    continue
                }
                best = (overlap, candidate)
            }
            let role: ParagraphRole =
                corpus.patternReasons[paragraph].map { .boilerplate($0) } ?? (isContent(paragraph) ? .content : .short)
            let isMatch =
                best.map { rules.isMatch($0.overlap) && isContent($0.source) } ?? false
                && role == .content
            let isQuotation =
                isMatch
                && best.map {
                    MatchRules.kindOfMatch(paragraph, $0.source, documents: documents, corpus: corpus) == .quotation
                } ?? false
            if role == .content {
                contentWords += Int(corpus.wordCounts[paragraph])
                if isMatch && !isQuotation { matchedWords += Int(corpus.wordCounts[paragraph]) }
            }
            rows.append(
                DocumentComparison.Row(
                    copyRange: corpus.byteRanges[paragraph], role: role,
                    sourceRange: best.map { corpus.byteRanges[$0.source] },
                    jaccard: best?.overlap.jaccard ?? 0, copyContainment: best?.overlap.firstContainment ?? 0,
                    isMatch: isMatch, isQuotation: isQuotation))
        }
        let included = corpus.patternReasons.map { rules.isInWholeText(patternReason: $0, isRecurring: false) }
        let documentSets = ShingleSets.ofDocuments(
            [0, 1], included: included, documents: documents, corpus: corpus, options: options, threads: 1)
        return DocumentComparison(
            source: source, copy: copy, rows: rows, jaccard: documentSets.overlap(1, 0).jaccard,
            copyCoverage: MatchRules.coverage(matchedWords: matchedWords, contentWords: contentWords),
            rewrite: rules.rewriteThreshold == nil
                ? nil : rewrite(documents: documents, corpus: corpus, included: included, rules: rules))
    }

    /// The rewrite view of source (document 0) and copy (document 1) in `corpus`, by the rules
    /// batch `scan` applies (`RewriteLinker`).
    private func rewrite(documents: [Document], corpus: PreparedCorpus, included: [Bool], rules: MatchRules)
        -> DocumentComparison.Rewrite
    {
        var trigramOptions = options
        trigramOptions.shingle = RewriteSampling.shingle
        let trigrams = ShingleSets.ofDocuments(
            [0, 1], included: included, documents: documents, corpus: corpus, options: trigramOptions, threads: 1
        ).overlap(1, 0)
        let numbers = SetOverlap(
            sorted: DocumentNumbers.set(of: 1, included: { included[$0] }, documents: documents, corpus: corpus),
            DocumentNumbers.set(of: 0, included: { included[$0] }, documents: documents, corpus: corpus))
        let isContent = { (paragraph: Int) in
            included[paragraph] && corpus.wordCount(ofParagraph: paragraph) >= options.minimumParagraphTokens
        }
        let paragraphSets = ShingleSets.ofParagraphs(
            Array(0..<corpus.paragraphCount), documents: documents, corpus: corpus, options: trigramOptions,
            threads: 1)
        let matches = RewriteAlignment(
            rules: rules, isContent: isContent, documents: documents, corpus: corpus
        ).matches(
            copy: corpus.paragraphs(ofDocument: 1), source: corpus.paragraphs(ofDocument: 0),
            overlap: paragraphSets.overlap)
        let words = { (paragraph: Int) in corpus.wordCount(ofParagraph: paragraph) }
        let content = { (document: Int) in
            corpus.paragraphs(ofDocument: document).filter(isContent).reduce(0) { $0 + words($1) }
        }
        let (copyCoverage, sourceCoverage) = RewriteAlignment.coverages(
            of: matches, copyContentWords: content(1), sourceContentWords: content(0), wordCount: words)
        return DocumentComparison.Rewrite(
            score: MatchRules.containmentOfSmaller(trigrams),
            isRewrite: rules.mayBeRewrite(trigrams: trigrams, numbers: numbers)
                && rules.coversLikeACopy(copyCoverage: copyCoverage, sourceCoverage: sourceCoverage),
            copyCoverage: copyCoverage,
            alignment: matches.map {
                DocumentComparison.AlignedPair(
                    copyRange: corpus.byteRanges[$0.copyParagraph], sourceRange: corpus.byteRanges[$0.sourceParagraph],
                    copyContainment: $0.copyContainment, sourceContainment: $0.sourceContainment)
            })
    }
}
