import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
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
            kept. Kept (and --removed-records) lines are the input lines byte for byte, every field \
            included, without a byte order mark and with LF line ends; a .txt file's document is written \
            as {"id", "text"}. Outputs are opened before the work starts, written to a temporary name and renamed when \
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

    @Option(name: .shortAndLong, help: "Kept records, each its input line byte for byte; - for stdout.")
    var output: String

    @Option(help: "Removed documents as JSON Lines (id, duplicate_of, relation, score, coverages, jaccard).")
    var removed: String?

    @Option(help: ArgumentHelp("Removed records, each its input line byte for byte, for an audit.", valueName: "file"))
    var removedRecords: String?

    @Option(
        help: ArgumentHelp(
            "Add this top-level field to each kept record: {\"cluster\": its id, \"duplicates\": n, "
                + "\"removed\": [ids]}, the ids as strings. A kept record that has the field already stops the "
                + "run (exit 65).",
            valueName: "field"))
    var annotate: String?

    @Option(
        help: ArgumentHelp(
            "Remove first the records this index (of `neardup index`) has a duplicate, copy or rewrite of "
                + "(per --remove), with duplicate_of the indexed id; the index is only read.",
            valueName: "index"))
    var against: String?

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
            outputs: [
                ("--output", output), ("--removed", removed), ("--removed-records", removedRecords),
                ("--rejects", input.rejects), summary.output,
            ],
            inputs: input.feeds + [against].compactMap { $0 }
        ).validate()
        if annotate?.isEmpty == true { throw ValidationError("--annotate needs a field name.") }
    }

    func run() throws {
        try reportingErrors {
            let kept = try OutputFile(path: output)
            let removedFile = try removed.map { (path) throws(CLIError) in try OutputFile(path: path) }
            let removedRecordsFile = try removedRecords.map { (path) throws(CLIError) in try OutputFile(path: path) }
            let rejects = try input.rejectsSink()
            let summaryFile = try summary.open()
            var options = engine.options
            if let commonSamples { options.rewrite.commonSamples = try CommonSamplesFile.samples(at: commonSamples) }
            let screen = try against.map { (path) throws(CLIError) in try IndexScreen(path: path) }
            let run = try ScanRun(
                input: input, options: options, rejects: rejects, quiet: quiet, keepingRecords: true, screen: screen)
            if let annotate, let (document, reason) = run.report.firstKeptDocument(refusing: annotate) {
                throw CLIError.invalidData(
                    "cannot annotate the kept record \"\(run.report.documents[document].id)\" with --annotate "
                        + "\(annotate): \(reason); choose another field name")
            }
            try run.report.writeKeptRecords(annotatingWith: annotate, to: kept.write)
            if let removedFile {
                for removal in run.removedAgainstIndex {
                    try removedFile.write(removal.match.removedLine(id: removal.document.id))
                }
                try removedFile.write(run.report.removedRecords())
            }
            if let removedRecordsFile {
                var lines: [UInt8] = []
                for removal in run.removedAgainstIndex { removal.document.appendRecordLine(to: &lines) }
                try removedRecordsFile.write(lines)
                try run.report.writeRemovedRecords(to: removedRecordsFile.write)
            }
            try kept.commit()
            try removedFile?.commit()
            try removedRecordsFile?.commit()
            try run.finish(rejects: rejects, quiet: quiet)
            try summary.write(to: summaryFile, command: "dedup", input: input, run: run, rejects: rejects)
        }
    }
}
