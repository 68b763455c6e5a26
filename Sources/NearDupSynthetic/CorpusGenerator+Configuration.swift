extension CorpusGenerator {
    /// What to generate: how many documents, from which seed, and how copies are mixed in.
    public struct Configuration: Sendable, Hashable {
        /// The number of documents in the feed.
        public var documentCount: Int
        /// The seed that fixes every choice; equal configurations give byte-identical output.
        public var seed: UInt64
        /// The share of documents that are copies (verbatim, syndicated or partial) of an earlier
        /// original, in `0 ..< 0.9`. The realised share is close to it for large feeds.
        public var copyFraction: Double
        /// The number of distinct sites (sources); each has its own boilerplate and paragraph separator.
        public var siteCount: Int
        /// The largest number of documents between an original and one of its copies.
        public var maximumCopyDelay: Int
        /// The largest number of copies one original gets (each original gets at least one).
        public var maximumCopiesPerOriginal: Int

        /// The share of copies when none is given (`neardup generate`'s default too).
        public static let defaultCopyFraction = 0.3

        /// Creates a configuration.
        /// - Parameters:
        ///   - documentCount: The number of documents in the feed (at least 1).
        ///   - seed: The seed that fixes every choice.
        ///   - copyFraction: The share of documents that copy an earlier original, in `0 ..< 0.9`.
        ///   - siteCount: The number of sites (at least 1; copies move to another site when there are two or more).
        ///   - maximumCopyDelay: The largest distance, in documents, from an original to a copy (at least 1).
        ///   - maximumCopiesPerOriginal: The largest number of copies of one original (at least 1).
        public init(
            documentCount: Int,
            seed: UInt64,
            copyFraction: Double = defaultCopyFraction,
            siteCount: Int = 40,
            maximumCopyDelay: Int = 500,
            maximumCopiesPerOriginal: Int = 3
        ) {
            self.documentCount = documentCount
            self.seed = seed
            self.copyFraction = copyFraction
            self.siteCount = siteCount
            self.maximumCopyDelay = maximumCopyDelay
            self.maximumCopiesPerOriginal = maximumCopiesPerOriginal
            checkValid()
        }

        /// Stops with a message if a property is out of range (programmer error).
        func checkValid() {
            precondition(documentCount >= 1, "documentCount must be at least 1")
            precondition(copyFraction >= 0 && copyFraction < 0.9, "copyFraction must be in 0 ..< 0.9")
            precondition(siteCount >= 1, "siteCount must be at least 1")
            precondition(maximumCopyDelay >= 1, "maximumCopyDelay must be at least 1")
            precondition(maximumCopiesPerOriginal >= 1, "maximumCopiesPerOriginal must be at least 1")
        }

        /// The probability, in millionths, that a new story becomes an original: with `c` copies per
        /// original on average, a share `f` of copies needs `p = f / (c (1 − f))`.
        var originalPerMillion: Int {
            let meanCopies = Double(1 + maximumCopiesPerOriginal) / 2
            let probability = copyFraction / (meanCopies * (1 - copyFraction))
            return Int((min(1, probability) * 1_000_000).rounded())
        }
    }
}
