package import Foundation
import NearDup

/// The publication times NearDup reads and writes: those an ISO 8601 date with a four-digit year
/// can name, from 0000-01-01T00:00:00Z up to (not including) 10000-01-01T00:00:00Z.
///
/// The loader rejects any other time, whatever its form (seconds since 1970 or an ISO 8601 date
/// whose zone offset moves it past either end), so every time read can be written back.
package enum ISO8601Timestamp {
    /// The seconds since 1970-01-01T00:00:00Z of the times that can be read and written.
    static let representableSeconds: Range<Double> = -62_167_219_200..<253_402_300_800

    /// Appends `date` to `buffer` as a JSON value: an ISO 8601 UTC timestamp in whole seconds,
    /// quoted (`"2025-01-01T00:02:05Z"`), or `null` for a time outside ``representableSeconds``
    /// (only a ``Document`` made in code can have one: the loader rejects them).
    package static func appendJSONValue(_ date: Date, to buffer: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970
        guard representableSeconds.contains(seconds) else {
            buffer.append(contentsOf: "null".utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        appendISO8601(seconds: Int64(seconds.rounded(.down)), to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }
}

/// Appends `seconds` since 1970-01-01T00:00:00Z to `buffer` as an ISO 8601 UTC timestamp such as
/// `2025-01-01T00:02:05Z`, computed with integer arithmetic only (Hinnant's civil-from-days), so
/// the text never depends on locale, time zone or calendar settings.
///
/// `seconds` must name a time in ``ISO8601Timestamp/representableSeconds`` (years 0000 to 9999).
func appendISO8601(seconds: Int64, to buffer: inout [UInt8]) {
    precondition(
        ISO8601Timestamp.representableSeconds.contains(Double(seconds)), "only years from 0000 to 9999 are supported")
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

    appendDigits(year, width: 4, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(month, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(day, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "T"))
    appendDigits(secondOfDay / 3_600, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay / 60 % 60, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay % 60, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "Z"))
}

/// Appends a non-negative `value` in decimal, left-padded with zeros to `width` digits.
private func appendDigits(_ value: Int64, width: Int, to buffer: inout [UInt8]) {
    var digits: [UInt8] = []
    var rest = value
    repeat {
        digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
        rest /= 10
    } while rest > 0
    if digits.count < width {
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
    }
    buffer.append(contentsOf: digits.reversed())
}
