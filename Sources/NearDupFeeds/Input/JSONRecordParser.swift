/// A JSON value as far as the loader cares: strings and numbers are kept, containers are not.
enum JSONFieldValue: Equatable {
    /// A JSON string.
    case string(String)
    /// A JSON number written as an integer, as its decimal text (`-7`, `12345678901234567890`).
    case integer(String)
    /// Any other JSON number (with a fraction or exponent, or too large for 64 bits).
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array or an object.
    case container

    /// The value as it would appear in JSON, for messages (containers are abbreviated).
    var jsonText: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .integer(let digits): return digits
        case .number(let value): return "\(value)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .container: return "an array or object"
        }
    }
}

/// Parses one JSON Lines record; the only place that knows which JSON parser is used.
///
/// It is a hand-written, validating RFC 8259 parser (``JSONScanner``) that materialises only the
/// wanted top-level fields: everything else is checked in place and skipped without allocating.
/// This is the whole interface.
///
/// It gives the same values as Foundation's `JSONSerialization` did, and accepts and rejects the
/// same lines, except where that departs from RFC 8259 or from ``JSONFieldValue``'s contract:
/// - a comma before `]` or `}` is an error (`JSONSerialization` accepts it);
/// - bytes are always UTF-8 (`JSONSerialization` reads a line with a NUL byte among its first
///   four as UTF-16 or UTF-32; a raw NUL is never valid UTF-8 JSON, so such a line is an error);
/// - integers from -9223372036854775808 to -1000000000000000000 (19 digits) are
///   ``JSONFieldValue/integer(_:)`` like every other integer that fits in 64 bits
///   (`JSONSerialization` made them `Double`s, so such an id was rejected as not a string);
/// - other numbers become the nearest `Double` (correct rounding, as `strtod`); the conversion in
///   `JSONSerialization` can be a few units in the last place off for literals with many digits
///   or a large exponent (`1.241549733301e123`, `-616144643.654237901909`).
///
/// Like `JSONSerialization`: when a key appears twice the last value wins; keys are compared as
/// Swift strings (canonical equivalence, so `"\u00e9"` and `"e\u0301"` are the same key); a lone
/// `\u` surrogate is an error; a number too large for a `Double` (`1e400`) is an error, a tiny one
/// becomes 0; a UTF-8 byte order mark at the start is ignored; nesting deeper than
/// ``JSONScanner/depthLimit`` is an error.
enum JSONRecordParser {
    /// Parses `line` (valid UTF-8) as one JSON object and returns the values of `fields`.
    /// - Parameters:
    ///   - line: The record's bytes, without the line terminator; must be valid UTF-8.
    ///   - fields: The field names wanted.
    /// - Returns: One entry per name in `fields`, `nil` where the object has no such field.
    /// - Throws: `.malformedJSON` with an explanation naming the byte column, or `.notAnObject`
    ///   for valid JSON that is not an object.
    /// - Complexity: O(*n*) in the line's length.
    static func parse(_ line: UnsafeRawBufferPointer, fields: [String]) throws(RecordProblem) -> [JSONFieldValue?] {
        var values = [JSONFieldValue?](repeating: nil, count: fields.count)
        let isObject: Bool
        do throws(JSONSyntaxError) {
            isObject = try read(line, fields: FieldNames(fields), into: &values)
        } catch {
            throw RecordProblem(.malformedJSON(error.explanation))
        }
        guard isObject else { throw RecordProblem(.notAnObject) }
        return values
    }

    /// Reads the whole line, storing the wanted fields' values if it is an object.
    /// - Returns: Whether the line is an object.
    private static func read(
        _ line: UnsafeRawBufferPointer,
        fields: FieldNames,
        into values: inout [JSONFieldValue?]
    ) throws(JSONSyntaxError) -> Bool {
        var scanner = JSONScanner(line)
        scanner.skipByteOrderMark()
        let isObject = scanner.peekSkippingWhitespace() == UInt8(ascii: "{")
        if isObject {
            try scanner.readObject(depth: 0) { (scanner, token) throws(JSONSyntaxError) in
                let key = try FieldNames.Key(token, in: scanner)
                guard let first = fields.names.indices.first(where: { fields.name(at: $0, is: key) }) else {
                    _ = try scanner.value(depth: 1, wanted: false)
                    return
                }
                let value = try scanner.value(depth: 1, wanted: true)
                for index in first..<fields.names.count where fields.name(at: index, is: key) { values[index] = value }
            }
        } else {
            _ = try scanner.value(depth: 0, wanted: false)
        }
        try scanner.expectEnd()
        return isObject
    }
}

/// The wanted field names, compared with keys as `JSONSerialization`'s dictionary did: as Swift
/// strings, by canonical equivalence.
private struct FieldNames {
    /// A key as read from the line: its bytes when it has no escapes, otherwise decoded.
    enum Key {
        /// A key without escapes: its UTF-8 bytes, and whether they are all ASCII.
        case bytes(UnsafeRawBufferPointer, isASCII: Bool)
        /// A key with escapes, decoded (rare, so allocating is fine).
        case decoded(String)

        /// Reads the key `token` locates in `scanner`'s line.
        /// - Throws: Never for a token the scanner returned.
        init(_ token: JSONStringToken, in scanner: JSONScanner) throws(JSONSyntaxError) {
            guard !token.hasEscapes else {
                self = .decoded(try scanner.string(token))
                return
            }
            // Safety: the scanner made token, so start..<end lies within its line.
            let bytes = UnsafeRawBufferPointer(rebasing: scanner.bytes[token.start..<token.end])
            self = .bytes(bytes, isASCII: bytes.allSatisfy { $0 < 0x80 })
        }
    }

    /// The names, in the order values are returned.
    let names: [String]
    /// Whether every name is ASCII; an ASCII key can then only equal a name byte for byte.
    private let areASCII: Bool

    /// Prepares `names` for matching against keys.
    init(_ names: [String]) {
        self.names = names
        areASCII = names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// Whether the name at `index` is `key`; byte comparison first, `String` equality only when
    /// non-ASCII text could make different bytes equal.
    func name(at index: Int, is key: Key) -> Bool {
        let name = names[index]
        switch key {
        case .decoded(let text):
            return name == text
        case .bytes(let bytes, let isASCII):
            if name.utf8.count == bytes.count, name.utf8.elementsEqual(bytes) { return true }
            return !(isASCII && areASCII) && name == String(decoding: bytes, as: UTF8.self)
        }
    }
}
