import Foundation

@testable import NearDup

/// Small helpers shared by the kernel suites: string-level wrappers around the byte-level kernels,
/// the seed fixtures, and seeded random shingle sets.
enum Kernel {
    /// Normalizes `text` with a fresh `TextNormalizer`; `fastPath: false` forces the Unicode path.
    static func normalized(_ text: String, fastPath: Bool = true) -> TextNormalizer {
        var normalizer = TextNormalizer()
        var copy = text
        copy.withUTF8 { normalizer.normalize($0, allowingFastPath: fastPath) }
        return normalizer
    }

    /// The normalized text of `text`, as a `String`.
    static func words(_ text: String) -> String {
        String(decoding: normalized(text).bytes, as: UTF8.self)
    }

    /// XXH3 of the UTF-8 bytes of `text` with `seed`.
    static func xxh3(_ text: String, seed: UInt64) -> UInt64 {
        Array(text.utf8).withUnsafeBytes { XXH3.hash($0, seed: seed) }
    }

    /// The sorted, distinct shingle hashes of `text`, as the engine computes them.
    static func shingles(_ text: String, _ kind: ShingleKind = .words(5)) -> [UInt64] {
        var hashes: [UInt64] = []
        Shingler(kind: kind, seed: SignatureFormat.shingleSeed).appendShingleHashes(of: normalized(text), to: &hashes)
        _ = sortAndUnique(&hashes, from: 0)
        return hashes
    }

    /// The paragraph byte ranges of `text`.
    static func spans(_ text: String, _ mode: ParagraphSplitting) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var copy = text
        copy.withUTF8 { ParagraphSplitter(mode: mode).split($0, into: &spans) }
        return spans
    }

    /// The paragraphs of `text`, quoted from its UTF-8 bytes.
    static func paragraphs(_ text: String, _ mode: ParagraphSplitting) -> [String] {
        let utf8 = Array(text.utf8)
        return spans(text, mode).map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    /// The text of the seed fixture whose file name starts with `prefix` (e.g. `"000"`).
    static func seed(_ prefix: String) throws -> String {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Kernels
            .deletingLastPathComponent()  // NearDupTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("fixtures/seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix + "_") }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Two sorted, distinct sets of random hashes with exactly `shared` common elements and
    /// `exclusive` elements of their own each: Jaccard `shared / (shared + 2 · exclusive)`.
    static func randomPair(
        shared: Int, exclusive: Int, random: inout SplitMix64
    ) -> (first: [UInt64], second: [UInt64]) {
        // Drawn in generator order (never `Set` order, which changes from run to run).
        var seen = Set<UInt64>()
        var values: [UInt64] = []
        while values.count < shared + 2 * exclusive {
            let value = random.next()
            if seen.insert(value).inserted { values.append(value) }
        }
        let common = values[0..<shared]
        let first = common + values[shared..<(shared + exclusive)]
        let second = common + values[(shared + exclusive)...]
        return (first.sorted(), second.sorted())
    }
}
