import ArgumentParser
import Foundation
import NearDup

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
            complete; an interrupted run leaves no file under a final name.

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr), \
            130/143 interrupted.
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var engine: EngineArguments

    @Option(name: .shortAndLong, help: "Kept documents as JSON Lines (id, source, published, text); - for stdout.")
    var output: String

    @Option(help: "Removed documents as JSON Lines (id, duplicate_of, relation, score, coverages, jaccard).")
    var removed: String?

    @Flag(help: "No progress or summary on stderr.")
    var quiet = false

    func validate() throws {
        let paths = [output, removed, input.rejects].compactMap { $0 }
        if Set(paths).count < paths.count { throw ValidationError("--output, --removed and --rejects must differ.") }
    }

    func run() throws {
        try reportingErrors {
            let kept = try OutputFile(path: output)
            let removedFile = try removed.map { (path) throws(CLIError) in try OutputFile(path: path) }
            let rejects = try input.rejectsSink()
            let run = try ScanRun(input: input, options: engine.options, rejects: rejects, quiet: quiet)
            try run.report.writeKeptRecords(to: kept.write)
            if let removedFile { try removedFile.write(run.report.removedRecords()) }
            try kept.commit()
            try removedFile?.commit()
            try run.finish(rejects: rejects, quiet: quiet)
        }
    }
}
