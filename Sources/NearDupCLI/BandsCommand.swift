import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupFormats

/// `neardup bands`: the per-document stage as a filter, printing each article's LSH band keys
/// (`BandKeyLines`) so that a cluster can group articles before deduplicating each group.
struct BandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bands",
        abstract: "Print each article's LSH band keys, one line per article, as it is read (a stage for Spark).",
        discussion: """
            Runs the per-document stage of scan (split, normalize, in-document boilerplate rules, shingle, \
            MinHash, band keys, rewrite samples) with the same options, and prints one tab-separated line per \
            record, in input order, after a first line, version 3 of the format:

              3<TAB>samples<TAB>N<TAB>M                           (first)
              3<TAB>doc<TAB>LOCATION<TAB>ID<TAB>KEYS<TAB>TEXT
              3<TAB>rejected<TAB>LOCATION<TAB>PROBLEM<TAB>REASON   (a skipped record)

            LOCATION is file:line (<stdin>:N; a .txt file's path); LOCATION, ID and REASON are JSON strings \
            (version 1 printed LOCATION raw); KEYS are the distinct keys of the article, ascending, in \
            hexadecimal, separated by spaces: band keys of its matchable paragraphs and of its whole text (bits \
            0-31 the key, bits 32-39 the band, bit 40 set for a whole-text key) and the rewrite samples of its \
            paragraphs outside in-document boilerplate (bit 61 set, bits 0-60 the word 3-gram's hash shifted \
            right by 3). TEXT is a hash of the article's text, equal for identical texts. A sample held by more \
            than N articles (identical texts counted once) is a common phrase, which proposes no rewrite. \
            Articles the engine could link always share a band key or M samples that are not common phrases, so \
            deduplicating each connected group of articles (in input order, with the same options, and the \
            common phrases given to dedup --common-samples) gives exactly what dedup gives on the whole input.

            Exit codes: 0 success, 1 runtime failure, 64 bad usage, 65 invalid input (file:line on stderr), \
            130/143 interrupted.
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var engine: EngineArguments

    func validate() throws {
        try OutputPaths(outputs: [("the band keys", "-"), ("--rejects", input.rejects)], inputs: input.feeds)
            .validate()
    }

    func run() throws {
        try reportingErrors {
            let options = engine.options
            let output = try OutputFile(path: "-")
            let rejects = try input.rejectsSink()
            let nearDup: NearDupEngine
            do throws(NearDupError) {
                var made = try NearDupEngine(options: options)
                made.releasesFreeMemoryBetweenStages = true
                nearDup = made
            } catch {
                throw CLIError.engine(error)
            }
            var loader = DocumentLoader(options: input.inputOptions)
            loader.threadCount = options.threadCount
            var failure: CLIError?
            func write(_ lines: [UInt8]) -> Bool {
                do throws(CLIError) { try output.write(lines) } catch { failure = error }
                return failure == nil
            }
            var first: [UInt8] = []
            BandKeyLines.appendSampleRules(to: &first)
            _ = write(first)
            let loaded: LoadedInput
            do throws(InputError) {
                loaded = try loader.stream(
                    input.feeds,
                    rejectionHandler: { issue in
                        var line: [UInt8] = []
                        BandKeyLines.appendRejected(issue, to: &line)
                        return write(line) && rejects.add(issue)
                    }
                ) { documents, locations in
                    let corpus = nearDup.preparedCorpus(
                        of: documents, threads: options.resolvedThreadCount)
                    var lines: [UInt8] = []
                    for (index, (document, location)) in zip(documents, locations).enumerated() {
                        BandKeyLines.appendDocument(
                            index, id: document.id, location: location.description, corpus: corpus,
                            minimumWords: options.minimumParagraphTokens, to: &lines)
                    }
                    return write(lines)
                }
            } catch {
                throw CLIError.input(error)
            }
            if let failure = failure ?? rejects.failure { throw failure }
            try rejects.finish()
            input.printNotes(on: loaded)
            try output.commit()
        }
    }
}
