public import Foundation
public import NearDup

/// Writes documents and truth records as JSON Lines, one object per line, with a fixed key order.
///
/// Lines are encoded into a byte buffer and written in chunks of `flushThreshold` bytes. Call
/// `close()` at the end: it writes what is buffered, and only then is the file complete.
///
/// ```swift
/// let feed = try JSONLinesWriter(path: "feed.jsonl")
/// try generator.forEachDocument { document, _ in try feed.write(document) }
/// try feed.close()
/// ```
public final class JSONLinesWriter {
    /// Where the bytes go.
    private let destinationSink: Sink
    /// A description of the destination, for errors.
    private let destination: String
    /// Whether `close()` closes `handle`.
    private let ownsHandle: Bool
    /// The buffer size that triggers a write.
    private let flushThreshold: Int
    /// Encoded lines not yet written.
    private var buffer: [UInt8] = []
    /// The number of bytes encoded so far, written or still buffered.
    public private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path` and writes to it.
    /// - Parameters:
    ///   - path: The file to write.
    ///   - flushThreshold: The number of buffered bytes that triggers a write (default 4 MiB).
    /// - Throws: `JSONLinesWriterError` if the file cannot be created or opened.
    public init(path: String, flushThreshold: Int = 4 << 20) throws(JSONLinesWriterError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw JSONLinesWriterError(destination: path, reason: "cannot create the file")
        }
        self.destinationSink = .handle(handle)
        self.destination = path
        self.ownsHandle = true
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + (64 << 10))
    }

    /// Writes to an open file handle, such as `FileHandle.standardOutput`, which `close()` leaves open.
    /// - Parameters:
    ///   - handle: The destination.
    ///   - flushThreshold: The number of buffered bytes that triggers a write (default 4 MiB).
    ///   - name: How error messages name the destination (by default, its file descriptor).
    public init(handle: FileHandle, flushThreshold: Int = 4 << 20, name: String? = nil) {
        self.destinationSink = .handle(handle)
        self.destination = name ?? "file descriptor \(handle.fileDescriptor)"
        self.ownsHandle = false
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + (64 << 10))
    }

    /// Writes through `write`, which is called with each chunk of lines (for an output that
    /// compresses what it is given).
    /// - Parameters:
    ///   - name: How error messages name the destination.
    ///   - flushThreshold: The number of buffered bytes that triggers a write (default 4 MiB).
    ///   - write: Writes a chunk of bytes, or throws why it cannot.
    package init(
        name: String, flushThreshold: Int = 4 << 20,
        write: @escaping (UnsafeRawBufferPointer) throws(JSONLinesWriterError) -> Void
    ) {
        self.destinationSink = .bytes(write)
        self.destination = name
        self.ownsHandle = false
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + (64 << 10))
    }

    /// Where the bytes of a writer go.
    private enum Sink {
        /// A file handle.
        case handle(FileHandle)
        /// A function that writes them.
        case bytes((UnsafeRawBufferPointer) throws(JSONLinesWriterError) -> Void)
    }

    /// Writes `{"id":…,"source":…,"published":"2025-01-01T00:00:00Z","text":…}` and a newline; `source`
    /// and `published` are left out when `nil`, and `published` is truncated to whole seconds.
    /// - Parameter document: The document to write.
    /// - Throws: `JSONLinesWriterError` if a buffered chunk cannot be written.
    /// - Complexity: O(*n*) in the document's UTF-8 length.
    public func write(_ document: Document) throws(JSONLinesWriterError) {
        try writeLine(document.appendJSONLine)
    }

    /// Writes the line that `appendLine` appends to the buffer (a whole line, with its newline).
    /// - Parameter appendLine: Appends one JSON object and a newline.
    /// - Throws: `JSONLinesWriterError` if a buffered chunk cannot be written.
    package func writeLine(_ appendLine: (inout [UInt8]) -> Void) throws(JSONLinesWriterError) {
        let start = buffer.count
        appendLine(&buffer)
        try didAppend(buffer.count - start)
    }

    /// Writes everything buffered so far.
    /// - Throws: `JSONLinesWriterError` if the bytes cannot be written.
    public func flush() throws(JSONLinesWriterError) {
        guard !buffer.isEmpty else { return }
        switch destinationSink {
        case .bytes(let write):
            try buffer.withBytes { (bytes) throws(JSONLinesWriterError) in try write(bytes) }
        case .handle(let handle):
            try write(buffer, to: handle)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8], to handle: FileHandle) throws(JSONLinesWriterError) {
        do {
            try bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
        } catch {
            throw JSONLinesWriterError(destination: destination, reason: Self.systemReason(for: error))
        }
    }

    /// Writes everything buffered and closes the file (a handle passed to `init(handle:)` stays open).
    /// - Throws: `JSONLinesWriterError` if the bytes cannot be written or the file cannot be closed.
    public func close() throws(JSONLinesWriterError) {
        try flush()
        guard ownsHandle, case .handle(let handle) = destinationSink else { return }
        do {
            try handle.close()
        } catch {
            throw JSONLinesWriterError(destination: destination, reason: Self.systemReason(for: error))
        }
    }

    /// The system's words for a failed write ("No space left on device"), not Foundation's wrapper.
    private static func systemReason(for error: any Error) -> String {
        guard let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        else { return "\(error)" }
        return String(cString: strerror(Int32(underlying.code)))
    }

    /// Counts the new bytes and writes the buffer once it is large enough.
    private func didAppend(_ count: Int) throws(JSONLinesWriterError) {
        byteCount += count
        if buffer.count >= flushThreshold {
            try flush()
        }
    }
}

/// A JSON Lines file could not be written.
public struct JSONLinesWriterError: Error, CustomStringConvertible {
    /// The file path or descriptor being written.
    public var destination: String
    /// What went wrong.
    public var reason: String

    /// Creates an error.
    /// - Parameters:
    ///   - destination: The file path or descriptor being written.
    ///   - reason: What went wrong.
    package init(destination: String, reason: String) {
        self.destination = destination
        self.reason = reason
    }

    /// A message naming the destination and the cause.
    public var description: String {
        "cannot write JSON Lines to \(destination): \(reason); check that the directory exists, is writable "
            + "and has free space"
    }
}
