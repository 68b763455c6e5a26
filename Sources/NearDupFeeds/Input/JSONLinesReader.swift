import Foundation
import NearDup

/// Reads JSON Lines records into a ``LoadSession``: one object per line, blank lines ignored.
///
/// Lines are split as they are read and copied into a ``LineBatch``; each full batch is parsed on
/// ``threads`` threads at once and its records are then handed to the session in line order, so
/// documents, issues, line numbers, duplicate ids and the first error that stops loading are
/// exactly those of reading one record at a time.
struct JSONLinesReader: Sendable {
    /// The field names and the bad-record policy.
    let options: InputOptions
    /// The size of the chunks a file is read in.
    let chunkSize: Int
    /// The size in bytes at which a batch of lines is parsed.
    let batchSize: Int
    /// The number of threads that parse a batch.
    let threads: Int
    /// The fields read from every record, in this order: id, text, then time and source if asked.
    private let fields: FieldPaths

    /// Creates a reader.
    /// - Parameters:
    ///   - options: The field names and the bad-record policy.
    ///   - chunkSize: The size of the chunks a file is read in.
    ///   - batchSize: The size in bytes at which a batch of lines is parsed.
    ///   - threads: The number of threads that parse a batch.
    init(options: InputOptions, chunkSize: Int, batchSize: Int, threads: Int) {
        self.options = options
        self.chunkSize = chunkSize
        self.batchSize = batchSize
        self.threads = threads
        fields = FieldPaths(
            [options.idField, options.textField, options.timeField, options.sourceField].compactMap { $0 })
    }

    /// Reads every record from `descriptor` until end of file.
    /// - Parameters:
    ///   - descriptor: An open file descriptor; it is not closed.
    ///   - name: The input's name in messages (the path, or `<stdin>`).
    ///   - session: Receives the documents and issues.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a bad record unless skipping;
    ///   ``InputError/readFailed(path:reason:)`` if reading fails.
    /// - Complexity: O(*n*) in the input's length; memory O(`chunkSize` + `batchSize` + longest
    ///   line), besides the documents.
    func read(descriptor: Int32, name: String, into session: inout LoadSession) throws(InputError) {
        let handsOverEachRead = !FileDescriptorReader.isRegularFile(descriptor)
        try read(name: name, into: &session, handsOverEachRead: handsOverEachRead) { (body) throws(InputError) in
            try FileDescriptorReader.forEachChunk(of: descriptor, chunkSize: chunkSize, body)
        }
    }

    /// Reads every record from in-memory `bytes`, in chunks like a file.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a bad record unless skipping.
    /// - Complexity: O(*n*) in the number of bytes.
    func read(bytes: some Sequence<UInt8>, name: String, into session: inout LoadSession) throws(InputError) {
        try read(name: name, into: &session) { (body) throws(InputError) -> OSReason? in
            let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
                Result { () throws(InputError) in try forEachSlice(of: UnsafeRawBufferPointer(buffer), body) }
            }
            if let contiguous { return try contiguous.get() }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Swift.min(chunkSize, 1 << 16))
            for byte in bytes {
                chunk.append(byte)
                if chunk.count == chunkSize {
                    try chunk.withBytes(body)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try chunk.withBytes(body)
            return nil
        }
    }

