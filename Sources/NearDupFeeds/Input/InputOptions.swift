import NearDup

/// How ``DocumentLoader`` reads JSON Lines records and what it does with bad ones.
///
/// The field names apply to JSON Lines input only; documents read from a folder of `.txt` files
/// take their id from the file's relative path and have no time or source.
///
/// A field name is first looked up as a top-level key, exactly (so `"a.b"` finds a key holding a
/// dot); if a record has no such key, each dot in the name separates nested keys: `meta.text` is
/// the `text` member of the object under `meta`. A `null` on the way makes the field absent; any
/// other non-object on the way makes the record invalid
/// (``InputIssue/Problem/pathThroughNonObject(field:at:)``).
public struct InputOptions: Sendable, Hashable {
    /// The JSON field holding the document's id: a string, or an integer rendered in decimal.
    public var idField: String
    /// The JSON field holding the document's text; it must be present and a string.
    public var textField: String
    /// The JSON field holding the publication time, or `nil` to ignore times.
    ///
    /// A JSON number counts ``timeUnit``s since 1970-01-01T00:00:00Z; a string is an
    /// ISO 8601 / RFC 3339 date-time with a zone (`2025-04-28T04:39:00Z`,
    /// `2025-04-28T06:39:00.250+02:00`), a date alone (`2025-04-28`, midnight UTC), or an
    /// RFC 2822 date (`Mon, 28 Apr 2025 04:39:00 GMT`). The time must fall in the years 1900 to
    /// 2200. JSON `null` or an absent field means "unknown".
    public var timeField: String?
    /// What a numeric time counts: seconds (the default), milliseconds, microseconds or nanoseconds.
    public var timeUnit: TimeUnit
    /// The JSON field holding the source name, or `nil` to ignore sources.
    ///
    /// When present it must be a string; JSON `null` means "unknown".
    public var sourceField: String?
    /// Whether a bad record is skipped and reported in ``LoadedInput/rejected`` (`true`) or stops
    /// loading with ``InputError/invalidRecord(_:)`` (`false`, the default).
    public var skipInvalid: Bool
    /// The longest record read, in bytes: a JSON Lines line or a `.txt` file. A longer one is
    /// never held in memory; it is always skipped (whatever ``skipInvalid`` says) and reported in
    /// ``LoadedInput/rejected`` as ``InputIssue/Problem/tooLarge(byteCount:limit:)``.
    /// The default is ``defaultMaxDocumentBytes``.
    public var maxDocumentBytes: Int
    /// The most text, in UTF-8 bytes summed over every document, that one load may hold, or
    /// `nil` for no limit. Loading stops with ``InputError/tooMuchText(limit:location:)`` as soon as the
    /// documents read exceed it, before memory runs out.
    public var maxTotalTextBytes: Int?
    /// The longest record that may be held while it is read, from a memory budget
    /// (``MemoryEstimate/recordBytes(fittingIn:)``), or `nil` for no limit. A longer record that
    /// is not over ``maxDocumentBytes`` is dropped as it streams past, never held, and stops loading
    /// with ``InputError/recordTooLarge(limit:location:)``.
    public var maxRecordBytes: Int?
    /// Where the documents' text is held once loaded. The default, ``TextStorage/memory``, keeps
    /// every text in its ``Document``.
    public var textStorage: TextStorage
    /// Whether each document read from JSON Lines keeps its line in ``Document/record``, so it can be
    /// written back whole (`false`, the default, saves the memory).
    ///
    /// The record is the line's bytes exactly as read, without its line terminator (`\n` or
    /// `\r\n`) and without a leading UTF-8 byte order mark; a line with invalid UTF-8 keeps its
    /// repaired bytes (each invalid sequence replaced with U+FFFD), so a record is always valid
    /// JSON. Documents read from `.txt` files have no record. Records count with the texts towards
    /// ``TextStorage/spill(beyondBytes:directory:)``'s limit, and are moved to the temporary file
    /// with them.
    public var keepsRecords = false

    /// Where ``DocumentLoader`` holds the documents' text.
    ///
    /// Either way each ``Document`` reads and behaves the same; only memory use and speed differ.
    public enum TextStorage: Sendable, Hashable {
        /// Every text stays in memory.
        case memory
        /// Texts stay in memory until `beyondBytes` bytes of them are; every later text is moved
        /// to an unnamed temporary file in `directory` and read back when needed. A scan's peak
        /// memory per byte of text moved is then about 0.8 bytes instead of 1.9
        /// (``MemoryEstimate``), and the folder needs as much free space as the texts moved; it
        /// is deleted however the process ends.
        case spill(beyondBytes: Int, directory: String)
    }

    /// The default ``maxDocumentBytes``: 8 MiB, far above any news article (a long one is
    /// 50 KB) and far below a site dump scraped as one "article".
    public static let defaultMaxDocumentBytes = 8 << 20

    /// Creates input options.
    /// - Parameters:
    ///   - idField: The JSON field holding the document's id.
    ///   - textField: The JSON field holding the document's text.
    ///   - timeField: The JSON field holding the publication time, or `nil` to ignore times.
    ///   - timeUnit: What a numeric time counts.
    ///   - sourceField: The JSON field holding the source name, or `nil` to ignore sources.
    ///   - skipInvalid: Whether bad records are skipped instead of stopping the load.
    ///   - maxDocumentBytes: The longest record read; longer ones are skipped and reported.
    ///   - maxTotalTextBytes: The most text one load may hold, or `nil` for no limit.
    ///   - textStorage: Where the documents' text is held once loaded.
    public init(
        idField: String = "id",
        textField: String = "text",
        timeField: String? = nil,
        timeUnit: TimeUnit = .seconds,
        sourceField: String? = nil,
        skipInvalid: Bool = false,
        maxDocumentBytes: Int = defaultMaxDocumentBytes,
        maxTotalTextBytes: Int? = nil,
        textStorage: TextStorage = .memory
    ) {
        self.idField = idField
        self.textField = textField
        self.timeField = timeField
        self.timeUnit = timeUnit
        self.sourceField = sourceField
        self.skipInvalid = skipInvalid
        self.maxDocumentBytes = maxDocumentBytes
        self.maxTotalTextBytes = maxTotalTextBytes
        self.textStorage = textStorage
    }
}
