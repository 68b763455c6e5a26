public import Foundation

/// One article to compare: an identifier, its text and the optional facts the
/// representative policy uses.
///
/// The text is held in memory, or, for documents loaded with
/// `InputOptions.TextStorage.spill(beyondBytes:directory:)` (NearDupFeeds), in a temporary file
/// and read back on each use; a document behaves the same either way.
///
/// A document can also carry its ``record``: bytes the engine never reads, such as the JSON Lines
/// line it was read from, so that whoever gets a result can write the record back whole.
public struct Document: Sendable, Hashable {
    /// Where a document's text is.
    private enum Storage: Sendable {
        case inMemory(String)
        /// `count` UTF-8 bytes at `offset` in `file`.
        case spilled(file: any SpilledTextFile, offset: Int, count: Int)
    }

    /// Where a document's record is.
    private enum RecordStorage: Sendable {
        case inMemory([UInt8])
        /// `count` bytes at `offset` in `file`.
        case spilled(file: any SpilledTextFile, offset: Int, count: Int)
    }

    /// A caller-chosen identifier, unique within one run (a JSON field, or a file's relative path).
    /// Ids are compared by their UTF-8 bytes, not by Unicode canonical equivalence.
    public var id: String
    /// When the article was published, if known; `RepresentativePolicy.earliest` prefers older ones.
    public var published: Date?
    /// Where the article came from (a site or feed name), if known; reported, never matched.
    public var source: String?
    private var storage: Storage
    private var recordStorage: RecordStorage?

    /// Creates a document.
    /// - Parameters:
    ///   - id: A caller-chosen identifier, unique within one run.
    ///   - text: The article's text; paragraphs are separated by newlines.
    ///   - published: When the article was published, if known.
    ///   - source: Where the article came from, if known.
    ///   - record: Bytes to carry along with the document, never read by the engine (see ``record``).
    public init(id: String, text: String, published: Date? = nil, source: String? = nil, record: [UInt8]? = nil) {
        self.id = id
        self.storage = .inMemory(text)
        self.published = published
        self.source = source
        self.recordStorage = record.map { .inMemory($0) }
    }

    /// Opaque bytes carried along with the document, or `nil`: the engine never reads them, and
    /// `==` and hashing ignore them.
    ///
    /// `DocumentLoader` (NearDupFeeds) puts here, when `InputOptions.keepsRecords` is set, the JSON
    /// Lines line each document was read from, exactly as read (without its line terminator), so
    /// that a result can be written back record by record without an id → record map. An embedder
    /// may put anything (a serialised record, a database key). A record moved to a temporary file
    /// with the text is read back on each use.
    /// - Complexity: O(1) when held in memory; O(*n*) (a read of the temporary file) when spilled.
    public var record: [UInt8]? {
        get {
            switch recordStorage {
            case nil: nil
            case .inMemory(let bytes)?: bytes
            case .spilled(let file, let offset, let count)?:
                [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    file.read(at: offset, into: buffer)
                    initialized = count
                }
            }
        }
        set { recordStorage = newValue.map { .inMemory($0) } }
    }

    /// The length of ``record`` (0 when there is none), without reading a spilled record back.
    package var recordByteCount: Int {
        switch recordStorage {
        case nil: 0
        case .inMemory(let bytes)?: bytes.count
        case .spilled(_, _, let count)?: count
        }
    }

    /// The article's text as scraped; paragraphs are separated by newlines.
    ///
    /// - Complexity: O(1) when held in memory; O(*n*) (a read of the temporary file) when spilled.
    public var text: String {
        get {
            switch storage {
            case .inMemory(let text): text
            case .spilled: withTextUTF8 { String(decoding: $0, as: UTF8.self) }
            }
        }
        set { storage = .inMemory(newValue) }
    }

    /// The UTF-8 length of ``text``, without reading a spilled text back.
    package var textByteCount: Int {
        switch storage {
        case .inMemory(let text): text.utf8.count
        case .spilled(_, _, let count): count
        }
    }

    /// The original text in a UTF-8 byte range, such as a paragraph's `byteRange`.
    /// - Parameter byteRange: Byte offsets into `text`'s UTF-8, on scalar boundaries.
    /// - Returns: That part of `text`, exactly as in the input.
    /// - Complexity: O(*n*) in the range's end offset (in its length for a spilled text).
    public func text(inBytes byteRange: Range<Int>) -> Substring {
        guard case .inMemory(let text) = storage else {
            return Substring(withTextUTF8(inBytes: byteRange) { String(decoding: $0, as: UTF8.self) })
        }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: byteRange.lowerBound)
        let upper = utf8.index(lower, offsetBy: byteRange.count)
        return text[lower..<upper]
    }

    /// Calls `body` with the UTF-8 bytes of the text, or of `byteRange` of it; a spilled text is read
    /// into a temporary buffer, only that range.
    package func withTextUTF8<Result>(
        inBytes byteRange: Range<Int>? = nil, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        switch storage {
        case .inMemory(var text):
            // Safety: byteRange is a span of this text (the splitter's); the spilled case checks it below.
            return try text.withUTF8 { utf8 in
                try body(byteRange.map { UnsafeBufferPointer(rebasing: utf8[$0]) } ?? utf8)
            }
        case .spilled(let file, let offset, let count):
            let range = byteRange ?? 0..<count
            precondition(range.upperBound <= count, "byte range \(range) is outside a text of \(count) bytes")
            // Safety: range.upperBound <= count (checked above): the read stays in this text and fills buffer.
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { buffer in
                file.read(at: offset + range.lowerBound, into: buffer)
                return try body(UnsafeBufferPointer(buffer))
            }
        }
    }

    /// This document with its text read from `file` instead, where the caller has written it:
    /// ``textByteCount`` bytes at `offset`.
    package func withText(spilledAt offset: Int, in file: any SpilledTextFile) -> Document {
        var copy = self
        copy.storage = .spilled(file: file, offset: offset, count: textByteCount)
        return copy
    }

    /// This document with its record read from `file` instead, where the caller has written it:
    /// ``recordByteCount`` bytes at `offset`.
    package func withRecord(spilledAt offset: Int, in file: any SpilledTextFile) -> Document {
        var copy = self
        copy.recordStorage = .spilled(file: file, offset: offset, count: recordByteCount)
        return copy
    }

    /// Documents are equal when their ids (as bytes), texts, times and sources are, wherever the texts
    /// are held; their ``record``s are not compared.
    public static func == (lhs: Document, rhs: Document) -> Bool {
        guard BytewiseID(lhs.id) == BytewiseID(rhs.id), lhs.published == rhs.published, lhs.source == rhs.source,
            lhs.textByteCount == rhs.textByteCount
        else { return false }
        return lhs.withTextUTF8 { left in rhs.withTextUTF8 { right in left.elementsEqual(right) } }
    }

    /// Hashes what `==` compares, the text by its bytes wherever it is held.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(BytewiseID(id))
        withTextUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(published)
        hasher.combine(source)
    }
}

// MARK: -

/// A file that holds documents' texts out of memory, read back on each use (the feed reader's
/// temporary text file).
package protocol SpilledTextFile: AnyObject, Sendable {
    /// Copies `buffer.count` bytes from `offset` into `buffer`; the bytes were written earlier.
    func read(at offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>)
}