    /// Calls `body` with consecutive `chunkSize` slices of `bytes`, as if read from a file.
    /// - Returns: `nil` (memory cannot fail to read).
    private func forEachSlice(
        of bytes: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws(InputError) -> Void
    ) throws(InputError) -> OSReason? {
        var start = 0
        while start < bytes.count {
            let end = Swift.min(start + chunkSize, bytes.count)
            // Safety: start < end <= bytes.count.
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
        return nil
    }

    /// Splits the input into lines and reads their records in batches.
    ///
    /// A line over ``InputOptions/maxDocumentBytes`` is dropped as it streams past and skipped; one
    /// over ``InputOptions/maxRecordBytes`` (but not the former) is dropped too and stops loading,
    /// since the run could not hold it. A compressed input is decompressed as it is read
    /// (``FeedDecoder``); a zip archive or a Parquet file is rejected whole, and a corrupt or
    /// truncated compressed stream is rejected after the lines read before it.
    /// - Parameters:
    ///   - handsOverEachRead: When streaming, whether the records of each chunk are handed over as
    ///     soon as it is read (a pipe, whose writer may be slow), rather than in full batches.
    ///   - forEachChunk: Calls its argument with each chunk of the input, in order, and returns
    ///     `nil` at the end or the reason reading failed.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a bad record unless skipping;
    ///   ``InputError/recordTooLarge(limit:location:)`` for a line the run could not hold;
    ///   ``InputError/readFailed(path:reason:)`` after the lines read before a failure.
    private func read(
        name: String,
        into session: inout LoadSession,
        handsOverEachRead: Bool = false,
        forEachChunk: ((UnsafeRawBufferPointer) throws(InputError) -> Void) throws(InputError) -> OSReason?
    ) throws(InputError) {
        let recordLimit = options.maxRecordBytes ?? .max
        var splitter = LineSplitter(maxLineBytes: min(options.maxDocumentBytes, recordLimit))
        var batch = LineBatch()
        let decoder = FeedDecoder(outputSize: chunkSize)
        var stop: FeedDecoder.Failure?
        func collect(_ line: UnsafeRawBufferPointer, number: Int) throws(InputError) {
            if LineSplitter.isBlank(line) { return }
            if session.firstRecordFields == nil, options.timeField != nil || options.sourceField != nil,
                UTF8Repair.isValid(line), let paths = JSONRecordParser.memberPaths(of: line)
            {
                session.noteFirstRecordFields(paths)
            }
            batch.append(line, number: number)
            if batch.byteCount >= batchSize { try readBatch(&batch, name: name, into: &session) }
        }
        func skipOversized(number: Int, byteCount: Int) throws(InputError) {
            try readBatch(&batch, name: name, into: &session)  // keep the records in line order
            guard byteCount > options.maxDocumentBytes else {
                throw .recordTooLarge(limit: recordLimit, location: InputIssue.location(file: name, line: number))
            }
            session.countRecord()
            let problem = InputIssue.Problem.tooLarge(byteCount: byteCount, limit: options.maxDocumentBytes)
            try session.skip(InputIssue(file: name, line: number, problem: problem))
        }
        let failure = try forEachChunk { (chunk) throws(InputError) in
            guard stop == nil else { return }
            stop = try decoder.feed(chunk) { (bytes) throws(InputError) in
                try splitter.feed(bytes, collect, oversized: skipOversized)
            }
            if stop == nil, session.sink != nil, handsOverEachRead {
                // Streaming: hand over every complete line as soon as it is read (a pipe delivers
                // what is available, so a slow writer's records are not held back).
                try readBatch(&batch, name: name, into: &session)
                try session.flush()
            }
        }
        if failure == nil, stop == nil {
            stop = try decoder.finish { (bytes) throws(InputError) in
                try splitter.feed(bytes, collect, oversized: skipOversized)
            }
            if stop == nil { try splitter.finish(collect, oversized: skipOversized) }
        }
        try readBatch(&batch, name: name, into: &session)
        switch stop {
        case nil: break
        case .refused(let problem)?:
            session.countRecord()
            try session.reject(InputIssue(file: name, line: nil, problem: problem))
        case .corrupt(let problem)?:
            // The line being read when the stream broke: the lines before it were read.
            session.countRecord()
            try session.reject(InputIssue(file: name, line: splitter.nextLineNumber, problem: problem))
        }
        if let failure { throw .readFailed(path: name, reason: failure.message) }
    }

    /// Parses the lines of `batch` in parallel, hands their records to `session` in line order,
    /// and empties `batch`.
    /// - Throws: ``InputError/invalidRecord(_:)`` for the first bad record unless skipping.
    private func readBatch(_ batch: inout LineBatch, name: String, into session: inout LoadSession) throws(InputError) {
        let parsed = records(of: batch)
        batch.removeAll()
        for records in parsed {
            for record in records {
                session.countRecord()
                session.noteFields(record.namedFields)
                switch record.document {
                case .success(let document):
                    try session.add(document, file: name, line: record.line, hadInvalidUTF8: record.hadInvalidUTF8)
                case .failure(let failure):
                    try session.reject(InputIssue(file: name, line: record.line, problem: failure.problem))
                }
            }
        }
    }

    /// The records of every line of `batch`, parsed on ``threads`` threads, in contiguous runs
    /// whose concatenation is in line order.
    private func records(of batch: LineBatch) -> [[ParsedRecord]] {
        parallelChunks(count: batch.count, threads: threads) { range in
            batch.map(range) { (line, number) in record(from: line, number: number) }
        }
    }

    /// One line's document, or the problem that stops it being one.
    ///
    /// A line with invalid UTF-8 is repaired first (each invalid sequence becomes U+FFFD) and its
    /// document counted as repaired. Safe to call from any thread.
    private func record(from line: UnsafeRawBufferPointer, number: Int) -> ParsedRecord {
        let hadInvalidUTF8 = !UTF8Repair.isValid(line)
        var document: Result<Document, RecordProblem>
        var namedFields: NamedFields = []
        if hadInvalidUTF8 {
            let repaired = Array(String(decoding: line, as: UTF8.self).utf8)
            document = Result { () throws(RecordProblem) in
                try repaired.withBytes { (bytes) throws(RecordProblem) in
                    try self.document(from: bytes, namedFields: &namedFields)
                }
            }
        } else {
            document = Result { () throws(RecordProblem) in try self.document(from: line, namedFields: &namedFields) }
        }
        if case .failure(let failure) = document, case .malformedJSON(let detail) = failure.problem,
            line.contains(0x0D)
        {
            // A raw CR is never valid inside a JSON value: records separated by lone CRs (old Mac
            // line ends) were read as one line.
            document = .failure(RecordProblem(.malformedJSON(detail + Self.loneCarriageReturnHint)))
        }
        return ParsedRecord(
            line: number, document: document, hadInvalidUTF8: hadInvalidUTF8, namedFields: namedFields)
    }

    /// Added to the explanation of a malformed line that holds a carriage return.
    static let loneCarriageReturnHint =
        "; the line holds a carriage return (CR) without a line feed: records must be separated by LF "
        + "or CRLF, not by CR alone (convert the file, e.g. with tr '\\r' '\\n')"

    /// The document `line` holds; `namedFields` receives the optional fields it has.
    private func document(
        from line: UnsafeRawBufferPointer, namedFields: inout NamedFields
    ) throws(RecordProblem) -> Document {
        let values = try JSONRecordParser.parse(line, fields: fields)
        let id: String
        switch values[0] {
        case nil: throw RecordProblem(.missingField(options.idField))
        case .string(let text)?: id = text
        case .integer(let digits)?: id = digits
        case .number?: throw RecordProblem(.idNotAnInteger(options.idField))
        case _?: throw RecordProblem(.fieldNotAString(options.idField))
        }
        let text: String
        switch values[1] {
        case nil: throw RecordProblem(.missingField(options.textField))
        case .string(let string)?: text = string
        case _?: throw RecordProblem(.fieldNotAString(options.textField))
        }
        var next = 2
        var published: Date?
        if options.timeField != nil {
            if values[next] != nil { namedFields.insert(.time) }
            published = try PublicationTime.date(from: values[next], unit: options.timeUnit)
            next += 1
        }
        var source: String?
        if let sourceField = options.sourceField {
            if values[next] != nil { namedFields.insert(.source) }
            switch values[next] {
            case nil, .null?: source = nil
            case .string(let string)?: source = string
            case _?: throw RecordProblem(.fieldNotAString(sourceField))
            }
        }
        let record = options.keepsRecords ? Array(UTF8Repair.droppingByteOrderMark(line)) : nil
        return Document(id: id, text: text, published: published, source: source, record: record)
    }
}

/// One line's record, parsed on a worker thread, on its way to the ``LoadSession``.
struct ParsedRecord: Sendable {
    /// The line's 1-based number.
    var line: Int
    /// The document, or why the line is not one.
    var document: Result<Document, RecordProblem>
    /// Whether the line's bytes had to be repaired.
    var hadInvalidUTF8: Bool
    /// The optional named fields the record has.
    var namedFields: NamedFields
}
