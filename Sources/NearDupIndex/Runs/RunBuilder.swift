import NearDup

/// Writes a new run's blocks in key order, and its filter.
struct RunBuilder {
    let run: BandRun
    var filter: BandFilter
    private let writer: RunBlockWriter
    private(set) var entries = 0
    private(set) var documentEntries = 0
    private(set) var sampleEntries = 0
    private var block: Int64 = -1
    /// The block being built: per entry its low key and its reference's low and high halves, as
    /// little-endian words (12 bytes, the stored layout).
    private var words: [UInt32] = []

    /// A builder of `run` (whose counts it ignores) that fills `filter` and stores blocks through `writer`.
    init(run: BandRun, filter: BandFilter, writer: RunBlockWriter) {
        self.run = run
        self.filter = filter
        self.writer = writer
    }

    /// The run as written: `run` with the counts of the entries appended.
    var writtenRun: BandRun {
        BandRun(
            id: run.id, entries: entries, documentEntries: documentEntries, sampleEntries: sampleEntries,
            paragraphBits: run.paragraphBits, documentBits: run.documentBits, sampleBits: run.sampleBits,
            firstDocument: run.firstDocument, lastDocument: run.lastDocument)
    }

    mutating func append(_ entry: BandEntry) throws {
        let id = run.blockID(of: entry.key)
        if id != block {
            try finish()
            block = id
        }
        let reference = UInt64(bitPattern: entry.reference)
        words.append(UInt32(truncatingIfNeeded: entry.key).littleEndian)
        words.append(UInt32(truncatingIfNeeded: reference).littleEndian)
        words.append(UInt32(truncatingIfNeeded: reference >> 32).littleEndian)
        filter.insert(entry.key)
        entries += 1
        switch BandKey(indexValue: entry.key).kind {
        case .paragraph: break
        case .wholeText: documentEntries += 1
        case .rewriteSample: sampleEntries += 1
        }
    }

    /// Writes the block being built, if any.
    mutating func finish() throws {
        guard !words.isEmpty else { return }
        try writer.insert(id: block, words: words)
        words.removeAll(keepingCapacity: true)
    }
}
