public import NearDup

/// Renders a `ScanReport` as JSON Lines for machines: one `scan` header line, then one `document`
/// line per input document (input order), one `link` line per linked pair, and one `boilerplate`
/// line per boilerplate paragraph. Scores have four decimals; paragraph numbers count from 0.
public struct JSONLinesReportRenderer: Sendable {
    /// The version of this record layout; in the `scan` line. Version 2 added the `rewrite`
    /// relation, `rewrite_score` on its links, `kind` on paragraph matches, and `rewrite_threshold`,
    /// `rewrite_candidates` and `common_rewrite_samples` on the `scan` line.
    public static let formatVersion = 2

    /// Creates a renderer.
    public init() {}

    /// Renders the report.
    /// - Parameter report: A scan's report.
    /// - Returns: UTF-8 bytes, one JSON object per line.
    /// - Complexity: O(*n*) in the report's size.
    public func render(_ report: ScanReport) -> [UInt8] {
        var out = header(report).line
        for index in report.documents.indices { out += document(report, index).line }
        for link in report.links { out += self.link(report, link).line }
        for (index, paragraph) in report.paragraphs.enumerated() {
            guard case .boilerplate(let reason) = paragraph.role else { continue }
            var line = JSONObjectLine()
            line.add("type", "boilerplate")
            line.add("document", report.documents[paragraph.document].id)
            line.add("paragraph", paragraph.ordinal)
            line.add("reason", reason.rawValue)
            line.add("text", String(report.text(ofParagraph: index)))
            out += line.line
        }
        return out
    }

    private func header(_ report: ScanReport) -> JSONObjectLine {
        let statistics = report.statistics
        var line = JSONObjectLine()
        line.add("type", "scan")
        line.add("format_version", Self.formatVersion)
        report.addParameters(to: &line)
        line.add("documents", statistics.documents)
        line.add("kept", statistics.documents - statistics.removedDocuments)
        line.add("removed", statistics.removedDocuments)
        line.add("empty_documents", statistics.emptyDocuments)
        line.add("paragraphs", statistics.paragraphs)
        line.add("boilerplate_paragraphs", statistics.boilerplateParagraphs)
        line.add("links", statistics.links)
        line.add("candidate_pairs", statistics.paragraphCandidates)
        line.add("verified_pairs", statistics.verifiedParagraphPairs)
        line.add("rewrite_candidates", statistics.rewriteCandidates)
        line.add("common_rewrite_samples", statistics.commonRewriteSamples)
        line.add("oversized_buckets", statistics.oversizedBuckets)
        line.add("capped_paragraphs", statistics.cappedParagraphs)
        return line
    }

    private func document(_ report: ScanReport, _ index: Int) -> JSONObjectLine {
        let summary = report.summaries[index]
        let decision = report.decisions[index]
        var line = JSONObjectLine()
        line.add("type", "document")
        line.add("id", report.documents[index].id)
        line.add("paragraphs", summary.paragraphs.count)
        line.add("content_words", summary.contentWords)
        line.add("boilerplate_paragraphs", summary.boilerplateParagraphs)
        line.add("empty", summary.isEmpty)
        line.add("kept", decision.isKept)
        line.add("duplicate_of", decision.duplicateOf.map { report.documents[$0].id })
        line.add("relation", decision.relation?.rawValue)
        line.add("score", score: decision.score)
        return line
    }

    private func link(_ report: ScanReport, _ link: DocumentLink) -> JSONObjectLine {
        var line = JSONObjectLine()
        line.add("type", "link")
        line.add("source", report.documents[link.source].id)
        line.add("copy", report.documents[link.copy].id)
        line.add("relation", link.relation.rawValue)
        line.add("copy_coverage", score: link.copyCoverage)
        line.add("source_coverage", score: link.sourceCoverage)
        line.add("jaccard", score: link.jaccard)
        if let rewriteScore = link.rewriteScore { line.add("rewrite_score", score: rewriteScore) }
        line.add(
            "matches",
            objects: link.matches.map { match in
                var object = JSONObjectLine()
                object.add("copy_paragraph", report.paragraphs[match.copyParagraph].ordinal)
                object.add("source_paragraph", report.paragraphs[match.sourceParagraph].ordinal)
                object.add("jaccard", score: match.jaccard)
                object.add("copy_containment", score: match.copyContainment)
                object.add("source_containment", score: match.sourceContainment)
                object.add("kind", match.kind.rawValue)
                return object
            })
        return line
    }
}
