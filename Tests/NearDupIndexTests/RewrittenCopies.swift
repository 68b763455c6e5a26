import NearDup

@testable import NearDupSynthetic

/// Reworded copies of real articles, for the tests that compare the index with `scan` on rewrites:
/// plain lowercase words replaced by others (synonym spinning), numbers and punctuation kept.
enum RewrittenCopies {
    /// The words a spun copy puts in.
    static let replacements = [
        "river", "market", "council", "harbour", "winter", "ledger", "signal", "meadow", "bridge", "courier",
        "lantern", "quarry", "orchard", "beacon", "tunnel", "granite", "ferry", "canvas", "summit", "valley",
    ]

    /// `document` under id `spun-ID`, each plain lowercase word replaced with probability
    /// `perMille / 1000`.
    static func spun(_ document: Document, perMille: Int, seed: UInt64) -> Document {
        var random = SplitMix64(seed: seed)
        var tokens = document.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in tokens.indices where random.nextBool(perMille: perMille) {
            guard tokens[index].utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else {
                continue
            }
            tokens[index] = random.pick(replacements)
        }
        return Document(
            id: "spun-" + document.id, text: tokens.joined(separator: " "), published: document.published,
            source: document.source)
    }

    /// `documents` with, after every fifth, a spun copy of the one three before it: 15 % of its
    /// words replaced, or 30 % every other time (a third of the word 3-grams left).
    static func interleaved(_ documents: [Document]) -> [Document] {
        var result: [Document] = []
        for (index, document) in documents.enumerated() {
            result.append(document)
            if index % 5 == 4 {
                result.append(spun(documents[index - 3], perMille: index % 10 == 4 ? 150 : 300, seed: UInt64(index)))
            }
        }
        return result
    }
}
