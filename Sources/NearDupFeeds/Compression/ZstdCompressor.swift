internal import CZstd

/// Compresses to Zstandard with libzstd's `ZSTD_compressStream2` at level 3 (zstd's default),
/// single-threaded, with a content checksum, so the output depends only on the input.
final class ZstdCompressor: StreamCompressor {
    private let context: OpaquePointer

    /// Starts a zstd stream. Only running out of memory can make libzstd fail to, which stops
    /// the process.
    init() {
        guard let context = ZSTD_createCCtx() else { preconditionFailure("libzstd could not start compressing") }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    func compress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> (consumed: Int, produced: Int, isEnded: Bool) {
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var destination = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let remaining = ZSTD_compressStream2(context, &destination, &source, isFinal ? ZSTD_e_end : ZSTD_e_continue)
        precondition(ZSTD_isError(remaining) == 0, "ZSTD_compressStream2 failed")
        return (source.pos, destination.pos, isFinal && remaining == 0)
    }
}
