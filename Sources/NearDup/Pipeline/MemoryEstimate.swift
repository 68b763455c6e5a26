/// How much memory a scan needs, as measured on generated news feeds (README, "Memory"): the
/// peak resident size is about 2.5 bytes per byte of document text (the text itself, about 1.4
/// bytes per byte of signatures, band keys and paragraph records at 128 permutations, and the
/// shingle sets of candidates), plus about 64 MiB for the program and its buffers.
///
/// Use it to refuse an input before it exhausts memory, e.g. with
/// ``InputOptions/maxTotalTextBytes``.
public enum MemoryEstimate {
    /// Peak bytes of memory per byte of document text.
    public static let bytesPerTextByte = 2.5
    /// Peak bytes of memory needed whatever the input.
    public static let baseBytes = 64 << 20

    /// The estimated peak memory of a scan of `textBytes` bytes of document text.
    public static func peakBytes(forTextBytes textBytes: Int) -> Int {
        baseBytes + Int((Double(textBytes) * bytesPerTextByte).rounded(.up))
    }

    /// The most document text a scan can take within `memory` bytes (at least 0).
    public static func textBytes(fittingIn memory: Int) -> Int {
        max(0, Int((Double(memory - baseBytes) / bytesPerTextByte).rounded(.down)))
    }
}
