import ArgumentParser
import Foundation
import NearDup
import NearDupIndex

/// A runtime failure of a command, with the exit code it maps to.
enum CLIError: Error, CustomStringConvertible {
    /// Bad input: exit 65 for bad data (a malformed record, a duplicate id), 1 for a file that cannot be read.
    case input(InputError)
    /// An engine error: exit 1.
    case engine(NearDupError)
    /// A file that cannot be written: exit 1.
    case cannotWrite(path: String, reason: String)
    /// An index error: exit 65 for an article id already indexed, 1 otherwise.
    case index(NearDupIndexError)
    /// Anything else the user must fix: exit 1.
    case message(String)

    var description: String {
        switch self {
        case .input(let error): "\(error)"
        case .engine(let error): "\(error)"
        case .index(let error): "\(error)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .message(let text): text
        }
    }

    var exitCode: ExitCode {
        if case .input(.invalidRecord) = self { return ExitCode(65) }
        if case .index(.duplicateID) = self { return ExitCode(65) }
        return .failure
    }
}

/// Prints a line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs a command body, turning `CLIError` into a message on stderr and its exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        printError("neardup: \(error)")
        throw error.exitCode
    }
}
