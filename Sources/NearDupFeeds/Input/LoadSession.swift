import NearDup

/// The state of one ``DocumentLoader`` run: documents so far, ids seen, issues and counts.
///
/// Every reader (JSON Lines, text folder) hands its records here, so duplicate ids are caught
/// across all inputs, the skip-or-throw decision is made in one place, and every record read is
/// counted exactly once: as a document or as a rejection.
struct LoadSession {
    let options: InputOptions
    private(set) var result = LoadedInput()
    /// Where each id (compared by its bytes) was first seen; formatted only when a duplicate needs it.
    private var firstSeen: [BytewiseID: (file: String, line: Int?)] = [:]
    /// The UTF-8 bytes of every document's text so far.
    private var textBytes = 0
    /// The bytes of every document's text and record so far: what ``InputOptions/TextStorage``'s
    /// limit on what stays in memory counts.
    private var loadedBytes = 0
    /// Where texts go past ``InputOptions/TextStorage/spill(beyondBytes:directory:)``'s limit;
    /// created with the first one.
    private var spillFile: TextSpillFile?
    /// When streaming, receives the documents read so far with their locations and
    /// returns whether to go on; the documents are then dropped from ``result``.
    var sink: ((_ documents: [Document], _ locations: [InputLocation]) -> Bool)?
    /// When set, receives each rejected record as it is found, instead of ``LoadedInput/rejected``
    /// keeping it, after ``sink`` got the documents read before it; returns whether to go on.
    var rejectionHandler: ((InputIssue) -> Bool)?
    /// Whether ``sink`` or ``rejectionHandler`` asked to stop.
    private(set) var isStopped = false
    private var pendingLocations: [InputLocation] = []
    /// Streamed documents are handed over at the latest when this many are pending.
    var streamBatchLimit = 256
    /// The optional named fields some record read had.
    private var namedFieldsFound: NamedFields = []
    /// The member paths of the first JSON Lines record that is an object, once read, for
    /// ``InputError/fieldNotFound(_:found:)``.
    private(set) var firstRecordFields: [String]?

    /// The error a reader throws to unwind once ``sink`` or ``rejectionHandler`` asked to stop;
    /// ``DocumentLoader`` swallows it.
    static let stopped = InputError.readFailed(path: "", reason: "stopped by the consumer")

    init(options: InputOptions) {
        self.options = options
    }

    /// Counts one record read (a non-blank line, a text file, or an input that could not be read
    /// at all), good or bad.
    mutating func countRecord() {
        result.recordsRead += 1
    }

    /// Counts a file in a folder that is not read: its name does not end in `.txt`.
    mutating func countSkippedFile() {
        result.skippedFiles += 1
    }

    /// Adds `document` unless its id was seen before.
    /// - Parameters:
    ///   - document: The document read.
    ///   - file: The file it came from, as shown in messages.
    ///   - line: Its 1-based line, or `nil` for a whole-file document.
    ///   - hadInvalidUTF8: Whether its bytes had to be repaired.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a duplicate id unless skipping;
    ///   ``InputError/tooMuchText(limit:location:)`` past ``InputOptions/maxTotalTextBytes``.
    ///   ``InputError/cannotSpill(directory:reason:)`` if the text must be moved to a temporary file
    ///   and cannot be.
    mutating func add(_ document: Document, file: String, line: Int?, hadInvalidUTF8: Bool) throws(InputError) {
        if let first = firstSeen[BytewiseID(document.id)] {
            let firstSeenAt = InputIssue.location(file: first.file, line: first.line)
            try reject(InputIssue(file: file, line: line, problem: .duplicateID(document.id, firstSeenAt: firstSeenAt)))
            return
        }
        textBytes += document.textByteCount
        loadedBytes += document.textByteCount + document.recordByteCount
        if sink == nil, let limit = options.maxTotalTextBytes, textBytes > limit {  // streamed documents are not held
            throw .tooMuchText(limit: limit, location: InputIssue.location(file: file, line: line))
        }
        firstSeen[BytewiseID(document.id)] = (file, line)
        if hadInvalidUTF8 { result.documentsWithInvalidUTF8 += 1 }
        if line != nil {
            result.jsonLinesDocuments += 1
            if options.timeField != nil, document.published == nil { result.documentsWithoutTime += 1 }
            if options.sourceField != nil, document.source == nil { result.documentsWithoutSource += 1 }
        }
        if document.text.allSatisfy(\.isWhitespace) { result.emptyDocuments += 1 }
        result.documents.append(try held(document))
        if sink != nil {
            pendingLocations.append(InputLocation(file: file, line: line))
            if result.documents.count >= streamBatchLimit { try flush() }
        }
    }

