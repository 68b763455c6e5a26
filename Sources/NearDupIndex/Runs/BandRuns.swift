import Foundation
import NearDup

/// One stored band key: `key` is a `BandKey.indexValue`, and
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
/// Every band (of paragraphs, of whole texts, and the one band of rewrite samples) is cut into
/// `2^bits` buckets by the top bits of its 32-bit key; a bucket's entries are one row of
/// `run_blocks` whose rowid is `run << 40 | kind << 38 | band << bits | prefix` (`BandKey.Kind`'s
/// raw value), so a run's rows
/// are in key order, and whose blob holds its entries sorted by (32-bit key, reference), 12 bytes
/// each: the key's low 32 bits and the reference, both little-endian. A lookup is one rowid seek
/// and a binary search in one blob of about `targetBlockEntries` entries.
struct BandRun: Sendable, Hashable {
    let id: Int64
    /// Entries in the run (stale ones of removed articles included, until a merge drops them).
    let entries: Int
    /// Of which whole-text keys.
    let documentEntries: Int
    /// Of which rewrite sample keys.
    let sampleEntries: Int
    let paragraphBits: Int
    let documentBits: Int
    let sampleBits: Int
    /// The article numbers the run covers: every entry's article is in `firstDocument...lastDocument`.
    let firstDocument: Int64
    let lastDocument: Int64

    /// Aimed-for entries per block: about 2 KB (from 1.4 to 2.9 KB as the run grows), so that
    /// nearly every block fits in one 4 KB page.
    static let targetBlockEntries = 170
    static let entrySize = 12
    static let idShift: Int64 = 40
    private static let kindShift: Int64 = 38
    /// Run ids are below this (a block's rowid `run << 40 | …` must be positive).
    static let maximumID: Int64 = 1 << 23
    /// Bucket bits are at most this.
    static let maximumBits = 22

    /// Bucket bits that give blocks of about `targetBlockEntries` for `entries` spread over `bands` bands.
    static func bits(entries: Int, bands: Int) -> Int {
        let perBand = Double(entries) / Double(max(1, bands)) / Double(targetBlockEntries)
        return perBand < 1.5 ? 0 : min(maximumBits, Int(log2(perBand).rounded()))
    }

    /// The `run_blocks` rowid of the block that holds `key`.
    func blockID(of key: Int64) -> Int64 {
        let bandKey = BandKey(indexValue: key)
        let bits = Int64(bits(of: bandKey.kind))
        let prefix = bits == 0 ? 0 : Int64(bandKey.value >> UInt32(32 - bits))
        return id << Self.idShift | bandKey.kind.rawValue << Self.kindShift | Int64(bandKey.band) << bits | prefix
    }

    /// The full key of an entry stored in block `blockID` with 32-bit key `low`.
    func key(blockID: Int64, low: UInt32) -> Int64 {
        let kind = BandKey.Kind(rawValue: (blockID >> Self.kindShift) & 3) ?? .paragraph
        let bits = Int64(bits(of: kind))
        let band = (blockID & ((1 << Self.kindShift) - 1)) >> bits
        return BandKey(band: Int(band), kind: kind, value: low).indexValue
    }

    /// The bucket bits of the bands of `kind`.
    private func bits(of kind: BandKey.Kind) -> Int {
        switch kind {
        case .paragraph: paragraphBits
        case .wholeText: documentBits
        case .rewriteSample: sampleBits
        }
    }

    /// The first rowid of run `run` and the first one past it.
    static func blockRange(run: Int64) -> (lower: Int64, upper: Int64) { (run << idShift, (run + 1) << idShift) }
}

/// A Bloom filter over one run's keys, kept in memory by every connection that reads the run, so
/// that most keys an article does not share are never looked up on disk. One 64-bit word per key
/// (four bits in it, chosen by a hash of the key), so a probe touches one cache line.
///
/// The word is chosen by the key's place in key order, not by a hash: paragraph keys share the
/// first `paragraphWords` words in proportion to (band, 32-bit key), whole-text keys the rest, and
/// rewrite samples (one band) spread over the paragraph words in proportion to their key. The
/// 32-bit keys are uniform hash values, so every word gets its share of keys, and a merge, which
/// writes keys in order, fills the filter front to back instead of at random (several times
/// faster on a filter larger than the CPU's caches).
struct BandFilter: Sendable {
    private(set) var words: [UInt64]
    let paragraphWords: Int
    let bands: Int

    /// Bits per entry when the memory budget allows.
    static let bitsPerEntry = 10

    /// An empty filter of `wordCount` words, `paragraphShare` of them for paragraph keys.
    init(wordCount: Int, paragraphShare: Double, bands: Int) {
        let count = max(2, wordCount)
        words = Array(repeating: 0, count: count)
        paragraphWords = min(count - 1, max(1, Int(Double(count) * paragraphShare)))
        self.bands = max(1, bands)
    }

    /// Reads a filter back from its `data` (the paragraph word count, then the words; all
    /// little-endian `UInt64`); `nil` if it is damaged.
    init?(bytes: UnsafeRawBufferPointer, bands: Int) {
        self.init(byteCount: bytes.count, bands: bands) { target, offset, count in
            target.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            return true
        }
    }

