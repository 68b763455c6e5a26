import ArgumentParser
import Foundation
import NearDup
import NearDupFormats

/// `neardup dedup`: keep one representative per cluster of duplicates.
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Write one representative per cluster of duplicates, and an account of every removed document.",
        discussion: """
            Every record read appears exactly once: in the kept file; in the removed file, with the kept \
            document it duplicates (duplicate_of), the relation (duplicate or copy) and the score; or among \
            the rejected records (listed on stderr, and all of them in the --rejects file). Partial copies are \
            kept. Outputs are opened before the work starts, written to a temporary name and renamed when \
            complete (through a symbolic link, over the file it points to); an interrupted run leaves no \
            file under a final name. What is not a regular file (/dev/null, a FIFO, /dev/stdout) is written \
            in place. An output that is also an input (a feed, or a .txt file of a folder feed), or another \
            output, is refused with exit 64 before anything is read.

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr), \
            130/143 interrupted.
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var engine: EngineArguments
    @OptionGroup var summary: SummaryArguments

    @Option(name: .shortAndLong, help: "Kept documents as JSON Lines (id, source, published, text); - for stdout.")
    var output: String

    @Option(help: "Removed documents as JSON Lines (id, duplicate_of, relation, score, coverages, jaccard).")
    var removed: String?

    @Flag(help: "No progress or summary on stderr.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Rewrite samples that are common phrases (held by more than \(RewriteOptions.maximumSampleDocuments) "
                + "documents) in a larger feed this input is part of, one neardup bands sample token per line "
                + "(hexadecimal); they propose no rewrite. The Spark job passes them.",
            valueName: "file"))
    var commonSamples: String?

    func validate() throws {
        try OutputPaths(
            outputs: [("--output", output), ("--removed", removed), ("--rejects", input.rejects), summary.output],
            inputs: input.feeds
        ).validate()
    }

    func run() throws {
        try reportingErrors {
            let kept = try OutputFile(path: output)
            let removedFile = try removed.map { (path) throws(CLIError) in try OutputFile(path: path) }
            let rejects = try input.rejectsSink()
            let summaryFile = try summary.open()
            var options = engine.options
            if let commonSamples { options.rewrite.commonSamples = try CommonSamplesFile.samples(at: commonSamples) }
            let run = try ScanRun(input: input, options: options, rejects: rejects, quiet: quiet)
            try run.report.writeKeptRecords(to: kept.write)
            if let removedFile { try removedFile.write(run.report.removedRecords()) }
            try kept.commit()
            try removedFile?.commit()
            try run.finish(rejects: rejects, quiet: quiet)
            try summary.write(to: summaryFile, command: "dedup", input: input, run: run, rejects: rejects)
        }
    }
}
