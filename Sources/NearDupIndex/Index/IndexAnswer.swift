import Foundation
import NearDup

/// What the index knows about one article: the articles already indexed that share verified text
/// with it, with exact scores.
public struct IndexAnswer: Sendable, Hashable {
    /// The article's id.
    public let id: String
    /// Its paragraphs (as the engine splits them).
    public let paragraphCount: Int
    /// Words of its matchable paragraphs: the text its coverage is measured on.
    public let contentWords: Int
    /// The indexed articles linked to it, strongest first: `duplicate`, then `copy`, then `partial`;
    /// within a relation by the larger of its coverage and the whole-text Jaccard, then the earliest added first.
    /// At most `NearDupIndex.Configuration.maximumMatches`.
    public let matches: [IndexMatch]
    /// Whether `add` stored it (always `false` for `check`).
    public let isAdded: Bool
    /// Whether `matches` may leave out linked articles: there were more than
    /// `NearDupIndex.Configuration.maximumMatches`, or one of its band keys is shared by more
    /// articles than that (only the earliest added were compared).
    public let isTruncated: Bool

    /// The strongest match whose relation is `duplicate` or `copy`: what the article is a copy of.
    public var duplicateOf: IndexMatch? { matches.first { $0.relation != .partial } }

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
    /// The asked article's matched paragraphs, each with its best paragraph here, in reading order.
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
}

/// Counts and sizes of an index.
public struct IndexStatistics: Sendable, Hashable {
    /// Articles indexed.
    public var documents = 0
    /// Their paragraphs.
    public var paragraphs = 0
    /// Paragraphs matched on their own (with LSH band keys).
    public var matchableParagraphs = 0
    /// Band keys of the matchable paragraphs (one per paragraph and band).
    public var paragraphBandKeys = 0
    /// Band keys of the whole texts (one per signed article and band).
    public var documentBandKeys = 0
    /// Sorted runs the merged articles' keys are in.
    public var runs = 0
    /// Entries in the runs, keys of removed articles included until their run is merged again.
    public var runEntries = 0
    /// Articles added since the last merge (their keys are read into memory, not yet in a run).
    public var recentDocuments = 0
    /// The oldest and newest article time (`published`, or when added).
    public var oldest: Date?
    /// See `oldest`.
    public var newest: Date?
    /// Bytes of the database file (pages in use and free), not counting the write-ahead log.
    public var fileBytes = 0
    /// Bytes of free pages that `compact()` gives back.
    public var freeBytes = 0
    /// Bytes of the write-ahead log (`PATH-wal`), checkpointed into the file now and then.
    public var walBytes = 0
}

/// What `checkIntegrity()` found.
public struct IntegrityReport: Sendable, Hashable {
    /// Every problem found, one line each; empty when the index is sound.
    public let problems: [String]
    /// What was checked, for the record.
    public let checked: [String]

    /// Whether nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}
