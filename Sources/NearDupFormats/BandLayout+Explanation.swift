public import NearDup

extension BandLayout {
    /// Explains, for people, the layout chosen for `options` and its S-curve: the candidate
    /// probability at J = T−0.2 … T+0.2 in steps of 0.05.
    /// - Parameter options: The options whose threshold, permutation count and candidate
    ///   probability decide the layout.
    /// - Returns: Lines of text without a final newline.
    public static func explanation(for options: NearDupOptions) -> String {
        let layout = forThreshold(
            options.threshold, permutationCount: options.permutationCount,
            candidateProbability: options.candidateProbability)
        var lines = [
            "threshold \(ScoreFormat.decimal(options.threshold, digits: 2)), \(options.permutationCount) permutations, "
                + "required candidate probability at the threshold "
                + ScoreFormat.decimal(options.candidateProbability, digits: 2),
            "LSH: \(layout.fullBandCount) bands × \(layout.rowsPerBand) rows"
                + (layout.remainderRows > 0 ? " + 1 band × \(layout.remainderRows) rows" : "")
                + " (all \(layout.permutationCount) slots)",
            "Jaccard  P(candidate)",
        ]
        for step in -4...4 {
            let jaccard = options.threshold + Double(step) * 0.05
            guard jaccard >= 0 && jaccard <= 1 else { continue }
            let probability = ScoreFormat.decimal(layout.candidateProbability(atJaccard: jaccard))
            lines.append(
                "  \(ScoreFormat.decimal(jaccard, digits: 2))   \(probability)" + (step == 0 ? "  <- threshold" : ""))
        }
        lines.append("Every candidate is then verified with exact Jaccard; reported scores are exact.")
        return lines.joined(separator: "\n")
    }
}
