public import NearDup

/// Renders a `ScanReport` for people: copies with their paragraph evidence, boilerplate, and a
/// per-document table of how much of each article comes from another.
public struct TextReportRenderer: Sendable {
    /// Longest quote shown per paragraph, in characters.
    public var quoteLength = 80

    /// Creates a renderer.
    public init() {}

    /// Renders the whole report.
    /// - Parameter report: A scan's report.
    /// - Returns: Lines of text, ending with a newline.
    /// - Complexity: O(*n*) in the report's size.
    public func render(_ report: ScanReport) -> String {
        var out = ""
        renderHeader(report, into: &out)
        renderLinks(report, into: &out)
        renderBoilerplate(report, into: &out)
        renderDocuments(report, into: &out)
        renderSummary(report, into: &out)
        return out
    }

    private func renderHeader(_ report: ScanReport, into out: inout String) {
        let options = report.options
        let layout = report.bandLayout
        let bands =
            "\(layout.fullBandCount)×\(layout.rowsPerBand)"
            + (layout.remainderRows > 0 ? " + 1×\(layout.remainderRows)" : "")
        out += "NearDup scan: \(report.documents.count) documents, \(report.statistics.paragraphs) paragraphs\n"
        out +=
            "shingles \(options.shingle), \(options.permutationCount) permutations, threshold "
            + "\(ScoreFormat.decimal(options.threshold, digits: 2)), LSH bands \(bands), keep \(options.keep.rawValue)\n"
    }

    private func renderLinks(_ report: ScanReport, into out: inout String) {
        out += "\nCOPIES (\(report.links.count) linked document pairs)\n"
        if report.links.isEmpty { out += "  none found\n" }
        for link in report.links {
            let copy = report.documents[link.copy].id
            let source = report.documents[link.source].id
            out += "\n  \(copy)  <-  \(source)   \(link.relation.rawValue)\n"
            out +=
                "    \(ScoreFormat.percent(link.copyCoverage)) of \(copy) is matched in \(source); "
                + "\(ScoreFormat.percent(link.sourceCoverage)) of \(source) is matched in \(copy); "
                + "whole-text Jaccard \(ScoreFormat.decimal(link.jaccard, digits: 2))"
                + (link.rewriteScore.map {
                    "; rewrite score \(ScoreFormat.decimal($0, digits: 2)) (word 3-grams of the shorter found in the other)"
                } ?? "") + "\n"
            for match in link.matches {
                let copyOrdinal = report.paragraphs[match.copyParagraph].ordinal
                let sourceOrdinal = report.paragraphs[match.sourceParagraph].ordinal
                if match.jaccard == 1 {
                    out +=
                        "    ¶\(copyOrdinal) = ¶\(sourceOrdinal)  identical after normalization  \(quote(report, match.copyParagraph))\n"
                    continue
                }
                let (arrow, measure) =
                    switch match.kind {
                    case .verbatim: ("<-", "Jaccard")
                    case .rewritten: ("<~", "rewritten, word 3-gram Jaccard")
                    case .quotation: ("<\"", "shared quotation, Jaccard")
                    }
                out +=
                    "    ¶\(copyOrdinal) \(arrow) ¶\(sourceOrdinal)  \(measure) \(ScoreFormat.decimal(match.jaccard, digits: 2)), "
                    + "\(ScoreFormat.percent(match.copyContainment)) of it in the source, "
                    + "\(ScoreFormat.percent(match.sourceContainment)) of the source in it\n"
                out += "        copy:   \(quote(report, match.copyParagraph))\n"
                out += "        source: \(quote(report, match.sourceParagraph))\n"
            }
        }
    }

    private func renderBoilerplate(_ report: ScanReport, into out: inout String) {
        let boilerplate = report.paragraphs.indices.filter {
            if case .boilerplate = report.paragraphs[$0].role { return true }
            return false
        }
        out += "\nBOILERPLATE (\(boilerplate.count) paragraphs, never used as evidence)\n"
        for index in boilerplate {
            let paragraph = report.paragraphs[index]
            guard case .boilerplate(let reason) = paragraph.role else { continue }
            let id = report.documents[paragraph.document].id
            out += "  \(id) ¶\(paragraph.ordinal)  \(reason.rawValue.padding(10))  \(quote(report, index))\n"
        }
    }

    private func renderDocuments(_ report: ScanReport, into out: inout String) {
        out += "\nDOCUMENTS (share of each document's content matched in its closest source)\n"
        var closest = [(share: Double, source: Int)?](repeating: nil, count: report.documents.count)
        for link in report.links where closest[link.copy].map({ link.copyCoverage > $0.share }) ?? true {
            closest[link.copy] = (link.copyCoverage, link.source)
        }
        for (index, document) in report.documents.enumerated() {
            let summary = report.summaries[index]
            let decision = report.decisions[index]
            var line = "  \(document.id)  \(summary.paragraphs.count) ¶, \(summary.contentWords) content words"
            if summary.boilerplateParagraphs > 0 { line += ", \(summary.boilerplateParagraphs) boilerplate" }
            if summary.isEmpty { line += ", empty" }
            if let closest = closest[index] {
                line += "; \(ScoreFormat.percent(closest.share)) from \(report.documents[closest.source].id)"
            }
            if let kept = decision.duplicateOf, let relation = decision.relation {
                line += "; REMOVED: \(relation.rawValue) of \(report.documents[kept].id)"
            }
            out += line + "\n"
        }
    }

    private func renderSummary(_ report: ScanReport, into out: inout String) {
        let statistics = report.statistics
        let count: (Relation) -> Int = { relation in report.links.filter { $0.relation == relation }.count }
        out +=
            "\nSUMMARY: \(statistics.documents) documents, \(statistics.documents - statistics.removedDocuments) kept, "
            + "\(statistics.removedDocuments) removed; links: \(count(.duplicate)) duplicate, \(count(.copy)) copy, "
            + "\(count(.rewrite)) rewrite, \(count(.partial)) partial"
            + (count(.quotation) > 0 ? ", \(count(.quotation)) quotation" : "")
            + "; \(statistics.boilerplateParagraphs) boilerplate paragraphs; "
            + "\(statistics.paragraphCandidates) candidate pairs, \(statistics.verifiedParagraphPairs) verified"
            + (statistics.cappedParagraphs > 0
                ? "; \(statistics.cappedParagraphs) paragraphs linked to only the "
                    + "\(ScanStatistics.sourcesPerParagraph) most preferred of the documents matching them\n" : "\n")
    }

    private func quote(_ report: ScanReport, _ paragraph: Int) -> String {
        let text = report.text(ofParagraph: paragraph)
        guard text.count > quoteLength else { return "\"\(text)\"" }
        return "\"\(text.prefix(quoteLength))…\""
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
