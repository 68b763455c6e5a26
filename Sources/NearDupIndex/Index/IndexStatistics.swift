public import Foundation

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
    /// Rewrite sample keys: each article's distinct word 3-gram samples (`RewriteSampling`), by
    /// which later articles find it as a rewrite candidate.
    public var rewriteSampleKeys = 0
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
