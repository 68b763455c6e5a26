import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupIndex

/// A runtime failure of a command, with the exit code it maps to.
enum CLIError: Error, CustomStringConvertible {
    /// Bad input: exit 65 for bad data (a malformed record, a duplicate id, a time or source field no
    /// record has), 1 for a file that cannot be read.
    case input(InputError)
    /// An engine error: exit 1.
    case engine(NearDupError)
    /// A file that cannot be written: exit 1.
    case cannotWrite(path: String, reason: String)
    /// An index error: exit 65 for an article id already indexed, 1 otherwise.
    case index(NearDupIndexError)
    /// Input data the command cannot use as asked (a kept record that already has the
    /// `--annotate` field): exit 65.
    case invalidData(String)
    /// Anything else the user must fix: exit 1.
    case message(String)

    var description: String {
        switch self {
        case .input(.tooMuchText(let limit, let location)):
            "the input's text passed \(ByteCount(bytes: limit)) at \(location), more than a scan can hold within "
                + "--memory-limit (about \(MemoryEstimate.bytesPerTextByte) bytes of memory per byte of text held "
                + "in memory, \(MemoryEstimate.bytesPerSpilledTextByte) per byte past --text-memory); "
                + "split the input, or raise --memory-limit (off removes it)"
        case .input(.recordTooLarge(let limit, let location)):
            "the record at \(location) is longer than the \(ByteCount(bytes: limit)) one record may take within "
                + "--memory-limit (about \(Int(MemoryEstimate.bytesPerRecordByte)) bytes of memory per byte while it is "
                + "read); raise --memory-limit, or lower --max-document-bytes to skip such records"
        case .input(let error): "\(error)"
        case .engine(let error): "\(error)"
        case .index(let error): "\(error)" + Self.remedy(for: error)
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .invalidData(let text), .message(let text): text
        }
    }

    /// The `neardup` commands that help with an index error, in the words the message ends with
    /// (the library's errors state the fault only).
    private static func remedy(for error: NearDupIndexError) -> String {
        switch error {
        case .corrupt: " (run `neardup index check-integrity` to list the problems; rebuild it from its feeds)"
        case .missing: " (create it with `neardup index create`)"
        default: ""
        }
    }

    var exitCode: ExitCode {
        if case .input(.invalidRecord) = self { return ExitCode(65) }
        if case .input(.fieldNotFound) = self { return ExitCode(65) }
        if case .index(.duplicateID) = self { return ExitCode(65) }
        if case .invalidData = self { return ExitCode(65) }
        return .failure
    }
}

/// Prints a line on standard error.
func printError(_ line: String) {
    writeToStandardError(line + "\n")
}

/// Writes `text` on standard error, retrying short writes; a failure is ignored (there is nowhere
/// left to report it), never fatal.
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}

/// Runs a command body: first installs the interrupt handlers (every command writes output), then
/// turns a `CLIError` into a message on stderr and its exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    Interrupts.install()
    do {
        try body()
    } catch let error as CLIError {
        printError("neardup: \(error)")
        throw error.exitCode
    }
}
