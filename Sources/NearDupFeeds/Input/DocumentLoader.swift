public import NearDup

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads documents from JSON Lines files, folders of `.txt` files and standard input.
///
/// Each path is read according to what it is:
/// - `-` is standard input, read as JSON Lines and named `<stdin>` in messages;
/// - a folder contributes every `.txt` file (in any case) below it, recursively, in byte-wise
///   order of the relative path, which becomes the document's id (no time, no source; `%` and
///   bytes that are not UTF-8 are percent-escaped); other files are counted as skipped;
/// - anything else is read as JSON Lines: one object per line, with the fields named in
///   ``InputOptions``; blank lines are ignored, CRLF line ends and a leading UTF-8 byte order mark
///   are accepted. A file or standard input compressed with gzip, zstd, xz or bzip2 is
///   decompressed as it is read, recognised by its first bytes (``FeedDecoder``); a zip archive or
///   a Parquet file is rejected whole.
///
/// Files are streamed in chunks, never read whole. Invalid UTF-8 is replaced with U+FFFD and
/// counted, never fatal. Ids must be unique across all inputs, compared by their UTF-8 bytes (not
/// by Unicode canonical equivalence): the first occurrence wins. An integer id is read as its
/// decimal digits, so `1` and `"1"` are the same id.
public struct DocumentLoader: Sendable {
    /// The field names and the bad-record policy.
    public var options: InputOptions
    /// The size of the chunks files are read in (internal so tests can make lines straddle chunks).
    var chunkSize = FileDescriptorReader.defaultChunkSize
    /// The size in bytes of the batches of JSON Lines parsed in parallel (internal so tests can
    /// make many small batches).
    var batchSize = LineBatch.defaultByteLimit
    /// The number of threads that parse JSON Lines, or `nil` for every active core. The result does
    /// not depend on it.
    public var threadCount: Int?
    /// When streaming, the most documents handed over at once. A regular file's documents are
    /// handed over in batches of this many; a pipe's as soon as each read gives them, however few.
    public var streamBatchLimit = 256
    /// The file descriptor read for `-` (internal so tests can substitute a pipe).
    var standardInput: Int32 = STDIN_FILENO

    /// Creates a loader.
    /// - Parameter options: The field names and the bad-record policy.
    public init(options: InputOptions = InputOptions()) {
        self.options = options
    }

    /// Loads every document from `paths`, in order.
    /// - Parameters:
    ///   - paths: JSON Lines files, folders of `.txt` files, or `-` for standard input.
    ///     An empty list gives an empty result.
    ///   - rejectionHandler: If given, receives each rejected record as it is found, in input order,
    ///     instead of the result keeping it (which then only counts it, in
    ///     ``LoadedInput/rejectedCount``), so that rejects take no memory; returns `false` to stop
    ///     loading, which then returns what was read so far.
    /// - Returns: The documents in input order, with what was rejected, repaired or empty.
    /// - Throws: ``InputError/cannotOpen(path:reason:)`` if a path cannot be opened;
    ///   ``InputError/readFailed(path:reason:)`` if reading fails midway;
    ///   ``InputError/invalidRecord(_:)`` for the first bad record, unless
    ///   ``InputOptions/skipInvalid`` is set; ``InputError/tooMuchText(limit:location:)`` past
    ///   ``InputOptions/maxTotalTextBytes``; ``InputError/recordTooLarge(limit:location:)`` for a
    ///   record over ``InputOptions/maxRecordBytes``; ``InputError/cannotSpill(directory:reason:)`` if
    ///   ``InputOptions/textStorage`` moves texts to a temporary file and it cannot be written;
    ///   ``InputError/fieldNotFound(_:found:)`` if JSON Lines records were read but none has the
    ///   time or source field named.
    /// - Complexity: O(*n*) in the total input size (O(*f* log *f*) to sort *f* files in a folder).
    public func load(
        _ paths: [String], rejectionHandler: ((InputIssue) -> Bool)? = nil
    ) throws(InputError) -> LoadedInput {
        var session = LoadSession(options: options)
        session.rejectionHandler = rejectionHandler
        do {
            for path in paths {
                try load(path, into: &session)
            }
        } catch {
            if !session.isStopped { throw error }
        }
        return try session.finish()
    }

