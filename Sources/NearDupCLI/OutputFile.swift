import Foundation
import Synchronization

/// One output file being written safely: into a temporary file in the same folder
/// (`.NAME.PID.tmp`), renamed over the final name only by ``commit()``, once everything is
/// written. An output that is never committed (an error, an interrupt) is removed, so no
/// partial file ever appears under the final name. `-` is standard output, written directly.
///
/// Commands open their outputs before doing any work, so a path that cannot be written fails at
/// once, not after a long scan.
final class OutputFile {
    /// The name given by the user (`-` for standard output).
    let path: String
    private let descriptor: Int32
    /// The temporary file, or `nil` for standard output.
    private let temporaryPath: String?
    private var isFinished = false

    /// Opens the temporary file for `path`, or standard output for `-`.
    /// - Throws: `CLIError.cannotWrite` if the temporary file cannot be created (no such folder,
    ///   no permission, read-only file system).
    init(path: String) throws(CLIError) {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let (opened, error) = Interrupts.whileHoldingCleanupList { temporaryFiles in
            let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if opened >= 0 { temporaryFiles.insert(temporary) }
            return (opened, errno)
        }
        guard opened >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(error))) }
        descriptor = opened
        temporaryPath = temporary
    }

    deinit {
        if !isFinished { discard() }
    }

    /// A handle on the file for writers that take one; closing it is left to ``commit()``.
    var fileHandle: FileHandle { FileHandle(fileDescriptor: descriptor, closeOnDealloc: false) }

    /// Writes every byte of `bytes`, retrying short and interrupted writes.
    /// - Throws: `CLIError.cannotWrite` with the system's reason (e.g. "No space left on device").
    func write(_ bytes: [UInt8]) throws(CLIError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes {
                Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: displayName, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }

    /// Closes the file and renames it to its final name.
    /// - Throws: `CLIError.cannotWrite` if closing (the last write-back) or renaming fails; the
    ///   temporary file is then removed.
    func commit() throws(CLIError) {
        guard let temporaryPath else {
            isFinished = true
            return
        }
        let failure = Interrupts.whileHoldingCleanupList { temporaryFiles -> String? in
            isFinished = true
            temporaryFiles.remove(temporaryPath)
            if close(descriptor) != 0 || rename(temporaryPath, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                return reason
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: failure) }
    }

    /// Closes and removes the temporary file.
    private func discard() {
        isFinished = true
        guard let temporaryPath else { return }
        Interrupts.whileHoldingCleanupList { temporaryFiles in
            temporaryFiles.remove(temporaryPath)
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    private var displayName: String { path == "-" ? "<stdout>" : path }
}
