import ArgumentParser
import NearDupFormats

/// The `--summary` option of the commands that scan feeds (`scan`, `dedup`).
struct SummaryArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write one JSON object accounting for the run (counts, rejects by problem, parameters, time taken, "
                + "version) to this file; - for stdout.",
            valueName: "file"))
    var summary: String?

    /// The output and the option naming it, for ``OutputPaths``.
    var output: (option: String, path: String?) { ("--summary", summary) }

    /// Opens the summary file, if asked for, before any work starts.
    /// - Throws: `CLIError.cannotWrite` if it cannot be created.
    func open() throws(CLIError) -> OutputFile? {
        try summary.map { (path) throws(CLIError) in try OutputFile(path: path) }
    }

    /// Writes and completes the summary of `run` by `command` to `file`, if there is one.
    /// - Throws: `CLIError.cannotWrite` if it cannot be written.
    func write(
        to file: OutputFile?, command: String, input: InputArguments, run: ScanRun, rejects: RejectsSink
    ) throws(CLIError) {
        guard let file else { return }
        var summary = RunSummary(
            command: command, feeds: input.feeds, inputOptions: input.inputOptions, loaded: run.loaded,
            rejectedByProblem: rejects.countsByProblem, seconds: run.elapsedSeconds)
        summary.removedAgainstIndex = run.removedAgainstIndex.count
        try file.write(summary.render(run.report))
        try file.commit()
    }
}
