/// A candidate of the index, packed into one sortable `UInt64`: `batch << 32 | workspace`, a batch
/// paragraph (or article) first, then the workspace paragraph (or article) it may copy, an indexed
/// one or one of an earlier article of the batch.
enum CandidatePair {
    /// The packing of `batch` → `workspace`.
    static func pack(batch: Int, workspace: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: batch)) << 32 | UInt64(UInt32(truncatingIfNeeded: workspace))
    }

    /// The batch paragraph (or article) of `pair`.
    static func batch(_ pair: UInt64) -> Int { Int(pair >> 32) }

    /// The workspace paragraph (or article) of `pair`.
    static func workspace(_ pair: UInt64) -> Int { Int(pair & 0xFFFF_FFFF) }
}
