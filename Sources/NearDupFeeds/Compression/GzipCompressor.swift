internal import CZlib

/// Compresses to gzip with zlib's `deflate` at level 6 (gzip's default). zlib writes a header
/// with no time and no file name, like `gzip -n`, so the output depends only on the input.
final class GzipCompressor: StreamCompressor {
    /// zlib's state; allocated once, since zlib checks that its address never changes.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    /// Starts a gzip stream. Only running out of memory can make zlib fail to, which stops the
    /// process.
    init() {
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: the largest window, gzip wrapper; memLevel 8 is zlib's default.
        let status = deflateInit2_(
            stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib could not start compressing (error \(status))")
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    func compress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> (consumed: Int, produced: Int, isEnded: Bool) {
        // Safety: zlib reads at most avail_in bytes from next_in and writes at most avail_out to next_out.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = deflate(stream, isFinal ? Z_FINISH : Z_NO_FLUSH)
        precondition(status == Z_OK || status == Z_BUF_ERROR || status == Z_STREAM_END, "deflate failed (\(status))")
        return (
            input.count - Int(stream.pointee.avail_in), output.count - Int(stream.pointee.avail_out),
            status == Z_STREAM_END
        )
    }
}
