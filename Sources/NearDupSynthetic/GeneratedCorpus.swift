public import NearDup

/// A generated feed held in memory: the documents in feed order and, at the same positions,
/// the truth about each.
public struct GeneratedCorpus: Sendable {
    /// The documents in feed order; `published` increases strictly along the feed.
    public var documents: [Document]
    /// One record per document, `truth[i]` describing `documents[i]`.
    public var truth: [TruthRecord]

    /// Creates a corpus from parallel arrays.
    /// - Parameters:
    ///   - documents: The documents in feed order.
    ///   - truth: One record per document, at the same positions.
    public init(documents: [Document] = [], truth: [TruthRecord] = []) {
        precondition(documents.count == truth.count, "documents and truth must be parallel")
        self.documents = documents
        self.truth = truth
    }
}
