import Testing

@testable import NearDup

@Suite struct XXH3Tests {
    @Test func emptyInputWithSeedZeroMatchesReference() {
        // Reference value from xxHash's own test suite (XXH3_64bits of an empty input, seed 0).
        #expect(XXH3.hash(nil, count: 0, seed: 0) == 0x2D06_8005_38D3_94C2)
    }
}
