import ArgumentParser
import NearDup
import NearDupFormats

/// `neardup explain`: show how the LSH layout follows from the threshold.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the LSH bands × rows chosen for a threshold and the S-curve of candidate probabilities.")

    @OptionGroup var engine: EngineArguments

    func run() throws {
        try reportingErrors {
            try OutputFile(path: "-").write(Array((BandLayout.explanation(for: engine.options) + "\n").utf8))
        }
    }
}
