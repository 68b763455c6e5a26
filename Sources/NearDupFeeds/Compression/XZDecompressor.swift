internal import CLZMA

/// Decompresses xz with liblzma's stream decoder, stream after stream (as `xzcat` does).
final class XZDecompressor: StreamDecompressor {
    /// liblzma's state; allocated once, so its address never changes.
    private let stream = UnsafeMutablePointer<lzma_stream>.allocate(capacity: 1)
    /// Whether liblzma has confirmed the end of the last stream.
    private(set) var isComplete = false

    /// The most memory the decoder may take: far above what `xz -9e` needs (674 MiB for the
    /// encoder, 65 MiB for the decoder), so only a hostile header reaches it.
    static let memoryLimit: UInt64 = 1 << 30

    /// liblzma's `LZMA_CONCATENATED` flag (a macro Swift does not import): read streams one after
    /// the other.
    private static let concatenated: UInt32 = 0x08

    /// Starts an xz decoder.
    /// - Throws: ``DecompressionError`` if liblzma cannot start (no memory).
    init() throws(DecompressionError) {
        stream.initialize(to: lzma_stream())
        let status = lzma_stream_decoder(stream, Self.memoryLimit, Self.concatenated)
        guard status == LZMA_OK else {
            // Fully initialized: deinit still runs, ends the stream (a no-op here) and frees it.
            throw DecompressionError("liblzma could not start (error \(status.rawValue))")
        }
    }

    deinit {
        lzma_end(stream)
        stream.deallocate()
    }

    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> DecompressionStep {
        // Safety: liblzma reads at most avail_in bytes from next_in and writes at most avail_out to next_out.
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = input.count
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = output.count
        let status = lzma_code(stream, isFinal ? LZMA_FINISH : LZMA_RUN)
        let consumed = input.count - stream.pointee.avail_in
        let produced = output.count - stream.pointee.avail_out
        var failure: DecompressionError?
        switch status {
        case LZMA_OK, LZMA_BUF_ERROR: break
        case LZMA_STREAM_END: isComplete = true
        case LZMA_MEMLIMIT_ERROR:
            failure = DecompressionError("it needs more than \(Self.memoryLimit >> 20) MiB of memory to decompress")
        case LZMA_FORMAT_ERROR: failure = DecompressionError("not in the xz format")
        case LZMA_OPTIONS_ERROR: failure = DecompressionError("unsupported compression options")
        case LZMA_DATA_ERROR: failure = DecompressionError("compressed data is corrupt")
        case LZMA_MEM_ERROR: failure = DecompressionError("out of memory")
        default: failure = DecompressionError("liblzma error \(status.rawValue)")
        }
        return DecompressionStep(consumed: consumed, produced: produced, failure: failure)
    }
}
