import NearDup

extension Document {
    /// Appends the line that writes this document back whole: its ``Document/record`` as it is
    /// and a newline, or, for a document without one (read from a `.txt` file), its encoding by
    /// ``appendJSONLine(to:)``.
    /// - Parameters:
    ///   - field: A top-level field to add as the object's last one: its name and its JSON value.
    ///     The line must be an object without that field (see ``recordLineRefuses(field:)``); the
    ///     field is inserted before the closing brace and every other byte is left as it is.
    ///   - buffer: Receives the line.
    /// - Complexity: O(*n*) in the line's length.
    package func appendRecordLine(adding field: (name: String, value: [UInt8])? = nil, to buffer: inout [UInt8]) {
        let start = buffer.count
        if let record {
            buffer.append(contentsOf: record)
        } else {
            appendJSONLine(to: &buffer)
            buffer.removeLast()  // the newline, added back below
        }
        if let field {
            guard let (brace, isEmptyObject) = Self.closingBrace(in: buffer[start...]) else {
                preconditionFailure("the record of \(id) is not a JSON object")
            }
            var addition: [UInt8] = isEmptyObject ? [] : [UInt8(ascii: ",")]
            appendJSONString(field.name, to: &addition)
            addition.append(UInt8(ascii: ":"))
            addition.append(contentsOf: field.value)
            buffer.insert(contentsOf: addition, at: brace)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Why ``appendRecordLine(adding:to:)`` cannot add top-level field `name` to this document's
    /// line, or `nil` if it can: the line already has that field, or is not a JSON object.
    /// - Complexity: O(*n*) in the line's length.
    package func recordLineRefuses(field name: String) -> String? {
        var line: [UInt8] = []
        appendRecordLine(to: &line)
        line.removeLast()
        do throws(RecordProblem) {
            let values = try line.withBytes { (bytes) throws(RecordProblem) in
                try JSONRecordParser.parse(bytes, fields: FieldPaths([name]))
            }
            return values[0] == nil ? nil : "it already has a top-level field \"\(name)\""
        } catch {
            return "it is not a JSON object (\(error.problem))"
        }
    }

    /// The position of the closing brace of the JSON object `line` (valid JSON) and whether the
    /// object is empty, or `nil` if the last byte of `line` other than whitespace is not `}`.
    private static func closingBrace(in line: ArraySlice<UInt8>) -> (index: Int, isEmptyObject: Bool)? {
        let isWhitespace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let brace = line.lastIndex(where: { !isWhitespace($0) }), line[brace] == UInt8(ascii: "}") else {
            return nil
        }
        let before = line[..<brace].lastIndex(where: { !isWhitespace($0) })
        return (brace, before.map { line[$0] == UInt8(ascii: "{") } ?? false)
    }
}
