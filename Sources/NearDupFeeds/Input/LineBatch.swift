/// Lines waiting to be parsed together: their bytes end to end in one buffer, where each ends,
/// and their line numbers.
///
/// ``JSONLinesReader`` copies non-blank lines here as they are split, and parses a full batch on
/// several threads at once, so the stream itself is only ever held one batch at a time.
struct LineBatch: Sendable {
    /// The size in bytes at which a batch is parsed: enough work to keep every core busy for far
    /// longer than starting the threads takes, little enough memory to hold twice over.
    static let defaultByteLimit = 4 << 20

    /// The lines' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each line ends in ``bytes`` (the next one starts there).
    private var ends: [Int] = []
    /// Each line's 1-based number in its input.
    private var numbers: [Int] = []

    /// The number of lines.
    var count: Int { numbers.count }

    /// The number of bytes held.
    var byteCount: Int { bytes.count }

    /// Copies `line` in as the last line.
    mutating func append(_ line: UnsafeRawBufferPointer, number: Int) {
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
        numbers.append(number)
    }

    /// Removes every line, keeping the buffers for the next batch.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each line in `range` (by position in the batch) and its number, in order.
    /// - Returns: The results of `body`, in order.
    func map<T>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer, Int) -> T) -> [T] {
        // Safety: ends[i] is bytes.count after line i was appended, so each line is start..<ends[index] within bytes.
        bytes.withUnsafeBytes { all in
            range.map { index in
                let start = index == 0 ? 0 : ends[index - 1]
                return body(UnsafeRawBufferPointer(rebasing: all[start..<ends[index]]), numbers[index])
            }
        }
    }
}
