public import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupFormats
import NearDupIndex

/// `neardup index`: a persistent, incremental index for ingest pipelines.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Keep an on-disk index of articles and check new ones against everything seen.",
        discussion: """
            An index is one SQLite file (with PATH-wal, PATH-shm and PATH.lock next to it). One process \
            at a time may write to it; others may check it meanwhile. Exit codes: 0 success, 1 runtime \
            failure (locked, damaged or unreadable index), 64 bad usage, 65 invalid input (file:line on \
            stderr, or an id already indexed).
            """,
        subcommands: [
            IndexCreateCommand.self, IndexAddCommand.self, IndexCheckCommand.self, IndexStatsCommand.self,
            IndexEvictCommand.self, IndexRemoveCommand.self, IndexCompactCommand.self, IndexIntegrityCommand.self,
        ])
}

/// How to open an index, shared by the index subcommands.
struct IndexLocation: ParsableArguments {
    @Argument(help: ArgumentHelp("The index file.", valueName: "path"))
    var path: String

    @Option(help: "Seconds (0 to 1e9) to wait when another process is writing to the index (default: fail at once).")
    var lockTimeout = Self.defaults.lockTimeout / .seconds(1)

    func validate() throws {
        if !(0...Self.maximumLockTimeout).contains(lockTimeout) {
            throw ValidationError(
                "--lock-timeout must be a number of seconds from 0 to \(Int(Self.maximumLockTimeout)).")
        }
        if !(1...Self.maximumCacheMib).contains(cacheMib) {
            throw ValidationError("--cache-mib must be from 1 to \(Self.maximumCacheMib) (1 TiB).")
        }
    }

    @Option(
        help: "SQLite page cache per connection, in MiB (1 to 1048576): the memory the index uses beyond one batch.")
    var cacheMib = Self.defaults.cacheMebibytes

    /// The index's defaults, which the options above start from.
    private static let defaults = NearDupIndex.Configuration()

    /// The longest `--lock-timeout`, in seconds (about 31 years: "wait for ever").
    static let maximumLockTimeout = 1e9
    /// The largest `--cache-mib` (1 TiB), far below where MiB in KiB would overflow.
    static let maximumCacheMib = 1 << 20

    /// The index's files (written even by `check`, which takes the lock and may write the log),
    /// the --rejects file and standard output, as outputs of a command reading `input`'s feeds.
    func outputPaths(reading input: InputArguments) -> OutputPaths {
        OutputPaths(
            outputs: [
                ("the index", path), ("the index's log", path + "-wal"), ("the index's shared memory", path + "-shm"),
                ("the index's lock", path + ".lock"), ("--rejects", input.rejects), ("the answers", "-"),
            ],
            inputs: input.feeds)
    }

    @Flag(
        help: """
            Read every page of the index first (SQLite's quick_check, about 0.5 s per GB from the page cache) \
            and refuse a damaged index, even where this command would not look.
            """)
    var verify = Self.defaults.verifiesPagesOnOpen

    /// Opens the index. A writer creates a missing one with the default options only when
    /// `creatingIfMissing` (`index add`); the maintenance commands refuse a missing path rather than
    /// leave an empty index behind.
    func open(
        readOnly: Bool, creatingIfMissing: Bool = false, durability: NearDupIndex.Durability? = nil,
        mergeEvery: Int? = nil, maximumMatches: Int? = nil
    ) throws -> NearDupIndex {
        if !creatingIfMissing && !FileManager.default.fileExists(atPath: path) {
            throw CLIError.index(.missing(path: path))
        }
        var configuration = NearDupIndex.Configuration()
        if let mergeEvery { configuration.mergeThreshold = mergeEvery }
        if let maximumMatches { configuration.maximumMatches = maximumMatches }
        configuration.cacheMebibytes = cacheMib
        configuration.verifiesPagesOnOpen = verify
        configuration.readOnly = readOnly
        configuration.lockTimeout = .milliseconds(Int(lockTimeout * 1000))
        if let durability { configuration.durability = durability }
        configuration.releasesFreeMemoryBetweenStages = true
        do throws(NearDupIndexError) {
            return try NearDupIndex(path: path, configuration: configuration)
        } catch {
            throw CLIError.index(error)
        }
    }
}

extension NearDupIndex.Durability: ExpressibleByArgument {}

/// `neardup index create PATH [options]`.
struct IndexCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an empty index with the given matching options (stored in it and checked on every open).",
        discussion:
            "--keep, --threads and the recurring-boilerplate option are not stored: the index does not use them.")

    @Argument(help: ArgumentHelp("The index file to create.", valueName: "path"))
    var path: String

    @OptionGroup var engine: EngineArguments

    func run() throws {
        try reportingErrors {
            if FileManager.default.fileExists(atPath: path) { throw CLIError.index(.alreadyExists(path: path)) }
            do throws(NearDupIndexError) {
                let index = try NearDupIndex(path: path, options: engine.options)
                printError(
                    "neardup: created \(index.path) (\(index.options.shingle), threshold \(index.options.threshold))")
            } catch {
                throw CLIError.index(error)
            }
        }
    }
}

