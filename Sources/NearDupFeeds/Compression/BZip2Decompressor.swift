internal import CBZip2

/// Decompresses bzip2 with libbz2, stream after stream (as `bzcat` does).
final class BZip2Decompressor: StreamDecompressor {
    /// libbz2's state; allocated once, since libbz2 checks that its address never changes.
    private let stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
    /// Whether bytes of a stream have been read whose end has not been reached.
    private var isInsideStream = false
    /// Whether the last stream read has ended, so that more input starts a new one.
    private var hasEndedStream = false

    /// Starts a bzip2 decoder.
    /// - Throws: ``DecompressionError`` if libbz2 cannot start (no memory).
    init() throws(DecompressionError) {
        stream.initialize(to: bz_stream())
        let status = BZ2_bzDecompressInit(stream, 0, 0)
        guard status == BZ_OK else {
            // Fully initialized: deinit still runs, ends the stream (a no-op here) and frees it.
            throw DecompressionError("libbz2 could not start (error \(status))")
        }
    }

    deinit {
        BZ2_bzDecompressEnd(stream)
        stream.deallocate()
    }

    var isComplete: Bool { !isInsideStream }

    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> DecompressionStep {
        if hasEndedStream {
            guard !input.isEmpty else { return DecompressionStep(consumed: 0, produced: 0) }
            BZ2_bzDecompressEnd(stream)
            stream.initialize(to: bz_stream())
            let status = BZ2_bzDecompressInit(stream, 0, 0)
            guard status == BZ_OK else {
                return DecompressionStep(
                    consumed: 0, produced: 0, failure: DecompressionError("libbz2 could not restart (error \(status))"))
            }
            hasEndedStream = false
        }
        // Safety: libbz2 reads at most avail_in bytes from next_in and writes at most avail_out to next_out.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = BZ2_bzDecompress(stream)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        if consumed > 0 { isInsideStream = true }
        var failure: DecompressionError?
        switch status {
        case BZ_OK: break
        case BZ_STREAM_END:
            isInsideStream = false
            hasEndedStream = true
        case BZ_DATA_ERROR_MAGIC: failure = DecompressionError("not in the bzip2 format")
        case BZ_DATA_ERROR: failure = DecompressionError("compressed data is corrupt")
        case BZ_MEM_ERROR: failure = DecompressionError("out of memory")
        default: failure = DecompressionError("libbz2 error \(status)")
        }
        return DecompressionStep(consumed: consumed, produced: produced, failure: failure)
    }
}
