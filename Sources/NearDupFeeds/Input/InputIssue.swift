/// One problem found in the input: the file, the 1-based line, and what is wrong.
///
/// Its ``description`` reads like a compiler diagnostic, e.g.
/// `feed.jsonl:3: duplicate id "a1" (first seen at feed.jsonl:1)`.
public struct InputIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it (`<stdin>` for standard input); for a text file found in
    /// a folder, the folder's path joined with the file's relative path.
    public var file: String
    /// The 1-based line of a JSON Lines record, or `nil` for a problem with a whole file.
    public var line: Int?
    /// What is wrong.
    public var problem: Problem

    /// What is wrong with a record or a file.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The line is not valid JSON; the payload is the parser's explanation.
        case malformedJSON(String)
        /// The line is valid JSON but not an object.
        case notAnObject
        /// A required field (the id or the text) is absent.
        case missingField(String)
        /// A field has the wrong type: the text or source is not a string, or the id is neither
        /// a string nor an integer.
        case fieldNotAString(String)
        /// A dotted field name (`field`) cannot be read: the member at `at`, on its path, is
        /// neither an object nor `null`.
        case pathThroughNonObject(field: String, at: String)
        /// The id field (named by the payload) is a number that is not an integer that fits in
        /// 64 bits (from -2^63 to 2^64 - 1): a fraction, an exponent, or too many digits.
        case idNotAnInteger(String)
        /// The id was already used by an earlier record, at `firstSeenAt` (`file:line`, or just
        /// `file` for a text file).
        case duplicateID(String, firstSeenAt: String)
        /// The time field is neither a number nor a date string NearDup reads (ISO 8601 or
        /// RFC 2822); the payload is the value.
        case invalidTime(String)
        /// The time field (the value, as JSON) names a time outside the years 1900 to 2200: a number
        /// read as `unit`s since 1970 (`nil` for a date string); `suggestedUnit` is a finer unit
        /// under which the number would be in those years, if there is one.
        case timeOutOfRange(String, unit: TimeUnit?, suggestedUnit: TimeUnit?)
        /// The file or folder cannot be read; the payload is the operating system's reason.
        case unreadable(String)
        /// The record (a JSON Lines line or a `.txt` file) is longer than
        /// ``InputOptions/maxDocumentBytes``; it was dropped unread.
        case tooLarge(byteCount: Int, limit: Int)
        /// The file is an archive in a compressed format that is not read (the payload names it:
        /// `zip`), not JSON Lines; none of it was read. gzip, zstd, xz and bzip2 are decompressed.
        case compressed(String)
        /// The file is Apache Parquet, not JSON Lines; none of it was read.
        case parquet
        /// The file's compressed stream (`format`: `gzip`, `zstd`, `xz` or `bzip2`) is corrupt or
        /// truncated; `reason` is the library's explanation. The records before it were read.
        case corruptCompressed(format: String, reason: String)

        /// A stable name for the kind of problem, for machines: `malformed_json`, `not_an_object`,
        /// `missing_field`, `wrong_type`, `duplicate_id`, `invalid_time`, `unreadable`,
        /// `too_large`, `compressed`, `parquet` or `corrupt_compressed`.
        public var code: String {
            switch self {
            case .malformedJSON: "malformed_json"
            case .notAnObject: "not_an_object"
            case .missingField: "missing_field"
            case .fieldNotAString, .idNotAnInteger, .pathThroughNonObject: "wrong_type"
            case .duplicateID: "duplicate_id"
            case .invalidTime, .timeOutOfRange: "invalid_time"
            case .unreadable: "unreadable"
            case .tooLarge: "too_large"
            case .compressed: "compressed"
            case .parquet: "parquet"
            case .corruptCompressed: "corrupt_compressed"
            }
        }

        /// A command that converts a Parquet file to JSON Lines.
        static let parquetConversion =
            "duckdb -c \"COPY (SELECT * FROM 'FILE.parquet') TO 'FILE.jsonl' (FORMAT JSON)\""

        /// A short explanation, e.g. `missing field "text"`.
        public var description: String {
            switch self {
            case .malformedJSON(let detail):
                return "malformed JSON (\(detail))"
            case .notAnObject:
                return "not a JSON object"
            case .missingField(let field):
                return "missing field \"\(field)\""
            case .fieldNotAString(let field):
                return "field \"\(field)\" is not a string"
            case .pathThroughNonObject(let field, let member):
                return "field \"\(field)\" cannot be read: \"\(member)\" is not an object"
            case .idNotAnInteger(let field):
                return "field \"\(field)\" is a number but not an integer from -9223372036854775808 to "
                    + "18446744073709551615 (write such an id as a JSON string)"
            case .duplicateID(let id, let firstSeenAt):
                return "duplicate id \"\(id)\" (first seen at \(firstSeenAt))"
            case .invalidTime(let value):
                return "invalid time \(value) (expected a number of seconds since 1970, an ISO 8601 date such as "
                    + "2025-04-28T04:39:00Z or 2025-04-28, or an RFC 2822 date such as Mon, 28 Apr 2025 04:39:00 GMT)"
            case .timeOutOfRange(let value, let unit, let suggested):
                let years = PublicationTime.acceptedYears
                let read = unit.map { " read as \($0.name) since 1970" } ?? ""
                let hint =
                    suggested.map {
                        "; if it counts \($0.name), set the time unit to \($0.rawValue) (--time-unit \($0.rawValue))"
                    } ?? ""
                return
                    "invalid time \(value)\(read): outside the years \(years.lowerBound) to \(years.upperBound)\(hint)"
            case .unreadable(let reason):
                return "cannot read file (\(reason))"
            case .tooLarge(let byteCount, let limit):
                return "record of \(byteCount) bytes is over the limit of \(limit) bytes (not read)"
            case .compressed(let format):
                return "the file is a \(format) archive, not JSON Lines (extract it first, e.g. "
                    + "unzip -p FILE.zip > FILE.jsonl)"
            case .parquet:
                return "the file is Parquet, not JSON Lines (convert it first, e.g. "
                    + Self.parquetConversion + ")"
            case .corruptCompressed(let format, let reason):
                return "the \(format) stream cannot be decompressed: \(reason) (the records before this line were read)"
            }
        }
    }

    /// Creates an issue.
    /// - Parameters:
    ///   - file: The file as the caller named it.
    ///   - line: The 1-based line, or `nil` for a problem with a whole file.
    ///   - problem: What is wrong.
    public init(file: String, line: Int?, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// Where the problem is, as `file:line` or `file`.
    public var location: String {
        Self.location(file: file, line: line)
    }

    /// `file:line`, or `file` when `line` is `nil`.
    package static func location(file: String, line: Int?) -> String {
        guard let line else { return file }
        return "\(file):\(line)"
    }

    /// The location followed by the problem, e.g. `feed.jsonl:9: missing field "text"`.
    public var description: String {
        "\(location): \(problem)"
    }
}
