/// Two 32-bit numbers packed into one sortable `UInt64`, the first in the high half: one caseless
/// namespace per meaning, so that a packed value says what its halves are. Each keeps the 8-byte
/// layout that the flat sorts (`sortAndUnique`) and hash maps rely on.

/// An unordered pair of item numbers (paragraphs, documents), the lower item first, so that a
/// pair has one packing whichever way it is named.
package enum UnorderedPair {
    /// The packing of `first` and `second`, lower first.
    @inlinable
    package static func pack(_ first: Int32, _ second: Int32) -> UInt64 {
        let (low, high) = first < second ? (first, second) : (second, first)
        return UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
    }

    /// The two items of `pair`, lower first.
    @inlinable
    package static func unpack(_ pair: UInt64) -> (lower: Int, higher: Int) {
        (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
    }

    /// The items (below `count`) that take part in at least one of `pairs`, ascending.
    /// - Complexity: O(*p* + *count*) for *p* pairs.
    static func items(in pairs: [UInt64], count: Int) -> [Int] {
        var inPair = [Bool](repeating: false, count: count)
        for pair in pairs {
            let (a, b) = unpack(pair)
            inPair[a] = true
            inPair[b] = true
        }
        return inPair.indices.filter { inPair[$0] }
    }
}

/// A directed pair of documents: `covering << 32 | covered`, the document a paragraph is found in
/// and the document whose paragraph it covers.
enum DirectedPair {
    /// The packing of `covering` → `covered`.
    static func pack(covering: Int, covered: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: covering)) << 32 | UInt64(UInt32(truncatingIfNeeded: covered))
    }

    /// The covering document of `pair`.
    static func covering(_ pair: UInt64) -> Int { Int(pair >> 32) }

    /// The covered document of `pair`.
    static func covered(_ pair: UInt64) -> Int { Int(pair & 0xFFFF_FFFF) }

    /// `covered` → `covering`.
    static func reversed(_ pair: UInt64) -> UInt64 { pair << 32 | pair >> 32 }
}

/// An LSH entry: a 32-bit band-key value and the item that has it, `value << 32 | item`, so that
/// sorting the packed entries sorts them by key, then item.
package enum KeyedItem {
    /// The packing of `item` under key value `key`.
    @inlinable
    package static func pack(key: UInt32, item: Int) -> UInt64 { UInt64(key) << 32 | UInt64(UInt32(item)) }

    /// The key value of `entry`.
    @inlinable
    package static func key(_ entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry >> 32) }

    /// The item of `entry`.
    @inlinable
    package static func item(_ entry: UInt64) -> Int { Int(entry & 0xFFFF_FFFF) }
}
