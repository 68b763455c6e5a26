import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds

/// `--text-memory`: how much of the documents' text stays in memory (`all`, or a size); the rest
/// is moved to an unnamed temporary file in `$TMPDIR` (`/tmp` when unset) and read back when
/// needed (``InputOptions/TextStorage``).
enum TextMemory: ExpressibleByArgument, CustomStringConvertible {
    case all
    case bytes(ByteCount)

    /// The default: 64 MiB, so small runs never touch the disk and large ones hold little text.
    static let standard = TextMemory.bytes(ByteCount(bytes: 64 << 20))

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let size = ByteCount(argument: argument) {
            self = .bytes(size)
        } else {
            return nil
        }
    }

    /// Where the loader holds texts under this setting.
    var textStorage: InputOptions.TextStorage {
        switch self {
        case .all: .memory
        case .bytes(let size): .spill(beyondBytes: size.bytes, directory: Self.temporaryDirectory)
        }
    }

    /// The most text held in memory (`Int.max` for all).
    var heldBytes: Int {
        switch self {
        case .all: .max
        case .bytes(let size): size.bytes
        }
    }

    /// `$TMPDIR`, or `/tmp` when it is unset or empty.
    static var temporaryDirectory: String {
        let variable = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        return variable.isEmpty ? "/tmp" : variable
    }

    var description: String {
        switch self {
        case .all: "all"
        case .bytes(let size): size.description
        }
    }
}
