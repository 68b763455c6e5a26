import Testing

@testable import NearDup

@Suite struct SetOverlapTests {
    /// A sorted, distinct array of values below `range` (small, so random arrays overlap).
    static func randomSet(count: Int, below range: UInt64, random: inout SplitMix64) -> [UInt64] {
        var values = Set<UInt64>()
        for _ in 0..<count { values.insert(random.next() % range) }
        return values.sorted()
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6, 7, 8])
    func mergeEqualsNaiveSetComputation(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<50 {
            let first = Self.randomSet(count: Int(random.next() % 60), below: 100, random: &random)
            let second = Self.randomSet(count: Int(random.next() % 60), below: 100, random: &random)
            let a = Set(first)
            let b = Set(second)
            let common = a.intersection(b).count
            let union = a.union(b).count
            let overlap = SetOverlap(sorted: first, second)
            #expect(overlap.firstCount == a.count)
            #expect(overlap.secondCount == b.count)
            #expect(overlap.intersection == common)
            #expect(overlap.jaccard == (union == 0 ? 0 : Double(common) / Double(union)))
            #expect(overlap.firstContainment == (a.isEmpty ? 0 : Double(common) / Double(a.count)))
            #expect(overlap.secondContainment == (b.isEmpty ? 0 : Double(common) / Double(b.count)))
            let swapped = SetOverlap(sorted: second, first)
            #expect(swapped.jaccard == overlap.jaccard)
            #expect(swapped.firstContainment == overlap.secondContainment)
        }
    }

    @Test func bothEmptyIsZero() {
        let overlap = SetOverlap(sorted: [], [])
        #expect(overlap.jaccard == 0)
        #expect(overlap.firstContainment == 0)
        #expect(overlap.secondContainment == 0)
        #expect(SetOverlap(sorted: [], [1, 2]).jaccard == 0)
    }

    @Test func identicalSetsAreOne() {
        var random = SplitMix64(seed: 99)
        let values = Self.randomSet(count: 80, below: .max, random: &random)
        let overlap = SetOverlap(sorted: values, values)
        #expect(overlap.intersection == values.count)
        #expect(overlap.jaccard == 1)
        #expect(overlap.firstContainment == 1 && overlap.secondContainment == 1)
    }

    @Test func containmentOfASubset() {
        let overlap = SetOverlap(sorted: [2, 4, 6], [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(overlap.intersection == 3)
        #expect(overlap.firstContainment == 1)
        #expect(overlap.secondContainment == 3.0 / 9)
        #expect(overlap.jaccard == 3.0 / 9)
    }

    @Test func extremeValuesMerge() {
        let overlap = SetOverlap(sorted: [0, 5, .max], [0, 6, .max])
        #expect(overlap.intersection == 2)
        #expect(overlap.jaccard == 0.5)
    }
}
