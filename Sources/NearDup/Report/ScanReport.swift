/// Everything one scan found: per-document and per-paragraph facts, document links with their
/// paragraph evidence, paragraph clusters, dedup decisions and counts.
///
/// Indices (`document`, `paragraph`) point into `documents` and `paragraphs`; documents are in
/// input order and paragraphs in document, then reading order.
public struct ScanReport: Sendable {
    /// The options the scan ran with.
    public let options: NearDupOptions
    /// The LSH band layout derived from the options.
    public let bandLayout: BandLayout
    /// The input documents, in input order.
    public let documents: [Document]
    /// Per-document facts, parallel to `documents`.
    public let summaries: [DocumentSummary]
    /// Every paragraph of every document.
    public let paragraphs: [Paragraph]
    /// Document pairs that share verified text, the source (the preferred document) first.
    public let links: [DocumentLink]
    /// Groups of matching paragraphs that span at least two documents.
    public let clusters: [ParagraphCluster]
    /// One decision per document, parallel to `documents`.
    public let decisions: [DedupDecision]
    /// Counts of the work done.
    public let statistics: ScanStatistics

    /// The original text of a paragraph, quoted from its document.
    /// - Parameter paragraph: An index into `paragraphs`.
    /// - Returns: The paragraph's text exactly as in the input.
    public func text(ofParagraph paragraph: Int) -> Substring {
        let info = paragraphs[paragraph]
        return documents[info.document].text(inBytes: info.byteRange)
    }
}

/// Facts about one input document.
public struct DocumentSummary: Sendable, Hashable {
    /// Its paragraphs' indices in `ScanReport.paragraphs`.
    public let paragraphs: Range<Int>
    /// Words in paragraphs that are neither boilerplate nor too short: the text coverage is measured on.
    public let contentWords: Int
    /// How many of its paragraphs are boilerplate.
    public let boilerplateParagraphs: Int
    /// Whether the document has no words at all; empty documents are never matched.
    public let isEmpty: Bool
}

/// One paragraph: where it is in its document and what NearDup made of it.
public struct Paragraph: Sendable, Hashable {
    // Stored in 40 bytes rather than 64 (Int32 where the engine counts in Int32 anyway): a scan
    // holds one per paragraph of the input.
    private let storedByteRange: Range<Int>
    private let storedDocument: Int32
    private let storedOrdinal: Int32
    private let storedWordCount: Int32
    private let storedCluster: Int32  // -1 for none
    /// Whether it is content, too short to match on its own, or boilerplate.
    public let role: ParagraphRole

    /// The index of its document.
    public var document: Int { Int(storedDocument) }
    /// Its position among its document's paragraphs, from 0.
    public var ordinal: Int { Int(storedOrdinal) }
    /// Its UTF-8 byte range in the document's original text.
    public var byteRange: Range<Int> { storedByteRange }
    /// Its number of normalized words.
    public var wordCount: Int { Int(storedWordCount) }
    /// The index of its cluster in `ScanReport.clusters`, if it matched another document.
    public var cluster: Int? { storedCluster < 0 ? nil : Int(storedCluster) }

    init(document: Int, ordinal: Int, byteRange: Range<Int>, wordCount: Int, role: ParagraphRole, cluster: Int?) {
        storedByteRange = byteRange
        storedDocument = Int32(document)
        storedOrdinal = Int32(ordinal)
        storedWordCount = Int32(wordCount)
        storedCluster = cluster.map { Int32($0) } ?? -1
        self.role = role
    }
}

/// What a paragraph counts as.
public enum ParagraphRole: Sendable, Hashable, CustomStringConvertible {
    /// Matchable text.
    case content
    /// Fewer words than `NearDupOptions.minimumParagraphTokens`: not matched on its own, but part
    /// of the document's whole-text comparison.
    case short
    /// Page furniture, kept out of all evidence of copying.
    case boilerplate(BoilerplateReason)

    /// `content`, `short` or `boilerplate:REASON`.
    public var description: String {
        switch self {
        case .content: "content"
        case .short: "short"
        case .boilerplate(let reason): "boilerplate:\(reason.rawValue)"
        }
    }
}

/// How two documents relate.
public enum Relation: String, Sendable, Hashable, CaseIterable, Codable {
    /// Each covers most of the other (`RelationThresholds.duplicateCoverage`), or their whole
    /// texts have at least that Jaccard similarity.
    case duplicate
    /// One covers most of the other (`RelationThresholds.copyCoverage`): a trimmed copy, or a copy
    /// with added text; or each covers at least `RelationThresholds.mutualCoverage` of the other.
    case copy
    /// A reworded copy: edited, synonym-spun or translated text that still follows its source
    /// (`RewriteOptions`). Its matches are the aligned, rewritten paragraphs.
    case rewrite
    /// They share some verified text, less than a copy.
    case partial
    /// Every matched paragraph is a shared quotation (`MatchKind.quotation`): the two quote the same
    /// source statement, each in its own words. Evidence of a common source, not of copying, so never
    /// removed by `dedup`, and reported even when it rests on one short paragraph.
    case quotation

    /// Whether `dedup` may remove a document on a link of this relation (`NearDupOptions.removedRelations`):
    /// `duplicate`, `copy` and `rewrite`; never `partial` or `quotation`, which are not copies.
    public var isRemovable: Bool { self != .partial && self != .quotation }
}

