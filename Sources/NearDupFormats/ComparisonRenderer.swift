public import NearDup

/// Renders a `DocumentComparison` for people (`neardup compare`): a summary line, then every
/// paragraph of B (the copy) with its most similar paragraph of A (the source), `=>` marking a
/// match, and their exact scores.
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
        out +=
            "\(matched) of \(comparison.rows.count) paragraphs of B match a paragraph of A; "
            + "\(Int((comparison.copyCoverage * 100).rounded()))% of B's content; whole-text Jaccard "
            + "\(Int((comparison.jaccard * 100).rounded()))%\n"
        for (index, row) in comparison.rows.enumerated() {
            let marker = row.isMatch ? "=>" : "  "
            out += "\n\(marker) B¶\(index) [\(row.role)] \(quote(comparison.copy, row.copyRange))\n"
            if let sourceRange = row.sourceRange {
                out += "   A: \(quote(comparison.source, sourceRange))\n"
                out +=
                    "   Jaccard \(Int((row.jaccard * 100).rounded()))%, "
                    + "\(Int((row.copyContainment * 100).rounded()))% of B¶\(index) found in it\n"
            }
        }
        return out
    }

    private func quote(_ document: Document, _ range: Range<Int>) -> String {
        let paragraph = document.text(inBytes: range)
        return paragraph.count > 100 ? "\"\(paragraph.prefix(100))…\"" : "\"\(paragraph)\""
    }
}