    /// Streams the documents of `paths` to `body` in small batches as they are read, without
    /// keeping them: for long or endless inputs (a pipe), where each record must be handled as soon
    /// as its line arrives.
    ///
    /// A batch holds at most ``streamBatchLimit`` documents. From a pipe or a terminal it holds the
    /// complete JSON Lines records of one read, so a writer feeding it line by line gets each record
    /// handled at once; a regular file is always ready to give more, so its batches are full.
    /// Documents, locations, skipped records and errors are those of ``load(_:rejectionHandler:)``.
    /// - Parameters:
    ///   - paths: JSON Lines files, folders of `.txt` files, or `-` for standard input.
    ///   - rejectionHandler: If given, receives each rejected record as it is found, as for
    ///     ``load(_:rejectionHandler:)``; returns `false` to stop reading.
    ///   - body: Receives each batch with the location (file, and line for a JSON Lines record) of
    ///     each document; returns `false` to stop reading.
    /// - Returns: The counts and skipped records of what was read (its `documents` are empty).
    /// - Throws: The errors of ``load(_:rejectionHandler:)``, for records read before `body` or
    ///   `rejectionHandler` asked to stop.
    /// - Complexity: O(*n*) in the input size; memory O(chunk + batch), not O(*n*).
    public func stream(
        _ paths: [String], rejectionHandler: ((InputIssue) -> Bool)? = nil,
        _ body: @escaping (_ documents: [Document], _ locations: [InputLocation]) -> Bool
    ) throws(InputError) -> LoadedInput {
        var session = LoadSession(options: options)
        session.rejectionHandler = rejectionHandler
        session.sink = body
        session.streamBatchLimit = max(1, streamBatchLimit)
        do {
            for path in paths {
                try load(path, into: &session)
                try session.flush()
            }
        } catch {
            if !session.isStopped { throw error }
        }
        try session.checkNamedFieldsFound()
        return session.result
    }

    /// Loads the documents of in-memory JSON Lines, e.g. a test fixture or a captured stream.
    /// - Parameters:
    ///   - bytes: The JSON Lines bytes.
    ///   - name: How the input is named in messages, e.g. `<stdin>` or `feed.jsonl`.
    /// - Returns: The documents in line order, with what was rejected, repaired or empty.
    /// - Throws: ``InputError/invalidRecord(_:)`` for the first bad record, unless
    ///   ``InputOptions/skipInvalid`` is set; ``InputError/cannotSpill(directory:reason:)`` as for
    ///   ``load(_:rejectionHandler:)``.
    /// - Complexity: O(*n*) in the number of bytes.
    public func load(jsonLines bytes: some Sequence<UInt8>, name: String) throws(InputError) -> LoadedInput {
        var session = LoadSession(options: options)
        try jsonLinesReader.read(bytes: bytes, name: name, into: &session)
        return try session.finish()
    }

    /// Reads the file at `path` as one document, the way a `.txt` file in a folder is read (a
    /// leading byte order mark dropped, invalid UTF-8 replaced with U+FFFD), whatever its name;
    /// its id is `path`.
    ///
    /// No more than ``InputOptions/maxDocumentBytes`` (plus one) bytes are ever read.
    /// - Parameter path: A regular file, a pipe or a device.
    /// - Returns: The document (no time, no source).
    /// - Throws: ``InputError/cannotOpen(path:reason:)`` if it cannot be opened or read;
    ///   ``InputError/invalidRecord(_:)`` with ``InputIssue/Problem/tooLarge(byteCount:limit:)``
    ///   if it is longer than ``InputOptions/maxDocumentBytes``.
    /// - Complexity: O(*n*) in the file's length, at most ``InputOptions/maxDocumentBytes``.
    public func loadTextFile(_ path: String) throws(InputError) -> Document {
        let limit = options.maxDocumentBytes
        switch FileDescriptorReader.readAll(Array(path.utf8), chunkSize: min(chunkSize, limit + 1), limit: limit) {
        case .failure(let reason):
            throw .cannotOpen(path: path, reason: reason.message)
        case .success(let bytes) where bytes.count > limit:
            var status = stat()
            let size = stat(path, &status) == 0 ? Int(status.st_size) : 0
            let problem = InputIssue.Problem.tooLarge(byteCount: max(size, bytes.count), limit: limit)
            throw .invalidRecord(InputIssue(file: path, line: nil, problem: problem))
        case .success(let bytes):
            let text = bytes.withUnsafeBytes { UTF8Repair.decode(UTF8Repair.droppingByteOrderMark($0)).text }
            return Document(id: path, text: text)
        }
    }

    private var jsonLinesReader: JSONLinesReader {
        JSONLinesReader(
            options: options, chunkSize: chunkSize, batchSize: batchSize,
            threads: NearDupOptions.resolvedThreadCount(threadCount))
    }

    private func load(_ path: String, into session: inout LoadSession) throws(InputError) {
        if path == "-" {
            try jsonLinesReader.read(descriptor: standardInput, name: "<stdin>", into: &session)
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .cannotOpen(path: path, reason: FileDescriptorReader.reason(for: errno))
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            try TextFolderReader(chunkSize: chunkSize, options: options).read(root: path, into: &session)
            return
        }
        let descriptor: Int32
        switch FileDescriptorReader.open(Array(path.utf8)) {
        case .success(let opened): descriptor = opened
        case .failure(let reason): throw .cannotOpen(path: path, reason: reason.message)
        }
        defer { FileDescriptorReader.close(descriptor) }
        try jsonLinesReader.read(descriptor: descriptor, name: path, into: &session)
    }
}
