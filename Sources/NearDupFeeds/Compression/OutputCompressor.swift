/// Compresses an output as it is written, into gzip or zstd, deterministically: a fixed level and
/// no time or file name in the stream, so the same bytes in give the same bytes out.
///
/// ```swift
/// let compressor = OutputCompressor(format: .zstd)
/// try compressor.compress(bytes, write)
/// try compressor.finish(write)
/// ```
package final class OutputCompressor {
    /// The format written.
    package let format: CompressionFormat
    private let compressor: any StreamCompressor
    /// Where compressed bytes are put before being written.
    private let output: UnsafeMutableRawBufferPointer

    /// Starts a compressed stream.
    /// - Parameter format: ``CompressionFormat/gzip`` (level 6, as `gzip -n`) or
    ///   ``CompressionFormat/zstd`` (level 3, as `zstd`, with a checksum); xz and bzip2 outputs
    ///   are not written.
    package init(format: CompressionFormat) {
        self.format = format
        switch format {
        case .gzip: compressor = GzipCompressor()
        case .zstd: compressor = ZstdCompressor()
        case .xz, .bzip2: preconditionFailure("\(format) outputs are not written")
        }
        output = .allocate(byteCount: 1 << 17, alignment: 16)
    }

    deinit {
        output.deallocate()
    }

    /// Compresses `bytes`, writing whatever compressed bytes are ready.
    /// - Parameters:
    ///   - bytes: The next bytes of the output.
    ///   - write: Called with each piece of compressed bytes, in order.
    /// - Throws: Whatever `write` throws.
    /// - Complexity: O(*n*) in the length of `bytes`.
    package func compress<E: Error>(
        _ bytes: UnsafeRawBufferPointer, _ write: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        try run(bytes, isFinal: false, write)
    }

    /// Ends the stream, writing the compressed bytes still held and the stream's trailer.
    /// - Parameter write: Called with each piece of compressed bytes, in order.
    /// - Throws: Whatever `write` throws.
    package func finish<E: Error>(_ write: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true, write)
    }

    private func run<E: Error>(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, _ write: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        var rest = input
        while true {
            let step = compressor.compress(rest, into: output, isFinal: isFinal)
            // Safety: the compressor consumed at most rest.count bytes and produced at most output.count.
            rest = UnsafeRawBufferPointer(rebasing: rest[step.consumed...])
            if step.produced > 0 { try write(UnsafeRawBufferPointer(rebasing: output[..<step.produced])) }
            if isFinal ? step.isEnded : (rest.isEmpty && step.produced < output.count) { return }
        }
    }
}
