/// Why ``DocumentLoader`` could not load its input.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A record or file was bad and ``InputOptions/skipInvalid`` was `false`; this is the first
    /// one found, in input order.
    case invalidRecord(InputIssue)
    /// A path given by the caller cannot be opened; `reason` is the operating system's
    /// explanation (e.g. "No such file or directory").
    case cannotOpen(path: String, reason: String)
    /// An opened input failed while being read (an I/O error, not bad content).
    case readFailed(path: String, reason: String)
    /// The documents' text exceeded ``InputOptions/maxTotalTextBytes`` (`limit`); loading stopped
    /// at `location` (`file:line`, or `file`).
    case tooMuchText(limit: Int, location: String)
    /// The record at `location` (`file:line`, or `file`) is longer than
    /// ``InputOptions/maxRecordBytes`` (`limit`): it was not read, and loading stopped.
    case recordTooLarge(limit: Int, location: String)
    /// No record read has the field `field`, named in ``InputOptions`` as the time or source
    /// field (likely a typo); `found` lists the fields of the first record, nested ones as dotted
    /// paths.
    case fieldNotFound(String, found: [String])
    /// Texts could not be kept in a temporary file in `directory` (``InputOptions/TextStorage``):
    /// it cannot be created there, or it cannot grow (e.g. the disk is full).
    case cannotSpill(directory: String, reason: String)

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .invalidRecord(let issue):
            return "\(issue) (fix the record, or skip invalid records to load the rest)"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason) (check the path and its permissions)"
        case .readFailed(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .tooMuchText(let limit, let location):
            return "the documents' text passed the limit of \(limit) bytes at \(location) "
                + "(split the input into smaller runs, or raise the limit)"
        case .recordTooLarge(let limit, let location):
            return "the record at \(location) is longer than the \(limit) bytes one record may take "
                + "(raise the memory limit, or lower the document size limit to skip such records)"
        case .fieldNotFound(let field, let found):
            let listed = found.isEmpty ? "" : " (the first record has \(found.joined(separator: ", ")))"
            return "no record has the field \"\(field)\"\(listed); check the field name"
        case .cannotSpill(let directory, let reason):
            return "cannot keep texts in a temporary file in \(directory): \(reason) "
                + "(free space there, set TMPDIR to another folder, or keep texts in memory)"
        }
    }
}
