/// Parses the publication times NearDup accepts, without Foundation's date formatters.
///
/// Accepted strings (ISO 8601 / RFC 3339):
/// - a date and time with a zone: `2025-04-28T04:39:00Z`, `2025-04-28T06:39:00+02:00`,
///   `2025-04-28T04:39:00.125Z` (any number of fractional digits; `t`, `z` and a space instead of
///   `T` are accepted, and so is an offset without a colon, `+0200`);
/// - a date alone: `2025-04-28`, meaning midnight UTC.
///
/// A date and time without a zone is rejected: it would silently depend on where the feed was
/// written.
enum TimestampParser {
    /// The seconds since 1970-01-01T00:00:00Z that `text` denotes, or `nil` if it is not an
    /// accepted form or names an impossible date or time.
    /// - Complexity: O(*n*) in the length of `text`.
    static func secondsSince1970(parsing text: String) -> Double? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"),
            let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2),
            (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day)
        else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        if scanner.isAtEnd { return Double(days) * 86_400 }

        guard scanner.skip(oneOf: "Tt "),
            let hour = scanner.digits(2), scanner.skip(":"),
            let minute = scanner.digits(2), scanner.skip(":"),
            let second = scanner.digits(2),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var fraction = 0.0
        if scanner.skip(".") {
            var digits = "0."
            while let digit = scanner.digits(1) { digits += String(digit) }
            guard digits.count > 2, let parsed = Double(digits) else { return nil }
            fraction = parsed
        }
        guard let offset = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }
        let clock = hour * 3_600 + minute * 60 + second - offset
        return Double(days) * 86_400 + Double(clock) + fraction
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (negative before 1970).
    ///
    /// Howard Hinnant's `days_from_civil`.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { position == bytes.count }

        /// Reads exactly `count` decimal digits.
        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            skip(oneOf: [character])
        }

        mutating func skip(oneOf characters: [Unicode.Scalar]) -> Bool {
            guard position < bytes.count, characters.contains(Unicode.Scalar(bytes[position])) else { return false }
            position += 1
            return true
        }

        mutating func skip(oneOf characters: String) -> Bool {
            skip(oneOf: Array(characters.unicodeScalars))
        }

        /// Reads `Z`, `±hh:mm`, `±hhmm` or `±hh`; returns the offset east of UTC in seconds.
        mutating func zoneOffsetSeconds() -> Int? {
            if skip(oneOf: "Zz") { return 0 }
            let sign: Int
            if skip("+") {
                sign = 1
            } else if skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = digits(2), hours < 24 else { return nil }
            if isAtEnd { return sign * hours * 3_600 }
            _ = skip(":")
            guard let minutes = digits(2), minutes < 60 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
