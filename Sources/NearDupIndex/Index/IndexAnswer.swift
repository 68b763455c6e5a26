public import Foundation
public import NearDup

/// What the index knows about one article: the articles already indexed that share verified text
/// with it, with exact scores.
public struct IndexAnswer: Sendable, Hashable {
    /// The article's id.
    public let id: String
    /// Its paragraphs (as the engine splits them).
    public let paragraphCount: Int
    /// Words of its matchable paragraphs: the text its coverage is measured on.
    public let contentWords: Int
    /// The indexed articles linked to it, strongest first: `duplicate`, then `copy`, then `rewrite`,
    /// then `partial`, then `quotation`;
    /// within a relation by the larger of its coverage and the whole-text Jaccard, then the earliest added first.
    /// At most `NearDupIndex.Configuration.maximumMatches`.
    public let matches: [IndexMatch]
    /// Whether `add` stored it (always `false` for `check`).
    public let isAdded: Bool
    /// Whether `matches` may leave out linked articles: there were more than
    /// `NearDupIndex.Configuration.maximumMatches`, or one of its band keys is shared by more
    /// articles than that (only the earliest added were compared).
    public let isTruncated: Bool

    /// The strongest match whose relation is `duplicate`, `copy` or `rewrite`: what the article is a
    /// copy of.
    public var duplicateOf: IndexMatch? { matches.first { $0.relation.isRemovable } }

    /// This answer, marked as stored by `add`.
    var added: IndexAnswer {
        IndexAnswer(
            id: id, paragraphCount: paragraphCount, contentWords: contentWords, matches: matches, isAdded: true,
            isTruncated: isTruncated)
    }
}

/// An indexed article linked to the article asked about. It is the link's source: it was indexed first.
public struct IndexMatch: Sendable, Hashable {
    /// The indexed article's id.
    public let id: String
    /// Its publication time, if it had one.
    public let published: Date?
    /// When it was added to the index.
    public let added: Date
    /// Its source (site) name, if it had one.
    public let source: String?
    /// How the two relate (the batch engine's rule, on the coverages and Jaccard below).
    public let relation: Relation
    /// Share of the asked article's content words in paragraphs matched in this one (`copy_coverage`).
    public let coverage: Double
    /// Share of this article's content words in paragraphs matched in the asked one (`source_coverage`).
    public let storedCoverage: Double
    /// Exact Jaccard similarity of the two articles' whole non-boilerplate shingle sets.
    public let jaccard: Double
    /// For a `rewrite`, the share of the smaller article's word 3-grams found in the other
    /// (`MatchRules.containmentOfSmaller`, `rewrite_score` in `scan`'s links); `nil` otherwise.
    public let rewriteScore: Double?
    /// The asked article's matched paragraphs, each with its best paragraph here, in reading order;
    /// for a `rewrite`, every aligned pair of paragraphs (a paragraph may be aligned with several),
    /// in reading order of the asked article, then of this one.
    public let paragraphs: [IndexParagraphMatch]
}

/// A verified paragraph match between the asked article and an indexed one. Scores are exact.
public struct IndexParagraphMatch: Sendable, Hashable {
    /// The paragraph of the asked article (its ordinal, from 0).
    public let paragraph: Int
    /// The best matching paragraph of the indexed article (its ordinal).
    public let storedParagraph: Int
    /// Exact Jaccard similarity of the two paragraphs' shingle sets.
    public let jaccard: Double
    /// Share of the asked paragraph's shingles found in the indexed one.
    public let containment: Double
    /// Share of the indexed paragraph's shingles found in the asked one.
    public let storedContainment: Double
    /// How the paragraphs match: `verbatim` on the shingle sets above, or `rewritten` (in a
    /// `rewrite` match), in which case the scores are of the paragraphs' word 3-gram sets.
    public let kind: MatchKind
}
