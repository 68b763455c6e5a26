import Foundation
import NearDupFeeds
import Synchronization

/// One output file being written safely: into a temporary file in the same folder
/// (`.NAME.PID.tmp`), renamed over the final name only by ``commit()``, once everything is
/// written. An output that is never committed (an error, an interrupt) is removed, so no
/// partial file ever appears under the final name. `-` is standard output, written directly.
///
/// Only regular files are replaced that way. A path that names something else (a character
/// device such as `/dev/null`, a FIFO, or one of the process's own descriptors such as
/// `/dev/stdout`) is written in place, appending, and never replaced; ``commit()`` only closes it.
/// A symbolic link stays a link: the file it points to is replaced (the temporary file goes in
/// that file's folder).
///
/// A path ending in `.gz` or `.zst` is compressed as it is written (``OutputCompressor``: gzip or
/// zstd, deterministically, so the same output gives the same bytes); standard output never is.
///
/// Commands open their outputs before doing any work, so a path that cannot be written fails at
/// once, not after a long scan.
final class OutputFile {
    /// Where the bytes of an output go.
    enum Destination: Equatable {
        /// Standard output (`-`).
        case standardOutput
        /// The path itself, opened for appending: not a regular file, or a process descriptor.
        case inPlace
        /// A regular file (or a name not in use yet), replaced by renaming a temporary file over
        /// it: the path itself, or the file its chain of symbolic links ends at.
        case replacing(path: String)
    }

    /// The name given by the user (`-` for standard output).
    let path: String
    private let descriptor: Int32
    /// The temporary file, or `nil` when written directly (standard output, in place).
    private let temporaryPath: String?
    /// The file the temporary file is renamed to.
    private let finalPath: String
    private var isFinished = false
    /// Compresses what is written, for a path named `.gz` or `.zst`.
    private let compressor: OutputCompressor?

