import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFormats

/// The lines of `neardup bands`, format version 3, and the Spark job that reads them.
@Suite struct BandKeyLinesTests {
    static let options = NearDupOptions()

    /// The document lines of `documents`, split into fields, with their prepared corpus.
    static func documentLines(_ documents: [Document]) throws -> (fields: [[Substring]], corpus: PreparedCorpus) {
        let corpus = try NearDupEngine(options: options).preparedCorpus(of: documents, threads: 1)
        var buffer: [UInt8] = []
        for (index, document) in documents.enumerated() {
            BandKeyLines.appendDocument(
                index, id: document.id, location: "feed:\(index + 1)", corpus: corpus,
                minimumWords: options.minimumParagraphTokens, to: &buffer)
        }
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
        return (lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }, corpus)
    }

    @Test func firstLineGivesTheSampleRules() {
        var buffer: [UInt8] = []
        BandKeyLines.appendSampleRules(to: &buffer)
        #expect(BandKeyLines.version == 3)
        #expect(String(decoding: buffer, as: UTF8.self) == "3\tsamples\t64\t3\n")
        #expect(RewriteOptions.maximumSampleDocuments == 64 && RewriteOptions.minimumSharedSamples == 3)
    }

    /// A document's KEYS hold its band keys and the rewrite samples of its paragraphs outside
    /// in-document boilerplate, not those of its boilerplate lines; TEXT is its text's hash.
    @Test func documentLinesHoldBandKeysSamplesAndTheTextHash() throws {
        let documents = try Fixtures.feed()
        let (lines, corpus) = try Self.documentLines(documents)
        #expect(lines.count == documents.count)
        var boilerplateOnlySamples = 0
        for (document, fields) in lines.enumerated() {
            #expect(
                fields.count == 6 && fields[0] == "3" && fields[1] == "doc" && fields[2] == "\"feed:\(document + 1)\"")
            let tokens = fields[4].split(separator: " ").compactMap { UInt64($0, radix: 16) }
            #expect(tokens == tokens.sorted() && Set(tokens).count == tokens.count)
            let samples = Set(tokens.compactMap(BandKey.sample(ofToken:)))
            var content: Set<UInt64> = []
            var boilerplate: Set<UInt64> = []
            for paragraph in corpus.paragraphs(ofDocument: document) {
                let paragraphSamples = corpus.rewriteSamples(ofParagraph: paragraph)
                if corpus.patternReason(ofParagraph: paragraph) == nil {
                    content.formUnion(paragraphSamples)
                } else {
                    boilerplate.formUnion(paragraphSamples)
                }
            }
            #expect(!samples.isEmpty && samples == content)
            boilerplateOnlySamples += boilerplate.subtracting(content).count
            #expect(tokens.count > samples.count, "band keys too")
            #expect(
                tokens.filter { BandKey.sample(ofToken: $0) != nil }.allSatisfy { String($0, radix: 16).count == 16 })
            #expect(fields[5] == String(corpus.documentFingerprints[document], radix: 16)[...])
        }
        #expect(boilerplateOnlySamples > 0, "the fixture's in-document boilerplate has samples, left out")
    }

    /// Byte-identical texts have the same TEXT, which the Spark job counts once; others differ.
    @Test func identicalTextsHaveTheSameTextHash() throws {
        let text = "The council approved the new budget on Tuesday after a long debate about roads and schools."
        let (lines, _) = try Self.documentLines([
            Document(id: "a", text: text), Document(id: "b", text: text), Document(id: "c", text: text + " Again."),
        ])
        #expect(lines[0][5] == lines[1][5] && lines[0][5] != lines[2][5])
        #expect(lines[0][4] == lines[1][4])
    }

    /// The Spark job reads this version, and tells samples from band keys by their 16 hex digits.
    @Test func sparkJobReadsThisFormat() throws {
        let script = try String(contentsOfFile: Fixtures.path("integrations/spark/neardup_spark.py"), encoding: .utf8)
        #expect(script.contains("\nFORMAT_VERSION = \"\(BandKeyLines.version)\""))
        #expect(script.contains("\nSAMPLE_TOKEN_DIGITS = 16 "))
        #expect(String(BandKey.sampleToken(ofSample: 0), radix: 16).count == 16)
        #expect(String(BandKey(band: 255, kind: .wholeText, value: .max).token, radix: 16).count < 16)
    }
}
