import NearDup

// MARK: - MinHash

/// `setCount` sets of `shinglesPerSet` random shingle hashes and room for their signatures, in two
/// flat buffers allocated once, so signing allocates nothing.
final class SignatureWorkload {
    let hasher: MinHasher
    let setCount: Int
    let shinglesPerSet: Int
    let shingles: UnsafeMutableBufferPointer<UInt64>
    let signatures: UnsafeMutableBufferPointer<UInt32>

    init(permutationCount: Int, setCount: Int, shinglesPerSet: Int, seed: UInt64) {
        hasher = MinHasher(permutationCount: permutationCount)
        self.setCount = setCount
        self.shinglesPerSet = shinglesPerSet
        var random = SplitMix64(seed: seed)
        shingles = .allocate(capacity: setCount * shinglesPerSet)
        for index in shingles.indices { shingles[index] = random.next() }
        signatures = .allocate(capacity: setCount * permutationCount)
        signatures.initialize(repeating: 0)
    }

    deinit {
        shingles.deallocate()
        signatures.deallocate()
    }

    /// Signs set `i % setCount` into its own slot of `signatures`, for each `i` in `iterations`.
    func signAll(iterations: Range<Int>) {
        let hasher = hasher
        let k = hasher.permutationCount
        let m = shinglesPerSet
        for iteration in iterations {
            let set = iteration % setCount
            hasher.sign(
                UnsafeBufferPointer(rebasing: shingles[set * m..<(set + 1) * m]),
                into: UnsafeMutableBufferPointer(rebasing: signatures[set * k..<(set + 1) * k]))
        }
    }
}

// MARK: - Set overlap

/// `pairCount` pairs of sorted, duplicate-free sets of `setSize` hashes sharing `sharedCount`
/// elements (Jaccard `shared / (2 · size − shared)`), stored flat with a fixed stride.
final class OverlapWorkload {
    let pairCount: Int
    let setSize: Int
    let firsts: UnsafeMutableBufferPointer<UInt64>
    let seconds: UnsafeMutableBufferPointer<UInt64>

    init(pairCount: Int, setSize: Int, sharedCount: Int, seed: UInt64) {
        precondition(sharedCount <= setSize)
        self.pairCount = pairCount
        self.setSize = setSize
        firsts = .allocate(capacity: pairCount * setSize)
        seconds = .allocate(capacity: pairCount * setSize)
        var random = SplitMix64(seed: seed)
        for pair in 0..<pairCount {
            var distinct = Set<UInt64>()
            var values: [UInt64] = []
            while values.count < 2 * setSize - sharedCount {
                let value = random.next()
                if distinct.insert(value).inserted { values.append(value) }
            }
            let shared = values[0..<sharedCount]
            let onlyFirst = values[sharedCount..<setSize]
            let onlySecond = values[setSize...]
            let first = (shared + onlyFirst).sorted()
            let second = (shared + onlySecond).sorted()
            for index in 0..<setSize {
                firsts[pair * setSize + index] = first[index]
                seconds[pair * setSize + index] = second[index]
            }
        }
    }

    deinit {
        firsts.deallocate()
        seconds.deallocate()
    }

    /// Measures the overlap of pair `i % pairCount` for each `i` in `iterations`.
    /// - Returns: The sum of the intersections, so the work cannot be dropped.
    func overlapAll(iterations: Range<Int>) -> Int {
        let n = setSize
        var total = 0
        for iteration in iterations {
            let pair = iteration % pairCount
            let overlap = SetOverlap(
                sorted: UnsafeBufferPointer(rebasing: firsts[pair * n..<(pair + 1) * n]),
                UnsafeBufferPointer(rebasing: seconds[pair * n..<(pair + 1) * n]))
            total &+= overlap.intersection
        }
        return total
    }
}
