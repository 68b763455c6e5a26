/// A fuzzer's input: a few leading bytes pick options, the rest is the payload.
///
/// Reading past the end gives zeros, so every input, even an empty one, picks some options and the
/// fuzzer's mutations of the leading bytes explore the options while the rest explores the data.
public struct FuzzInput {
    /// The whole input.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// How many leading bytes the options have taken.
    public private(set) var consumed = 0

    /// Wraps libFuzzer's arguments.
    /// - Parameters:
    ///   - data: The input's first byte (may be dangling when `size` is 0).
    ///   - size: The input's length.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
    }

    /// The next option byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard consumed < bytes.count else { return 0 }
        defer { consumed += 1 }
        return bytes[consumed]
    }

    /// One of `choices`, picked by the next option byte.
    /// - Precondition: `choices` is not empty.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }

    /// The bytes after the option bytes taken so far.
    public var payload: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[consumed...])
    }
}

/// Stops the fuzzer with `message` when an invariant does not hold, so libFuzzer reports a crash
/// and saves the input.
/// - Parameters:
///   - condition: The invariant.
///   - message: What broke, evaluated only on failure.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    fatalError("invariant violated: \(message())")
}

/// Whether `range` of the UTF-8 `bytes` starts and ends on scalar boundaries (not before a
/// continuation byte) and lies inside them.
/// - Parameters:
///   - range: Byte offsets into `bytes`.
///   - bytes: Valid UTF-8.
public func isOnScalarBoundaries<Bytes: RandomAccessCollection<UInt8>>(_ range: Range<Int>, of bytes: Bytes) -> Bool
where Bytes.Index == Int {
    func isBoundary(_ offset: Int) -> Bool { offset == bytes.endIndex || bytes[offset] & 0xC0 != 0x80 }
    return range.lowerBound >= 0 && range.upperBound <= bytes.endIndex && isBoundary(range.lowerBound)
        && isBoundary(range.upperBound)
}
