/// How much memory a scan needs, as measured on generated news feeds (README, "Memory"): the
/// peak resident size is about 1.9 bytes per byte of document text held in memory (the text
/// itself, and about 0.8 bytes of per-paragraph records, LSH keys, the shingle sets being verified
/// and the report), 0.8 bytes per byte of text moved to a temporary file
/// (``InputOptions/TextStorage/spill(beyondBytes:directory:)``), plus about 64 MiB for the
/// program and its buffers.
///
/// Use it to refuse an input before it exhausts memory, e.g. with
/// ``InputOptions/maxTotalTextBytes``.
public enum MemoryEstimate {
    /// Peak bytes of memory per byte of document text held in memory.
    public static let bytesPerTextByte = 1.9
    /// Peak bytes of memory per byte of document text moved to a temporary file.
    public static let bytesPerSpilledTextByte = 0.8
    /// Peak bytes of memory needed whatever the input.
    public static let baseBytes = 64 << 20
    /// Peak bytes of memory per byte of one record (a JSON Lines line or a `.txt` file) while it is
    /// read: the line as it arrives, its copy in the batch being parsed and its decoded text
    /// (measured: 774 MB of peak resident memory to read a 256 MB line).
    public static let bytesPerRecordByte = 3.0

    /// The estimated peak memory of a scan of `textBytes` bytes of document text, of which at most
    /// `heldInMemory` bytes stay in memory (the rest moved to a temporary file).
    public static func peakBytes(forTextBytes textBytes: Int, heldInMemory: Int = .max) -> Int {
        let held = Double(min(textBytes, heldInMemory))
        let spilled = Double(textBytes) - held
        return baseBytes + Int((held * bytesPerTextByte + spilled * bytesPerSpilledTextByte).rounded(.up))
    }

    /// The longest record that can be read within `memory` bytes (at least 0), for
    /// ``InputOptions/maxRecordBytes``.
    public static func recordBytes(fittingIn memory: Int) -> Int {
        max(0, Int((Double(memory - baseBytes) / bytesPerRecordByte).rounded(.down)))
    }

    /// The most document text a scan can take within `memory` bytes (at least 0), when at most
    /// `heldInMemory` bytes of it stay in memory.
    public static func textBytes(fittingIn memory: Int, heldInMemory: Int = .max) -> Int {
        let room = Double(memory - baseBytes)
        let heldRoom = Double(heldInMemory) * bytesPerTextByte
        guard room > heldRoom else { return max(0, Int((room / bytesPerTextByte).rounded(.down))) }
        return heldInMemory + Int(((room - heldRoom) / bytesPerSpilledTextByte).rounded(.down))
    }
}
