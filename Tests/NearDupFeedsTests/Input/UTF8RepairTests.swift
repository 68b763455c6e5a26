import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupSynthetic

@Suite struct UTF8RepairTests {
    /// The standard library's verdict, the reference for ``UTF8Repair/isValid(_:)``.
    static func standardVerdict(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    static func ourVerdict(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { UTF8Repair.isValid($0) }
    }

    @Test func everyOneAndTwoByteSequenceIsJudgedLikeTheStandardLibrary() {
        for first in 0...255 {
            #expect(Self.ourVerdict([UInt8(first)]) == Self.standardVerdict([UInt8(first)]))
            for second in 0...255 {
                let bytes = [UInt8(first), UInt8(second)]
                guard Self.ourVerdict(bytes) != Self.standardVerdict(bytes) else { continue }
                Issue.record("differs on \(bytes)")
            }
        }
    }

    @Test func boundaryScalarsAndMalformedSequencesInsideASCIIRuns() {
        let cases: [[UInt8]] = [
            [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF],
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE1, 0x80], [0xF1, 0x80, 0x80], [0x80], [0xBF],
            [0xE1, 0x80, 0x41], [0xF1, 0x80, 0x80, 0xC0], [0xFE], [0xFF],
        ]
        for sequence in cases {
            // Every offset, so the sequence falls in and across the eight-byte ASCII steps.
            for padding in 0..<9 {
                let bytes = Array(repeating: UInt8(ascii: "a"), count: padding) + sequence + Array("tail text".utf8)
                #expect(Self.ourVerdict(bytes) == Self.standardVerdict(bytes), "\(bytes)")
                #expect(Self.ourVerdict(Array(bytes.dropLast(9))) == Self.standardVerdict(Array(bytes.dropLast(9))))
            }
        }
    }

    @Test func randomByteStringsAreJudgedLikeTheStandardLibrary() {
        var random = SplitMix64(seed: 8)
        let pieces: [[UInt8]] = [
            Array("plain ASCII text ".utf8), Array("caf\u{E9} \u{20AC} \u{1F4F0}".utf8), [0x80], [0xC3], [0xE2, 0x82],
            [0xF0, 0x9F, 0x93], [0xED, 0xB0, 0x80], [0xFF],
        ]
        var invalid = 0
        for _ in 0..<5_000 {
            let bytes = (0..<random.nextInt(in: 1...12)).flatMap { _ in pieces[random.nextInt(below: pieces.count)] }
            let verdict = Self.standardVerdict(bytes)
            if !verdict { invalid += 1 }
            #expect(Self.ourVerdict(bytes) == verdict, "\(bytes)")
        }
        #expect(invalid > 1_000 && invalid < 4_900)
    }
}
