/// What the leading bytes ("magic numbers") of an input say it is, when it is not plain JSON Lines:
/// a compressed stream (read through its decompressor), or a format that cannot be read.
enum FileSignature: Equatable {
    /// A compressed stream, decompressed as it is read.
    case compressed(CompressionFormat)
    /// A zip archive: it may hold many files, so it is refused (unzip it first).
    case zip
    /// An Apache Parquet file: refused, with a recipe to convert it to JSON Lines.
    case parquet

    /// The most leading bytes any signature needs.
    static let longestSignature = 6

    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let parquetSignature: [UInt8] = Array("PAR1".utf8)

    /// The signature `bytes` (the start of an input) begin with, or `nil` for none (plain text).
    ///
    /// None of these signatures can start a JSON Lines file: a JSON value never starts with one of
    /// these bytes (`B` of `BZh`, `P` of `PK` and `PAR1` included), nor does a blank line.
    static func of(_ bytes: UnsafeRawBufferPointer) -> FileSignature? {
        if let format = CompressionFormat.allCases.first(where: { bytes.starts(with: $0.signature) }) {
            return .compressed(format)
        }
        if bytes.starts(with: zipSignature) { return .zip }
        if bytes.starts(with: parquetSignature) { return .parquet }
        return nil
    }
}
