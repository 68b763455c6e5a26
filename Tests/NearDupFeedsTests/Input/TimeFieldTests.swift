import Foundation
import Testing

@testable import NearDup
@testable import NearDupFeeds

@Suite struct TimeFieldTests {
    /// 2025-04-28T04:39:00Z.
    static let reference: Double = 1_745_815_140

    @Test(arguments: [
        (#"1745815140"#, reference),
        (#"1745815140.5"#, reference + 0.5),
        (#"-86400"#, -86_400),
        (#""2025-04-28T04:39:00Z""#, reference),
        (#""2025-04-28t04:39:00z""#, reference),
        (#""2025-04-28 04:39:00Z""#, reference),
        (#""2025-04-28T04:39:00.250Z""#, reference + 0.25),
        (#""2025-04-28T06:39:00+02:00""#, reference),
        (#""2025-04-28T06:39:00.5+0200""#, reference + 0.5),
        (#""2025-04-27T23:39:00-05:00""#, reference),
        (#""2025-04-28""#, 1_745_798_400),
        (#""1970-01-01""#, 0),
        (#""2024-02-29T00:00:00Z""#, 1_709_164_800),
        (#""1969-12-31T23:59:59Z""#, -1),
        (#""0000-01-01T00:00:00Z""#, -62_167_219_200),
        (#""9999-12-31T23:59:59Z""#, 253_402_300_799),
        (#"253402300799.5"#, 253_402_300_799.5),
    ])
    func acceptedTimes(json: String, seconds: Double) throws {
        let document = try Self.load(time: json)
        let published = try #require(document.published)
        #expect(abs(published.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: ["null"])
    func nullTimeIsUnknown(json: String) throws {
        #expect(try Self.load(time: json).published == nil)
    }

    @Test func absentTimeIsUnknown() throws {
        let options = InputOptions(timeField: "time")
        let input = Array(#"{"id": "a", "text": "t"}"#.utf8)
        let loaded = try DocumentLoader(options: options).load(jsonLines: input, name: "t")
        #expect(loaded.documents.first?.published == nil)
    }

    @Test(arguments: [
        #""yesterday""#, #""2025-04-28T04:39:00""#, #""2025-02-29""#, #""2025-13-01""#,
        #""2025-04-28T24:00:00Z""#, #""2025-04-28T04:39Z""#, #""2025-04-28T04:39:00.Z""#,
        #""2025-04-28T04:39:00+2""#, #""2025-04-28T04:39:00Z ""#, #""""#, "true", #"["2025-04-28"]"#,
        // Times that cannot be written back as a four-digit ISO 8601 year, in any form.
        "1e19", "-9.3e18", "9300000000000000000", "1e300", "-1e300", "253402300800", "-62167219201",
        #""0000-01-01T00:00:00+01:00""#, #""9999-12-31T23:30:00-01:00""#,
    ])
    func rejectedTimes(json: String) throws {
        let options = InputOptions(timeField: "time")
        let input = Array(#"{"id": "a", "text": "t", "time": \#(json)}"#.utf8)
        do {
            _ = try DocumentLoader(options: options).load(jsonLines: input, name: "t.jsonl")
            Issue.record("expected invalidTime for \(json)")
        } catch {
            guard case .invalidRecord(let issue) = error, case .invalidTime = issue.problem else {
                Issue.record("expected invalidTime, got \(error)")
                return
            }
            #expect(issue.description.hasPrefix("t.jsonl:1: invalid time "))
        }
    }

    @Test func aTimeOutsideTheWritableYearsIsWrittenAsNull() {
        for seconds in [1e19, -1e300, .nan, .infinity] {
            var bytes: [UInt8] = []
            Document(id: "a", text: "t", published: Date(timeIntervalSince1970: seconds)).appendJSONLine(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == #"{"id":"a","published":null,"text":"t"}"# + "\n")
        }
    }

    @Test func timeStringIsQuotedInTheMessage() {
        let problem = InputIssue.Problem.invalidTime(#""yesterday""#)
        #expect(problem.description.hasPrefix(#"invalid time "yesterday" (expected"#))
    }

    @Test func daysSince1970MatchesKnownDates() {
        #expect(TimestampParser.daysSince1970(year: 1970, month: 1, day: 1) == 0)
        #expect(TimestampParser.daysSince1970(year: 2000, month: 3, day: 1) == 11_017)
        #expect(TimestampParser.daysSince1970(year: 1600, month: 1, day: 1) == -135_140)
    }

    private static func load(time json: String) throws -> Document {
        let options = InputOptions(timeField: "time")
        let input = Array(#"{"id": "a", "text": "t", "time": \#(json)}"#.utf8)
        let loaded = try DocumentLoader(options: options).load(jsonLines: input, name: "t.jsonl")
        return try #require(loaded.documents.first)
    }
}
