/// One compression library's streaming decoder, driven by ``FeedDecoder``.
///
/// Each conformer owns its C library state (freed in `deinit`) and decodes whole files as
/// `zcat`, `zstdcat`, `xzcat` and `bzcat` do: concatenated gzip members, zstd frames, xz streams
/// and bzip2 streams are read one after the other.
protocol StreamDecompressor: AnyObject {
    /// Decompresses as much of `input` as fits into `output`.
    /// - Parameters:
    ///   - input: The next compressed bytes; empty at the end, to drain what the decoder holds.
    ///   - output: Where decompressed bytes go.
    ///   - isFinal: Whether no input follows `input` (the end of the file).
    /// - Returns: How many bytes of `input` were consumed and of `output` produced.
    /// - Throws: ``DecompressionError`` if the data is corrupt or cannot be decoded.
    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) throws(DecompressionError) -> (consumed: Int, produced: Int)

    /// Whether the input may end here: every member, frame or stream started has been read whole.
    var isComplete: Bool { get }
}

/// Why a compressed input could not be decompressed: the library's explanation.
struct DecompressionError: Error, Hashable {
    /// What the library said, e.g. `incorrect header check`.
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    /// The input ends inside a member or frame.
    static let truncated = DecompressionError("it ends in the middle of a compressed block (the file is truncated)")
}
