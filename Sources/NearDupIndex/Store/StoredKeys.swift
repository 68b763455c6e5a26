import Foundation
import NearDup

/// The `keys` blob of an article: for each matchable paragraph its ordinal and its band keys, then
/// its whole-text band keys if it has a signature, then the values of its rewrite sample keys
/// (`BandKey.init(rewriteSample:)`); all `UInt32` little-endian. Read to load recent
/// articles' keys and to merge them into a run, so no article is ever shingled twice.
enum StoredKeys {
    /// The blob of an article with `paragraphs` (ordinal and band keys of each matchable one), the
    /// whole-text band keys `document` (empty without a signature) and the rewrite sample key
    /// values `samples`.
    static func encode(paragraphs: [(ordinal: Int, keys: [UInt32])], document: [UInt32], samples: [UInt32]) -> Data {
        var words: [UInt32] = []
        for (ordinal, keys) in paragraphs {
            words.append(UInt32(ordinal))
            words += keys
        }
        words += document
        words += samples
        #if _endian(big)
            words = words.map(\.littleEndian)
        #endif
        // Safety: the bytes are copied into the `Data` while `words` is alive.
        return words.withUnsafeBytes { Data($0) }
    }

    /// Appends the article's entries to `entries`; `false` if the blob does not fit the counts.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, number: Int64, matchable: Int, signed: Bool, samples: Int, bands: Int,
        into entries: inout [BandEntry]
    ) -> Bool {
        guard matchable >= 0, matchable <= bytes.count / 4, samples >= 0, samples <= bytes.count / 4 else {
            return false
        }
        let expected = matchable * (1 + bands) + (signed ? bands : 0) + samples
        guard bytes.count == expected * 4 else { return false }
        // Safety: `bytes.count == expected * 4` (checked above) and every word read is below `expected`.
        func word(_ index: Int) -> UInt32 {
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
        }
        entries.reserveCapacity(entries.count + expected)
        var index = 0
        for _ in 0..<matchable {
            let ordinal = Int(word(index))
            guard ordinal <= IndexSchema.maximumOrdinal else { return false }
            let reference = IndexSchema.paragraphReference(document: number, ordinal: ordinal)
            for band in 0..<bands {
                entries.append(
                    BandEntry(
                        key: BandKey(band: band, kind: .paragraph, value: word(index + 1 + band)).indexValue,
                        reference: reference))
            }
            index += 1 + bands
        }
        if signed {
            for band in 0..<bands {
                entries.append(
                    BandEntry(
                        key: BandKey(band: band, kind: .wholeText, value: word(index + band)).indexValue,
                        reference: number))
            }
            index += bands
        }
        for sample in 0..<samples {
            entries.append(
                BandEntry(
                    key: BandKey(band: 0, kind: .rewriteSample, value: word(index + sample)).indexValue,
                    reference: number))
        }
        return true
    }
}
