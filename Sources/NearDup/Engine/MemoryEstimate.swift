/// How much memory a scan needs, as measured on generated news feeds (<doc:Memory>): the
/// peak resident size is about 1.9 bytes per byte of document text held in memory (the text
/// itself, and about 0.8 bytes of per-paragraph records, LSH keys, the shingle sets being verified
/// and the report), 0.8 bytes per byte of text moved to a temporary file
/// (`InputOptions.TextStorage.spill(beyondBytes:directory:)`), plus about 64 MiB for the
/// program and its buffers.
///
/// Use it to refuse an input before it exhausts memory, e.g. with
/// `InputOptions.maxTotalTextBytes`.
public enum MemoryEstimate {
    /// Peak bytes of memory per byte of document text held in memory.
    public static let bytesPerTextByte = 1.9
    /// Peak bytes of memory per byte of document text moved to a temporary file.
    public static let bytesPerSpilledTextByte = 0.8
    /// Peak bytes of memory needed whatever the input.
    public static let baseBytes = 64 << 20
    /// Peak bytes of memory per paragraph coverage found while linking documents (a paragraph of
    /// one document matched in another; at most 2 × 16 per paragraph): the coverage, its sorted
    /// copy, and its share of the document link it ends up in. The scan checks it against
    /// `NearDupEngine.memoryLimit` once the coverages are counted, before the links are built.
    public static let bytesPerParagraphCoverage = 96
    /// Peak bytes of memory per whole-document candidate pair (the pair, its whole-text Jaccard, and
    /// the link it may become), checked at the same time.
    public static let bytesPerDocumentPair = 160
    /// Peak bytes of memory per byte of one record (a JSON Lines line or a `.txt` file) while it is
    /// read: the line as it arrives, its copy in the batch being parsed and its decoded text
    /// (measured: 774 MB of peak resident memory to read a 256 MB line).
    public static let bytesPerRecordByte = 3.0

    /// The estimated peak memory of a scan of `textBytes` bytes of document text, of which at most
    /// `heldInMemory` bytes stay in memory (the rest moved to a temporary file).
    public static func peakBytes(forTextBytes textBytes: Int, heldInMemory: Int = .max) -> Int {
        let held = Double(min(textBytes, heldInMemory))
        let spilled = Double(textBytes) - held
        return saturatingSum(baseBytes, (held * bytesPerTextByte + spilled * bytesPerSpilledTextByte).rounded(.up))
    }

    /// The longest record that can be read within `memory` bytes (at least 0), for
    /// `InputOptions.maxRecordBytes`.
    public static func recordBytes(fittingIn memory: Int) -> Int {
        max(0, Int((Double(memory - baseBytes) / bytesPerRecordByte).rounded(.down)))
    }

    /// The most document text a scan can take within `memory` bytes (at least 0), when at most
    /// `heldInMemory` bytes of it stay in memory.
    public static func textBytes(fittingIn memory: Int, heldInMemory: Int = .max) -> Int {
        let room = Double(memory - baseBytes)
        let heldRoom = Double(heldInMemory) * bytesPerTextByte
        guard room > heldRoom else { return saturatingSum(0, max(0, (room / bytesPerTextByte).rounded(.down))) }
        return saturatingSum(heldInMemory, ((room - heldRoom) / bytesPerSpilledTextByte).rounded(.down))
    }

    /// `whole + part` (`part` a whole number, at least 0), or `Int.max` if larger: a limit beyond
    /// any machine's memory (`--memory-limit 8E`) means no limit, not a crash.
    private static func saturatingSum(_ whole: Int, _ part: Double) -> Int {
        guard part < 0x1p63 else { return .max }
        let (sum, overflow) = whole.addingReportingOverflow(Int(part))
        return overflow ? .max : sum
    }
}
