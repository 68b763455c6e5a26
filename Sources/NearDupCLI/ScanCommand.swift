import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupFormats

/// `neardup scan`: report copied paragraphs and documents.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report which paragraphs and documents are copies of which, and which lines are boilerplate.",
        discussion: """
            Reads every feed, finds paragraphs whose exact shingle Jaccard reaches the threshold, links \
            documents by how much of each is covered by the other, and prints a report on stdout \
            (diagnostics and progress go to stderr).

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr), \
            130/143 interrupted.
            """)

    /// Output formats of `scan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl, csv
    }

    @OptionGroup var input: InputArguments
    @OptionGroup var engine: EngineArguments
    @OptionGroup var summary: SummaryArguments

    @Option(help: "Report format: text (for people), jsonl (one record per line) or csv (document links).")
    var format: Format = .text

    @Flag(help: "Print the LSH band layout and its candidate probabilities on stderr first.")
    var explain = false

    @Flag(help: "No progress or summary on stderr.")
    var quiet = false

    func validate() throws {
        try OutputPaths(
            outputs: [("the report", "-"), ("--rejects", input.rejects), summary.output], inputs: input.feeds
        ).validate()
    }

    func run() throws {
        try reportingErrors {
            let options = engine.options
            let standardOutput = try OutputFile(path: "-")
            let rejects = try input.rejectsSink()
            let summaryFile = try summary.open()
            if explain { printError(BandLayout.explanation(for: options)) }
            let run = try ScanRun(input: input, options: options, rejects: rejects, quiet: quiet)
            switch format {
            case .text: try standardOutput.write(Array(TextReportRenderer().render(run.report).utf8))
            case .jsonl: try standardOutput.write(JSONLinesReportRenderer().render(run.report))
            case .csv: try standardOutput.write(Array(CSVReportRenderer().render(run.report).utf8))
            }
            try run.finish(rejects: rejects, quiet: quiet)
            try summary.write(to: summaryFile, command: "scan", input: input, run: run, rejects: rejects)
        }
    }
}

/// One run of the engine over the feeds, as `scan` and `dedup` do it: load, scan, and account
/// for every record read.
struct ScanRun {
    /// What was read, with the rejected records (without the documents `screen` removed).
    let loaded: LoadedInput
    /// The documents an index removed before the scan (`dedup --against`), in input order.
    let removedAgainstIndex: [IndexScreen.Removal]
    /// The engine's report on the documents read.
    let report: ScanReport
    /// Whether `--keep earliest` (the default) had no times to go by, so followed input order.
    let keepsInInputOrder: Bool
    /// When the run started, for ``elapsedSeconds``.
    private let started = ContinuousClock.now

    /// The wall time since the run started, in seconds.
    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Loads the feeds and scans them, with progress on stderr; rejected records go to `rejects`;
    /// with `keepingRecords`, documents keep their original lines; with `screen`, the documents
    /// an index has copies of are removed first.
    init(
        input: InputArguments, options: NearDupOptions, rejects: RejectsSink, quiet: Bool, keepingRecords: Bool = false,
        screen: IndexScreen? = nil
    ) throws {
        keepsInInputOrder = options.keep == .earliest && input.timeField == nil
        let read = try input.load(
            quiet: quiet, threads: options.threadCount, rejects: rejects, keepingRecords: keepingRecords)
        (loaded, removedAgainstIndex) = try screen?.screen(read, removing: options.removedRelations) ?? (read, [])
        let progress = ProgressReporter.make(quiet: quiet)
        defer { progress?.finish() }
        do throws(NearDupError) {
            var engine = try NearDupEngine(options: options)
            engine.releasesFreeMemoryBetweenStages = true
            if case .bytes(let limit) = input.memoryLimit { engine.memoryLimit = limit.bytes }
            let callback: (@Sendable (ScanProgress) -> Void)?
            if let progress { callback = { progress.update($0) } } else { callback = nil }
            report = try engine.scan(loaded.documents, progress: callback)
        } catch {
            throw CLIError.engine(error)
        }
    }

    /// Completes the --rejects file, then prints the account on stderr unless `quiet`: every record
    /// read is kept, removed or rejected, and how representatives were chosen if not by time.
    func finish(rejects: RejectsSink, quiet: Bool) throws(CLIError) {
        try rejects.finish()
        guard !quiet else { return }
        if keepsInInputOrder {
            printError(
                "neardup: --keep earliest without --time-field kept the first of each cluster in input order "
                    + "(name the time field with --time-field, or choose --keep first or longest)")
        }
        let statistics = report.statistics
        if statistics.oversizedBuckets > 0 {
            printError(
                "neardup: \(statistics.oversizedBuckets) LSH buckets were too large to pair every member "
                    + "(each was paired with its first member); see the README, \"Failure behaviour\"")
        }
        if statistics.cappedParagraphs > 0 {
            printError(
                "neardup: \(statistics.cappedParagraphs) paragraphs were matched in more documents than are linked "
                    + "(each was linked to the \(ScanStatistics.sourcesPerParagraph) most preferred); see the README, "
                    + "\"Failure behaviour\"")
        }
        let againstIndex = removedAgainstIndex.isEmpty ? "" : " (\(removedAgainstIndex.count) against the index)"
        printError(
            "neardup: \(loaded.recordsRead) records read: \(statistics.documents - statistics.removedDocuments) kept, "
                + "\(statistics.removedDocuments + removedAgainstIndex.count) removed\(againstIndex), "
                + "\(loaded.rejectedCount) rejected")
    }
}
