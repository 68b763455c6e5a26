/// A document id compared and hashed by its UTF-8 bytes.
///
/// Swift's `String` equality is Unicode canonical equivalence: NFC and NFD `café` are equal
/// strings, yet different ids to SQLite's `UNIQUE`, to Spark's grouping and to any byte-wise
/// tool. NearDup compares ids as bytes everywhere (duplicate ids, lookups, ordering), through this
/// type.
package struct BytewiseID: Hashable, Sendable {
    /// The id.
    package let id: String

    /// Wraps `id`.
    package init(_ id: String) {
        self.id = id
    }

    /// Whether the two ids have the same UTF-8 bytes.
    package static func == (lhs: BytewiseID, rhs: BytewiseID) -> Bool {
        lhs.id.utf8.elementsEqual(rhs.id.utf8)
    }

    /// Hashes the id's UTF-8 bytes.
    package func hash(into hasher: inout Hasher) {
        for byte in id.utf8 { hasher.combine(byte) }
    }

    /// Whether `lhs` comes before `rhs` in byte-wise order of their UTF-8 (the order of SQLite's
    /// `BINARY` collation and of `LC_ALL=C sort`).
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
