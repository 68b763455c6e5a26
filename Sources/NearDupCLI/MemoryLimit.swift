import ArgumentParser
import Foundation

/// `--memory-limit`: the memory a run may plan to use, or `off`.
///
/// The limit is enforced while loading: once the documents' text would make a scan's estimated
/// peak (``MemoryEstimate``) pass it, the run stops with a clear error instead of being killed by
/// the system halfway. The default is the memory available to the process: the machine's physical
/// memory, or the control group's limit if that is lower (containers).
enum MemoryLimit: ExpressibleByArgument, CustomStringConvertible {
    case off
    case bytes(ByteCount)

    init?(argument: String) {
        if argument == "off" {
            self = .off
        } else if let size = ByteCount(argument: argument) {
            self = .bytes(size)
        } else {
            return nil
        }
    }

    /// The memory available to this process.
    static var available: MemoryLimit {
        var bytes = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        if let limit = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
            let cgroupBytes = Int(limit.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            bytes = min(bytes, cgroupBytes)
        }
        return .bytes(ByteCount(bytes: bytes))
    }

    var defaultValueDescription: String { "the memory available" }

    var description: String {
        switch self {
        case .off: "off"
        case .bytes(let size): size.description
        }
    }
}
