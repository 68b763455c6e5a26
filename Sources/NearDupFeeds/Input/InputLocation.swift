/// Where a record was read: the file and, for a JSON Lines record, its 1-based line.
public struct InputLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it (`<stdin>` for standard input); for a text file found in
    /// a folder, the folder's path joined with the file's relative path.
    public var file: String
    /// The 1-based line of a JSON Lines record, or `nil` for a whole file (a `.txt` document).
    public var line: Int?

    /// Creates a location.
    /// - Parameters:
    ///   - file: The file, as named in messages.
    ///   - line: The 1-based line, or `nil` for a whole file.
    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or `file` for a whole file.
    public var description: String {
        InputIssue.location(file: file, line: line)
    }
}