    /// `document` with its text and record where ``InputOptions/textStorage`` puts them, given the
    /// texts and records read so far (streamed documents are not held, so they keep theirs).
    private mutating func held(_ document: Document) throws(InputError) -> Document {
        guard sink == nil, case .spill(let heldBytes, let directory) = options.textStorage, loadedBytes > heldBytes
        else { return document }
        if spillFile == nil { spillFile = try TextSpillFile(directory: directory) }
        return try document.spilled(into: spillFile!)
    }

    /// The documents read, once every text moved to the temporary file is written there.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if that last write fails;
    ///   ``InputError/fieldNotFound(_:found:)`` as ``checkNamedFieldsFound()``.
    mutating func finish() throws(InputError) -> LoadedInput {
        try spillFile?.finishWriting()
        try checkNamedFieldsFound()
        return result
    }

    /// Notes which of the named optional fields a record that parsed has.
    mutating func noteFields(_ fields: NamedFields) {
        namedFieldsFound.formUnion(fields)
    }

    /// Keeps `paths` as the first record's fields, unless some were kept already.
    mutating func noteFirstRecordFields(_ paths: [String]) {
        if firstRecordFields == nil { firstRecordFields = paths }
    }

    /// Throws if records were read but none has the time field, or none the source field, that
    /// ``options`` names: the name is most likely wrong, and every time or source would be unknown.
    /// Nothing is checked after the consumer asked to stop.
    /// - Throws: ``InputError/fieldNotFound(_:found:)``.
    func checkNamedFieldsFound() throws(InputError) {
        guard !isStopped, result.jsonLinesDocuments > 0 else { return }
        for (field, flag) in [(options.timeField, NamedFields.time), (options.sourceField, .source)] {
            if let field, !namedFieldsFound.contains(flag) {
                throw .fieldNotFound(field, found: firstRecordFields ?? [])
            }
        }
    }

    /// When streaming, hands the pending documents to ``sink``.
    /// - Throws: ``stopped`` if the sink asks to stop.
    mutating func flush() throws(InputError) {
        guard let sink, !result.documents.isEmpty else { return }
        let documents = result.documents
        let locations = pendingLocations
        result.documents.removeAll()
        pendingLocations.removeAll()
        if !sink(documents, locations) {
            isStopped = true
            throw Self.stopped
        }
    }

    /// Records a bad record or file: skips it when skipping, otherwise throws.
    /// - Throws: ``InputError/invalidRecord(_:)`` unless ``InputOptions/skipInvalid``; ``stopped`` if
    ///   ``rejectionHandler`` asks to stop.
    mutating func reject(_ issue: InputIssue) throws(InputError) {
        guard options.skipInvalid else { throw .invalidRecord(issue) }
        try skip(issue)
    }

    /// Records a record that is skipped whatever the options say (one over
    /// ``InputOptions/maxDocumentBytes``), or one ``reject(_:)`` skips.
    /// - Throws: ``stopped`` if ``rejectionHandler`` asks to stop.
    mutating func skip(_ issue: InputIssue) throws(InputError) {
        result.rejectedCount += 1
        guard let rejectionHandler else {
            result.rejected.append(issue)
            return
        }
        try flush()  // when streaming, hand over the documents read before it first: all in input order
        if !rejectionHandler(issue) {
            isStopped = true
            throw Self.stopped
        }
    }
}
