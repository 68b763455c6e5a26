import Foundation
import NearDupTestSupport
import Testing

/// `--id-field`/`--text-field`/`--time-field`/`--source-field` with dotted paths, `--time-unit`,
/// and the rules about time and source fields that records lack.
@Suite struct FieldOptionTests {
    static let words = "one two three four five six seven eight nine ten"

    /// A newsroom feed: nested text, RFC 2822 dates; `b` is an earlier copy of `a`, `c` has no date.
    static let newsroom = """
        {"id":"a","meta":{"text":"\(words)","site":"x"},"pubDate":"Mon, 28 Apr 2025 09:00:00 GMT"}
        {"id":"b","meta":{"text":"\(words)","site":"y"},"pubDate":"Sun, 27 Apr 2025 09:00:00 +0200"}
        {"id":"c","meta":{"text":"something else entirely","site":null}}

        """

    static func kept(_ result: CommandRunner.Result) -> [String] {
        result.standardOutput.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.compactMap { $0["id"] as? String }
    }

    @Test func dedupReadsNestedFieldsAndRFC2822Dates() throws {
        let arguments = ["dedup", "-", "-o", "-", "--text-field", "meta.text", "--time-field", "pubDate"]
        let result = try CommandRunner.run(
            arguments + ["--source-field", "meta.site"], input: Data(Self.newsroom.utf8))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Self.kept(result) == ["b", "c"], "the earlier copy is kept")
        #expect(
            result.standardError.contains("neardup: 1 of 3 records have no pubDate; 1 of 3 records have no meta.site"))
        #expect(!result.standardError.contains("input order"))
    }

    @Test func everyCommandThatReadsFeedsTakesDottedPaths() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("news.jsonl", Self.newsroom)
        let fields = ["--text-field", "meta.text", "--time-field", "pubDate"]
        for command in [["scan", feed], ["bands", feed]] {
            let result = try CommandRunner.run(command + fields)
            #expect(result.status == 0, "\(command): \(result.standardError)")
        }
        let compare = try CommandRunner.run(["compare", "--feed", feed, "a", "b", "--text-field", "meta.text"])
        #expect(compare.status == 0, "\(compare.standardError)")
        #expect(compare.standardOutput.contains("whole-text Jaccard 100%"))
        let unnested = try CommandRunner.run(["compare", "--feed", feed, "a", "b"])
        #expect(unnested.status == 65 && unnested.standardError.contains("news.jsonl:1: missing field \"text\""))
        let index = folder.path("index")
        #expect(try CommandRunner.run(["index", "create", index]).status == 0)
        let added = try CommandRunner.run(["index", "add", index, feed] + fields)
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.split(separator: "\n").count == 3)
    }

    @Test func aPathThroughANonObjectIsAnInvalidRecord() throws {
        let feed = #"{"id":"a","meta":"flat"}"# + "\n"
        let result = try CommandRunner.run(["scan", "-", "--text-field", "meta.text"], input: Data(feed.utf8))
        #expect(result.status == 65)
        #expect(result.standardError.contains(#"<stdin>:1: field "meta.text" cannot be read: "meta" is not an object"#))
    }

    @Test func aTimeFieldNoRecordHasIsAnErrorNamingTheFieldsFound() throws {
        for command in [["scan"], ["dedup", "-o", "-"], ["bands"]] {
            let arguments = command + ["-", "--text-field", "meta.text", "--time-field", "pubdate"]
            let result = try CommandRunner.run(arguments, input: Data(Self.newsroom.utf8))
            #expect(result.status == 65, "\(command): \(result.standardError)")
            #expect(
                result.standardError.contains(
                    #"no record has the field "pubdate" (the first record has id, meta, meta.text, meta.site, pubDate)"#
                ),
                "\(result.standardError)")
        }
        let source = try CommandRunner.run(
            ["scan", "-", "--text-field", "meta.text", "--source-field", "site"], input: Data(Self.newsroom.utf8))
        #expect(source.status == 65 && source.standardError.contains(#"no record has the field "site""#))
    }

    @Test func timeUnitReadsMillisecondsAndTheRangeCheckSuggestsIt() throws {
        let feed = """
            {"id":"a","text":"\(Self.words)","t":1745830800000}
            {"id":"b","text":"\(Self.words)","t":1745740800000}

            """
        let seconds = try CommandRunner.run(["dedup", "-", "-o", "-", "--time-field", "t"], input: Data(feed.utf8))
        #expect(seconds.status == 65)
        #expect(
            seconds.standardError.contains(
                "<stdin>:1: invalid time 1745830800000 read as seconds since 1970: outside the years 1900 to 2200; "
                    + "if it counts milliseconds, set the time unit to ms (--time-unit ms)"), "\(seconds.standardError)"
        )
        let arguments = ["dedup", "-", "-o", "-", "--time-field", "t", "--time-unit", "ms"]
        let milliseconds = try CommandRunner.run(arguments, input: Data(feed.utf8))
        #expect(milliseconds.status == 0, "\(milliseconds.standardError)")
        #expect(Self.kept(milliseconds) == ["b"])
        let bogus = try CommandRunner.run(["scan", "-", "--time-unit", "minutes"], input: Data(feed.utf8))
        #expect(bogus.status == 64 && bogus.standardError.contains("'s', 'ms', 'us' or 'ns'"))
    }

    @Test func keepEarliestWithoutATimeFieldSaysItFollowsInputOrder() throws {
        let feed = #"{"id":"a","text":"\#(Self.words)"}"# + "\n"
        let note = "--keep earliest without --time-field kept the first of each cluster in input order"
        let plain = try CommandRunner.run(["scan", "-"], input: Data(feed.utf8))
        #expect(plain.status == 0 && plain.standardError.contains(note))
        let quiet = try CommandRunner.run(["scan", "-", "--quiet"], input: Data(feed.utf8))
        #expect(quiet.status == 0 && quiet.standardError.isEmpty, "\(quiet.standardError)")
        let first = try CommandRunner.run(["dedup", "-", "-o", "-", "--keep", "first"], input: Data(feed.utf8))
        #expect(first.status == 0 && !first.standardError.contains(note))
    }
}
