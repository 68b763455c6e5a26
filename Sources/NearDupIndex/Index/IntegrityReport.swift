/// What `checkIntegrity()` found.
public struct IntegrityReport: Sendable, Hashable {
    /// Every problem found, one line each; empty when the index is sound.
    public let problems: [String]
    /// What was checked, for the record.
    public let checked: [String]

    /// Whether nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}
