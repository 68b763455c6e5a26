import Foundation
import NearDup

/// The file of `neardup dedup --common-samples`: rewrite samples that are common phrases in a feed
/// this run deduplicates a part of (the Spark job writes it from `neardup bands`).
enum CommonSamplesFile {
    /// The samples of the file at `path`: one rewrite sample token of `neardup bands`
    /// (``BandKey/sampleToken(ofSample:)``, hexadecimal) per line; blank lines are skipped.
    /// - Throws: `CLIError.message` when the file cannot be read, naming it, or when a line holds
    ///   no sample token, naming the file and the line.
    static func samples(at path: String) throws(CLIError) -> Set<UInt64> {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .message("cannot read --common-samples \(path): \(error.localizedDescription)")
        }
        var samples: Set<UInt64> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let token = line.trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty else { continue }
            guard token.allSatisfy(\.isHexDigit), let value = UInt64(token, radix: 16),
                let sample = BandKey.sample(ofToken: value)
            else {
                throw .message(
                    "--common-samples \(path):\(index + 1): '\(token.prefix(40))' is not a rewrite sample token "
                        + "of neardup bands (hexadecimal, bit 61 set)")
            }
            samples.insert(sample)
        }
        return samples
    }
}
