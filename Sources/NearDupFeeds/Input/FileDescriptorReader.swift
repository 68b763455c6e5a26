#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX helpers for reading input files in bounded chunks.
///
/// The loader reads through these instead of `FileManager`/`FileHandle` so that errors carry the
/// operating system's reason and large files are never held in memory whole.
enum FileDescriptorReader {
    /// The default chunk size: 1 MiB.
    static let defaultChunkSize = 1 << 20

    /// The operating system's description of `code` (an `errno` value).
    static func reason(for code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }

    /// Opens `path` read-only.
    /// - Returns: The file descriptor, or the OS reason it could not be opened.
    static func open(_ path: [UInt8]) -> Result<Int32, OSReason> {
        let descriptor = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { Self.posixOpen($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        if descriptor < 0 { return .failure(OSReason(errno)) }
        return .success(descriptor)
    }

    private static func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
        #if canImport(Darwin)
            Darwin.open(path, flags)
        #elseif canImport(Musl)
            Musl.open(path, flags)
        #else
            Glibc.open(path, flags)
        #endif
    }

    /// Closes `descriptor`, ignoring errors (the file was only read).
    static func close(_ descriptor: Int32) {
        #if canImport(Darwin)
            _ = Darwin.close(descriptor)
        #elseif canImport(Musl)
            _ = Musl.close(descriptor)
        #else
            _ = Glibc.close(descriptor)
        #endif
    }

    /// Reads `descriptor` to its end in chunks of at most `chunkSize` bytes.
    /// - Parameters:
    ///   - descriptor: An open file descriptor; it is not closed.
    ///   - chunkSize: The largest chunk passed to `body`; must be positive.
    ///   - body: Called with each chunk; the buffer is only valid during the call.
    /// - Returns: `nil` at end of file, or the OS reason a read failed.
    /// - Throws: Whatever `body` throws.
    /// - Complexity: O(*n*) in the file's length; memory O(`chunkSize`).
    static func forEachChunk<E: Error>(
        of descriptor: Int32,
        chunkSize: Int,
        _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> OSReason? {
        precondition(chunkSize > 0, "chunkSize must be positive")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            // Safety: read writes at most chunkSize bytes into the buffer; only the count it returns is passed on.
            let count = posixRead(descriptor, buffer.baseAddress!, chunkSize)
            if count == 0 { return nil }
            if count < 0 {
                if errno == EINTR { continue }
                return OSReason(errno)
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Whether `descriptor` is a regular file (always ready to give more until its end), rather
    /// than a pipe, a socket or a terminal.
    static func isRegularFile(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    private static func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            Darwin.read(descriptor, buffer, count)
        #elseif canImport(Musl)
            Musl.read(descriptor, buffer, count)
        #else
            Glibc.read(descriptor, buffer, count)
        #endif
    }

    /// Reads the file at `path` (used for single `.txt` documents) up to its end, or until it has
    /// read more than `limit` bytes.
    /// - Returns: The bytes (more than `limit` of them if the file is longer: the caller must check),
    ///   or the OS reason the file could not be opened or read.
    /// - Complexity: O(min(*n*, `limit`)) in the file's length *n*.
    static func readAll(_ path: [UInt8], chunkSize: Int, limit: Int) -> Result<[UInt8], OSReason> {
        let descriptor: Int32
        switch open(path) {
        case .success(let opened): descriptor = opened
        case .failure(let reason): return .failure(reason)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        /// Thrown to stop reading once past `limit`.
        struct PastLimit: Error {}
        do throws(PastLimit) {
            let failure = try forEachChunk(of: descriptor, chunkSize: chunkSize) { (chunk) throws(PastLimit) in
                bytes.append(contentsOf: chunk)
                if bytes.count > limit { throw PastLimit() }
            }
            if let failure { return .failure(failure) }
        } catch {}
        return .success(bytes)
    }
}

/// An `errno` value captured at the failing call, with its text.
struct OSReason: Error, Hashable {
    /// The `errno` value.
    var code: Int32

    init(_ code: Int32) {
        self.code = code
    }

    /// The operating system's description, e.g. "No such file or directory".
    var message: String { FileDescriptorReader.reason(for: code) }
}
