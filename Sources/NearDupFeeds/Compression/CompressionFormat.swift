/// A compression format that feeds are read in (all four) and outputs written in (gzip and zstd).
package enum CompressionFormat: String, Sendable, CaseIterable {
    /// gzip (RFC 1952), through zlib; `.gz`.
    case gzip
    /// Zstandard (RFC 8878), through libzstd; `.zst`.
    case zstd
    /// xz, through liblzma; `.xz`.
    case xz
    /// bzip2, through libbz2; `.bz2`.
    case bzip2

    /// The bytes every stream of this format starts with.
    var signature: [UInt8] {
        switch self {
        case .gzip: [0x1F, 0x8B]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        case .bzip2: [0x42, 0x5A, 0x68]
        }
    }

    /// The format an output named `path` is written in: gzip for a name ending in `.gz`, zstd for
    /// one ending in `.zst`, `nil` (uncompressed) for any other.
    package static func ofOutput(named path: String) -> CompressionFormat? {
        if path.hasSuffix(".gz") { return .gzip }
        if path.hasSuffix(".zst") { return .zstd }
        return nil
    }
}
