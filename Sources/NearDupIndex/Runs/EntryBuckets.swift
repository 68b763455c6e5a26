import NearDup

/// Band entries gathered by (kind, band), given back sorted by key one bucket at a time: the
/// paragraph keys' bands, the whole-text keys' bands, then the one band of rewrite samples.
///
/// The entries must come in reference order within each bucket (as `StoredKeys` gives an article's
/// keys, articles in number order). Each entry is packed as a `KeyedItem` (its 32-bit key value
/// and its place in the bucket), and a bucket's packed values sort in linear time (uniform hashes
/// on top) into the `(key, reference)` order of `BandEntry`. 16 bytes per entry while gathered.
struct EntryBuckets {
    private let bands: Int
    private var packed: [[UInt64]]
    private var references: [[Int64]]
    /// Entries gathered.
    private(set) var count = 0
    /// Of which whole-text keys.
    private(set) var documentCount = 0
    /// Of which rewrite sample keys.
    private(set) var sampleCount = 0

    init(bands: Int) {
        self.bands = max(1, bands)
        packed = Array(repeating: [], count: 2 * self.bands + 1)
        references = Array(repeating: [], count: 2 * self.bands + 1)
    }

    /// Buckets in key order: the paragraph keys' bands, the whole-text keys' bands, the samples'.
    var bucketCount: Int { packed.count }

    mutating func append(_ entry: BandEntry) {
        let key = BandKey(indexValue: entry.key)
        let bucket: Int
        switch key.kind {
        case .paragraph: bucket = min(key.band, bands - 1)
        case .wholeText:
            bucket = bands + min(key.band, bands - 1)
            documentCount += 1
        case .rewriteSample:
            bucket = 2 * bands
            sampleCount += 1
        }
        packed[bucket].append(KeyedItem.pack(key: key.value, item: references[bucket].count))
        references[bucket].append(entry.reference)
        count += 1
    }

    /// The entries of bucket `bucket`, sorted by key, then reference.
    func sortedEntries(ofBucket bucket: Int) -> [BandEntry] {
        var values = packed[bucket]
        _ = sortAndUnique(&values, from: 0)
        let kind: BandKey.Kind = bucket == 2 * bands ? .rewriteSample : bucket >= bands ? .wholeText : .paragraph
        return values.map { value in
            BandEntry(
                key: BandKey(band: kind == .rewriteSample ? 0 : bucket % bands, kind: kind, value: KeyedItem.key(value))
                    .indexValue,
                reference: references[bucket][KeyedItem.item(value)])
        }
    }
}
