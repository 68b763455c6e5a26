import Testing

@testable import NearDup

@Suite struct ShinglerTests {
    static func hash(_ text: String) -> UInt64 { Kernel.xxh3(text, seed: SignatureFormat.shingleSeed) }

    @Test func wordShinglesHashTheNormalizedByteRuns() {
        let shingles = Kernel.shingles("W1, w2 \u{2014} w3 w4\u{2019}w5  w6 W7.", .words(5))
        let expected = ["w1 w2 w3 w4 w5", "w2 w3 w4 w5 w6", "w3 w4 w5 w6 w7"].map(Self.hash)
        #expect(shingles.count == 3)
        #expect(shingles == expected.sorted())
    }

    @Test func shinglesAreAppendedInTextOrderAndSortAndUniqueMakesASet() {
        // "a b a b a b a" has only two distinct 2-word shingles, and "x y x y x y" two 3-word ones.
        let twoWords = Kernel.shingles("a b a b a b a", .words(2))
        #expect(twoWords == [Self.hash("a b"), Self.hash("b a")].sorted())
        var hashes: [UInt64] = [42]
        Shingler(kind: .words(3), seed: SignatureFormat.shingleSeed)
            .appendShingleHashes(of: Kernel.normalized("x y x y x y"), to: &hashes)
        let (xyx, yxy) = (Self.hash("x y x"), Self.hash("y x y"))
        #expect(hashes == [42, xyx, yxy, xyx, yxy])
        #expect(sortAndUnique(&hashes, from: 1) == 2)
        #expect(hashes == [42] + [xyx, yxy].sorted())
    }

    @Test(arguments: [
        ("Kim Jong-un", ShingleKind.words(5), "kim jong un"),
        ("\u{201C}Heroism.\u{201D}", .words(2), "heroism"),
        ("Kim", .characters(5), "kim"),
        ("a\u{00F1}o", .characters(5), "a\u{00F1}o"),
    ])
    func shortTextIsOneShingleOfTheWholeText(text: String, kind: ShingleKind, normalized: String) {
        #expect(Kernel.shingles(text, kind) == [Self.hash(normalized)])
    }

    @Test(arguments: [ShingleKind.words(5), .characters(5), .words(1)])
    func textWithoutWordsHasNoShingles(kind: ShingleKind) {
        #expect(Kernel.shingles("", kind).isEmpty)
        #expect(Kernel.shingles(" \u{2014} ... \u{201C}\u{201D}", kind).isEmpty)
    }

    @Test func characterShinglesOnASCII() {
        // "kim jong" is 8 characters: 4 windows of 5.
        let shingles = Kernel.shingles("Kim, JONG", .characters(5))
        #expect(shingles == ["kim j", "im jo", "m jon", " jong"].map(Self.hash).sorted())
    }

    @Test func characterShinglesAreScalarWindowsOnNonASCII() {
        // "año ñoño" is 8 scalars but 11 bytes; windows must never cut a scalar.
        let shingles = Kernel.shingles("A\u{00D1}O \u{00D1}o\u{00F1}o", .characters(5))
        let windows = ["a\u{00F1}o \u{00F1}", "\u{00F1}o \u{00F1}o", "o \u{00F1}o\u{00F1}", " \u{00F1}o\u{00F1}o"]
        #expect(shingles == windows.map(Self.hash).sorted())
        // Decomposed input (n + combining tilde) composes first, so it gives the same windows.
        #expect(Kernel.shingles("an\u{0303}o n\u{0303}on\u{0303}o", .characters(5)) == shingles)
    }

    @Test(arguments: [ShingleKind.words(5), .words(3), .characters(5)])
    func punctuationVariantsGiveIdenticalShingleSets(kind: ShingleKind) {
        let seed000 = "Comrade Kim Jong-un's order, issued to 12,000 troops \u{2014} the KCNA said."
        let seed001 = "Comrade Kim Jong Un\u{2019}s order \u{201C}issued\u{201D} to 12 000 troops - the KCNA said"
        #expect(Kernel.shingles(seed000, kind) == Kernel.shingles(seed001, kind))
        #expect(Kernel.shingles(seed000, kind) != Kernel.shingles("Comrade Kim Jong Il's order", kind))
    }

    @Test func sortAndUniqueOnlyTouchesTheTail() {
        var values: [UInt64] = [9, 1, 5, 3, 5, 1, 9, 9]
        let count = sortAndUnique(&values, from: 2)
        #expect(count == 4)
        #expect(values == [9, 1, 1, 3, 5, 9])
        var single: [UInt64] = [7]
        let singleCount = sortAndUnique(&single, from: 0)
        #expect(singleCount == 1 && single == [7])
        var none: [UInt64] = [4]
        let noneCount = sortAndUnique(&none, from: 1)
        #expect(noneCount == 0 && none == [4])
    }

    /// The C introsort gives what sorting a `Set` gives, on the inputs that defeat naive quicksorts
    /// (sorted, reversed, all equal, few distinct values, organ pipe) and on random hashes, at sizes
    /// around the insertion-sort cutoff and well beyond.
    @Test func sortAndUniqueMatchesASetOnHardInputs() {
        var random = SplitMix64(seed: 5)
        for size in [0, 1, 2, 23, 24, 25, 100, 1_000, 5_000] {
            let shapes: [[UInt64]] = [
                (0..<size).map { _ in random.next() },
                (0..<size).map { UInt64($0) },
                (0..<size).map { UInt64(size - $0) },
                [UInt64](repeating: 7, count: size),
                (0..<size).map { _ in random.next() % 3 },
                (0..<size).map { UInt64(min($0, size - $0)) },
            ]
            for shape in shapes {
                var values = [99] + shape
                let count = sortAndUnique(&values, from: 1)
                #expect(values == [99] + Set(shape).sorted(), "\(size) values")
                #expect(count == Set(shape).count)
            }
        }
    }
}
