import Testing

@testable import NearDup

@Suite struct XXH3Tests {
    @Test func emptyInputWithSeedZeroMatchesReference() {
        // Reference value from xxHash's own test suite (XXH3_64bits of an empty input, seed 0).
        #expect(XXH3.hash(nil, count: 0, seed: 0) == 0x2D06_8005_38D3_94C2)
    }

    /// A reference vector computed with the independent python-xxhash 0.8.4 (`xxh3_64_intdigest`).
    struct Vector: Sendable, CustomTestStringConvertible {
        var input: String
        var seed: UInt64
        var expected: UInt64
        var testDescription: String { "\"\(input)\" seed \(seed)" }
    }

    static let vectors: [Vector] = [
        Vector(input: "", seed: 0, expected: 0x2D06_8005_38D3_94C2),
        Vector(input: "a", seed: 0, expected: 0xE6C6_32B6_1E96_4E1F),
        Vector(input: "abc", seed: 0, expected: 0x78AF_5F94_892F_3950),
        Vector(input: "kim jong un", seed: 0x4E45_4152_4455_5031, expected: 0xE122_081F_6E03_7225),
        Vector(input: "the quick brown fox jumps over the lazy dog", seed: 12_345, expected: 0xBC00_4D5D_291D_67EB),
    ]

    @Test(arguments: vectors)
    func matchesPythonXXHash(vector: Vector) {
        #expect(Kernel.xxh3(vector.input, seed: vector.seed) == vector.expected)
    }

    @Test(arguments: vectors)
    func everyEntryPointHashesTheSameBytes(vector: Vector) {
        let bytes = Array(vector.input.utf8)
        let fromBuffer = bytes.withUnsafeBytes { XXH3.hash($0, seed: vector.seed) }
        let fromPointer = bytes.withUnsafeBytes { XXH3.hash($0.baseAddress, count: $0.count, seed: vector.seed) }
        #expect(fromBuffer == vector.expected)
        #expect(fromPointer == vector.expected)
    }

    @Test func shingleSeedSpellsNEARDUP1() {
        #expect(SignatureFormat.shingleSeed == 0x4E45_4152_4455_5031)
        #expect(Kernel.xxh3("kim jong un", seed: SignatureFormat.shingleSeed) == 0xE122_081F_6E03_7225)
        #expect(Kernel.xxh3("kim jong un", seed: 0) != 0xE122_081F_6E03_7225)
    }
}

@Suite struct SplitMix64Tests {
    @Test func seedZeroGivesThePublishedSequence() {
        var generator = SplitMix64(seed: 0)
        let first = generator.next()
        let second = generator.next()
        let third = generator.next()
        #expect([first, second, third] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func sameSeedSameSequence() {
        var first = SplitMix64(seed: SignatureFormat.permutationSeed)
        var second = SplitMix64(seed: SignatureFormat.permutationSeed)
        var other = SplitMix64(seed: SignatureFormat.permutationSeed &+ 1)
        let a = (0..<64).map { _ in first.next() }
        let b = (0..<64).map { _ in second.next() }
        let c = (0..<64).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
    }
}
