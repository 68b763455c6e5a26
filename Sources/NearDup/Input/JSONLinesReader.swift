import Foundation

/// Reads JSON Lines records into a ``LoadSession``: one object per line, blank lines ignored.
struct JSONLinesReader {
    let options: InputOptions
    let chunkSize: Int

    /// Reads every record from `descriptor` until end of file.
    /// - Parameters:
    ///   - descriptor: An open file descriptor; it is not closed.
    ///   - name: The input's name in messages (the path, or `<stdin>`).
    ///   - session: Receives the documents and issues.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a bad record unless skipping;
    ///   ``InputError/readFailed(path:reason:)`` if reading fails.
    /// - Complexity: O(*n*) in the input's length; memory O(`chunkSize` + longest line).
    func read(descriptor: Int32, name: String, into session: inout LoadSession) throws(InputError) {
        var splitter = LineSplitter()
        let failure = try FileDescriptorReader.forEachChunk(of: descriptor, chunkSize: chunkSize) {
            (chunk) throws(InputError) in
            try splitter.feed(chunk) { (line, number) throws(InputError) in
                try readRecord(line, number: number, name: name, into: &session)
            }
        }
        if let failure { throw .readFailed(path: name, reason: failure.message) }
        try splitter.finish { (line, number) throws(InputError) in
            try readRecord(line, number: number, name: name, into: &session)
        }
    }

    /// Reads every record from in-memory `bytes`, in chunks like a file.
    /// - Throws: ``InputError/invalidRecord(_:)`` for a bad record unless skipping.
    /// - Complexity: O(*n*) in the number of bytes.
    func read(bytes: some Sequence<UInt8>, name: String, into session: inout LoadSession) throws(InputError) {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(InputError) in
                try read(contiguous: UnsafeRawBufferPointer(buffer), name: name, into: &session)
            }
        }
        if let contiguous { return try contiguous.get() }
        var splitter = LineSplitter()
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Swift.min(chunkSize, 1 << 16))
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == chunkSize {
                try feed(chunk, to: &splitter, name: name, into: &session)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try feed(chunk, to: &splitter, name: name, into: &session)
        try splitter.finish { (line, number) throws(InputError) in
            try readRecord(line, number: number, name: name, into: &session)
        }
    }

    /// Reads contiguous bytes, handing them to the line splitter in `chunkSize` slices.
    private func read(
        contiguous bytes: UnsafeRawBufferPointer,
        name: String,
        into session: inout LoadSession
    ) throws(InputError) {
        var splitter = LineSplitter()
        var start = 0
        while start < bytes.count {
            let end = Swift.min(start + chunkSize, bytes.count)
            try splitter.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                (line, number) throws(InputError) in
                try readRecord(line, number: number, name: name, into: &session)
            }
            start = end
        }
        try splitter.finish { (line, number) throws(InputError) in
            try readRecord(line, number: number, name: name, into: &session)
        }
    }

    private func feed(
        _ chunk: [UInt8],
        to splitter: inout LineSplitter,
        name: String,
        into session: inout LoadSession
    ) throws(InputError) {
        try chunk.withBytes { (bytes) throws(InputError) in
            try splitter.feed(bytes) { (line, number) throws(InputError) in
                try readRecord(line, number: number, name: name, into: &session)
            }
        }
    }

    /// Turns one line into a document, or reports why it cannot be one.
    func readRecord(
        _ line: UnsafeRawBufferPointer,
        number: Int,
        name: String,
        into session: inout LoadSession
    ) throws(InputError) {
        if LineSplitter.isBlank(line) { return }
        session.countRecord()
        let hadInvalidUTF8 = !UTF8Repair.isValid(line)
        let document: Document
        do {
            if hadInvalidUTF8 {
                let repaired = Array(String(decoding: line, as: UTF8.self).utf8)
                document = try repaired.withBytes { (bytes) throws(RecordProblem) in try self.document(from: bytes) }
            } else {
                document = try self.document(from: line)
            }
        } catch {
            try session.reject(InputIssue(file: name, line: number, problem: error.problem))
            return
        }
        try session.add(document, file: name, line: number, hadInvalidUTF8: hadInvalidUTF8)
    }

    /// The fields read from every record, in this order.
    private var fieldNames: [String] {
        [options.idField, options.textField, options.timeField, options.sourceField].compactMap { $0 }
    }

    private func document(from line: UnsafeRawBufferPointer) throws(RecordProblem) -> Document {
        let values = try JSONRecordParser.parse(line, fields: fieldNames)
        let id: String
        switch values[0] {
        case nil: throw RecordProblem(.missingField(options.idField))
        case .string(let text)?: id = text
        case .integer(let digits)?: id = digits
        case _?: throw RecordProblem(.fieldNotAString(options.idField))
        }
        let text: String
        switch values[1] {
        case nil: throw RecordProblem(.missingField(options.textField))
        case .string(let string)?: text = string
        case _?: throw RecordProblem(.fieldNotAString(options.textField))
        }
        var next = 2
        var published: Date?
        if options.timeField != nil {
            published = try Self.date(from: values[next])
            next += 1
        }
        var source: String?
        if let sourceField = options.sourceField {
            switch values[next] {
            case nil, .null?: source = nil
            case .string(let string)?: source = string
            case _?: throw RecordProblem(.fieldNotAString(sourceField))
            }
        }
        return Document(id: id, text: text, published: published, source: source)
    }

    /// Reads a time field: a number of seconds since 1970, or an ISO 8601 string.
    /// - Throws: `.invalidTime` for any other value.
    static func date(from value: JSONFieldValue?) throws(RecordProblem) -> Date? {
        switch value {
        case nil, .null?:
            return nil
        case .integer(let digits)?:
            guard let seconds = Double(digits) else { throw RecordProblem(.invalidTime(digits)) }
            return Date(timeIntervalSince1970: seconds)
        case .number(let seconds)?:
            return Date(timeIntervalSince1970: seconds)
        case .string(let text)?:
            guard let seconds = TimestampParser.secondsSince1970(parsing: text) else {
                throw RecordProblem(.invalidTime(JSONFieldValue.string(text).jsonText))
            }
            return Date(timeIntervalSince1970: seconds)
        case let other?:
            throw RecordProblem(.invalidTime(other.jsonText))
        }
    }
}
