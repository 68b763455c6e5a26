import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

/// ``OutputCompressor`` writes streams that the command-line tools read back, fed in any pieces,
/// and the same bytes in give the same bytes out.
@Suite struct OutputCompressorTests {
    /// Several megabytes that compress moderately, so that the output buffer fills many times.
    static func input() -> [UInt8] {
        var generator = SplitMix64(seed: 11)
        let words = ["wire", "copy", "story", "the", "a", "minister", "said", "on", "Monday", "\n"]
        var bytes: [UInt8] = []
        while bytes.count < 3 << 20 {
            bytes += Array(words[Int(generator.next() % UInt64(words.count))].utf8) + [0x20]
            if generator.next() % 97 == 0 { bytes += (0..<8).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        }
        return bytes
    }

    static func compress(_ bytes: [UInt8], format: CompressionFormat, pieceSize: Int) -> [UInt8] {
        let compressor = OutputCompressor(format: format)
        var output: [UInt8] = []
        let append = { (piece: UnsafeRawBufferPointer) in output += piece }
        bytes.withUnsafeBytes { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + pieceSize, buffer.count)
                compressor.compress(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), append)
                start = end
            }
        }
        compressor.finish(append)
        return output
    }

    @Test(arguments: [(CompressionFormat.gzip, CompressionTool.gzip), (.zstd, .zstd)], [1_000, 1 << 20])
    func toolsReadTheStreamBack(formats: (CompressionFormat, CompressionTool), pieceSize: Int) throws {
        let input = Self.input()
        let compressed = Self.compress(input, format: formats.0, pieceSize: pieceSize)
        #expect(compressed.count < input.count / 2)
        #expect(try formats.1.decompress(compressed) == input)
        #expect(Self.compress(input, format: formats.0, pieceSize: 4_096) == compressed)
    }

    @Test func emptyOutputIsAnEmptyStream() throws {
        let gzip = Self.compress([], format: .gzip, pieceSize: 1)
        #expect(try CompressionTool.gzip.decompress(gzip).isEmpty)
        let zstd = Self.compress([], format: .zstd, pieceSize: 1)
        #expect(try CompressionTool.zstd.decompress(zstd).isEmpty)
    }
}
