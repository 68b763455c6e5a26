import ArgumentParser
import Foundation
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupCLI

/// The `neardup` command line, run as a child process: outputs, exit codes, stdout vs stderr.
@Suite struct CommandLineTests {
    @Test func scanReportsCopiesAndBoilerplateOfTheFixtureFeed() throws {
        let result = try CommandRunner.run(["scan", "fixtures/feed.jsonl", "--time-field", "published", "--quiet"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("COPIES (3 linked document pairs)"))
        #expect(result.standardOutput.contains("courier_syndicated_000  <-  000_821dc1801a2e3d4d   duplicate"))
        #expect(result.standardOutput.contains("BOILERPLATE (32 paragraphs"))
        #expect(result.standardError.isEmpty)
    }

    @Test func scanReadsAFolderOfTextFiles() throws {
        let result = try CommandRunner.run(["scan", "fixtures/seeds", "--quiet", "--format", "csv"])
        #expect(result.status == 0)
        #expect(
            result.standardOutput == "source,copy,relation,copy_coverage,source_coverage,jaccard,matched_paragraphs\n")
    }

    @Test func jsonLinesOutputHasOneRecordPerDocumentAndLink() throws {
        let result = try CommandRunner.run(["scan", "fixtures/feed.jsonl", "--format", "jsonl", "--quiet"])
        #expect(result.status == 0)
        let records = try result.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.filter { $0["type"] as? String == "document" }.count == 9)
        #expect(records.filter { $0["type"] as? String == "link" }.count == 3)
        #expect(records.first?["type"] as? String == "scan")
    }

    @Test func dedupAccountsForEveryInputDocumentExactlyOnce() throws {
        let scratch = try ScratchFolder()
        let kept = scratch.url.appendingPathComponent("kept.jsonl").path
        let removed = scratch.url.appendingPathComponent("removed.jsonl").path
        let result = try CommandRunner.run([
            "dedup", "fixtures/feed.jsonl", "--time-field", "published", "--source-field", "source", "-o", kept,
            "--removed", removed,
        ])
        #expect(result.status == 0)
        #expect(result.standardError.contains("9 records read: 7 kept, 2 removed, 0 rejected"))
        let ids = { (path: String) throws -> [String] in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return try #require(object["id"] as? String)
            }
        }
        let all = try ids(kept) + ids(removed)
        #expect(all.count == 9 && Set(all).count == 9)
        let removedRecords = try String(contentsOfFile: removed, encoding: .utf8)
        #expect(
            removedRecords.contains(
                #""id":"kyivwire_verbatim_002","duplicate_of":"002_711d1f5cb463d1e6","relation":"duplicate""#))
    }

    @Test func standardInputIsAFeed() throws {
        let feed = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("fixtures/feed.jsonl"))
        let result = try CommandRunner.run(["scan", "-", "--format", "csv", "--quiet"], input: feed)
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 4)
    }

    @Test func malformedLineFailsWithFileAndLine() throws {
        let scratch = try ScratchFolder()
        let feed = try scratch.file("bad.jsonl", "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\n")
        let result = try CommandRunner.run(["scan", feed])
        #expect(result.status == 65)
        #expect(result.standardError.contains("bad.jsonl:2: malformed JSON"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func skipInvalidSkipsCountsAndReportsEachRecord() throws {
        let scratch = try ScratchFolder()
        let feed = try scratch.file(
            "bad.jsonl", "{\"id\":\"a\",\"text\":\"one\"}\nnot json\n{\"id\":\"a\",\"text\":\"two\"}\n{\"id\":\"c\"}\n")
        let result = try CommandRunner.run(["scan", feed, "--skip-invalid", "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("rejected: \(feed):2: malformed JSON"))
        #expect(result.standardError.contains("rejected: \(feed):3: duplicate id \"a\""))
        #expect(result.standardError.contains("rejected: \(feed):4: missing field \"text\""))
        #expect(result.standardError.contains("4 records read: 1 kept, 0 removed, 3 rejected"))
        #expect(result.standardOutput.contains(#""documents":1"#))
    }

    @Test func duplicateIdFailsWithBothLocations() throws {
        let scratch = try ScratchFolder()
        let feed = try scratch.file("dup.jsonl", "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n")
        let result = try CommandRunner.run(["scan", feed])
        #expect(result.status == 65)
        #expect(result.standardError.contains("dup.jsonl:2: duplicate id \"a\" (first seen at \(feed):1)"))
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let scratch = try ScratchFolder()
        _ = try scratch.file(
            "texts/a.txt", Array("Valid start ".utf8) + [0xFF, 0xFE] + Array(" and more words here".utf8))
        let result = try CommandRunner.run([
            "scan", scratch.url.appendingPathComponent("texts").path, "--format", "csv",
        ])
        #expect(result.status == 0)
        #expect(result.standardError.contains("1 documents had invalid UTF-8"))
    }

    @Test func emptyInputGivesAnEmptyReport() throws {
        let scratch = try ScratchFolder()
        let feed = try scratch.file("empty.jsonl", "")
        let result = try CommandRunner.run(["scan", feed, "--quiet"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("NearDup scan: 0 documents"))
    }

    @Test func missingFileIsARuntimeError() throws {
        let result = try CommandRunner.run(["scan", "no/such/feed.jsonl"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no/such/feed.jsonl"))
    }

    @Test func threadCountDoesNotChangeTheOutput() throws {
        let one = try CommandRunner.run([
            "scan", "fixtures/feed.jsonl", "--format", "jsonl", "--threads", "1", "--quiet",
        ])
        let two = try CommandRunner.run([
            "scan", "fixtures/feed.jsonl", "--format", "jsonl", "--threads", "2", "--quiet",
        ])
        #expect(one.status == 0 && one.standardOutput == two.standardOutput)
    }

    /// Texts read back from the temporary file give the same kept records, byte for byte, as
    /// texts held in memory; 3,000 generated articles hold about 18 MB of text (the long tier),
    /// 600 about 3.6 MB, so a budget of 1 MB keeps part of them in memory, as 4 MB does for 3,000.
    @Test func textMemoryDoesNotChangeTheOutput() throws {
        let folder = try ScratchFolder()
        let feed = folder.path("feed.jsonl")
        let documents = LongTests.either(short: 600, long: 3_000)
        try Data(GeneratedFeed.bytes(documents: documents, seed: 7)).write(to: URL(fileURLWithPath: feed))
        var outputs: [Data] = []
        for textMemory in ["all", "0", LongTests.either(short: "1M", long: "4M")] {
            let kept = folder.path("kept-\(textMemory).jsonl")
            let result = try CommandRunner.run(["dedup", feed, "-o", kept, "--text-memory", textMemory, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: kept)))
        }
        #expect(outputs[0].count > documents * 10_000_000 / 3_000)
        #expect(outputs.allSatisfy { $0 == outputs[0] })
        let bad = try CommandRunner.run(["dedup", feed, "-o", folder.path("x.jsonl"), "--text-memory", "lots"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--text-memory"))
    }

    /// `bands` prints the rules of rewrite samples, then one line per record in input order, and the
    /// fixture's copies share keys with their sources (which is what lets a cluster group them
    /// before deduplicating).
    @Test func bandsPrintsEachArticlesKeysInTheDocumentedFormat() throws {
        let result = try CommandRunner.run(["bands", "fixtures/feed.jsonl"])
        #expect(result.status == 0)
        var lines = result.standardOutput.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(
            lines.first == [
                "3", "samples", "\(RewriteOptions.maximumSampleDocuments)", "\(RewriteOptions.minimumSharedSamples)",
            ])
        lines.removeFirst()
        #expect(lines.count == 9)
        #expect(
            lines.enumerated().allSatisfy {
                $1.count == 6 && $1[0] == "3" && $1[1] == "doc" && $1[2] == "\"fixtures/feed.jsonl:\($0 + 1)\""
                    && UInt64($1[5], radix: 16) != nil
            })
        var keysOfID: [String: Set<Substring>] = [:]
        for fields in lines {
            keysOfID[String(fields[3].dropFirst().dropLast())] = Set(fields[4].split(separator: " "))
        }
        for (copy, source) in [
            ("courier_syndicated_000", "000_821dc1801a2e3d4d"), ("kyivwire_verbatim_002", "002_711d1f5cb463d1e6"),
            ("digest_partial_003", "003_2dc55fe564d44fd7"),
        ] {
            #expect(!keysOfID[copy]!.isDisjoint(with: keysOfID[source]!), "\(copy) shares no key with \(source)")
        }
        #expect(keysOfID.values.allSatisfy { keys in keys.allSatisfy { UInt64($0, radix: 16) != nil } })
        #expect(keysOfID.values.allSatisfy { keys in keys.contains { $0.count == 16 } }, "every article has samples")

        let feed = #"{"id":"a","text":"one two three four five six seven eight nine"}"# + "\n\n{\"id\": 5\n"
        let skipping = try CommandRunner.run(["bands", "-", "--skip-invalid"], input: Data(feed.utf8))
        #expect(skipping.status == 0)
        let printed = skipping.standardOutput.split(separator: "\n")
        #expect(printed.count == 3 && printed[1].hasPrefix("3\tdoc\t\"<stdin>:1\"\t\"a\"\t"))
        #expect(printed.last?.hasPrefix("3\trejected\t\"<stdin>:3\"\tmalformed_json\t\"") == true)
        let strict = try CommandRunner.run(["bands", "-"], input: Data(feed.utf8))
        #expect(strict.status == 65 && strict.standardError.contains("<stdin>:3"))
    }

    /// A `.txt` path holding a newline or a tab stays inside its JSON-escaped LOCATION field: still
    /// one line of six fields per record.
    @Test func bandsEscapesPathsHoldingNewlinesAndTabs() throws {
        let folder = try ScratchFolder()
        let text = "one two three four five six seven eight nine\n"
        _ = try folder.file("feed/a\nb.txt", text)
        _ = try folder.file("feed/c\td.txt", text)
        let result = try CommandRunner.run(["bands", folder.path("feed")])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .dropLast()
        #expect(lines.count == 2)
        let fields = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(fields.allSatisfy { $0.count == 6 && $0[0] == "3" && $0[1] == "doc" })
        #expect(fields[0][5] == fields[1][5], "identical texts have the same TEXT")
        #expect(
            fields.map { String($0[2]) } == [
                #""\#(folder.path("feed"))/a\nb.txt""#, #""\#(folder.path("feed"))/c\td.txt""#,
            ])
        #expect(fields.map { String($0[3]) } == [#""a\nb.txt""#, #""c\td.txt""#])
    }

    /// `dedup --common-samples` takes `neardup bands` sample tokens, one per line, and names the
    /// file, and the line, it cannot use.
    @Test func commonSamplesFileIsReadOrRefusedWithItsFileAndLine() throws {
        let folder = try ScratchFolder()
        let dedup = { (file: String) in
            try CommandRunner.run([
                "dedup", "fixtures/feed.jsonl", "-o", folder.path("kept.jsonl"), "--common-samples", file,
            ])
        }
        let missing = try dedup(folder.path("missing.txt"))
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot read --common-samples \(folder.path("missing.txt"))"))
        let sample = String(BandKey.sampleToken(ofSample: 0x1234_5678), radix: 16)
        for (name, line) in [("band", "10512345678"), ("words", "common phrase"), ("high", "e000000000000001")] {
            let file = try folder.file("\(name).txt", "\(sample)\n\n\(line)\n")
            let result = try dedup(file)
            #expect(result.status == 1)
            #expect(
                result.standardError.contains("--common-samples \(file):3: '\(line)' is not a rewrite sample token"),
                "\(result.standardError)")
        }
        let valid = try dedup(try folder.file("valid.txt", "\(sample)\n\n  \(sample.uppercased())\n"))
        #expect(valid.status == 0, "\(valid.standardError)")
    }

    @Test func explainPrintsTheBandLayoutAndSCurve() throws {
        let result = try CommandRunner.run(["explain", "--threshold", "0.5"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("LSH: 42 bands × 3 rows + 1 band × 2 rows (all 128 slots)"))
        #expect(result.standardOutput.contains("  0.30   "))
        #expect(result.standardOutput.contains("  0.70   "))
    }

    @Test func compareShowsWhichParagraphsComeFromTheSource() throws {
        let result = try CommandRunner.run([
            "compare", "000_821dc1801a2e3d4d", "courier_syndicated_000", "--feed", "fixtures/feed.jsonl",
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("8 of 11 paragraphs of B match a paragraph of A"))
    }

    @Test(arguments: [
        ["scan", "fixtures/feed.jsonl", "--threshold", "1.5"],
        ["scan", "fixtures/feed.jsonl", "--shingle", "word"],
        ["scan", "fixtures/feed.jsonl", "--permutations", "0"],
        ["scan", "fixtures/feed.jsonl", "--format", "xml"],
        ["scan"],
        ["dedup", "fixtures/feed.jsonl"],
        ["scan", "fixtures/feed.jsonl", "--no-such-flag"],
        ["scan", "fixtures/feed.jsonl", "--threads", "100000"],
        ["index", "stats", "missing.ndx", "--lock-timeout", "inf"],
        ["index", "stats", "missing.ndx", "--lock-timeout", "nan"],
        ["index", "check", "missing.ndx", "fixtures/feed.jsonl", "--cache-mib", "9223372036854775807"],
    ])
    func badUsageExitsWith64(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    /// A memory limit beyond any machine's memory is no limit, not an overflow.
    @Test func memoryLimitBeyondAnyMachineIsNoLimit() throws {
        let result = try CommandRunner.run(["scan", "fixtures/feed.jsonl", "--memory-limit", "9223372036854775807"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(MemoryEstimate.textBytes(fittingIn: .max) > 1 << 62)
        #expect(MemoryEstimate.textBytes(fittingIn: .max, heldInMemory: 1 << 20) == .max)
        #expect(MemoryEstimate.peakBytes(forTextBytes: .max) == .max)
    }

    @Test func optionsParseInProcess() throws {
        let command = try NearDupCommand.parseAsRoot(["scan", "a.jsonl", "--shingle", "char:4", "--keep", "longest"])
        let scan = try #require(command as? ScanCommand)
        #expect(scan.engine.options.shingle == .characters(4))
        #expect(scan.engine.options.keep == .longest)
        #expect(scan.input.feeds == ["a.jsonl"])
    }

    @Test(arguments: ["scan", "dedup", "compare", "explain", "generate"])
    func everyCommandHasHelp(command: String) throws {
        let result = try CommandRunner.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: neardup \(command)"))
    }
}
