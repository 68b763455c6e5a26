/// The JSON Lines account of the records that did not become documents.
extension LoadedInput {
    /// The rejected records, in input order, as JSON Lines: `file`, `line` (1-based, or `null` for
    /// a whole file), `problem` (a stable code, see ``InputIssue/Problem/code``) and `reason` (the
    /// explanation shown on standard error).
    /// - Complexity: O(*r*) in the number of rejected records.
    public func rejectedRecords() -> [UInt8] {
        var out: [UInt8] = []
        for issue in rejected {
            var line = JSONObjectLine()
            line.add("file", issue.file)
            if let number = issue.line { line.add("line", number) } else { line.add("line", nil as String?) }
            line.add("problem", issue.problem.code)
            line.add("reason", issue.problem.description)
            out += line.line
        }
        return out
    }
}
