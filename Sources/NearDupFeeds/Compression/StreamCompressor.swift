/// One compression library's streaming encoder, driven by ``OutputCompressor``.
protocol StreamCompressor: AnyObject {
    /// Compresses as much of `input` as fits into `output`.
    /// - Parameters:
    ///   - input: The next bytes to compress; empty at the end.
    ///   - output: Where compressed bytes go.
    ///   - isFinal: Whether no input follows `input`: the stream is then ended.
    /// - Returns: How many bytes of `input` were consumed and of `output` produced, and whether the
    ///   stream has ended (only when `isFinal`).
    func compress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isFinal: Bool
    ) -> (consumed: Int, produced: Int, isEnded: Bool)
}
