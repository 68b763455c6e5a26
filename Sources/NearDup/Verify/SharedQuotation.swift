/// Whether a matched paragraph pair is a shared quotation: two documents that quote the same source
/// statement, not one that copies the other (issue 18). Independent reports of one event quote the
/// same statement word for word and frame it in their own words; a copy carries the framing too.
///
/// The pair is a shared quotation when, in each paragraph, at least ``minimumQuotedShare`` of the
/// words it shares with the other lie inside quotation marks, and the paragraphs frame the
/// quotation in their own words: of the words outside the quotation marks of both, fewer than
/// ``maximumSharedFramingShare`` are shared. A word is shared when a word 3-gram holding it is in
/// both paragraphs. An exact or lightly edited copy of a paragraph that contains quotations shares
/// its framing words as well, so it stays a copy.
///
/// Quotation marks: straight `"` (each one turns quoting on or off), curly `“ ”` and `„`, guillemets
/// `« »`, and curly single quotes `‘ ’` around a whole passage (`‘` after a non-letter opens, `’`
/// before a non-letter closes an open one, so the apostrophes of `don’t` and `forces’` inside a
/// quotation are left alone). A quotation left open runs to the end of the paragraph, as a quotation
/// continued in the next paragraph does.
package enum SharedQuotation {
    /// The share of a paragraph's shared words that must lie inside quotation marks, in both
    /// paragraphs. Measured on the dev split (seed 18): copied paragraph pairs reach at most 0.61
    /// (a verbatim copy of a quote-heavy paragraph); the seeds' shared KCNA quotation is 0.95.
    package static let minimumQuotedShare = 0.8
    /// The share of the two paragraphs' words outside quotation marks that may be shared: less
    /// than half. The seeds' KCNA pairs share 1 of 12; a generated wire copy of a paragraph of three
    /// quotations with one framing word edited (10k generated feed, doc-0005773 ¶12 / doc-0005964
    /// ¶12) shares nearly all, and stays a copy.
    package static let maximumSharedFramingShare = 0.5

    /// How the words of two paragraphs are shared, as the rule measures it.
    package struct Measure: Sendable, Hashable {
        /// The share of the first paragraph's shared words inside quotation marks (0 when it shares none).
        package let firstQuotedShare: Double
        /// The same for the second paragraph.
        package let secondQuotedShare: Double
        /// The share of the words outside the quotation marks of both paragraphs that are shared (1
        /// when there are none: two bare quotations cannot be told from a copied one).
        package let sharedFramingShare: Double

        /// Whether the pair is a shared quotation: ``minimumQuotedShare`` reached on both sides, and
        /// less than ``maximumSharedFramingShare`` of the framing shared.
        package var isSharedQuotation: Bool {
            min(firstQuotedShare, secondQuotedShare) >= SharedQuotation.minimumQuotedShare
                && sharedFramingShare < SharedQuotation.maximumSharedFramingShare
        }
    }

    /// Whether paragraphs `first` and `second` of `corpus` (documents in `documents`) are a shared
    /// quotation.
    /// - Complexity: O(*n*) in the two paragraphs' length; O(*n*) byte scan only when either has no
    ///   quotation mark.
    package static func isSharedQuotation(
        _ first: Int, _ second: Int, documents: [Document], corpus: PreparedCorpus
    ) -> Bool {
        let text = { (paragraph: Int) in
            documents[corpus.document(ofParagraph: paragraph)].withTextUTF8(
                inBytes: corpus.byteRange(ofParagraph: paragraph)
            ) { Array($0) }
        }
        let firstText = text(first)
        guard firstText.withUnsafeBufferPointer(QuotedWords.hasQuotationMark) else { return false }
        let secondText = text(second)
        guard secondText.withUnsafeBufferPointer(QuotedWords.hasQuotationMark) else { return false }
        return firstText.withUnsafeBufferPointer { a in
            secondText.withUnsafeBufferPointer { b in measure(a, b).isSharedQuotation }
        }
    }

    /// Measures how the words of two paragraphs (UTF-8) are shared.
    /// - Complexity: O(*n*) in the two paragraphs' length.
    package static func measure(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>)
        -> Measure
    {
        var normalizer = TextNormalizer()
        let a = QuotedWords(first, normalizer: &normalizer)
        let b = QuotedWords(second, normalizer: &normalizer)
        let (sharedA, sharedB) = (a.sharedWords(with: b), b.sharedWords(with: a))
        return Measure(
            firstQuotedShare: a.quotedShare(of: sharedA), secondQuotedShare: b.quotedShare(of: sharedB),
            sharedFramingShare: sharedFramingShare(a.framing(sharedA), b.framing(sharedB)))
    }

    private static func sharedFramingShare(_ a: (words: Int, shared: Int), _ b: (words: Int, shared: Int)) -> Double {
        let words = a.words + b.words
        return words == 0 ? 1 : Double(a.shared + b.shared) / Double(words)
    }
}
