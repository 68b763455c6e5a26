public import NearDup

/// The documents read by ``DocumentLoader``, with an account of what was skipped or repaired.
public struct LoadedInput: Sendable, Hashable {
    /// The documents, in input order: path order, then line order (or sorted file order within
    /// a folder).
    public var documents: [Document]
    /// The records and inputs that did not become documents, with the reason, in input order:
    /// records over ``InputOptions/maxDocumentBytes``, and, when ``InputOptions/skipInvalid`` is
    /// set, bad records, duplicate ids, zip and Parquet files, corrupt compressed streams and
    /// unreadable files or folders. Empty
    /// when the loader handed each of them to a rejection handler instead.
    public var rejected: [InputIssue]
    /// How many records and inputs were rejected: ``rejected``'s count, or, with a rejection
    /// handler, how many it was given.
    public var rejectedCount: Int
    /// How many records were read: non-blank JSON Lines lines, `.txt` files, and inputs rejected
    /// whole (a zip or Parquet file, an unreadable folder). Always
    /// `documents.count + rejectedCount` (when not streaming).
    public var recordsRead: Int
    /// How many of ``documents`` contained invalid UTF-8; each invalid sequence was replaced
    /// with U+FFFD REPLACEMENT CHARACTER.
    public var documentsWithInvalidUTF8: Int
    /// How many of ``documents`` have a text that is empty or only whitespace; they are kept.
    public var emptyDocuments: Int
    /// How many files in the feed folders were not read because their names do not end in `.txt`
    /// (in any case); they are not records.
    public var skippedFiles = 0
    /// How many of ``documents`` were read from JSON Lines records (the rest from `.txt` files,
    /// which have no fields).
    public var jsonLinesDocuments = 0
    /// How many of ``jsonLinesDocuments`` have no time: the time field absent or `null`
    /// (0 when ``InputOptions/timeField`` is `nil`).
    public var documentsWithoutTime = 0
    /// How many of ``jsonLinesDocuments`` have no source: the source field absent or `null`
    /// (0 when ``InputOptions/sourceField`` is `nil`).
    public var documentsWithoutSource = 0

    /// Creates a loaded input.
    /// - Parameters:
    ///   - documents: The documents, in input order.
    ///   - rejected: The records and inputs that did not become documents.
    ///   - rejectedCount: How many were rejected, if more than `rejected` holds.
    ///   - recordsRead: How many records were read, including skipped ones.
    ///   - documentsWithInvalidUTF8: How many documents contained invalid UTF-8.
    ///   - emptyDocuments: How many documents have an empty or whitespace-only text.
    public init(
        documents: [Document] = [],
        rejected: [InputIssue] = [],
        rejectedCount: Int? = nil,
        recordsRead: Int = 0,
        documentsWithInvalidUTF8: Int = 0,
        emptyDocuments: Int = 0
    ) {
        self.documents = documents
        self.rejected = rejected
        self.rejectedCount = rejectedCount ?? rejected.count
        self.recordsRead = recordsRead
        self.documentsWithInvalidUTF8 = documentsWithInvalidUTF8
        self.emptyDocuments = emptyDocuments
    }
}
