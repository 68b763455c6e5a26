import Foundation

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupFormats

/// What parsing one record gave: the wanted values, or which kind of problem.
enum JSONParseOutcome: CustomStringConvertible {
    case values([JSONFieldValue?])
    case malformed(String)
    case notAnObject

    /// The outcome of ``JSONRecordParser`` on `line`.
    static func of(_ line: [UInt8], fields: [String]) -> JSONParseOutcome {
        do {
            return .values(
                try line.withBytes { (bytes) throws(RecordProblem) in
                    try JSONRecordParser.parse(bytes, fields: FieldPaths(fields))
                })
        } catch {
            switch error.problem {
            case .malformedJSON(let explanation): return .malformed(explanation)
            case .notAnObject: return .notAnObject
            default: return .malformed("unexpected problem \(error.problem)")
            }
        }
    }

    var description: String {
        switch self {
        case .values(let values): return "values \(values.map { $0?.jsonText ?? "absent" })"
        case .malformed(let explanation): return "malformed (\(explanation))"
        case .notAnObject: return "not an object"
        }
    }

    /// The explanation of a malformed outcome, or `nil`.
    var explanation: String? {
        if case .malformed(let explanation) = self { return explanation }
        return nil
    }
}

/// The `JSONSerialization`-based record parser that ``JSONRecordParser`` replaced, kept here as
/// the reference for differential tests (and only here: the library no longer uses Foundation's
/// JSON).
enum JSONReferenceParser {
    /// Parses `line` with `JSONSerialization` and maps the result as the old parser did.
    static func outcome(_ line: [UInt8], fields: [String]) -> JSONParseOutcome {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            return .malformed((error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)")
        }
        guard let object = parsed as? [String: Any] else { return .notAnObject }
        return .values(fields.map { name in object[name].map(fieldValue) })
    }

    private static func fieldValue(_ value: Any) -> JSONFieldValue {
        if let string = value as? String { return .string(string) }
        if value is NSNull { return .null }
        guard let number = value as? NSNumber else { return .container }
        // Booleans and numbers are both NSNumber; the Objective-C type code tells them apart
        // ("c" for the boolean singletons, integer codes for integral literals).
        switch String(cString: number.objCType) {
        case "c", "B":
            return .bool(number.boolValue)
        case "s", "i", "l", "q":
            return .integer(String(number.int64Value))
        case "S", "I", "L", "Q":
            return .integer(String(number.uint64Value))
        default:
            return .number(number.doubleValue)
        }
    }

    /// Whether `JSONSerialization` would guess UTF-16 or UTF-32 for `line` (a NUL byte among the
    /// first four, or first two of a shorter line) instead of reading it as UTF-8.
    static func sniffsNonUTF8(_ line: [UInt8]) -> Bool {
        line.prefix(line.count >= 4 ? 4 : 2).contains(0) && line.count >= 2
    }
}

/// Compares ``JSONRecordParser`` with ``JSONReferenceParser``, allowing only the documented
/// departures.
enum JSONDifferential {
    /// `nil` if the parsers agree on `line` (valid UTF-8), else a description of the difference.
    ///
    /// Agreement means equal values, or both "not an object", or both malformed (explanations
    /// differ by design). The documented departures:
    /// - `JSONSerialization` accepts a comma before `]` or `}`; the new parser must report it as
    ///   a trailing comma, and with that comma deleted the parsers must agree again;
    /// - `JSONSerialization` reads a line with an early NUL byte as UTF-16 or UTF-32; the new
    ///   parser must call it malformed (a raw NUL is never valid in UTF-8 JSON);
    /// - `JSONSerialization` makes negative integers of 19 digits `Double`s; the new parser keeps
    ///   them as integers;
    /// - `JSONSerialization` does not always round to the nearest `Double`; the new parser does
    ///   (checked exactly against `strtod` by `JSONDifferentialTests`), so numbers with many digits
    ///   or large exponents may differ in the last bits (seen: up to 10 units in the last place).
    static func difference(on line: [UInt8], fields: [String]) -> String? {
        let new = JSONParseOutcome.of(line, fields: fields)
        if JSONReferenceParser.sniffsNonUTF8(line) {
            return new.explanation == nil ? "accepted a line with an early NUL: \(new)" : nil
        }
        let reference = JSONReferenceParser.outcome(line, fields: fields)
        switch (new, reference) {
        case (.values(let newValues), .values(let referenceValues)):
            guard newValues.count == referenceValues.count else { return "value counts differ" }
            for (newValue, referenceValue) in zip(newValues, referenceValues)
            where !sameValue(newValue, referenceValue) {
                return "value \(newValue?.jsonText ?? "absent") != reference \(referenceValue?.jsonText ?? "absent")"
            }
            return nil
        case (.malformed(let explanation), .values), (.malformed(let explanation), .notAnObject):
            guard let column = trailingCommaColumn(explanation) else { return "new \(new) but reference \(reference)" }
            var withoutComma = line
            withoutComma.remove(at: column - 1)
            return difference(on: withoutComma, fields: fields)
        case (.malformed, .malformed), (.notAnObject, .notAnObject):
            return nil
        default:
            return "new \(new) but reference \(reference)"
        }
    }

    /// The most units in the last place by which `JSONSerialization`'s numbers may be off.
    static let referenceRoundingTolerance = 64

    /// Equality allowing the number departures: numbers within ``referenceRoundingTolerance``
    /// units in the last place (and of the same sign), negative 19-digit integers as `Double`s.
    private static func sameValue(_ new: JSONFieldValue?, _ reference: JSONFieldValue?) -> Bool {
        switch (new, reference) {
        case (.number(let value)?, .number(let referenceValue)?):
            return unitsApart(value, referenceValue) <= referenceRoundingTolerance
        case (.integer(let digits)?, .number(let referenceValue)?):
            guard digits.hasPrefix("-"), digits.count == 20, let value = Double(digits) else { return false }
            return unitsApart(value, referenceValue) <= referenceRoundingTolerance
        default:
            return new == reference
        }
    }

    /// How many representable `Double`s lie between `a` and `b` (`Int.max` if their signs differ).
    static func unitsApart(_ a: Double, _ b: Double) -> Int {
        guard a.sign == b.sign else { return Int.max }
        let (low, high) = (min(a.magnitude, b.magnitude).bitPattern, max(a.magnitude, b.magnitude).bitPattern)
        return Int(clamping: high - low)
    }

    /// The column of a "trailing comma at column N" explanation.
    private static func trailingCommaColumn(_ explanation: String) -> Int? {
        guard explanation.hasPrefix("trailing comma at column ") else { return nil }
        return Int(explanation.dropFirst("trailing comma at column ".count))
    }
}
