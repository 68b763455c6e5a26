internal import CZlib

/// Decompresses gzip with zlib's `inflate`, member after member (as `zcat` does).
final class GzipDecompressor: StreamDecompressor {
    /// zlib's state; allocated once, since zlib checks that its address never changes.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    /// Whether bytes of a member have been read whose end has not been reached.
    private var isInsideMember = false
    /// Whether the last member read has ended, so that more input starts a new one.
    private var hasEndedMember = false

    /// Starts a gzip decoder.
    /// - Throws: ``DecompressionError`` if zlib cannot start (no memory).
    init() throws(DecompressionError) {
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: the largest window, gzip wrapper only.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            // Fully initialized: deinit still runs, ends the stream (a no-op here) and frees it.
            throw DecompressionError("zlib could not start (error \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    var isComplete: Bool { !isInsideMember }

    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> DecompressionStep {
        if hasEndedMember, !input.isEmpty {
            inflateReset(stream)
            hasEndedMember = false
        }
        // Safety: zlib reads at most avail_in bytes from next_in and writes at most avail_out to next_out.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        if consumed > 0 { isInsideMember = true }
        var failure: DecompressionError?
        switch status {
        case Z_OK, Z_BUF_ERROR:
            break
        case Z_STREAM_END:
            isInsideMember = false
            hasEndedMember = true
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            failure = DecompressionError(message)
        }
        return DecompressionStep(consumed: consumed, produced: produced, failure: failure)
    }
}
