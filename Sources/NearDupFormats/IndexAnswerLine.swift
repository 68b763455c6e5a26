import NearDup
public import NearDupIndex

/// The JSON line printed for one article by `neardup index add` and `index check`: `id`, `status`
/// (`new`, or the relation of its strongest match: the article it duplicates, else `partial`, else
/// `quotation`), `added`, `duplicate_of`, `paragraphs`, `content_words`, `truncated`, and `matches`
/// with their paragraph pairs (each with its `kind`: `verbatim`, `rewritten` or `quotation`); a
/// `rewrite` match also has its `rewrite_score`.
public enum IndexAnswerLine {
    /// Encodes one answer.
    /// - Parameter answer: An answer of `NearDupIndex.add(contentsOf:)` or `check(contentsOf:)`.
    /// - Returns: One JSON object and a newline, as UTF-8.
    /// - Complexity: O(*m*) in the answer's matches and their paragraph pairs.
    public static func line(_ answer: IndexAnswer) -> [UInt8] {
        var object = JSONObjectLine()
        object.add("id", answer.id)
        object.add("status", answer.matches.first?.relation.rawValue ?? "new")
        object.add("added", answer.isAdded)
        object.add("duplicate_of", answer.duplicateOf?.id)
        object.add("paragraphs", answer.paragraphCount)
        object.add("content_words", answer.contentWords)
        object.add("truncated", answer.isTruncated)
        object.add(
            "matches",
            objects: answer.matches.map { match in
                var item = JSONObjectLine()
                item.add("id", match.id)
                item.add("relation", match.relation.rawValue)
                item.add("coverage", score: match.coverage)
                item.add("stored_coverage", score: match.storedCoverage)
                item.add("jaccard", score: match.jaccard)
                if let rewriteScore = match.rewriteScore { item.add("rewrite_score", score: rewriteScore) }
                item.add("published", time: match.published)
                item.add("added", time: match.added)
                item.add("source", match.source)
                item.add(
                    "paragraphs",
                    objects: match.paragraphs.map { paragraph in
                        var pair = JSONObjectLine()
                        pair.add("paragraph", paragraph.paragraph)
                        pair.add("stored_paragraph", paragraph.storedParagraph)
                        pair.add("jaccard", score: paragraph.jaccard)
                        pair.add("containment", score: paragraph.containment)
                        pair.add("stored_containment", score: paragraph.storedContainment)
                        pair.add("kind", paragraph.kind.rawValue)
                        return pair
                    })
                return item
            })
        return object.line
    }
}
