import Foundation
public import NearDup

/// Renders a `ScanReport`'s document links as CSV (RFC 4180): a header row, then one row per
/// linked pair: `source,copy,relation,copy_coverage,source_coverage,jaccard,matched_paragraphs`.
public struct CSVReportRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Renders the links.
    /// - Parameter report: A scan's report.
    /// - Returns: CSV text with `\n` line ends.
    /// - Complexity: O(*l*) in the number of links.
    public func render(_ report: ScanReport) -> String {
        var out = "source,copy,relation,copy_coverage,source_coverage,jaccard,matched_paragraphs\n"
        for link in report.links {
            let fields = [
                field(report.documents[link.source].id), field(report.documents[link.copy].id), link.relation.rawValue,
                ScoreFormat.decimal(link.copyCoverage), ScoreFormat.decimal(link.sourceCoverage),
                ScoreFormat.decimal(link.jaccard), String(link.matches.count),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    private func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
