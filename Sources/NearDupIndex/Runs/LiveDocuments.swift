/// Which article numbers in a range exist: one bit each.
struct LiveDocuments {
    let first: Int64
    private var bits: [UInt64]

    /// Reads which articles numbered `first ... last` are indexed.
    init(store: IndexStore, first: Int64, last: Int64) throws {
        self.first = first
        var bits = Array(repeating: UInt64(0), count: Int(max(0, last - first + 1) / 64 + 1))
        try store.forEachArticleNumber(from: first, through: last) { number in
            let offset = Int(number - first)
            bits[offset / 64] |= 1 << UInt64(offset % 64)
        }
        self.bits = bits
    }

    func contains(_ number: Int64) -> Bool {
        let offset = Int(number - first)
        guard offset >= 0, offset / 64 < bits.count else { return false }
        return bits[offset / 64] & (1 << UInt64(offset % 64)) != 0
    }
}
