#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a stream of byte chunks into lines, carrying partial lines across chunk boundaries.
///
/// Lines end at `\n`; a `\r` before it is dropped (CRLF files), and a UTF-8 byte order mark at
/// the very start of the stream is dropped. A last line without a final `\n` is still a line.
/// Lines are numbered from 1 and every physical line counts, blank or not. A line longer than
/// ``maxLineBytes`` is never held: its bytes are dropped as they arrive and only its number and
/// length are reported, so memory stays bounded whatever the input.
struct LineSplitter {
    /// The longest line emitted; longer lines are reported as oversized instead.
    let maxLineBytes: Int
    /// Bytes of a line that started in an earlier chunk and has not ended yet.
    private var pending: [UInt8] = []
    /// The length so far of an oversized line being dropped, or `nil`.
    private var droppedLength: Int?
    /// The number of the next line to emit (the line being read).
    private(set) var nextLineNumber = 1

    /// Creates a splitter.
    /// - Parameter maxLineBytes: The longest line emitted, in bytes (without its `\n`).
    init(maxLineBytes: Int = .max) {
        self.maxLineBytes = maxLineBytes
    }

    /// Emits every line completed by `chunk`, keeping the unfinished tail for the next call.
    /// - Parameters:
    ///   - chunk: The next bytes of the stream.
    ///   - body: Called with each complete line (without its terminator) and its 1-based number.
    ///   - oversized: Called instead of `body` for a line over ``maxLineBytes``, with its number
    ///     and length in bytes.
    /// - Throws: Whatever `body` or `oversized` throws.
    /// - Complexity: O(*n*) in the chunk's length, plus the length of a carried-over line.
    mutating func feed<E: Error>(
        _ chunk: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer, Int) throws(E) -> Void,
        oversized: (_ number: Int, _ byteCount: Int) throws(E) -> Void
    ) throws(E) {
        var start = 0
        // Safety: firstNewline returns an offset in start..<chunk.count, so every slice of chunk below lies inside it.
        while let end = Self.firstNewline(in: chunk, from: start) {
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            start = end + 1
            if let length = droppedLength ?? (pending.count + piece.count > maxLineBytes ? pending.count : nil) {
                droppedLength = nil
                pending = []
                try drop(length + piece.count, oversized)
            } else if pending.isEmpty {
                try emit(piece, body)
            } else {
                pending.append(contentsOf: piece)
                let line = pending
                pending.removeAll(keepingCapacity: true)
                try line.withBytes { (bytes) throws(E) in try emit(bytes, body) }
            }
        }
        let rest = chunk.count - start
        guard rest > 0 else { return }
        if let length = droppedLength {
            droppedLength = length + rest
        } else if pending.count + rest > maxLineBytes {
            droppedLength = pending.count + rest
            pending = []
        } else {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start...]))
        }
    }

    /// Emits the last line if the stream did not end with `\n`.
    /// - Parameters:
    ///   - body: Called with the last line and its 1-based number, if there is one.
    ///   - oversized: Called instead of `body` if the last line is over ``maxLineBytes``.
    /// - Throws: Whatever `body` or `oversized` throws.
    mutating func finish<E: Error>(
        _ body: (UnsafeRawBufferPointer, Int) throws(E) -> Void,
        oversized: (_ number: Int, _ byteCount: Int) throws(E) -> Void
    ) throws(E) {
        if let length = droppedLength {
            droppedLength = nil
            try drop(length, oversized)
            return
        }
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        try line.withBytes { (bytes) throws(E) in try emit(bytes, body) }
    }

    private mutating func emit<E: Error>(
        _ raw: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer, Int) throws(E) -> Void
    ) throws(E) {
        var line = raw
        if nextLineNumber == 1 { line = UTF8Repair.droppingByteOrderMark(line) }
        if let last = line.last, last == UInt8(ascii: "\r") {
            line = UnsafeRawBufferPointer(rebasing: line.dropLast())
        }
        let number = nextLineNumber
        nextLineNumber += 1
        try body(line, number)
    }

    private mutating func drop<E: Error>(
        _ byteCount: Int, _ oversized: (_ number: Int, _ byteCount: Int) throws(E) -> Void
    ) throws(E) {
        let number = nextLineNumber
        nextLineNumber += 1
        try oversized(number, byteCount)
    }

    /// The offset of the first `\n` at or after `start`, found with the C library's vectorised
    /// `memchr`.
    private static func firstNewline(in chunk: UnsafeRawBufferPointer, from start: Int) -> Int? {
        // Safety: start < chunk.count (guarded): memchr reads chunk[start...] only and finds a byte in it.
        guard start < chunk.count, let base = chunk.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), chunk.count - start)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// Whether `line` holds only ASCII whitespace (space, tab, CR, vertical tab, form feed).
    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }
}
