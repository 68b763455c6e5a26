import NearDup

// MARK: - Sampling helpers

/// Small sampling primitives on top of `next()`, written out here instead of using the standard
/// library's `random(in:using:)` and `shuffle(using:)`, whose algorithms may change between Swift
/// versions. Everything the corpus generator draws goes through these, so a seed fixes the output
/// byte for byte for a given `CorpusGenerator.formatVersion`.
extension SplitMix64 {
    /// Returns an integer in `0 ..< bound` by Lemire's multiply-shift (the high half of
    /// `next() * bound`); the bias, below `bound / 2^64`, is irrelevant for text generation.
    mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Returns an integer in `range`, both ends included.
    mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
    }

    /// Returns `true` with probability `perMille / 1000`.
    mutating func nextBool(perMille: Int) -> Bool {
        nextInt(below: 1000) < perMille
    }

    /// Returns `true` with probability `perMillion / 1_000_000`.
    mutating func nextBool(perMillion: Int) -> Bool {
        nextInt(below: 1_000_000) < perMillion
    }

    /// Returns a random element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[nextInt(below: elements.count)]
    }

    /// Shuffles `elements` in place (Fisher–Yates, from the back).
    mutating func shuffle<T>(_ elements: inout [T]) {
        var index = elements.count - 1
        while index > 0 {
            let other = nextInt(below: index + 1)
            elements.swapAt(index, other)
            index -= 1
        }
    }

    /// Returns `count` distinct indices of `0 ..< population`, in random order (partial Fisher–Yates).
    mutating func sampleIndices(_ count: Int, of population: Int) -> [Int] {
        precondition(count <= population, "cannot sample more indices than the population holds")
        var indices = Array(0..<population)
        for position in 0..<count {
            let other = position + nextInt(below: population - position)
            indices.swapAt(position, other)
        }
        return Array(indices[0..<count])
    }
}