    /// Opens `path` for writing: a temporary file next to the file it will replace, or the
    /// path itself if it is not a regular file, or standard output for `-`.
    /// - Throws: `CLIError.cannotWrite` if the file cannot be opened or created (no such folder,
    ///   no permission, read-only file system, a folder, a socket).
    init(path: String) throws(CLIError) {
        self.path = path
        compressor = path == "-" ? nil : CompressionFormat.ofOutput(named: path).map { OutputCompressor(format: $0) }
        let destination = try Self.destination(of: path)
        switch destination {
        case .standardOutput:
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            finalPath = path
        case .inPlace:
            let opened = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)
            guard opened >= 0 else { throw .cannotWrite(path: path, reason: Self.reason(errno)) }
            descriptor = opened
            temporaryPath = nil
            finalPath = path
        case .replacing(let target):
            let (folder, name) = Self.split(target)
            let temporary = "\(folder)/.\(name).\(getpid()).tmp"
            let (opened, error) = Interrupts.whileHoldingCleanupList { temporaryFiles in
                let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                if opened >= 0 { temporaryFiles.insert(temporary) }
                return (opened, errno)
            }
            guard opened >= 0 else { throw .cannotWrite(path: path, reason: Self.reason(error)) }
            descriptor = opened
            temporaryPath = temporary
            finalPath = target
        }
    }

    /// How `path` is written; see ``Destination``.
    /// - Throws: `CLIError.cannotWrite` if `path` is a folder, or if it cannot be looked at for a
    ///   reason other than not existing yet (a loop of links, a folder that cannot be searched).
    static func destination(of path: String) throws(CLIError) -> Destination {
        if path == "-" { return .standardOutput }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR: throw .cannotWrite(path: path, reason: reason(EISDIR))
            case S_IFREG: break
            default: return .inPlace
            }
        } else if errno != ENOENT {
            throw .cannotWrite(path: path, reason: reason(errno))
        }
        var current = path
        for _ in 0..<maximumLinks {
            guard let target = linkTarget(current) else { return .replacing(path: current) }
            // A link in /proc (/dev/stdout, /dev/fd/N) is a descriptor of this process, not a path
            // to replace: its "target" may be a file that others (a shell's `>>`) also write.
            if resolvedFolder(of: current).hasPrefix("/proc/") { return .inPlace }
            current = target.hasPrefix("/") ? target : "\(split(current).folder)/\(target)"
        }
        throw .cannotWrite(path: path, reason: reason(ELOOP))
    }

    /// The longest chain of symbolic links followed, as the kernel's (Linux's `MAXSYMLINKS`).
    private static let maximumLinks = 40

    /// The folder of `path` with links resolved (`realpath`), or `path`'s folder as written if
    /// that fails.
    static func resolvedFolder(of path: String) -> String {
        let folder = split(path).folder
        guard let resolved = realpath(folder, nil) else { return folder }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path`'s folder (`.` for a bare name) and last component.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = path[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(path[path.index(after: slash)...]))
    }

    /// What the symbolic link `path` points to, or `nil` if `path` is not a link.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    deinit {
        if !isFinished { discard() }
    }

    /// Writes every byte of `bytes` (compressed, for a `.gz` or `.zst` path), retrying short and
    /// interrupted writes.
    /// - Throws: `CLIError.cannotWrite` with the system's reason (e.g. "No space left on device").
    func write(_ bytes: [UInt8]) throws(CLIError) {
        let outcome = bytes.withUnsafeBytes { buffer in Result { () throws(CLIError) in try write(buffer) } }
        try outcome.get()
    }

    /// Writes every byte of `bytes` (compressed, for a `.gz` or `.zst` path), retrying short and
    /// interrupted writes.
    /// - Throws: `CLIError.cannotWrite` with the system's reason (e.g. "No space left on device").
    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        guard let compressor else { return try writeToFile(bytes) }
        try compressor.compress(bytes, writeToFile)
    }

    /// A JSON Lines writer whose lines go through ``write(_:)-(UnsafeRawBufferPointer)`` (compressed,
    /// for a `.gz` or `.zst` path); closing it leaves this file to ``commit()``.
    func jsonLinesWriter() -> JSONLinesWriter {
        JSONLinesWriter(name: path) { (bytes) throws(JSONLinesWriterError) in
            do throws(CLIError) {
                try self.write(bytes)
            } catch .cannotWrite(_, let reason) {
                throw JSONLinesWriterError(destination: self.path, reason: reason)
            } catch {
                throw JSONLinesWriterError(destination: self.path, reason: "\(error)")
            }
        }
    }

    /// Writes every byte of `bytes` to the file as they are.
    private func writeToFile(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        var written = 0
        while written < bytes.count {
            // Safety: written < bytes.count, so write reads within bytes[written...].
            let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: displayName, reason: Self.reason(errno))
            }
            written += result
        }
    }

    /// Ends a compressed stream, closes the file and renames it to its final name (a file
    /// written in place is only closed; standard output is left open).
    /// - Throws: `CLIError.cannotWrite` if closing (the last write-back) or renaming fails; the
    ///   temporary file is then removed.
    func commit() throws(CLIError) {
        try compressor?.finish(writeToFile)
        guard let temporaryPath else {
            isFinished = true
            if descriptor != STDOUT_FILENO, close(descriptor) != 0 {
                throw .cannotWrite(path: path, reason: Self.reason(errno))
            }
            return
        }
        let failure = Interrupts.whileHoldingCleanupList { temporaryFiles -> String? in
            isFinished = true
            temporaryFiles.remove(temporaryPath)
            if close(descriptor) != 0 || rename(temporaryPath, finalPath) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                return reason
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: failure) }
    }

    /// Closes and removes the temporary file (a file written in place is only closed).
    private func discard() {
        isFinished = true
        guard let temporaryPath else {
            if descriptor != STDOUT_FILENO { close(descriptor) }
            return
        }
        Interrupts.whileHoldingCleanupList { temporaryFiles in
            temporaryFiles.remove(temporaryPath)
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    private var displayName: String { path == "-" ? "<stdout>" : path }
}
