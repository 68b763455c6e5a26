/// An error from the NearDup engine. Each says what is wrong and what to do about it.
public enum NearDupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOption(name: String, expected: String)
    /// The same document id appears twice in one run.
    case duplicateID(String)
    /// The run was cancelled by its caller.
    case cancelled

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .invalidOption(let name, let expected):
            "invalid \(name): expected \(expected)"
        case .duplicateID(let id):
            "duplicate document id \"\(id)\": ids must be unique within one run"
        case .cancelled:
            "cancelled"
        }
    }
}
