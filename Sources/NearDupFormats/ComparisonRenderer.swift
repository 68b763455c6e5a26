public import NearDup

/// Renders a `DocumentComparison` for people (`neardup compare`): a summary line, then every
/// paragraph of B (the copy) with its most similar paragraph of A (the source), `=>` marking a
/// match (`">` a shared quotation, not counted in B's matched content), and their exact scores; then the rewrite view: its score and verdict, and each aligned
/// pair side by side with the words both paragraphs share in `[brackets]`.
public struct ComparisonRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Renders the comparison.
    /// - Parameter comparison: What `NearDupEngine.compare(_:_:)` found.
    /// - Returns: Lines of text, ending with a newline.
    /// - Complexity: O(*n*) in the number of paragraphs of B.
    public func render(_ comparison: DocumentComparison) -> String {
        var out = "B = \(comparison.copy.id)\nA = \(comparison.source.id)\n"
        let matched = comparison.rows.filter(\.isMatch).count
        let quotations = comparison.rows.filter(\.isQuotation).count
        out +=
            "\(matched) of \(comparison.rows.count) paragraphs of B match a paragraph of A"
            + (quotations > 0 ? " (\(quotations) as shared quotations)" : "") + "; "
            + "\(Int((comparison.copyCoverage * 100).rounded()))% of B's content; whole-text Jaccard "
            + "\(Int((comparison.jaccard * 100).rounded()))%\n"
        for (index, row) in comparison.rows.enumerated() {
            let marker = row.isQuotation ? "\">" : row.isMatch ? "=>" : "  "
            out += "\n\(marker) B¶\(index) [\(row.role)] \(quote(comparison.copy, row.copyRange))\n"
            if let sourceRange = row.sourceRange {
                out += "   A: \(quote(comparison.source, sourceRange))\n"
                out +=
                    "   Jaccard \(Int((row.jaccard * 100).rounded()))%, "
                    + "\(Int((row.copyContainment * 100).rounded()))% of B¶\(index) found in it\n"
            }
        }
        if let rewrite = comparison.rewrite { render(rewrite, of: comparison, into: &out) }
        return out
    }

    private func render(
        _ rewrite: DocumentComparison.Rewrite, of comparison: DocumentComparison, into out: inout String
    ) {
        out +=
            "\nREWRITE: \(Int((rewrite.score * 100).rounded()))% of the shorter text's word 3-grams are in the other; "
            + "aligned paragraphs cover \(Int((rewrite.copyCoverage * 100).rounded()))% of B's content; "
            + (rewrite.isRewrite ? "B is a rewrite of A\n" : "not a rewrite\n")
        for pair in rewrite.alignment {
            let copy = String(comparison.copy.text(inBytes: pair.copyRange))
            let source = String(comparison.source.text(inBytes: pair.sourceRange))
            let markedCopy = Self.markingSharedWords(of: copy, with: source)
            let markedSource = Self.markingSharedWords(of: source, with: copy)
            out +=
                "\n~> \(Int((pair.copyContainment * 100).rounded()))% of B's 3-grams in A, "
                + "\(Int((pair.sourceContainment * 100).rounded()))% of A's in B\n"
            out += "   B: " + markedCopy + "\n"
            out += "   A: " + markedSource + "\n"
        }
    }

    /// `text` with each run of words that `other` also holds (compared lowercased, without
    /// punctuation) in brackets.
    static func markingSharedWords(of text: String, with other: String) -> String {
        let key = { (word: Substring) in word.lowercased().filter { $0.isLetter || $0.isNumber } }
        let known = Set(other.split(whereSeparator: \.isWhitespace).map(key))
        var out: [String] = []
        var run: [Substring] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !key(word).isEmpty && known.contains(key(word)) {
                run.append(word)
                continue
            }
            if !run.isEmpty { out.append("[" + run.joined(separator: " ") + "]") }
            run = []
            out.append(String(word))
        }
        if !run.isEmpty { out.append("[" + run.joined(separator: " ") + "]") }
        return out.joined(separator: " ")
    }

    private func quote(_ document: Document, _ range: Range<Int>) -> String {
        let paragraph = document.text(inBytes: range)
        return paragraph.count > 100 ? "\"\(paragraph.prefix(100))…\"" : "\"\(paragraph)\""
    }
}
