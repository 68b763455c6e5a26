extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that forwards a typed error (the standard library's version rethrows
    /// untyped errors).
    func withBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = withUnsafeBytes { bytes in
            Swift.Result { () throws(Failure) in try body(bytes) }
        }
        return try outcome.get()
    }
}

/// What is wrong with one record, thrown from the record-parsing helpers.
struct RecordProblem: Error {
    /// The problem to report.
    var problem: InputIssue.Problem

    init(_ problem: InputIssue.Problem) {
        self.problem = problem
    }
}
