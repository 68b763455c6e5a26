/// The leading bytes ("magic numbers") of the compressed formats most often found named `.jsonl`
/// by mistake, so such a file is reported as what it is instead of as lines of malformed JSON.
enum CompressionSignature {
    /// Each format's name and the bytes every file of it starts with.
    private static let signatures: [(format: String, bytes: [UInt8])] = [
        ("gzip", [0x1F, 0x8B]),
        ("zstd", [0x28, 0xB5, 0x2F, 0xFD]),
        ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("bzip2", [0x42, 0x5A, 0x68]),
        ("zip", [0x50, 0x4B, 0x03, 0x04]),
    ]

    /// The compressed format `bytes` (the start of a file) are in, or `nil` if none is recognised.
    ///
    /// None of these signatures can start a JSON Lines file: a JSON value never starts with one
    /// of these bytes (`B` of `BZh` and `P` of `PK` included), nor does a blank line.
    static func format(of bytes: UnsafeRawBufferPointer) -> String? {
        signatures.first { bytes.starts(with: $0.bytes) }?.format
    }
}
