/// An error from the NearDup engine. Each says what is wrong and what to do about it.
public enum NearDupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOption(name: String, expected: String)
    /// The same document id appears twice in one run.
    case duplicateID(String)
    /// The run was cancelled by its caller.
    case cancelled
    /// Linking documents would take the run's memory to `needed` bytes, past `limit`: `coverages`
    /// paragraphs of one document were matched in another, and `documentPairs` pairs of whole
    /// documents are to be compared.
    case memoryLimitExceeded(needed: Int, limit: Int, coverages: Int, documentPairs: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .invalidOption(let name, let expected):
            "invalid \(name): expected \(expected)"
        case .duplicateID(let id):
            "duplicate document id \"\(id)\": ids must be unique within one run"
        case .cancelled:
            "cancelled"
        case .memoryLimitExceeded(let needed, let limit, let coverages, let documentPairs):
            "linking documents would need about \(needed >> 20) MiB of memory, more than the limit of "
                + "\(limit >> 20) MiB (\(coverages) paragraphs matched in other documents, \(documentPairs) pairs "
                + "of similar documents: many documents share passages); split the input, or raise --memory-limit "
                + "(off removes it)"
        }
    }
}
