/// One LSH band key: the band it belongs to, whether it comes from a paragraph's signature or a
/// whole text's, and its 32-bit value. The one home of how a key is hashed from signature slots and
/// of its two encodings: the index's `Int64` and the hexadecimal token of `neardup bands`, and of
/// the token `neardup bands` prints for a rewrite sample (``sampleToken(ofSample:)``).
///
/// The value is the low 32 bits of the XXH3 of the band's slots (little-endian `UInt32`s), seeded
/// with the band's index (see `SignatureFormat`). 32-bit values halve the memory; the few unrelated
/// items they put in one bucket become extra candidates that exact verification rejects.
package struct BandKey: Hashable, Sendable {
    /// Whose signature a key is of.
    package enum Kind: Int64, Sendable {
        /// A matchable paragraph's signature.
        case paragraph = 0
        /// A whole text's signature (the slot-wise minimum of its paragraphs').
        case wholeText = 1
        /// A word 3-gram sample of a whole text (`RewriteSampling`), in band 0: the index's rewrite
        /// candidates. Never in a `bands` token.
        case rewriteSample = 2
    }

    /// The band, below `BandLayout.bandCount` (at most 65,535 in the index encoding, 255 in a token).
    package let band: Int
    package let kind: Kind
    /// The band's 32-bit hash.
    package let value: UInt32

    @inlinable
    package init(band: Int, kind: Kind, value: UInt32) {
        self.band = band
        self.kind = kind
        self.value = value
    }

    /// The key of the word 3-gram sample whose hash is `hash` (`RewriteSampling.isSample(_:)`): the
    /// 32 bits above the sampling bits, which are always clear, in band 0.
    @inlinable
    package init(rewriteSample hash: UInt64) {
        self.init(
            band: 0, kind: .rewriteSample,
            value: UInt32(truncatingIfNeeded: hash >> Self.sampleShift))
    }

    // MARK: - Hashing

    /// Appends the `layout.bandCount` key values of `signature` (one per band, in band order).
    /// - Complexity: O(*k*) for *k* slots.
    package static func appendValues(of signature: [UInt32], layout: BandLayout, to values: inout [UInt32]) {
        signature.withUnsafeBytes { raw in
            // Safety: `layout.slots(ofBand:)` lies within the signature's `permutationCount` slots.
            for band in 0..<layout.bandCount {
                let slots = layout.slots(ofBand: band)
                let hash = XXH3.hash(
                    raw.baseAddress.map { $0 + slots.lowerBound * 4 }, count: slots.count * 4, seed: UInt64(band))
                values.append(UInt32(truncatingIfNeeded: hash))
            }
        }
    }

    // MARK: - The index's encoding

    /// Where the kind starts in ``indexValue``.
    package static let indexKindShift: Int64 = 48
    /// The bits of the band in ``indexValue``, once shifted down by 32.
    package static let indexBandMask: Int64 = 0xFFFF

    /// The key as the index stores and sorts it: `kind << 48 | band << 32 | value`.
    @inlinable
    package var indexValue: Int64 { kind.rawValue << Self.indexKindShift | Int64(band) << 32 | Int64(value) }

    /// The key whose ``indexValue`` is `indexValue`.
    @inlinable
    package init(indexValue: Int64) {
        self.init(
            band: Int((indexValue >> 32) & Self.indexBandMask),
            kind: Kind(rawValue: indexValue >> Self.indexKindShift) ?? .paragraph,
            value: UInt32(truncatingIfNeeded: indexValue))
    }

    /// Whether `indexValue` is the ``indexValue`` of a whole-text key.
    @inlinable
    package static func isWholeText(indexValue: Int64) -> Bool {
        indexValue >> indexKindShift == Kind.wholeText.rawValue
    }

    /// Whether the ``indexValue`` `indexValue` is of a key that stands for a whole document (a
    /// whole-text key or a rewrite sample), not for one of its paragraphs.
    @inlinable
    package static func isOfDocument(indexValue: Int64) -> Bool {
        indexValue >> indexKindShift != Kind.paragraph.rawValue
    }

    // MARK: - The `bands` token

    /// The key as `neardup bands` prints it (in hexadecimal): bits 0–31 the value, bits 32–39 the
    /// band, bit 40 set for a whole-text key.
    @inlinable
    package var token: UInt64 { UInt64(kind.rawValue) << 40 | UInt64(band) << 32 | UInt64(value) }

    /// The key whose ``token`` is `token`.
    @inlinable
    package init(token: UInt64) {
        self.init(
            band: Int((token >> 32) & 0xFF), kind: token >> 40 & 1 == 1 ? .wholeText : .paragraph,
            value: UInt32(truncatingIfNeeded: token))
    }

    // MARK: - Rewrite sample tokens

    /// Set in a token of a rewrite sample, and in no band key's token (those end at bit 40).
    package static let sampleTokenBit: UInt64 = 1 << 61

    /// The `neardup bands` token of the rewrite sample `sample` (`RewriteSampling`): bit 61 set,
    /// bits 0–60 the sample's hash shifted right by 3 (its low 3 bits are always clear), so that
    /// distinct samples have distinct tokens and no token of a band key.
    @inlinable
    package static func sampleToken(ofSample sample: UInt64) -> UInt64 { sampleTokenBit | sample >> sampleShift }

    /// The rewrite sample whose token is `token`, or `nil` if `token` is not a sample's token.
    @inlinable
    package static func sample(ofToken token: UInt64) -> UInt64? {
        token >> 61 == 1 ? token << sampleShift : nil
    }

    /// The bits every sample has clear (`RewriteSampling.sampleMask`), shifted out of its key and token.
    @usableFromInline
    static let sampleShift = RewriteSampling.sampleMask.nonzeroBitCount
}
