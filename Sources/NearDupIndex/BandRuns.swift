import Foundation

/// One stored band key: `key` is `IndexSchema.paragraphKey` or `IndexSchema.documentKey`, and
/// `reference` the paragraph reference or the article number it points at.
struct BandEntry: Comparable, Sendable {
    var key: Int64
    var reference: Int64

    static func < (a: BandEntry, b: BandEntry) -> Bool {
        a.key != b.key ? a.key < b.key : a.reference < b.reference
    }
}

/// A sorted run of band entries: a description row in `runs` and blocks in `run_blocks`.
///
/// Every band (of paragraphs, and of whole texts) is cut into `2^bits` buckets by the top bits of
/// its 32-bit key; a bucket's entries are one row of `run_blocks` whose rowid is
/// `run << 40 | kind << 39 | band << bits | prefix` (kind 1 for whole-text keys), so a run's rows
/// are in key order, and whose blob holds its entries sorted by (32-bit key, reference), 12 bytes
/// each: the key's low 32 bits and the reference, both little-endian. A lookup is one rowid seek
/// and a binary search in one blob of about `targetBlockEntries` entries.
struct BandRun: Sendable, Hashable {
    let id: Int64
    /// Entries in the run (stale ones of removed articles included, until a merge drops them).
    let entries: Int
    /// Of which whole-text keys.
    let documentEntries: Int
    let paragraphBits: Int
    let documentBits: Int
    /// The article numbers the run covers: every entry's article is in `firstDocument...lastDocument`.
    let firstDocument: Int64
    let lastDocument: Int64

    /// Aimed-for entries per block: about 2 KB (from 1.4 to 2.9 KB as the run grows), so that
    /// nearly every block fits in one 4 KB page.
    static let targetBlockEntries = 170
    static let entrySize = 12
    static let idShift: Int64 = 40
    private static let kindShift: Int64 = 39

    /// Bucket bits that give blocks of about `targetBlockEntries` for `entries` spread over `bands` bands.
    static func bits(entries: Int, bands: Int) -> Int {
        let perBand = Double(entries) / Double(max(1, bands)) / Double(targetBlockEntries)
        return perBand < 1.5 ? 0 : min(22, Int(log2(perBand).rounded()))
    }

    /// The `run_blocks` rowid of the block that holds `key`.
    func blockID(of key: Int64) -> Int64 {
        let kind = key >> IndexSchema.kindShift
        let bits = Int64(kind == 0 ? paragraphBits : documentBits)
        let band = (key >> 32) & IndexSchema.bandMask
        let prefix = bits == 0 ? 0 : Int64(UInt32(truncatingIfNeeded: key) >> UInt32(32 - bits))
        return id << Self.idShift | kind << Self.kindShift | band << bits | prefix
    }

    /// The full key of an entry stored in block `blockID` with 32-bit key `low`.
    func key(blockID: Int64, low: UInt32) -> Int64 {
        let kind = (blockID >> Self.kindShift) & 1
        let bits = Int64(kind == 0 ? paragraphBits : documentBits)
        let band = (blockID & ((1 << Self.kindShift) - 1)) >> bits
        return kind << IndexSchema.kindShift | band << 32 | Int64(low)
    }

    /// The first rowid of run `run` and the first one past it.
    static func blockRange(run: Int64) -> (lower: Int64, upper: Int64) { (run << idShift, (run + 1) << idShift) }
}

/// A Bloom filter over one run's keys, kept in memory by every connection that reads the run, so
/// that most keys an article does not share are never looked up on disk. One 64-bit word per key
/// (four bits in it), so a probe touches one cache line.
struct BandFilter: Sendable {
    private(set) var words: [UInt64]

    /// Bits per entry when the memory budget allows.
    static let bitsPerEntry = 10

    init(wordCount: Int) { words = Array(repeating: 0, count: max(1, wordCount)) }

    /// Reads a filter back; `nil` if the blob is empty or not whole words.
    init?(data: Data) {
        guard !data.isEmpty, data.count % 8 == 0 else { return nil }
        words = data.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
            }
        }
    }

    var data: Data {
        words.withUnsafeBufferPointer { buffer in
            Data(buffer: UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count))
        }
    }

    /// Words for `entries` entries, at `bitsPerEntry` bits each but no more than `budgetWords`.
    static func wordCount(entries: Int, budgetWords: Int) -> Int {
        max(1, min(entries * bitsPerEntry / 64 + 1, budgetWords))
    }

    private static func hash(_ key: Int64) -> UInt64 {
        var z = UInt64(bitPattern: key) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private func position(_ hash: UInt64) -> (word: Int, mask: UInt64) {
        let word = Int(((hash & 0xFFFF_FFFF) &* UInt64(words.count)) >> 32)
        let mask: UInt64 =
            1 << (hash >> 32 & 63) | 1 << (hash >> 38 & 63) | 1 << (hash >> 44 & 63) | 1 << (hash >> 50 & 63)
        return (word, mask)
    }

    mutating func insert(_ key: Int64) {
        let (word, mask) = position(Self.hash(key))
        words[word] |= mask
    }

    func mayContain(_ key: Int64) -> Bool {
        let (word, mask) = position(Self.hash(key))
        return words[word] & mask == mask
    }
}

/// The band keys of the articles added since the last merge (`documents.number > merged_through`),
/// in memory: key to references, as chains through flat arrays.
struct RecentKeys: Sendable {
    private var heads: [Int64: Int32] = [:]
    private var references: [Int64] = []
    private var next: [Int32] = []
    /// Articles whose keys are here.
    private(set) var documents = 0

    var entries: Int { references.count }

    mutating func insert(_ key: Int64, _ reference: Int64) {
        let index = Int32(references.count)
        references.append(reference)
        next.append(heads[key] ?? -1)
        heads[key] = index
    }

    mutating func countDocument() { documents += 1 }

    /// Appends `(key, reference)` for every entry of each of `keys`.
    func hits(_ keys: [Int64], into result: inout [(key: Int64, reference: Int64)]) {
        guard !heads.isEmpty else { return }
        for key in keys {
            var index = heads[key] ?? -1
            while index >= 0 {
                result.append((key, references[Int(index)]))
                index = next[Int(index)]
            }
        }
    }
}
