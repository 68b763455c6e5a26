import ArgumentParser
import Foundation
import NearDup

/// `neardup scan`: report copied paragraphs and documents.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report which paragraphs and documents are copies of which, and which lines are boilerplate.",
        discussion: """
            Reads every feed, finds paragraphs whose exact shingle Jaccard reaches the threshold, links \
            documents by how much of each is covered by the other, and prints a report on stdout \
            (diagnostics and progress go to stderr).

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr).
            """)

    /// Output formats of `scan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl, csv
    }

    @OptionGroup var input: InputArguments
    @OptionGroup var engine: EngineArguments

    @Option(help: "Report format: text (for people), jsonl (one record per line) or csv (document links).")
    var format: Format = .text

    @Flag(help: "Print the LSH band layout and its candidate probabilities on stderr first.")
    var explain = false

    @Flag(help: "No progress or notes on stderr.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let options = engine.options
            if explain { printError(BandLayout.explanation(for: options)) }
            let report = try runScan(input: input, options: options, quiet: quiet)
            switch format {
            case .text: FileHandle.standardOutput.write(Data(TextReportRenderer().render(report).utf8))
            case .jsonl: FileHandle.standardOutput.write(Data(JSONLinesReportRenderer().render(report)))
            case .csv: FileHandle.standardOutput.write(Data(CSVReportRenderer().render(report).utf8))
            }
        }
    }
}

/// Loads the feeds and scans them, with progress on stderr.
func runScan(input: InputArguments, options: NearDupOptions, quiet: Bool) throws -> ScanReport {
    let loaded = try input.load(quiet: quiet, threads: options.threadCount)
    let progress = ProgressReporter.make(quiet: quiet)
    defer { progress?.finish() }
    do throws(NearDupError) {
        let engine = try NearDupEngine(options: options)
        let callback: (@Sendable (ScanProgress) -> Void)?
        if let progress { callback = { progress.update($0) } } else { callback = nil }
        return try engine.scan(loaded.documents, progress: callback)
    } catch {
        throw CLIError.engine(error)
    }
}