/// `neardup index add PATH FEED...`: adds articles, one JSON line per article on stdout.
struct IndexAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add articles, printing for each (JSON Lines) whether it is new or a copy, with the evidence.",
        discussion: """
            Articles are added in batches (--batch-size from a file; from a pipe, whatever each read \
            gives, so each line is handled as it arrives), one transaction per batch; an article's line \
            is printed once it is on disk. A batch is matched as a whole; the batch that brings the \
            articles waiting for a merge to --merge-every writes them into a sorted run in the same \
            transaction. An id already in the index stops the run with exit 65 (with --skip-invalid it \
            is skipped and reported). A missing index is created with the default matching options \
            (`neardup index create` sets others); the other index commands refuse a missing path. \
            --new-output writes the new articles' input lines, byte for byte, as `dedup -o` does.
            """)

    @OptionGroup var location: IndexLocation
    @OptionGroup var input: InputArguments

    @Option(help: "full: each batch survives a machine crash (fsync); process: it survives a process crash.")
    var durability = NearDupIndex.Configuration().durability

    @OptionGroup var batching: IndexBatching

    @Option(help: "Merge the articles added since the last merge into a sorted run once this many wait.")
    var mergeEvery = NearDupIndex.Configuration().mergeThreshold

    @Option(
        help: ArgumentHelp(
            "The input lines, byte for byte, of the articles that are new: no duplicate, copy or rewrite of an "
                + "indexed article (a partial copy is new).",
            valueName: "file"))
    var newOutput: String?

    func validate() throws {
        if mergeEvery < 1 { throw ValidationError("--merge-every must be at least 1.") }
        var paths = location.outputPaths(reading: input)
        paths.outputs.append(("--new-output", newOutput))
        try paths.validate()
    }

    func run() throws {
        try reportingErrors {
            let newArticles = try newOutput.map { (path) throws(CLIError) in try OutputFile(path: path) }
            let index = try location.open(
                readOnly: false, creatingIfMissing: true, durability: durability, mergeEvery: mergeEvery,
                maximumMatches: batching.maxMatches)
            try streamAnswers(
                index: index, input: input, adding: true, batchSize: batching.batchSize, newArticles: newArticles)
            try newArticles?.commit()
        }
    }
}

/// `neardup index check PATH FEED...`: checks articles without adding them.
struct IndexCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check articles against the index without adding them (JSON Lines, as `index add`).")

    @OptionGroup var location: IndexLocation
    @OptionGroup var input: InputArguments
    @OptionGroup var batching: IndexBatching

    func validate() throws {
        try location.outputPaths(reading: input).validate()
    }

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: true, maximumMatches: batching.maxMatches)
            try streamAnswers(index: index, input: input, adding: false, batchSize: batching.batchSize)
        }
    }
}

/// How many articles go to the index at once, and how many matches each answer lists.
struct IndexBatching: ParsableArguments {
    @Option(
        help: """
            At most this many articles per call (and per transaction when adding); 1 adds them one by one. \
            A file is read in batches of this size; a pipe's articles go as soon as each read gives them.
            """)
    var batchSize = 8192

    @Option(
        help: """
            List at most this many matches per article (its strongest), and compare it with at most this \
            many indexed articles per shared band key (the earliest added); past either, its line says \
            "truncated": true.
            """)
    var maxMatches = NearDupIndex.Configuration().maximumMatches

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        if maxMatches < 1 { throw ValidationError("--max-matches must be at least 1.") }
    }
}

/// Streams the feeds through the index and prints one line per article; writes the input lines of
/// the articles that are new (no ``IndexAnswer/duplicateOf``) to `newArticles`, if given.
private func streamAnswers(
    index: NearDupIndex, input: InputArguments, adding: Bool, batchSize: Int, newArticles: OutputFile? = nil
) throws {
    let standardOutput = try OutputFile(path: "-")
    var failure: (any Error)?
    var counts = (articles: 0, copies: 0)
    let rejects = try input.rejectsSink()
    var options = input.inputOptions
    options.keepsRecords = newArticles != nil
    var loader = DocumentLoader(options: options)
    loader.threadCount = index.configuration.threadCount
    loader.streamBatchLimit = batchSize
    let loaded: LoadedInput
    do throws(InputError) {
        loaded = try loader.stream(input.feeds, rejectionHandler: rejects.add) { documents, locations in
            do {
                var batch: [Document] = []
                let indexed = adding ? Set(try index.indexedIDs(among: documents.map(\.id)).map(BytewiseID.init)) : []
                for (document, location) in zip(documents, locations) {
                    guard indexed.contains(BytewiseID(document.id)) else {
                        batch.append(document)
                        continue
                    }
                    let issue = InputIssue(
                        file: location.file, line: location.line,
                        problem: .duplicateID(document.id, firstSeenAt: "the index"))
                    guard input.inputOptions.skipInvalid else { throw CLIError.input(.invalidRecord(issue)) }
                    if !rejects.add(issue) { return false }
                }
                for start in stride(from: 0, to: batch.count, by: batchSize) {
                    let part = Array(batch[start..<min(start + batchSize, batch.count)])
                    let answers = adding ? try index.add(contentsOf: part) : try index.check(contentsOf: part)
                    var output: [UInt8] = []
                    var newLines: [UInt8] = []
                    for (answer, document) in zip(answers, part) {
                        output += IndexAnswerLine.line(answer)
                        counts.articles += 1
                        if answer.duplicateOf != nil {
                            counts.copies += 1
                        } else if newArticles != nil {
                            document.appendRecordLine(to: &newLines)
                        }
                    }
                    try standardOutput.write(output)
                    try newArticles?.write(newLines)
                }
                return true
            } catch let error as NearDupIndexError {
                failure = CLIError.index(error)
            } catch {
                failure = error
            }
            return false
        }
    } catch {
        throw CLIError.input(error)
    }
    if let failure = failure ?? rejects.failure { throw failure }
    try rejects.finish()
    input.printNotes(on: loaded)
    let verb = adding ? "added" : "checked"
    printError(
        "neardup: \(verb) \(counts.articles) articles, \(counts.copies) duplicates or copies"
            + (rejects.count > 0 ? ", \(rejects.count) rejected" : ""))
}
