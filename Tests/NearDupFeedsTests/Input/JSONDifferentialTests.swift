import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupFormats
@testable import NearDupSynthetic

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``JSONRecordParser`` against the `JSONSerialization` reference on real, generated, mutated and
/// hand-written lines.
@Suite struct JSONDifferentialTests {
    /// Field names covering feed records and truth records, one absent and one asked twice.
    static let fields = ["id", "text", "published", "source", "kind", "original", "edits", "absent", "id"]

    /// Every line of `fixtures/feed.jsonl`.
    static func fixtureLines() throws -> [[UInt8]] {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl"))))
        return bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    /// The feed and truth lines of a small generated corpus.
    static func generatedLines() -> [[UInt8]] {
        let corpus = CorpusGenerator(configuration: .init(documentCount: 150, seed: 99)).generate()
        var lines: [[UInt8]] = []
        for (document, truth) in zip(corpus.documents, corpus.truth) {
            for append in [document.appendJSONLine, truth.appendJSONLine] {
                var line: [UInt8] = []
                append(&line)
                lines.append(Array(line.dropLast()))  // without the "\n"
            }
        }
        return lines
    }

    static func expectAgreement(on lines: [[UInt8]], _ comment: String) {
        var disagreements = 0
        for line in lines {
            guard let difference = JSONDifferential.difference(on: line, fields: fields) else { continue }
            disagreements += 1
            if disagreements <= 5 {
                Issue.record("\(comment): \(difference) on \(String(decoding: line.prefix(300), as: UTF8.self))")
            }
        }
        #expect(disagreements == 0, "\(disagreements) of \(lines.count) \(comment) lines differ")
    }

    @Test func fixtureLinesGiveTheSameValues() throws {
        let lines = try Self.fixtureLines()
        #expect(lines.count == 9)
        for line in lines {
            guard case .values(let values) = JSONParseOutcome.of(line, fields: Self.fields) else {
                Issue.record("fixture line rejected")
                continue
            }
            #expect(values[1] != nil && values[2] != nil)
        }
        Self.expectAgreement(on: lines, "fixture")
    }

    @Test func generatedLinesGiveTheSameValues() {
        let lines = Self.generatedLines()
        #expect(lines.count == 300)
        Self.expectAgreement(on: lines, "generated")
    }

    @Test func handWrittenEdgeCasesAgree() {
        Self.expectAgreement(on: JSONEdgeCases.all.map { Array($0.utf8) }, "edge case")
    }

    @Test func randomNumbersAreExactAndAgree() {
        var random = SplitMix64(seed: 4)
        let literals = (0..<3000).map { _ in Self.randomNumber(&random) }
        var worstReferenceError = 0
        for literal in literals {
            let line = Array("{\"id\": \(literal)}".utf8)
            let outcome = JSONParseOutcome.of(line, fields: ["id"])
            if !strtod(literal, nil).isFinite {
                #expect(outcome.explanation?.hasSuffix("is too large") == true, "\(literal): \(outcome)")
                continue
            }
            guard case .values(let values) = outcome else {
                Issue.record("\(literal) rejected")
                continue
            }
            switch values[0] {
            case .integer(let digits)?:
                #expect(!literal.contains { ".eE".contains($0) })
                #expect(digits == (literal == "-0" ? "0" : literal))
                #expect(Int64(digits) != nil || UInt64(digits) != nil, "\(digits) does not fit in 64 bits")
            case .number(let value)?:
                // The nearest Double, exactly as the C library's correctly rounded strtod.
                #expect(value.bitPattern == strtod(literal, nil).bitPattern, "\(literal) read as \(value)")
                #expect(value.isFinite)
                if case .values(let reference) = JSONReferenceParser.outcome(line, fields: ["id"]),
                    case .number(let referenceValue)? = reference[0]
                {
                    worstReferenceError = max(worstReferenceError, JSONDifferential.unitsApart(value, referenceValue))
                }
            default:
                Issue.record("\(literal) read as \(String(describing: values[0]))")
            }
        }
        #expect(worstReferenceError <= JSONDifferential.referenceRoundingTolerance)
        Self.expectAgreement(on: literals.map { Array("{\"id\": \($0)}".utf8) }, "number")
    }

    @Test func mutatedLinesAgreeOnValuesAndErrors() throws {
        let generated = Self.generatedLines()
        let bases =
            try Self.fixtureLines() + generated.prefix(40) + generated.suffix(40)
            + JSONEdgeCases.all.map { Array($0.utf8) }
        var mutator = LineMutator(seed: 2026)
        var mutated: [[UInt8]] = []
        for round in 0..<4000 {
            mutated.append(mutator.mutate(bases[round % bases.count]))
        }
        let outcomes = mutated.map { JSONParseOutcome.of($0, fields: Self.fields) }
        // The mutations must exercise both paths and every kind of error.
        #expect(outcomes.filter { $0.explanation == nil }.count > 400)
        let kinds = [
            "unexpected character", "unexpected end of line", "unterminated string", "unescaped control character",
            "invalid escape", "invalid \\u escape", "unpaired UTF-16 surrogate", "number with a leading zero",
            "trailing comma", "arrays and objects nested",
        ]
        for kind in kinds {
            #expect(outcomes.contains { $0.explanation?.hasPrefix(kind) == true }, "no mutation gave \(kind)")
        }
        Self.expectAgreement(on: mutated, "mutated")
    }

    /// A random JSON number: integers of 1 to 25 digits, fractions, exponents, signs.
    static func randomNumber(_ random: inout SplitMix64) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(random.nextInt(below: 10))) })
        }
        var text = random.nextInt(below: 3) == 0 ? "-" : ""
        let integerDigits = random.nextInt(in: 1...25)
        text += integerDigits == 1 ? digits(1) : String(random.nextInt(in: 1...9)) + digits(integerDigits - 1)
        if random.nextInt(below: 2) == 0 { text += "." + digits(random.nextInt(in: 1...20)) }
        if random.nextInt(below: 3) == 0 {
            text += ["e", "E", "e+", "e-", "E-"][random.nextInt(below: 5)] + String(random.nextInt(in: 0...290))
        }
        return text
    }
}

/// Seeded random damage to JSON lines: bit flips, truncations, deletions and insertions of
/// bytes that matter to JSON syntax. The result is repaired to valid UTF-8, as the loader does.
struct LineMutator {
    private var random: SplitMix64

    /// Bytes worth inserting: structure, escapes, number parts, literals' letters, controls.
    private static let insertions: [UInt8] =
        Array(#""\{}[],:-+.eEu0159tfn /"#.utf8) + [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// `line` with one to three random mutations.
    mutating func mutate(_ line: [UInt8]) -> [UInt8] {
        var bytes = line
        for _ in 0..<random.nextInt(in: 1...3) {
            let position = self.position(in: bytes.count)
            switch random.nextInt(below: 4) {
            case 0 where position < bytes.count:
                bytes[position] ^= 1 << UInt8(random.nextInt(below: 8))
            case 1:
                bytes.removeSubrange(position...)
            case 2 where position < bytes.count:
                bytes.remove(at: position)
            default:
                bytes.insert(Self.insertions[random.nextInt(below: Self.insertions.count)], at: position)
            }
        }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// A position from 0 to `count`, favouring the start and end of long lines where the
    /// structure is (most of a news record is one long string).
    private mutating func position(in count: Int) -> Int {
        switch random.nextInt(below: 5) {
        case 0, 1: return random.nextInt(in: 0...min(count, 80))
        case 2: return random.nextInt(in: max(0, count - 40)...count)
        default: return random.nextInt(in: 0...count)
        }
    }
}
