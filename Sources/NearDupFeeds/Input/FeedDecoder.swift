/// Turns an input's raw bytes into the bytes of its JSON Lines: plain text passes through, a
/// compressed input is decompressed as it streams in (recognised by its signature, not its name),
/// and a zip archive or a Parquet file is refused.
///
/// Decompressed bytes are handed on in pieces of at most the output buffer's size, so memory stays
/// bounded whatever the compression ratio: a decompression bomb costs time, never memory (its
/// lines and text meet the reader's limits like any other input's).
final class FeedDecoder {
    /// Why reading stopped.
    enum Failure: Error, Equatable {
        /// The input is in a format that is not read at all (zip, Parquet); none of it was read.
        case refused(InputIssue.Problem)
        /// The compressed stream is corrupt or truncated, after the bytes already handed on.
        case corrupt(InputIssue.Problem)
    }

    private enum State {
        /// The first bytes, held until there are enough to recognise a signature.
        case sniffing([UInt8])
        /// Not compressed: bytes pass through.
        case plain
        /// Decompressing.
        case decompressing(any StreamDecompressor, CompressionFormat)
        /// Refused or failed: the rest of the input is ignored.
        case stopped
    }

    private var state = State.sniffing([])
    /// Where decompressed bytes are put before being handed on.
    private let output: UnsafeMutableRawBufferPointer

    /// Creates a decoder.
    /// - Parameter outputSize: The largest piece of decompressed bytes handed on at once.
    init(outputSize: Int) {
        output = .allocate(byteCount: outputSize, alignment: 16)
    }

    deinit {
        output.deallocate()
    }

    /// Decodes the next chunk of the input.
    /// - Parameters:
    ///   - chunk: The input's next bytes.
    ///   - body: Called with each piece of decoded bytes, in order.
    /// - Returns: `nil`, or why the input cannot be read further (ignore the rest of it).
    /// - Throws: Whatever `body` throws.
    /// - Complexity: O(*n*) in the decoded length of `chunk`; memory O(`outputSize`).
    func feed<E: Error>(
        _ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> Failure? {
        guard case .sniffing(var head) = state else { return try decode(chunk, isFinal: false, body) }
        if head.isEmpty, chunk.count >= FileSignature.longestSignature {
            if let failure = recognise(chunk) { return failure }
            return try decode(chunk, isFinal: false, body)
        }
        head.append(contentsOf: chunk)
        guard head.count >= FileSignature.longestSignature else {
            state = .sniffing(head)
            return nil
        }
        return try startDecoding(head, isFinal: false, body)
    }

    /// Decodes what is left at the end of the input.
    /// - Parameter body: Called with each remaining piece of decoded bytes, in order.
    /// - Returns: `nil`, or why the input cannot be read (it is refused, corrupt or truncated).
    /// - Throws: Whatever `body` throws.
    func finish<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) -> Failure? {
        if case .sniffing(let head) = state { return try startDecoding(head, isFinal: true, body) }
        return try decode(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true, body)
    }

    private func startDecoding<E: Error>(
        _ head: [UInt8], isFinal: Bool, _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> Failure? {
        try head.withBytes { (bytes) throws(E) -> Failure? in
            if let failure = recognise(bytes) { return failure }
            return try decode(bytes, isFinal: isFinal, body)
        }
    }

    /// Leaves ``State/sniffing(_:)`` according to the signature `head` starts with.
    private func recognise(_ head: UnsafeRawBufferPointer) -> Failure? {
        switch FileSignature.of(head) {
        case nil:
            state = .plain
        case .zip?:
            state = .stopped
            return .refused(.compressed("zip"))
        case .parquet?:
            state = .stopped
            return .refused(.parquet)
        case .compressed(let format)?:
            do {
                state = .decompressing(try Self.decompressor(for: format), format)
            } catch {
                state = .stopped
                return .corrupt(.corruptCompressed(format: format.rawValue, reason: error.reason))
            }
        }
        return nil
    }

    private static func decompressor(for format: CompressionFormat) throws(DecompressionError)
        -> any StreamDecompressor
    {
        switch format {
        case .gzip: try GzipDecompressor()
        case .zstd: try ZstdDecompressor()
        case .xz: try XZDecompressor()
        case .bzip2: try BZip2Decompressor()
        }
    }

    /// Hands on `input` (plain) or what it decompresses to, draining the decompressor at the end.
    private func decode<E: Error>(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> Failure? {
        switch state {
        case .sniffing, .stopped:
            return nil
        case .plain:
            if !input.isEmpty { try body(input) }
            return nil
        case .decompressing(let decompressor, let format):
            guard let error = try decompress(input, with: decompressor, isFinal: isFinal, body) else { return nil }
            state = .stopped
            return .corrupt(.corruptCompressed(format: format.rawValue, reason: error.reason))
        }
    }

    /// Feeds all of `input` to `decompressor`, handing on each output buffer it fills; at the
    /// end, drains it and checks that the stream ended whole.
    /// - Returns: `nil`, or why the stream cannot be decompressed.
    /// - Throws: Whatever `body` throws.
    private func decompress<E: Error>(
        _ input: UnsafeRawBufferPointer,
        with decompressor: any StreamDecompressor,
        isFinal: Bool,
        _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> DecompressionError? {
        var rest = input
        var produced = 0
        repeat {
            let step = decompressor.decompress(rest, into: output, isFinal: isFinal)
            // Safety: the decompressor consumed at most rest.count bytes and produced at most output.count.
            rest = UnsafeRawBufferPointer(rebasing: rest[step.consumed...])
            produced = step.produced
            if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: output[..<produced])) }
            if let failure = step.failure { return failure }
            if step.consumed == 0, produced == 0, !rest.isEmpty {
                return DecompressionError("the decompressor stopped making progress")
            }
        } while !rest.isEmpty || produced == output.count
        if isFinal, !decompressor.isComplete { return .truncated }
        return nil
    }
}
