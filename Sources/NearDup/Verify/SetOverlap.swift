/// The exact overlap of two shingle sets, from which Jaccard similarity and both containments follow.
public struct SetOverlap: Sendable, Hashable {
    /// Elements of the first set.
    public let firstCount: Int
    /// Elements of the second set.
    public let secondCount: Int
    /// Elements in both.
    public let intersection: Int

    /// Measures the overlap of two sorted, duplicate-free buffers by merging them; the kernel
    /// behind the array initializer, for callers that already hold buffers (`ShingleSets`).
    /// - Parameters:
    ///   - first: A sorted buffer without repeats.
    ///   - second: Another sorted buffer without repeats.
    /// - Complexity: O(*m* + *n*).
    init(sorted first: UnsafeBufferPointer<UInt64>, _ second: UnsafeBufferPointer<UInt64>) {
        var i = 0
        var j = 0
        var common = 0
        // Safety: i < first.count and j < second.count guard every read.
        while i < first.count && j < second.count {
            let a = first[i]
            let b = second[j]
            if a == b { common += 1 }
            if a <= b { i += 1 }
            if b <= a { j += 1 }
        }
        firstCount = first.count
        secondCount = second.count
        intersection = common
    }

    /// Measures the overlap of two sorted, duplicate-free arrays.
    /// - Parameters:
    ///   - first: A sorted array without repeats.
    ///   - second: Another sorted array without repeats.
    /// - Complexity: O(*m* + *n*).
    public init(sorted first: [UInt64], _ second: [UInt64]) {
        self = first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in SetOverlap(sorted: a, b) } }
    }

    /// |A ∩ B| / |A ∪ B|; 0 when both are empty.
    public var jaccard: Double {
        let union = firstCount + secondCount - intersection
        return union == 0 ? 0 : Double(intersection) / Double(union)
    }

    /// |A ∩ B| / |A|: the share of the first set found in the second.
    public var firstContainment: Double { firstCount == 0 ? 0 : Double(intersection) / Double(firstCount) }

    /// |A ∩ B| / |B|: the share of the second set found in the first.
    public var secondContainment: Double { secondCount == 0 ? 0 : Double(intersection) / Double(secondCount) }
}
