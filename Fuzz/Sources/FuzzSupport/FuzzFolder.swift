import Foundation

/// A scratch folder for fuzzers that write files, in memory (`/dev/shm`) where there is one.
///
/// Each input gets a fresh, empty subfolder (the previous one is removed), so nothing one input
/// wrote is seen by the next.
public final class FuzzFolder: Sendable {
    /// The folder of this process.
    public static let shared = FuzzFolder()

    private let root: String

    private init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        root = base + "/neardup-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Removes what the previous input wrote and returns the path of an empty folder.
    public func fresh() -> String {
        let folder = root + "/input"
        try? FileManager.default.removeItem(atPath: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot make the fuzzer's scratch folder \(folder): \(error)")
        }
        return folder
    }
}
