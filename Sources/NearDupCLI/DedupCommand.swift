import ArgumentParser
import Foundation
import NearDup

/// `neardup dedup`: keep one representative per cluster of duplicates.
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Write one representative per cluster of duplicates, and an account of every removed document.",
        discussion: """
            Every input document appears exactly once: in the kept file, or in the removed file with the \
            kept document it duplicates (duplicate_of), the relation (duplicate or copy) and the score. \
            Partial copies are kept. Files are written to a temporary name and renamed when complete.

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr).
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
        if let removed, removed == output { throw ValidationError("--removed must differ from --output.") }
    }

    func run() throws {
        try reportingErrors {
            let report = try runScan(input: input, options: engine.options, quiet: quiet)
            try OutputFile.write(to: output) { (emit) throws(CLIError) in try report.writeKeptRecords(to: emit) }
            if let removed { try OutputFile.write(report.removedRecords(), to: removed) }
            if !quiet {
                let statistics = report.statistics
                printError(
                    "neardup: \(statistics.documents) documents: \(statistics.documents - statistics.removedDocuments) kept, "
                        + "\(statistics.removedDocuments) removed")
            }
        }
    }
}
