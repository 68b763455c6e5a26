public import NearDup

/// An error from a ``NearDupIndex``. Each states what is wrong (and, where the library alone can
/// say it, what to do about it); a tool on top adds its own commands as remedies.
public enum NearDupIndexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process (or another open index in this process) is writing to the index.
    case locked(path: String)
    /// The index was built with other options than those asked for; `differences` names each
    /// (`threshold: index 0.5, asked 0.6`). Open it without options to use its own, or build a new one.
    case optionsMismatch(path: String, differences: [String])
    /// The index was written with another signature format or schema version.
    case versionMismatch(path: String, what: String, stored: String, expected: String)
    /// The index is damaged: SQLite found a malformed page, or its tables do not agree (truncated,
    /// overwritten). `NearDupIndex.checkIntegrity()` lists the problems; rebuild it from its feeds.
    case corrupt(path: String, reason: String)
    /// The file is not a NearDup index: empty, not an SQLite database, or an SQLite database
    /// without NearDup's tables.
    case notAnIndex(path: String, reason: String)
    /// There is no index at the path where one must exist (`NearDupIndex` throws it when opened
    /// read-only; otherwise it creates a missing index).
    case missing(path: String)
    /// An index already exists where a new one was to be created.
    case alreadyExists(path: String)
    /// An article with this id is already in the index (or twice in one batch).
    case duplicateID(String)
    /// The index was opened read-only and a change was asked for.
    case readOnly(path: String)
    /// An option is out of range.
    case invalidOption(NearDupError)
    /// SQLite failed (disk full, I/O error, permissions).
    case storage(path: String, reason: String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .locked(let path):
            "index is locked: \(path) is open for writing elsewhere (wait for that writer to finish, or open read-only)"
        case .optionsMismatch(let path, let differences):
            "index \(path) was built with other options: \(differences.joined(separator: "; "))"
                + " (open it with its own options, or build a new index)"
        case .versionMismatch(let path, let what, let stored, let expected):
            if let stored = Int(stored), let expected = Int(expected), stored > expected {
                "index \(path) has \(what) \(stored), written by a newer NearDup; this one reads up to \(expected)"
                    + " (use the newer NearDup)"
            } else {
                "index \(path) has \(what) \(stored), this NearDup writes \(expected) (rebuild the index from its feeds)"
            }
        case .corrupt(let path, let reason):
            "index \(path) is damaged: \(reason)"
        case .notAnIndex(let path, let reason):
            "\(path) is not a NearDup index (\(reason))"
        case .missing(let path):
            "no index at \(path)"
        case .alreadyExists(let path):
            "an index already exists at \(path)"
        case .duplicateID(let id):
            "article id \"\(id)\" is already in the index (ids must be unique; remove the old article first)"
        case .readOnly(let path):
            "index \(path) is open read-only"
        case .invalidOption(let error):
            "\(error)"
        case .storage(let path, let reason):
            "index \(path): \(reason)"
        }
    }
}
