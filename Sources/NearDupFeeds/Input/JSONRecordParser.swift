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
/// wanted fields (``FieldPaths``: top-level keys, or dotted paths into nested objects): everything
/// else is checked in place and skipped without allocating. This is the whole interface.
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
    ///   - fields: The fields wanted.
    /// - Returns: One entry per name in `fields`, `nil` where the object has no such field.
    /// - Throws: `.malformedJSON` with an explanation naming the byte column, `.notAnObject`
    ///   for valid JSON that is not an object, or `.pathThroughNonObject` for the first dotted name
    ///   whose path meets a value that is neither an object nor `null` (and that is not a
    ///   top-level key).
    /// - Complexity: O(*n*) in the line's length.
    static func parse(_ line: UnsafeRawBufferPointer, fields: FieldPaths) throws(RecordProblem) -> [JSONFieldValue?] {
        var lookup = Lookup(count: fields.slotCount)
        let isObject: Bool
        do throws(JSONSyntaxError) {
            isObject = try read(line, fields: fields, into: &lookup)
        } catch {
            throw RecordProblem(.malformedJSON(error.explanation))
        }
        guard isObject else { throw RecordProblem(.notAnObject) }
        guard fields.slotCount > fields.names.count else { return lookup.values }
        var values = [JSONFieldValue?](repeating: nil, count: fields.names.count)
        for (index, slots) in fields.slots.enumerated() {
            if let value = lookup.values[slots.exact] {
                values[index] = value
            } else if let nested = slots.nested {
                if let node = lookup.blockedAt[nested] {
                    throw RecordProblem(.pathThroughNonObject(field: fields.names[index], at: fields.nodes[node].path))
                }
                values[index] = lookup.values[nested]
            }
        }
        return values
    }

    /// What one line gave for each slot of a ``FieldPaths`` tree.
    private struct Lookup {
        /// The value read into each slot, `nil` where none was.
        var values: [JSONFieldValue?]
        /// For a slot whose path met a value that is neither an object nor `null`: that member's node.
        var blockedAt: [Int: Int] = [:]

        init(count: Int) {
            values = [JSONFieldValue?](repeating: nil, count: count)
        }
    }

    /// Reads the whole line, storing the wanted fields' values if it is an object.
    /// - Returns: Whether the line is an object.
    private static func read(
        _ line: UnsafeRawBufferPointer,
        fields: FieldPaths,
        into lookup: inout Lookup
    ) throws(JSONSyntaxError) -> Bool {
        var scanner = JSONScanner(line)
        scanner.skipByteOrderMark()
        let isObject = scanner.peekSkippingWhitespace() == UInt8(ascii: "{")
        if isObject {
            try readMembers(of: 0, depth: 0, scanner: &scanner, fields: fields, into: &lookup)
        } else {
            _ = try scanner.value(depth: 0, wanted: false)
        }
        try scanner.expectEnd()
        return isObject
    }

    /// Reads the object at the scanner's position, whose members are the children of `node`.
    private static func readMembers(
        of node: Int,
        depth: Int,
        scanner: inout JSONScanner,
        fields: FieldPaths,
        into lookup: inout Lookup
    ) throws(JSONSyntaxError) {
        try scanner.readObject(depth: depth) { (scanner, token) throws(JSONSyntaxError) in
            guard let child = fields.child(of: node, matching: try FieldPaths.Key(token, in: scanner)) else {
                _ = try scanner.value(depth: depth + 1, wanted: false)
                return
            }
            let member = fields.nodes[child]
            for slot in member.slotsBelow {  // the last value of a repeated key wins, nested fields too
                lookup.values[slot] = nil
                lookup.blockedAt[slot] = nil
            }
            if !member.children.isEmpty, scanner.peekSkippingWhitespace() == UInt8(ascii: "{") {
                for slot in member.slots { lookup.values[slot] = .container }
                try readMembers(of: child, depth: depth + 1, scanner: &scanner, fields: fields, into: &lookup)
                return
            }
            let value = try scanner.value(depth: depth + 1, wanted: true)
            for slot in member.slots { lookup.values[slot] = value }
            if value != .null {
                for slot in member.slotsBelow { lookup.blockedAt[slot] = child }
            }
        }
    }
}
