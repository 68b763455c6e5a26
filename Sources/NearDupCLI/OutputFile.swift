import Foundation

/// Writes a whole output file safely: into a temporary file in the same folder, renamed over the
/// final name only once everything is written, so an interrupted run never leaves a partial file
/// under the final name.
enum OutputFile {
    /// Writes `bytes` to `path` atomically; `-` writes to standard output.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .cannotWrite(path: path, reason: reason)
        }
    }
}