/// How a matched copy paragraph relates to its source paragraph.
public enum MatchKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Near-verbatim: the shingle sets reach the paragraph threshold (`NearDupOptions.threshold`).
    case verbatim
    /// Reworded: aligned in a `rewrite` link, by word 3-gram containment (`RewriteOptions`).
    case rewritten
    /// A shared quotation (`SharedQuotation`): the words the paragraphs share lie mostly inside
    /// quotation marks in both, and their own words around the quotation differ. Its words do not
    /// count toward the link's coverage; a link of such matches only is a `quotation`. In a `rewrite`
    /// link, an aligned pair that is a shared quotation; its scores are then on word 3-grams.
    case quotation
}

/// A verified match between a paragraph of the copy and one of the source. Scores are exact.
public struct ParagraphMatch: Sendable, Hashable {
    /// The source paragraph (an index into `ScanReport.paragraphs`).
    public let sourceParagraph: Int
    /// The copy's paragraph.
    public let copyParagraph: Int
    /// Exact Jaccard similarity of the two shingle sets.
    public let jaccard: Double
    /// Share of the copy paragraph's shingles found in the source paragraph.
    public let copyContainment: Double
    /// Share of the source paragraph's shingles found in the copy paragraph.
    public let sourceContainment: Double
    /// Near-verbatim or reworded. A rewritten match's scores are measured on word 3-grams.
    public let kind: MatchKind
}

/// Two documents that share verified text. The source is the one the representative policy prefers.
public struct DocumentLink: Sendable, Hashable {
    /// The preferred document (earlier, longer or first, per `RepresentativePolicy`).
    public let source: Int
    /// The other document.
    public let copy: Int
    /// How they relate.
    public let relation: Relation
    /// Share of the copy's content words in paragraphs matched in the source (shared quotations left out).
    public let copyCoverage: Double
    /// Share of the source's content words in paragraphs matched in the copy (shared quotations left out).
    public let sourceCoverage: Double
    /// Exact Jaccard similarity of the two documents' whole non-boilerplate shingle sets.
    public let jaccard: Double
    /// For a `rewrite` link, the rewrite score: the share of the shorter whole text's word 3-grams
    /// found in the other (`RewriteOptions.threshold`); `nil` for other relations.
    public let rewriteScore: Double?
    /// The copy's matched paragraphs, in the copy's order: each with its best source paragraph, or,
    /// in a `rewrite` link, with every source paragraph it is aligned with (a merged paragraph keeps
    /// both of its sources).
    public let matches: [ParagraphMatch]
}

/// Paragraphs from at least two documents that match: every member is verified-similar to the
/// representative (no chains).
public struct ParagraphCluster: Sendable, Hashable {
    /// The representative paragraph: in the most preferred document.
    public let representative: Int
    /// All member paragraphs, the representative included, in index order.
    public let members: [Int]
}

/// What dedup does with one document.
public struct DedupDecision: Sendable, Hashable {
    /// The document (an index into `ScanReport.documents`).
    public let document: Int
    /// The kept document it duplicates, or `nil` if it is kept.
    public let duplicateOf: Int?
    /// The relation to `duplicateOf`.
    public let relation: Relation?
    /// The share of this document's content covered by `duplicateOf` (or the whole-text Jaccard, if higher).
    public let score: Double?

    /// Whether the document is kept.
    public var isKept: Bool { duplicateOf == nil }
}

/// Counts of the work a scan did.
public struct ScanStatistics: Sendable, Hashable {
    /// Input documents.
    public var documents = 0
    /// Documents without words.
    public var emptyDocuments = 0
    /// All paragraphs.
    public var paragraphs = 0
    /// Paragraphs long enough to match and not boilerplate by the in-document rules.
    public var matchableParagraphs = 0
    /// Distinct matchable paragraph texts (exact copies counted once).
    public var distinctParagraphs = 0
    /// Paragraphs recognised as boilerplate.
    public var boilerplateParagraphs = 0
    /// Candidate paragraph pairs proposed by LSH.
    public var paragraphCandidates = 0
    /// Candidate pairs whose exact Jaccard reached the threshold.
    public var verifiedParagraphPairs = 0
    /// Candidate document pairs proposed by whole-document LSH.
    public var documentCandidates = 0
    /// Candidate document pairs proposed by shared word 3-gram samples and measured for rewrites.
    public var rewriteCandidates = 0
    /// Word 3-gram samples shared by more than ``RewriteOptions/maximumSampleDocuments`` documents
    /// (common phrases), which propose no rewrite candidates.
    public var commonRewriteSamples = 0
    /// LSH buckets too large to enumerate pair by pair (paired with their first member instead).
    public var oversizedBuckets = 0
    /// Evidence paragraphs paired with only ``sourcesPerParagraph`` of the paragraphs matching them,
    /// those of the most preferred documents: their other links were not made.
    public var cappedParagraphs = 0
    /// The most paragraphs of other documents one paragraph is paired with (see ``cappedParagraphs``).
    public static let sourcesPerParagraph = DocumentLinker.sourcesPerParagraph
    /// Linked document pairs.
    public var links = 0
    /// Documents dedup removes.
    public var removedDocuments = 0
}
