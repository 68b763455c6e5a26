/// How far a scan has got; delivered to the progress callback from worker threads.
public struct ScanProgress: Sendable, Hashable {
    /// The stage a scan is in.
    public enum Stage: String, Sendable, Hashable {
        /// Splitting, normalizing, shingling and signing documents (the bulk of the work).
        case preparing
        /// Finding and verifying candidate paragraph pairs, clustering, boilerplate.
        case matching
        /// Linking documents and choosing representatives.
        case linking
    }

    /// The current stage.
    public var stage: Stage
    /// Documents prepared so far (during `.preparing`), else all of them.
    public var completedDocuments: Int
    /// All documents.
    public var totalDocuments: Int
}
