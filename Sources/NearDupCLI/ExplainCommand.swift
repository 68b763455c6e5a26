import ArgumentParser
import NearDup

/// `neardup explain`: show how the LSH layout follows from the threshold.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the LSH bands × rows chosen for a threshold and the S-curve of candidate probabilities.")

    @OptionGroup var engine: EngineArguments

    func run() {
        print(BandLayout.explanation(for: engine.options))
    }
}
