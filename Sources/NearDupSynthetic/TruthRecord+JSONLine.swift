public import NearDupFeeds

extension TruthRecord {
    /// Appends this record as one JSON Lines object with keys in the order id, kind, original
    /// (`null` when `nil`), edits.
    package func appendJSONLine(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"id":"#.utf8)
        appendJSONString(id, to: &buffer)
        buffer.append(contentsOf: #","kind":"#.utf8)
        appendJSONString(kind.rawValue, to: &buffer)
        buffer.append(contentsOf: #","original":"#.utf8)
        if let original {
            appendJSONString(original, to: &buffer)
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
        buffer.append(contentsOf: #","edits":["#.utf8)
        for (index, edit) in edits.enumerated() {
            if index > 0 {
                buffer.append(UInt8(ascii: ","))
            }
            appendJSONString(edit, to: &buffer)
        }
        buffer.append(contentsOf: "]}\n".utf8)
    }
}

// MARK: -

extension JSONLinesWriter {
    /// Writes `{"id":…,"kind":…,"original":…|null,"edits":[…]}` and a newline.
    /// - Parameter record: The record to write.
    /// - Throws: `JSONLinesWriterError` if a buffered chunk cannot be written.
    public func write(_ record: TruthRecord) throws(JSONLinesWriterError) {
        try writeLine(record.appendJSONLine)
    }
}
