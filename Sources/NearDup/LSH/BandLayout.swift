import Foundation

/// How the slots of a signature are cut into LSH bands: two items become a candidate pair when
/// all slots of at least one band agree.
///
/// Every slot is used: `fullBandCount` bands of `rowsPerBand` slots, then, when the slot count
/// is not a multiple of `rowsPerBand`, one last band of the remaining `remainderRows` slots.
/// For Jaccard similarity `J` a band of `r` rows agrees with probability `J^r`, so a pair becomes a
/// candidate with probability `1 − (1 − J^r)^b · (1 − J^rest)`.
public struct BandLayout: Sendable, Hashable {
    /// Slots per full band (`r` elsewhere).
    public let rowsPerBand: Int
    /// Bands of `rowsPerBand` slots (`b` elsewhere).
    public let fullBandCount: Int
    /// Slots of the last, shorter band; 0 when there is none.
    public let remainderRows: Int

    /// All bands, the shorter one included.
    public var bandCount: Int { fullBandCount + (remainderRows > 0 ? 1 : 0) }
    /// The slots the layout uses: always the whole signature.
    public var permutationCount: Int { rowsPerBand * fullBandCount + remainderRows }

    /// Creates a layout of `rowsPerBand`-slot bands over `permutationCount` slots.
    /// - Parameters:
    ///   - permutationCount: Slots per signature.
    ///   - rowsPerBand: Slots per band, 1 through `permutationCount`.
    public init(permutationCount: Int, rowsPerBand: Int) {
        precondition(rowsPerBand >= 1 && rowsPerBand <= permutationCount, "rows per band out of range")
        self.rowsPerBand = rowsPerBand
        self.fullBandCount = permutationCount / rowsPerBand
        self.remainderRows = permutationCount % rowsPerBand
    }

    /// Chooses the layout for a threshold: the most rows per band (fewest false candidates) for
    /// which a pair at exactly `threshold` still becomes a candidate with at least `candidateProbability`.
    /// - Parameters:
    ///   - permutationCount: Slots per signature.
    ///   - threshold: The Jaccard similarity that must be found.
    ///   - candidateProbability: The probability required at `threshold`, e.g. 0.95.
    /// - Returns: The chosen layout (one row per band if nothing else reaches the probability).
    /// - Complexity: O(*k*) for *k* slots.
    public static func forThreshold(
        _ threshold: Double, permutationCount: Int, candidateProbability: Double
    ) -> BandLayout {
        for rows in stride(from: permutationCount, through: 1, by: -1) {
            let layout = BandLayout(permutationCount: permutationCount, rowsPerBand: rows)
            if layout.candidateProbability(atJaccard: threshold) >= candidateProbability { return layout }
        }
        return BandLayout(permutationCount: permutationCount, rowsPerBand: 1)
    }

    /// The probability that a pair with Jaccard similarity `jaccard` becomes a candidate.
    /// - Parameter jaccard: A similarity in 0…1.
    /// - Returns: A probability in 0…1.
    public func candidateProbability(atJaccard jaccard: Double) -> Double {
        let j = min(max(jaccard, 0), 1)
        var missAll = pow(1 - pow(j, Double(rowsPerBand)), Double(fullBandCount))
        if remainderRows > 0 { missAll *= 1 - pow(j, Double(remainderRows)) }
        return 1 - missAll
    }

    /// The slot range of band `band`.
    func slots(ofBand band: Int) -> Range<Int> {
        let lower = band * rowsPerBand
        return lower..<min(lower + rowsPerBand, permutationCount)
    }
}