    /// Reads a filter of `byteCount` bytes through `read(target, offset, count)`, which copies
    /// `count` bytes from `offset` of the stored filter (straight into the words: no other copy).
    init?(byteCount: Int, bands: Int, read: (UnsafeMutableRawPointer, Int, Int) -> Bool) {
        guard byteCount >= 24, byteCount % 8 == 0 else { return nil }
        var header: UInt64 = 0
        guard withUnsafeMutableBytes(of: &header, { read($0.baseAddress!, 0, 8) }) else { return nil }
        let count = byteCount / 8 - 1
        guard let stored = Int(exactly: UInt64(littleEndian: header)), stored >= 1 && stored < count else { return nil }
        paragraphWords = stored
        self.bands = max(1, bands)
        var complete = false
        words = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            complete = read(UnsafeMutableRawPointer(buffer.baseAddress!), 8, count * 8)
            initialized = count
        }
        guard complete else { return nil }
        #if _endian(big)
            for index in words.indices { words[index] = UInt64(littleEndian: words[index]) }
        #endif
    }

    var data: Data {
        var data = Data(count: 8 * (words.count + 1))
        data.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt64(paragraphWords).littleEndian, as: UInt64.self)
            for (index, word) in words.enumerated() {
                bytes.storeBytes(of: word.littleEndian, toByteOffset: 8 * (index + 1), as: UInt64.self)
            }
        }
        return data
    }

    /// Words for `entries` entries, at `bitsPerEntry` bits each but no more than `budgetWords`.
    static func wordCount(entries: Int, budgetWords: Int) -> Int {
        max(2, min(entries * bitsPerEntry / 64 + 2, budgetWords))
    }

    private func position(_ key: Int64) -> (word: Int, mask: UInt64) {
        let low = UInt64(UInt32(truncatingIfNeeded: key))
        let bandKey = BandKey(indexValue: key)
        let (band, bands) =
            bandKey.kind == .rewriteSample ? (0, 1) : (UInt64(min(bandKey.band, self.bands - 1)), UInt64(self.bands))
        let document = bandKey.kind == .wholeText
        let (base, span) = document ? (paragraphWords, words.count - paragraphWords) : (0, paragraphWords)
        let word = base + Int((band * UInt64(span) + (low * UInt64(span)) >> 32) / bands)
        var hash = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        let mask: UInt64 =
            1 << (hash >> 40 & 63) | 1 << (hash >> 46 & 63) | 1 << (hash >> 52 & 63) | 1 << (hash >> 58)
        return (word, mask)
    }

    mutating func insert(_ key: Int64) {
        let (word, mask) = position(key)
        words[word] |= mask
    }

    func mayContain(_ key: Int64) -> Bool {
        let (word, mask) = position(key)
        return words[word] & mask == mask
    }
}

/// The band keys of the articles added since the last merge (`documents.number > merged_through`),
/// in memory: key to references, as chains through flat arrays from an open-addressing table (the
/// keys are hash values already, so a multiply spreads them; no per-key allocation).
struct RecentKeys: Sendable {
    private static let empty = Int64.min
    /// Keys by slot (`empty` where none) with the newest entry of each, side by side: one cache miss.
    private var slots: [(key: Int64, head: Int32)] = []
    private var used = 0
    private var references: [Int64] = []
    private var next: [Int32] = []
    /// Articles whose keys are here.
    private(set) var documents = 0

    private func slot(of key: Int64) -> Int {
        let shift = UInt64(64 - slots.count.trailingZeroBitCount)
        var slot = Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[slot].key != key && slots[slot].key != Self.empty { slot = (slot + 1) & (slots.count - 1) }
        return slot
    }

    /// Makes room for `entries` more entries (and as many more keys) without growing on the way.
    mutating func reserve(entries: Int) {
        references.reserveCapacity(references.count + entries)
        next.reserveCapacity(next.count + entries)
        while (used + entries) * 2 > slots.count { grow() }
    }

    mutating func insert(_ key: Int64, _ reference: Int64) {
        if (used + 1) * 2 > slots.count { grow() }
        let slot = slot(of: key)
        if slots[slot].key == Self.empty {
            slots[slot] = (key, -1)
            used += 1
        }
        next.append(slots[slot].head)
        slots[slot].head = Int32(references.count)
        references.append(reference)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (Self.empty, -1), count: max(1024, old.count * 2))
        for (key, head) in old where key != Self.empty { slots[slot(of: key)] = (key, head) }
    }

    /// Adds one article's entries.
    mutating func insert(document entries: [BandEntry]) {
        for entry in entries { insert(entry.key, entry.reference) }
        documents += 1
    }

    /// Appends `(key, reference)` for every entry of each of `keys`.
    func hits(_ keys: [Int64], into result: inout [(key: Int64, reference: Int64)]) {
        guard used > 0 else { return }
        for key in keys {
            let slot = slot(of: key)
            guard slots[slot].key == key else { continue }
            var index = slots[slot].head
            while index >= 0 {
                result.append((key, references[Int(index)]))
                index = next[Int(index)]
            }
        }
    }
}
