import NearDup
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An unnamed temporary file that holds documents' text out of memory (see
/// ``InputOptions/TextStorage``).
///
/// The file is created in a folder and unlinked at once, so it never shows up under a name and
/// vanishes with the last document that refers to it, or with the process, however it ends.
/// Texts are appended through a buffer of about a megabyte and read back with `pread`, from any
/// thread; the operating system's page cache, not this process, holds what is read often.
final class TextSpillFile: SpilledTextFile {
    private struct State {
        /// Bytes appended but not yet written to the file.
        var pending: [UInt8] = []
        /// Bytes written to the file.
        var written = 0
    }

    /// The folder the file was created in, as named in messages.
    let directory: String
    private let descriptor: Int32
    private let state = Mutex(State())
    private static let flushThreshold = 1 << 20

    /// Creates and unlinks a file in `directory`.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if no file can be created there.
    init(directory: String) throws(InputError) {
        var template =
            Array((directory.hasSuffix("/") ? directory : directory + "/").utf8)
            + Array(
                ".neardup-texts-XXXXXX".utf8) + [0]
        // Safety: template ends in a NUL, and mkstemp rewrites only its six X's in place.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkstemp($0.baseAddress!) }
        }
        guard descriptor >= 0 else {
            throw .cannotSpill(directory: directory, reason: FileDescriptorReader.reason(for: errno))
        }
        template.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = unlink($0.baseAddress!) }
        }
        self.directory = directory
        self.descriptor = descriptor
    }

    deinit {
        FileDescriptorReader.close(descriptor)
    }

    /// Appends `bytes`.
    /// - Returns: The offset of the first byte in the file.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if the file cannot grow (e.g. the
    ///   disk is full).
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) -> Int {
        let result: Result<Int, InputError> = state.withLock { state in
            let offset = state.written + state.pending.count
            state.pending.append(contentsOf: bytes)
            if state.pending.count >= Self.flushThreshold, let failure = flush(&state) { return .failure(failure) }
            return .success(offset)
        }
        return try result.get()
    }

    /// Writes what is still buffered, so that a full disk shows up while loading rather than when
    /// the texts are read.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if the write fails.
    func finishWriting() throws(InputError) {
        if let failure = state.withLock({ flush(&$0) }) { throw failure }
    }

    /// Copies `buffer.count` bytes from `offset` into `buffer`.
    ///
    /// The bytes were appended earlier, so a failure here is the machine's (an I/O error on the
    /// temporary file): it stops the process with the system's reason.
    func read(at offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        if let failure = state.withLock({ $0.pending.isEmpty ? nil : flush(&$0) }) {
            fatalError("neardup: \(failure)")
        }
        var done = 0
        while done < buffer.count {
            // Safety: done < buffer.count, so pread writes within buffer[done...].
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = count == 0 ? "unexpected end of file" : FileDescriptorReader.reason(for: errno)
                fatalError("neardup: cannot read back the temporary text file in \(directory): \(reason)")
            }
            done += count
        }
    }

    /// Writes `state.pending` at the end of the file.
    /// - Returns: The error, or `nil` once everything is written.
    private func flush(_ state: inout State) -> InputError? {
        let end = state.written
        var done = 0
        let failure: Int32? = state.pending.withUnsafeBytes { bytes in
            while done < bytes.count {
                // Safety: done < bytes.count, so pwrite reads within bytes[done...].
                let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(end + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count == 0 ? ENOSPC : errno }
                done += count
            }
            return nil
        }
        state.written += done
        state.pending.removeFirst(done)
        guard let failure else { return nil }
        return .cannotSpill(directory: directory, reason: FileDescriptorReader.reason(for: failure))
    }
}
