public import NearDup

/// Generates a seeded, news-like feed of documents with known near-duplicates, and the truth about them.
///
/// The feed mixes stories that get copies later (`original`), stories that never do (`unique`), and
/// copies of an earlier original on another site: `verbatim`, `syndicated` (edited) and `partial`
/// (a few paragraphs inside a new article). Each page carries its site's boilerplate — navigation
/// header, "The post … appeared first on …" or a "Trending" block whose headlines recur across the
/// site — and separates lines with "\n" on half of the sites and "\n\n" on the others. Texts come from
/// a synthetic Zipf-distributed vocabulary, so unrelated documents share no body paragraph and the
/// truth is exact. Pages average about 5–7 KB.
///
/// Output is byte-identical for equal configurations on every machine and Swift version, for one
/// `formatVersion`: all choices come from a `SplitMix64` through integer-only helpers, and nothing
/// depends on hashing, locale or floating-point formatting.
///
/// ```swift
/// let generator = CorpusGenerator(configuration: .init(documentCount: 1_000, seed: 42))
/// let corpus = generator.generate()
/// ```
public struct CorpusGenerator: Sendable {
    /// The version of the generated content; it changes whenever equal configurations would
    /// produce different output.
    public static let formatVersion = 1

    /// The first `published` time: 2025-01-01T00:00:00Z, in seconds since 1970.
    static let startSeconds: Int64 = 1_735_689_600

    /// What this generator produces.
    public let configuration: Configuration
    /// The prose source shared by all stories.
    let prose: ProseWriter
    /// The sites, indexed by site number.
    let sites: [SiteProfile]
    /// The seed of the feed's own random sequence.
    let feedSeed: UInt64

    /// Creates a generator and builds its vocabulary and sites.
    /// - Parameter configuration: What to generate.
    /// - Complexity: O(`siteCount`) plus a constant-size vocabulary.
    public init(configuration: Configuration) {
        configuration.checkValid()
        self.configuration = configuration
        var seeds = SplitMix64(seed: configuration.seed)
        var random = SplitMix64(seed: seeds.next())
        let prose = ProseWriter(vocabulary: Vocabulary(size: 4_000, random: &random), random: &random)
        var sites: [SiteProfile] = []
        var names = Set<String>()
        while sites.count < configuration.siteCount {
            let site = SiteProfile(index: sites.count, prose: prose, random: &random)
            if names.insert(site.name).inserted {
                sites.append(site)
            }
        }
        self.prose = prose
        self.sites = sites
        feedSeed = seeds.next()
    }

    /// Generates the whole feed in memory.
    /// - Returns: The documents in feed order and their truth records, at the same positions.
    /// - Complexity: O(`documentCount`) time and memory (about 6 KB of text per document).
    public func generate() -> GeneratedCorpus {
        var corpus = GeneratedCorpus()
        corpus.documents.reserveCapacity(configuration.documentCount)
        corpus.truth.reserveCapacity(configuration.documentCount)
        forEachDocument { document, record in
            corpus.documents.append(document)
            corpus.truth.append(record)
        }
        return corpus
    }

    /// Generates the feed one document at a time, so a large feed can be written without holding it
    /// in memory; the documents and records are the same as `generate()`'s, in the same order.
    /// - Parameter body: Called once per document, in feed order, with its truth record.
    /// - Throws: Whatever `body` throws; generation stops there.
    /// - Complexity: O(`documentCount`) time; memory holds only stories whose copies are still due
    ///   (bounded by `maximumCopyDelay`).
    public func forEachDocument<E: Error>(
        _ body: (Document, TruthRecord) throws(E) -> Void
    ) throws(E) {
        try forEachArticle { (article, record) throws(E) in
            try body(article.document, record)
        }
    }

    /// Formats the id of the document at zero-based `position`: "doc-" and the one-based number,
    /// zero-padded to at least seven digits so ids sort in feed order.
    func documentID(at position: Int) -> String {
        let digits = String(position + 1)
        let width = max(7, String(configuration.documentCount).count)
        return "doc-" + String(repeating: "0", count: width - digits.count) + digits
    }
}
