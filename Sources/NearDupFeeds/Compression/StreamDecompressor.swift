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
    /// - Returns: How many bytes of `input` were consumed and of `output` produced, and why the
    ///   data cannot be decoded further if it is corrupt. The bytes produced before a failure are
    ///   good (they are handed on, so that what is read does not depend on buffer sizes).
    func decompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> DecompressionStep

    /// Whether the input may end here: every member, frame or stream started has been read whole.
    var isComplete: Bool { get }
}

/// What one call of ``StreamDecompressor/decompress(_:into:isFinal:)`` did.
struct DecompressionStep {
    /// The bytes of input consumed.
    var consumed: Int
    /// The bytes of output produced.
    var produced: Int
    /// Why the data cannot be decoded further, or `nil`.
    var failure: DecompressionError? = nil
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
