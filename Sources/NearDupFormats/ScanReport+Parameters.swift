import NearDup

extension ScanReport {
    /// The parameters that decide what a scan finds, as fields of a JSON object: the signature
    /// version, shingles, permutations, thresholds and band layout. The `scan` line of the JSON Lines
    /// report and the `--summary` file both carry them.
    func addParameters(to line: inout JSONObjectLine) {
        line.add("signature_version", SignatureFormat.version)
        line.add("shingle", options.shingle.description)
        line.add("permutations", options.permutationCount)
        line.add("threshold", score: options.threshold)
        line.add("rewrite_threshold", score: options.rewrite.isEnabled ? options.rewrite.threshold : nil)
        line.add("bands", bandLayout.bandCount)
        line.add("rows_per_band", bandLayout.rowsPerBand)
    }
}
