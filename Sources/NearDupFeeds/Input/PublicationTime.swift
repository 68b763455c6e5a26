import Foundation
import NearDup

/// Reads a record's time field: the one home of what a publication time may be.
enum PublicationTime {
    /// The years a publication time may fall in; anything else is a misread unit or a bad value.
    static let acceptedYears = 1900...2200
    /// ``acceptedYears`` as seconds since 1970-01-01T00:00:00Z.
    static let acceptedSeconds: Range<Double> =
        Double(
            TimestampParser.daysSince1970(year: acceptedYears.lowerBound, month: 1, day: 1) * 86_400)..<Double(
            TimestampParser.daysSince1970(year: acceptedYears.upperBound + 1, month: 1, day: 1) * 86_400)

    /// Reads a time field: a number counting `unit`s since 1970, or a date string
    /// (``TimestampParser``), naming a time in ``acceptedYears``.
    /// - Returns: The time, or `nil` for JSON `null` or an absent field.
    /// - Throws: `.invalidTime` for a value of another type or an unreadable string;
    ///   `.timeOutOfRange` for a time outside ``acceptedYears``, suggesting a finer unit that
    ///   would bring a number into them.
    static func date(from value: JSONFieldValue?, unit: TimeUnit) throws(RecordProblem) -> Date? {
        guard let value, value != .null else { return nil }
        let seconds: Double?
        var isNumber = true
        switch value {
        case .integer(let digits): seconds = unit.seconds(digits: digits)
        case .number(let number): seconds = unit.seconds(number)
        case .string(let text):
            seconds = TimestampParser.secondsSince1970(parsing: text)
            isNumber = false
        case .bool, .container, .null: seconds = nil
        }
        guard let seconds else { throw RecordProblem(.invalidTime(value.jsonText)) }
        guard acceptedSeconds.contains(seconds) else {
            guard isNumber else { throw RecordProblem(.timeOutOfRange(value.jsonText, unit: nil, suggestedUnit: nil)) }
            let count = seconds * Double(unit.perSecond)
            let suggested = TimeUnit.allCases.first {
                $0.perSecond > unit.perSecond && acceptedSeconds.contains($0.seconds(count))
            }
            throw RecordProblem(.timeOutOfRange(value.jsonText, unit: unit, suggestedUnit: suggested))
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
