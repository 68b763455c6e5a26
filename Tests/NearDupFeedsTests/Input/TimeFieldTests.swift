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
        (#""1900-01-01T00:00:00Z""#, -2_208_988_800),
        (#""2200-12-31T23:59:59Z""#, 7_289_654_399),
        (#"7289654399.5"#, 7_289_654_399.5),
        // RFC 2822.
        (#""Mon, 28 Apr 2025 04:39:00 GMT""#, reference),
        (#""28 Apr 2025 04:39:00 +0000""#, reference),
        (#""Mon, 28 Apr 2025 06:39:00 +0200""#, reference),
        (#""Sun, 27 Apr 2025 23:39:00 -0500""#, reference),
        (#""Mon, 28 Apr 2025 04:39 UT""#, reference),
        (#""mon, 28 apr 2025 04:39:00 z""#, reference),
        (#""Mon,  28  Apr 2025\t04:39:00   GMT ""#, reference),
        (#""Sun, 27 Apr 2025 23:39:00 EST""#, reference),
        (#""Sun, 27 Apr 2025 23:39:00 CDT""#, reference),
        (#""Sun, 27 Apr 2025 22:39:00 MDT""#, reference),
        (#""Sun, 27 Apr 2025 21:39:00 PDT""#, reference),
        (#""Sun, 27 Apr 2025 20:39:00 PST""#, reference),
        (#""Sun, 27 Apr 2025 21:39:00 MST""#, reference),
        (#""Sun, 27 Apr 2025 22:39:00 CST""#, reference),
        (#""Mon, 28 Apr 2025 00:39:00 EDT""#, reference),
        (#""Fri, 1 Mar 2024 00:00:00 GMT""#, 1_709_251_200),
        (#""Thu, 29 Feb 2024 23:59:60 GMT""#, 1_709_251_200),
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

    @Test func absentTimeIsUnknownAndCounted() throws {
        let options = InputOptions(timeField: "time")
        let input = Array(
            #"{"id": "a", "text": "t"}\#n{"id": "b", "text": "t", "time": 0}\#n{"id": "c", "text": "t", "time": null}"#
                .utf8)
        let loaded = try DocumentLoader(options: options).load(jsonLines: input, name: "t")
        #expect(loaded.documents.map { $0.published == nil } == [true, false, true])
        #expect(loaded.documentsWithoutTime == 2 && loaded.jsonLinesDocuments == 3)
    }

    @Test func aTimeFieldNoRecordHasIsAnError() throws {
        let input = Array(#"{"id": "a", "text": "t", "meta": {"time": 0}}"#.utf8)
        do {
            _ = try DocumentLoader(options: InputOptions(timeField: "time")).load(jsonLines: input, name: "t")
            Issue.record("accepted")
        } catch {
            #expect(error == .fieldNotFound("time", found: ["id", "text", "meta", "meta.time"]))
        }
        let nulls = Array(#"{"id": "a", "text": "t", "time": null}"#.utf8)
        #expect(
            try DocumentLoader(options: InputOptions(timeField: "time")).load(jsonLines: nulls, name: "t")
                .documentsWithoutTime == 1, "a null time is a field the record has")
    }

    @Test(arguments: [
        #""yesterday""#, #""2025-04-28T04:39:00""#, #""2025-02-29""#, #""2025-13-01""#,
        #""2025-04-28T24:00:00Z""#, #""2025-04-28T04:39Z""#, #""2025-04-28T04:39:00.Z""#,
        #""2025-04-28T04:39:00+2""#, #""2025-04-28T04:39:00Z ""#, #""""#, "true", #"["2025-04-28"]"#,
        // Times that cannot be written back as a four-digit ISO 8601 year, in any form.
        "1e19", "-9.3e18", "9300000000000000000", "1e300", "-1e300", "253402300800", "-62167219201",
        #""0000-01-01T00:00:00+01:00""#, #""9999-12-31T23:30:00-01:00""#,
        // Outside the years 1900 to 2200.
        "7289654400", "-2208988801", #""1899-12-31T23:59:59Z""#, #""2201-01-01""#, #""0000-01-01T00:00:00Z""#,
        #""1900-01-01T00:30:00+01:00""#, "1745815140000", #""Mon, 28 Apr 1800 04:39:00 GMT""#,
        // Not RFC 2822.
        #""Mon 28 Apr 2025 04:39:00 GMT""#, #""Mon, 28 Apr 2025 04:39:00""#, #""Mon, 28 Apr 25 04:39:00 GMT""#,
        #""Mon, 31 Apr 2025 04:39:00 GMT""#, #""Mon, 28 Avr 2025 04:39:00 GMT""#, #""Xyz, 28 Apr 2025 04:39 GMT""#,
        #""Mon, 28 Apr 2025 24:00:00 GMT""#, #""Mon, 28 Apr 2025 04:39:00 +02""#, #""Mon, 28 Apr 2025 04:39:00 CET""#,
        #""Mon, 28 Apr 2025 4:39:00 GMT""#, #""Mon, 123 Apr 2025 04:39:00 GMT""#, #""Mon, 28 Apr 2025 04:39:00 GMT x""#,
        #""Mon, 28Apr 2025 04:39:00 GMT""#, #""Mon, 28 Apr 2025 04:39:00GMT""#,
    ])
    func rejectedTimes(json: String) throws {
        let options = InputOptions(timeField: "time")
        let input = Array(#"{"id": "a", "text": "t", "time": \#(json)}"#.utf8)
        do {
            _ = try DocumentLoader(options: options).load(jsonLines: input, name: "t.jsonl")
            Issue.record("expected invalidTime for \(json)")
        } catch {
            guard case .invalidRecord(let issue) = error, issue.problem.code == "invalid_time" else {
                Issue.record("expected invalidTime, got \(error)")
                return
            }
            #expect(issue.description.hasPrefix("t.jsonl:1: invalid time "))
        }
    }

    @Test(arguments: [
        (TimeUnit.seconds, "1745815140"), (.milliseconds, "1745815140000"), (.microseconds, "1745815140000000"),
        (.nanoseconds, "1745815140000000000"), (.milliseconds, "1745815140000.0"), (.nanoseconds, "1.74581514e18"),
    ])
    func numbersAreReadInTheTimeUnit(unit: TimeUnit, json: String) throws {
        let document = try Self.load(time: json, unit: unit)
        #expect(document.published?.timeIntervalSince1970 == Self.reference)
    }

    @Test func subsecondIntegersAreExact() throws {
        let document = try Self.load(time: "1745815140123", unit: .milliseconds)
        #expect(document.published?.timeIntervalSince1970 == Self.reference + 0.123)
    }

    @Test(arguments: [
        (TimeUnit.seconds, "1745815140000", TimeUnit?.some(.milliseconds)),
        (.seconds, "1745815140000000", .microseconds),
        (.milliseconds, "1745815140000000000", .nanoseconds), (.seconds, "-1e+300", nil), (.nanoseconds, "1e+30", nil),
    ])
    func anOutOfRangeNumberSuggestsAFinerUnit(unit: TimeUnit, json: String, suggested: TimeUnit?) throws {
        do {
            _ = try Self.load(time: json, unit: unit)
            Issue.record("accepted \(json)")
        } catch {
            guard case .invalidRecord(let issue) = error as? InputError else { throw error }
            #expect(issue.problem == .timeOutOfRange(json, unit: unit, suggestedUnit: suggested))
        }
    }

    @Test func theOutOfRangeMessageNamesTheUnitAndTheFix() {
        let problem = InputIssue.Problem.timeOutOfRange("1745815140000", unit: .seconds, suggestedUnit: .milliseconds)
        #expect(
            problem.description
                == "invalid time 1745815140000 read as seconds since 1970: outside the years 1900 to 2200; "
                + "if it counts milliseconds, set the time unit to ms (--time-unit ms)")
        let string = InputIssue.Problem.timeOutOfRange(#""1800-01-01""#, unit: nil, suggestedUnit: nil)
        #expect(string.description == #"invalid time "1800-01-01": outside the years 1900 to 2200"#)
        #expect(string.code == "invalid_time")
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

    private static func load(time json: String, unit: TimeUnit = .seconds) throws -> Document {
        let options = InputOptions(timeField: "time", timeUnit: unit)
        let input = Array(#"{"id": "a", "text": "t", "time": \#(json)}"#.utf8)
        let loaded = try DocumentLoader(options: options).load(jsonLines: input, name: "t.jsonl")
        return try #require(loaded.documents.first)
    }
}
