/// Parses the publication times NearDup accepts, without Foundation's date formatters, so the
/// result never depends on locale, time zone or calendar settings.
///
/// Accepted strings:
/// - ISO 8601 / RFC 3339, a date and time with a zone: `2025-04-28T04:39:00Z`,
///   `2025-04-28T06:39:00+02:00`, `2025-04-28T04:39:00.125Z` (any number of fractional digits;
///   `t`, `z` and a space instead of `T` are accepted, and so is an offset without a colon, `+0200`);
/// - ISO 8601, a date alone: `2025-04-28`, meaning midnight UTC;
/// - RFC 2822 (RSS `pubDate`, e-mail): `Mon, 28 Apr 2025 04:39:00 GMT`, with an optional weekday,
///   a one- or two-digit day, optional seconds, and a numeric zone (`+0200`, `-0500`) or one of
///   the obsolete names `UT`, `GMT`, `Z`, `EST`, `EDT`, `CST`, `CDT`, `MST`, `MDT`, `PST`, `PDT`.
///   Names are matched in any case; runs of spaces and tabs count as one space; the weekday is not
///   checked against the date (feeds often get it wrong); a four-digit year is required.
///
/// A date and time without a zone is rejected: it would silently depend on where the feed was
/// written.
enum TimestampParser {
    /// The seconds since 1970-01-01T00:00:00Z that `text` denotes, or `nil` if it is not an
    /// accepted form or names an impossible date or time.
    /// - Complexity: O(*n*) in the length of `text`.
    static func secondsSince1970(parsing text: String) -> Double? {
        let bytes = Array(text.utf8)
        return iso8601Seconds(Scanner(bytes)) ?? rfc2822Seconds(Scanner(bytes))
    }

    private static func iso8601Seconds(_ start: Scanner) -> Double? {
        var scanner = start
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

    /// `[weekday ","] day month year hour ":" minute [":" second] zone`, RFC 2822 section 3.3 with
    /// its obsolete zone names.
    private static func rfc2822Seconds(_ start: Scanner) -> Double? {
        var scanner = start
        _ = scanner.skipSpaces()
        if let weekday = scanner.letters() {
            guard weekdays.contains(weekday), scanner.skip(",") else { return nil }
            _ = scanner.skipSpaces()
        }
        guard let tens = scanner.digits(1) else { return nil }
        var dayOfMonth = tens
        if let units = scanner.digits(1) { dayOfMonth = tens * 10 + units }
        guard scanner.skipSpaces(), let name = scanner.letters(), let monthIndex = months.firstIndex(of: name),
            scanner.skipSpaces(), let year = scanner.digits(4), scanner.skipSpaces(),
            let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2)
        else { return nil }
        let month = monthIndex + 1
        var second = 0
        if scanner.skip(":") {
            guard let digits = scanner.digits(2) else { return nil }
            second = digits
        }
        guard (1...daysInMonth(month, year: year)).contains(dayOfMonth), hour < 24, minute < 60, second <= 60,
            scanner.skipSpaces(), let offset = scanner.rfc2822ZoneOffsetSeconds()
        else { return nil }
        _ = scanner.skipSpaces()
        guard scanner.isAtEnd else { return nil }
        let days = daysSince1970(year: year, month: month, day: dayOfMonth)
        return Double(days) * 86_400 + Double(hour * 3_600 + minute * 60 + second - offset)
    }

    private static let weekdays = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    /// RFC 2822's obsolete zone names and their offsets east of UTC, in hours.
    private static let zoneNames: [String: Int] = [
        "UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
        "PDT": -7,
    ]

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

        /// Skips spaces and tabs; returns whether there was at least one.
        mutating func skipSpaces() -> Bool {
            let start = position
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            return position > start
        }

        /// Reads a run of ASCII letters, upper-cased, or returns `nil` if there is none.
        mutating func letters() -> String? {
            let start = position
            while position < bytes.count, (bytes[position] | 0x20) >= UInt8(ascii: "a"),
                (bytes[position] | 0x20) <= UInt8(ascii: "z")
            {
                position += 1
            }
            guard position > start else { return nil }
            return String(decoding: bytes[start..<position].map { $0 & ~0x20 }, as: UTF8.self)
        }

        /// Reads `+` (1) or `-` (-1).
        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            return skip("-") ? -1 : nil
        }

        /// Reads an RFC 2822 zone, `±hhmm` or an obsolete name; returns the offset east of UTC in seconds.
        mutating func rfc2822ZoneOffsetSeconds() -> Int? {
            if let name = letters() { return TimestampParser.zoneNames[name].map { $0 * 3_600 } }
            guard let sign = sign() else { return nil }
            guard let hours = digits(2), hours < 24, let minutes = digits(2), minutes < 60 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }

        /// Reads `Z`, `±hh:mm`, `±hhmm` or `±hh`; returns the offset east of UTC in seconds.
        mutating func zoneOffsetSeconds() -> Int? {
            if skip(oneOf: "Zz") { return 0 }
            guard let sign = sign() else { return nil }
            guard let hours = digits(2), hours < 24 else { return nil }
            if isAtEnd { return sign * hours * 3_600 }
            _ = skip(":")
            guard let minutes = digits(2), minutes < 60 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
