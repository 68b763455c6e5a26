import Foundation

/// Everything that decides what NearDup calls a copy. The same options give the same output.
public struct NearDupOptions: Sendable, Hashable {
    /// How text becomes paragraphs.
    public var paragraphSplitting: ParagraphSplitting = .lines
    /// Paragraphs with fewer normalized tokens are not matched on their own (they still count
    /// towards the document's whole-text signature).
    public var minimumParagraphTokens: Int = 8
    /// The shingles compared: word or character n-grams.
    public var shingle: ShingleKind = .words(5)
    /// The number of MinHash slots per signature (`num_perm` elsewhere).
    public var permutationCount: Int = 128
    /// The exact Jaccard similarity at and above which two paragraphs (or two whole documents) match.
    public var threshold: Double = 0.5
    /// The probability with which LSH must make a pair at exactly `threshold` a candidate.
    public var candidateProbability: Double = 0.95
    /// Boilerplate recognition.
    public var boilerplate: BoilerplateOptions = BoilerplateOptions()
    /// When a linked document pair counts as `duplicate` or `copy`.
    public var relations: RelationThresholds = RelationThresholds()
    /// Rewritten copies: reworded text that paragraph matching misses.
    public var rewrite: RewriteOptions = RewriteOptions()
    /// The relations whose copies `dedup` removes, keeping one representative: any of `duplicate`,
    /// `copy` and `rewrite` (`Relation.isRemovable`; `partial` and `quotation` are refused).
    public var removedRelations: Set<Relation> = [.duplicate, .copy, .rewrite]
    /// Which document of a duplicate cluster is kept.
    public var keep: RepresentativePolicy = .earliest
    /// Worker threads for the parallel stages; `nil` uses every core. Output never depends on it.
    /// The one owner of the thread count: the loader and the index take it from here, resolved by
    /// ``resolvedThreadCount``.
    public var threadCount: Int? = nil

    /// The threads the parallel stages use: ``threadCount``, or every active core.
    public var resolvedThreadCount: Int { Self.resolvedThreadCount(threadCount) }

    /// The threads to use for `requested` threads: at least 1, and every active core for `nil`.
    public static func resolvedThreadCount(_ requested: Int?) -> Int { max(1, requested ?? activeProcessorCount) }

    /// Read once per process: `activeProcessorCount` reads the cgroup files each time (a dozen
    /// system calls).
    private static let activeProcessorCount = ProcessInfo.processInfo.activeProcessorCount

    /// Creates the default options (the `news` preset).
    public init() {}

    /// Checks that every value is in range.
    /// - Throws: `NearDupError.invalidOption` naming the first bad value and its valid range.
    public func validate() throws(NearDupError) {
        func require(_ condition: Bool, _ name: String, _ expected: String) throws(NearDupError) {
            if !condition { throw .invalidOption(name: name, expected: expected) }
        }
        try require(minimumParagraphTokens >= 1, "minimum paragraph tokens", "at least 1")
        try require((1...64).contains(shingle.length), "shingle length", "1 to 64")
        try require((1...4096).contains(permutationCount), "permutation count", "1 to 4096")
        try require(threshold > 0 && threshold <= 1, "threshold", "above 0 and at most 1")
        try require(
            candidateProbability > 0 && candidateProbability < 1, "candidate probability", "between 0 and 1 (exclusive)"
        )
        try require(boilerplate.minimumDocuments >= 2, "boilerplate minimum documents", "at least 2")
        try require(
            boilerplate.maximumShare > 0 && boilerplate.maximumShare <= 1, "boilerplate maximum share",
            "above 0 and at most 1")
        try require(
            relations.mutualCoverage > 0 && relations.mutualCoverage <= relations.copyCoverage
                && relations.copyCoverage <= relations.duplicateCoverage && relations.duplicateCoverage <= 1,
            "relation coverages", "0 < mutual coverage <= copy coverage <= duplicate coverage <= 1")
        try require(threadCount.map { $0 >= 1 } ?? true, "thread count", "at least 1")
        try require(
            rewrite.threshold > 0 && rewrite.threshold <= 1, "rewrite threshold", "above 0 and at most 1")
        try require(removedRelations.allSatisfy(\.isRemovable), "removed relations", "duplicate, copy or rewrite")
    }
}

