import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFormats
@testable import NearDupSynthetic

/// The complete outputs — the scan report as JSON Lines and dedup's kept and removed records — on
/// the fixtures and on a generated corpus, pinned by their XXH3 digests.
///
/// Speed work must not change a single byte: a failure here means an optimisation changed results.
/// If a change of results is intended (a new signature format, a new rule), update the digests in
/// the same commit and say why. These were recorded with signature format 3 (the report's
/// `signature_version`; the kept and removed records are those of format 2) and 32-bit LSH
/// buckets. Against the engine before the speed work (format 1) the kept and removed sets are
/// identical on these and larger generated inputs; what differs is the candidate count and, for
/// about one removed document in a thousand, a coverage score, where LSH proposed a different
/// near-threshold paragraph pair.
///
/// Issue 18 (rewrites, report format 2) changed only the report digests: the `scan` line gained
/// `rewrite_threshold`, `rewrite_candidates` and `common_rewrite_samples`, paragraph matches gained
/// `kind`. These corpora hold no rewritten copy and no one-line partial link, so their links, kept
/// and removed records are the same bytes as before.
@Suite struct GoldenOutputTests {
    struct Digests: Equatable, CustomStringConvertible {
        var report: UInt64
        var kept: UInt64
        var removed: UInt64

        var description: String {
            "report 0x\(String(report, radix: 16)), kept 0x\(String(kept, radix: 16)), "
                + "removed 0x\(String(removed, radix: 16))"
        }
    }

    static func digests(of documents: [Document], threads: Int? = nil) throws -> Digests {
        var options = NearDupOptions()
        options.threadCount = threads
        let report = try NearDupEngine(options: options).scan(documents)
        var kept: [UInt8] = []
        report.writeKeptRecords(documentsPerBuffer: 7) { kept += $0 }
        func digest(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { XXH3.hash($0, seed: 0) } }
        return Digests(
            report: digest(JSONLinesReportRenderer().render(report)), kept: digest(kept),
            removed: digest(report.removedRecords()))
    }

    @Test func fixtureOutputsAreUnchanged() throws {
        let digests = try Self.digests(of: try Fixtures.feed())
        let expected = Digests(
            report: 0x57be_0a0d_fa3d_4f83, kept: 0xe542_a0ed_a9b5_1c8d, removed: 0xb385_2906_9e97_4252)
        #expect(digests == expected, "\(digests)")
    }

    /// One thread writes the kept records round by round; more threads encode the next round while
    /// the last one is written. The bytes are the same.
    @Test(arguments: [1, 3]) func generatedCorpusOutputsAreUnchanged(threads: Int) throws {
        let corpus = CorpusGenerator(configuration: .init(documentCount: 600, seed: 11)).generate()
        let digests = try Self.digests(of: corpus.documents, threads: threads)
        let expected = Digests(
            report: 0xb83f_f0d5_6557_5721, kept: 0x4ec2_4c9a_27d5_878d, removed: 0x1bbd_1b8e_ae1b_8cc3)
        #expect(digests == expected, "\(digests)")
    }
}
