import NearDup
import NearDupFeeds
import NearDupFormats

/// Where every command puts the records it rejects, as they are found: each one goes to the
/// `--rejects` file (if asked for), the first ``listed`` are also listed on stderr, and only the
/// counts stay in memory, so an endless stream of bad records takes no more memory than a good one.
///
/// The file is an ``OutputFile``: written to a temporary name and renamed by ``finish()``, so it
/// appears only when complete.
final class RejectsSink {
    /// How many rejected records are listed on stderr; the rest are counted (and all are written
    /// to the --rejects file).
    static let listed = 20

    /// The --rejects file, or `nil` when not asked for.
    private let file: OutputFile?
    /// Lines not yet written to ``file``.
    private var pending: [UInt8] = []
    /// How many records were rejected.
    private(set) var count = 0
    /// How many records were rejected, by problem code (`malformed_json`, …).
    private(set) var countsByProblem: [String: Int] = [:]
    /// Why the --rejects file could not be written, once it could not.
    private(set) var failure: CLIError?

    /// Opens the --rejects file at `path`, if any.
    /// - Throws: `CLIError.cannotWrite` if it cannot be created.
    init(path: String?) throws(CLIError) {
        file = try path.map { (path) throws(CLIError) in try OutputFile(path: path) }
    }

    /// Accounts for one rejected record.
    /// - Returns: Whether to go on: `false` once the --rejects file cannot be written (see ``failure``).
    func add(_ issue: InputIssue) -> Bool {
        count += 1
        countsByProblem[issue.problem.code, default: 0] += 1
        if count <= Self.listed { printError("rejected: \(issue)") }
        guard let file else { return true }
        if failure == nil {
            pending += issue.rejectedRecordLine
            if pending.count >= 1 << 16 { write(to: file) }
        }
        return failure == nil
    }

    /// Says on stderr how many records were not listed, by problem, and completes the --rejects file.
    /// - Throws: `CLIError.cannotWrite` if the file could not be written, now or earlier.
    func finish() throws(CLIError) {
        if count > Self.listed {
            let problems = countsByProblem.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            printError(
                "neardup: … and \(count - Self.listed) more rejected records (in all: \(problems.joined(separator: ", ")))"
                    + (file == nil ? "; --rejects FILE lists them all" : ""))
        }
        guard let file else { return }
        write(to: file)
        if let failure { throw failure }
        try file.commit()
    }

    private func write(to file: OutputFile) {
        do throws(CLIError) {
            try file.write(pending)
            pending.removeAll(keepingCapacity: true)
        } catch {
            failure = error
        }
    }
}
