import ArgumentParser
import NearDup

/// `neardup explain`: show how the LSH layout follows from the threshold.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the LSH bands × rows chosen for a threshold and the S-curve of candidate probabilities.")

    @OptionGroup var engine: EngineArguments

    func run() {
        print(Self.table(options: engine.options))
    }

    /// The layout and the candidate probability at J = T−0.2 … T+0.2.
    static func table(options: NearDupOptions) -> String {
        let layout = BandLayout.forThreshold(
            options.threshold, permutationCount: options.permutationCount,
            candidateProbability: options.candidateProbability)
        var lines = [
            "threshold \(fixed(options.threshold)), \(options.permutationCount) permutations, required candidate "
                + "probability at the threshold \(fixed(options.candidateProbability))",
            "LSH: \(layout.fullBandCount) bands × \(layout.rowsPerBand) rows"
                + (layout.remainderRows > 0 ? " + 1 band × \(layout.remainderRows) rows" : "")
                + " (all \(layout.permutationCount) slots)",
            "Jaccard  P(candidate)",
        ]
        for step in -4...4 {
            let jaccard = options.threshold + Double(step) * 0.05
            guard jaccard >= 0 && jaccard <= 1 else { continue }
            let marker = step == 0 ? "  <- threshold" : ""
            lines.append(
                "  \(fixed(jaccard))   \(fixed(layout.candidateProbability(atJaccard: jaccard), digits: 4))\(marker)")
        }
        lines.append("Every candidate is then verified with exact Jaccard; reported scores are exact.")
        return lines.joined(separator: "\n")
    }

    private static func fixed(_ value: Double, digits: Int = 2) -> String {
        var text = String(Int((value * pow10(digits)).rounded()))
        while text.count <= digits { text = "0" + text }
        return String(text.dropLast(digits)) + "." + String(text.suffix(digits))
    }

    private static func pow10(_ digits: Int) -> Double {
        (0..<digits).reduce(1.0) { value, _ in value * 10 }
    }
}
