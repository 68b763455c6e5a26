/// One run's blocks, read one at a time as keys come in key order (a block holds keys next to each
/// other, so each block is read at most once per lookup). Each run has its own `RunBlockLookup`:
/// the block it read stays valid while the other runs read theirs.
struct RunBlockReader {
    let run: BandRun
    let filter: BandFilter
    private let lookup: RunBlockLookup
    private var loaded: Int64 = -1
    /// The loaded block's bytes (SQLite's buffer, valid until `lookup` reads another block).
    private var block = UnsafeRawBufferPointer(start: nil, count: 0)

    init(run: BandRun, filter: BandFilter, lookup: RunBlockLookup) {
        self.run = run
        self.filter = filter
        self.lookup = lookup
    }

    /// Calls `body` with the reference of each of the run's entries whose key is `key`, in order.
    mutating func forEachReference(of key: Int64, path: String, _ body: (Int64) throws -> Void) throws {
        guard filter.mayContain(key) else { return }
        let id = run.blockID(of: key)
        if id != loaded {
            loaded = id
            block = try lookup.read(id: id) ?? UnsafeRawBufferPointer(start: nil, count: 0)
            guard block.count % BandRun.entrySize == 0 else {
                throw NearDupIndexError.corrupt(path: path, reason: "band key block \(id) is damaged")
            }
        }
        guard let pointer = block.baseAddress else { return }
        try Self.search(pointer, count: block.count / BandRun.entrySize, key: key, body)
    }

    /// Calls `body` with the reference of each entry of a block (12-byte entries sorted by low key,
    /// then reference) whose low key is `key`'s, in order.
    private static func search(
        _ pointer: UnsafeRawPointer, count: Int, key: Int64, _ body: (Int64) throws -> Void
    ) rethrows {
        // Safety: `pointer` holds `count` entries of `BandRun.entrySize` bytes (the caller checked the
        // block's length), and every load below is inside entry `index < count`.
        let low = UInt32(truncatingIfNeeded: key)
        func lowKey(_ index: Int) -> UInt32 {
            UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: index * BandRun.entrySize, as: UInt32.self))
        }
        var (lower, upper) = (0, count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if lowKey(middle) < low { lower = middle + 1 } else { upper = middle }
        }
        while lower < count && lowKey(lower) == low {
            let reference = Int64(
                littleEndian: pointer.loadUnaligned(fromByteOffset: lower * BandRun.entrySize + 4, as: Int64.self))
            try body(reference)
            lower += 1
        }
    }
}
