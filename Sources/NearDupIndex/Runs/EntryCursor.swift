/// Sorted entries from memory, one bucket at a time, or from a run's blocks, one block at a time.
struct EntryCursor {
    private var entries: [BandEntry] = []
    private var position = 0
    private let buckets: EntryBuckets?
    private var nextBucket = 0
    private let run: BandRun?
    private var scan: RunBlockScan?
    private let path: String
    /// The rowid of the block being read.
    private(set) var block: Int64 = -1

    init(buckets: EntryBuckets) {
        self.buckets = buckets
        run = nil
        scan = nil
        path = ""
    }

    /// A cursor over the entries of `run`, read through `scan` (`IndexStore.blockScan(of:path:)`).
    init(run: BandRun, scan: RunBlockScan, path: String) {
        buckets = nil
        self.run = run
        self.scan = scan
        self.path = path
    }

    mutating func current() throws -> BandEntry? {
        while position == entries.count {
            if let buckets {
                guard nextBucket < buckets.bucketCount else { return nil }
                entries = buckets.sortedEntries(ofBucket: nextBucket)
                nextBucket += 1
                position = 0
                continue
            }
            guard let run, let next = try scan?.next() else { return nil }
            let (id, bytes) = next
            block = id
            guard bytes.count % BandRun.entrySize == 0, let pointer = bytes.baseAddress else {
                throw NearDupIndexError.corrupt(path: path, reason: "band key block \(id) is damaged")
            }
            entries.removeAll(keepingCapacity: true)
            position = 0
            // Safety: `bytes` is the block SQLite holds until the scan's next step, and every load is
            // inside one of its `count / entrySize` whole entries.
            for index in 0..<(bytes.count / BandRun.entrySize) {
                let offset = index * BandRun.entrySize
                let low = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let reference = Int64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset + 4, as: Int64.self))
                entries.append(BandEntry(key: run.key(blockID: id, low: low), reference: reference))
            }
        }
        return entries[position]
    }

    mutating func advance() { position += 1 }

    /// Passes on the entries of the current block that are below `bound`, in order.
    mutating func drain(below bound: BandEntry, _ body: (BandEntry) throws -> Void) rethrows {
        while position < entries.count && entries[position] < bound {
            try body(entries[position])
            position += 1
        }
    }
}
