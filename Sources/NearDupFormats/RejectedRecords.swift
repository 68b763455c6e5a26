public import NearDupFeeds

/// The JSON Lines account of a record that did not become a document.
extension InputIssue {
    /// This rejected record as one JSON Lines object and its newline: `file`, `line` (1-based, or
    /// `null` for a whole file), `problem` (a stable code, see ``InputIssue/Problem/code``) and
    /// `reason` (the explanation shown on standard error). A `--rejects` file is these lines, in
    /// input order.
    /// - Complexity: O(*n*) in the length of the file name and the explanation.
    public var rejectedRecordLine: [UInt8] {
        var object = JSONObjectLine()
        object.add("file", file)
        if let line { object.add("line", line) } else { object.add("line", nil as String?) }
        object.add("problem", problem.code)
        object.add("reason", problem.description)
        return object.line
    }
}
