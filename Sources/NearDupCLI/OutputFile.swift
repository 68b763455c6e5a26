import Foundation

/// Writes a whole output file safely: into a temporary file in the same folder, renamed over the
/// final name only once everything is written, so an interrupted run never leaves a partial file
/// under the final name.
enum OutputFile {
    /// Writes `bytes` to `path` atomically; `-` writes to standard output.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        try write(to: path) { (emit) throws(CLIError) in try emit(bytes) }
    }

    /// Streams what `produce` emits to `path` atomically; `-` writes to standard output.
    /// - Parameters:
    ///   - path: The final file name, or `-`.
    ///   - produce: Called once; it passes each buffer of output to the function it is given.
    static func write(
        to path: String, _ produce: (_ emit: ([UInt8]) throws(CLIError) -> Void) throws(CLIError) -> Void
    ) throws(CLIError) {
        if path == "-" {
            try produce { (bytes) throws(CLIError) in try writeAll(bytes, to: STDOUT_FILENO, path: path) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        do throws(CLIError) {
            try produce { (bytes) throws(CLIError) in try writeAll(bytes, to: descriptor, path: path) }
            guard close(descriptor) == 0 else {
                throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if rename(temporary, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Writes every byte of `bytes`, retrying short and interrupted writes.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(CLIError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes {
                Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}