/// How a document's text is cut into paragraphs (byte offsets into the original are kept).
public enum ParagraphSplitting: String, Sendable, Hashable, CaseIterable {
    /// Every line is a paragraph; blank lines are skipped. Suits scraped text, where both single
    /// and double newlines separate paragraphs.
    case lines
    /// Only blank lines separate paragraphs; single newlines inside a paragraph are kept.
    case blankLines = "blank-lines"
}

/// The unit a shingle is made of, and how many of them.
public enum ShingleKind: Sendable, Hashable, CustomStringConvertible {
    /// Runs of `n` consecutive normalized words.
    case words(Int)
    /// Runs of `n` consecutive Unicode scalars of the normalized text (words joined by one space).
    case characters(Int)

    /// The `n` of the n-gram.
    public var length: Int {
        switch self {
        case .words(let n), .characters(let n): n
        }
    }

    /// The command-line spelling: `word:5` or `char:5`.
    public var description: String {
        switch self {
        case .words(let n): "word:\(n)"
        case .characters(let n): "char:\(n)"
        }
    }

    /// Parses `word:N` or `char:N`; returns `nil` for anything else.
    /// - Parameter text: The spelling to parse.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[1]), n >= 1 else { return nil }
        switch parts[0] {
        case "word", "words": self = .words(n)
        case "char", "chars", "character", "characters": self = .characters(n)
        default: return nil
        }
    }
}

/// Boilerplate recognition: text that recurs across unrelated documents, and page furniture
/// recognised by the news rules. Boilerplate is reported, never used as evidence of copying.
public struct BoilerplateOptions: Sendable, Hashable {
    /// Turns boilerplate recognition on or off.
    public var isEnabled = true
    /// A paragraph cluster is a boilerplate candidate when it spans at least this many documents.
    public var minimumDocuments = 5
    /// … and when, in the median document that carries it, the text it keeps company with makes up
    /// less than this share of the document (the documents otherwise differ).
    public var maximumShare = 0.3

    /// Creates the default boilerplate options.
    public init() {}
}

/// When a linked document pair is called a duplicate or a copy (coverages are shares of a
/// document's non-boilerplate text covered by matches in the other document).
public struct RelationThresholds: Sendable, Hashable {
    /// Both documents cover at least this share of each other (or their whole-text Jaccard is at
    /// least this): `duplicate`.
    public var duplicateCoverage = 0.8
    /// One document covers at least this share of the other: `copy`.
    public var copyCoverage = 0.7
    /// … or each covers at least this share of the other (the same story, each with additions): `copy`.
    public var mutualCoverage = 0.5

    /// Creates the default thresholds.
    public init() {}
}

/// Rewritten copies: documents whose wording changed (edited, synonym-spun, translated and back)
/// but that still carry their source's text, which paragraph matching at `NearDupOptions.threshold`
/// misses. See `RewriteLinker` for the stage and `MatchRules.isRewrite` for the rule.
public struct RewriteOptions: Sendable, Hashable {
    /// Turns rewrite detection on or off.
    public var isEnabled = true
    /// Two documents are a rewrite when at least this share of the shorter one's word 3-grams
    /// (boilerplate left out) is found in the other.
    public var threshold = 0.25
    /// A word 3-gram sample found in more documents than this is a common phrase and proposes no
    /// candidates.
    public static let maximumSampleDocuments = 64
    /// Two documents are rewrite candidates only if they share at least this many samples that
    /// are not common phrases (`RewriteCandidates`).
    public static let minimumSharedSamples = 3
    /// Word 3-gram samples (`RewriteSampling` hashes) that are common phrases whatever their count
    /// in the documents at hand: those found in more than ``maximumSampleDocuments`` documents of a
    /// larger feed that this run sees a part of (the Spark job, `neardup dedup --common-samples`).
    public var commonSamples: Set<UInt64> = []

    /// Creates the default rewrite options.
    public init() {}
}

/// Which document of a cluster of copies is kept as its representative.
public enum RepresentativePolicy: String, Sendable, Hashable, CaseIterable {
    /// The earliest `published` time; documents without one come after those with one; ties by input order.
    case earliest
    /// The most non-boilerplate text (in tokens); ties by input order.
    case longest
    /// The first in input order.
    case first
}
