internal import CZstd

/// Decompresses Zstandard with libzstd's `ZSTD_decompressStream`, frame after frame (as
/// `zstdcat` does). Frames needing a window over libzstd's default limit (128 MiB) are refused.
final class ZstdDecompressor: StreamDecompressor {
    private let context: OpaquePointer
    /// libzstd's last answer: 0 once a frame is decoded and flushed whole.
    private var lastHint = 1

    /// Starts a zstd decoder.
    /// - Throws: ``DecompressionError`` if libzstd cannot start (no memory).
    init() throws(DecompressionError) {
        guard let context = ZSTD_createDCtx() else { throw DecompressionError("libzstd could not start") }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    var isComplete: Bool { lastHint == 0 }

    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> DecompressionStep {
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var destination = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let hint = ZSTD_decompressStream(context, &destination, &source)
        if ZSTD_isError(hint) != 0 {
            let failure = DecompressionError(String(cString: ZSTD_getErrorName(hint)))
            return DecompressionStep(consumed: source.pos, produced: destination.pos, failure: failure)
        }
        if source.pos > 0 || destination.pos > 0 || hint == 0 { lastHint = hint }
        return DecompressionStep(consumed: source.pos, produced: destination.pos)
    }
}
