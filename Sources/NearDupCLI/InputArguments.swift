import ArgumentParser
import NearDup
import NearDupFeeds

/// Where articles come from, shared by the commands that read feeds.
struct InputArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "JSON Lines files, folders of .txt files (id = relative path), or - for standard input.",
            valueName: "feed"))
    var feeds: [String]

    @OptionGroup var fields: FieldArguments

    @Option(
        help: """
            JSON field holding the publication time (a number, ISO 8601 or RFC 2822, in the years 1900 to 2200); \
            used by --keep earliest. It is an error if no record has it.
            """)
    var timeField: String?

    @Option(help: "What a numeric --time-field counts since 1970: s, ms, us or ns.")
    var timeUnit = Self.defaults.timeUnit

    @Option(help: "JSON field holding the source (site) name; reported only. It is an error if no record has it.")
    var sourceField: String?

    @Flag(
        help: """
            Skip malformed records, missing or mistyped fields, invalid times, duplicate ids (compared as bytes), \
            zip and Parquet files, broken compressed streams and unreadable files in feed folders, report them on \
            stderr, and go on.
            """)
    var skipInvalid = Self.defaults.skipInvalid

    @Option(
        help: """
            Write every rejected record (file, line, problem, reason) to this JSON Lines file as it is found; \
            implies --skip-invalid.
            """)
    var rejects: String?

    @Option(
        help: "Skip and report records (a JSON Lines line or a .txt file) larger than this; K, M, G are powers of 1024."
    )
    var maxDocumentBytes = ByteCount(bytes: Self.defaults.maxDocumentBytes)

    @Option(
        help: """
            Stop with an error as soon as the input, or one record of it, would need more memory than this \
            (e.g. 4G; more than 64M), or off.
            """)
    var memoryLimit = MemoryLimit.available

    @Option(
        help: ArgumentHelp(
            "Document text held in memory (K, M, G are powers of 1024), or all. Text past it goes to an unnamed "
                + "temporary file in $TMPDIR (or /tmp), which needs that much free space, and is read back when needed.",
            valueName: "size"))
    var textMemory = TextMemory.standard

    func validate() throws {
        if feeds.isEmpty {
            throw ValidationError("Give at least one feed (a .jsonl file, a folder of .txt files, or -).")
        }
        if feeds.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
        if maxDocumentBytes.bytes == 0 { throw ValidationError("--max-document-bytes must be positive.") }
        if case .bytes(let limit) = memoryLimit, limit.bytes <= MemoryEstimate.baseBytes {
            throw ValidationError(
                "--memory-limit \(limit) is not above the \(ByteCount(bytes: MemoryEstimate.baseBytes)) a run needs "
                    + "before any text: give more (e.g. 1G), or off.")
        }
    }

    /// The loader's defaults, which the options above start from.
    private static let defaults = InputOptions()

    var inputOptions: InputOptions {
        var options = fields.applied(to: InputOptions())
        options.timeField = timeField
        options.timeUnit = timeUnit
        options.sourceField = sourceField
        options.skipInvalid = skipInvalid || rejects != nil
        options.maxDocumentBytes = maxDocumentBytes.bytes
        options.textStorage = textMemory.textStorage
        if case .bytes(let limit) = memoryLimit {
            options.maxTotalTextBytes = MemoryEstimate.textBytes(
                fittingIn: limit.bytes, heldInMemory: textMemory.heldBytes)
            options.maxRecordBytes = MemoryEstimate.recordBytes(fittingIn: limit.bytes)
        }
        return options
    }

    /// Opens the --rejects file, if asked for, as the sink of every record this run rejects.
    /// - Throws: `CLIError.cannotWrite` if it cannot be created.
    func rejectsSink() throws(CLIError) -> RejectsSink {
        try RejectsSink(path: rejects)
    }

    /// Loads every feed, handing each rejected record to `rejects` as it is found, and noting
    /// repairs on stderr; with `keepingRecords`, each document keeps its original line
    /// (``InputOptions/keepsRecords``).
    /// - Throws: `CLIError.input` if loading fails; the `rejects` file's failure if it cannot be written.
    func load(
        quiet: Bool, threads: Int?, rejects: RejectsSink, keepingRecords: Bool = false
    ) throws(CLIError) -> LoadedInput {
        let loaded: LoadedInput
        do throws(InputError) {
            var options = inputOptions
            options.keepsRecords = keepingRecords
            var loader = DocumentLoader(options: options)
            loader.threadCount = threads
            loaded = try loader.load(feeds, rejectionHandler: rejects.add)
        } catch {
            throw CLIError.input(error)
        }
        if let failure = rejects.failure { throw failure }
        if !quiet { printNotes(on: loaded) }
        return loaded
    }

    /// Notes on stderr what was repaired, empty, skipped or without a time or source in `loaded`
    /// (nothing if all is well).
    func printNotes(on loaded: LoadedInput) {
        var notes: [String] = []
        for (field, count) in [(timeField, loaded.documentsWithoutTime), (sourceField, loaded.documentsWithoutSource)] {
            if let field, count > 0 {
                notes.append("\(count) of \(loaded.jsonLinesDocuments) records have no \(field)")
            }
        }
        if loaded.documentsWithInvalidUTF8 > 0 {
            notes.append("\(loaded.documentsWithInvalidUTF8) documents had invalid UTF-8 (replaced with U+FFFD)")
        }
        if loaded.emptyDocuments > 0 {
            notes.append("\(loaded.emptyDocuments) empty documents (kept, never matched)")
        }
        if loaded.skippedFiles > 0 {
            notes.append("\(loaded.skippedFiles) files in feed folders skipped (their names do not end in .txt)")
        }
        if !notes.isEmpty { printError("neardup: " + notes.joined(separator: "; ")) }
    }
}
