import Testing

@testable import NearDup

@Suite struct BandKeyTests {
    static let keys = [
        BandKey(band: 0, kind: .paragraph, value: 0),
        BandKey(band: 3, kind: .paragraph, value: 0xDEAD_BEEF),
        BandKey(band: 17, kind: .wholeText, value: 1),
        BandKey(band: 255, kind: .wholeText, value: .max),
    ]

    @Test(arguments: keys)
    func indexValueRoundTrips(key: BandKey) {
        #expect(BandKey(indexValue: key.indexValue) == key)
        #expect(BandKey.isWholeText(indexValue: key.indexValue) == (key.kind == .wholeText))
    }

    @Test(arguments: keys)
    func tokenRoundTrips(key: BandKey) {
        #expect(BandKey(token: key.token) == key)
    }

    /// The layouts the index file and `neardup bands` have always used: `kind << 48 | band << 32 |
    /// value` and `bit40 | band << 32 | value`.
    @Test func encodingsKeepTheirLayouts() {
        let paragraph = BandKey(band: 5, kind: .paragraph, value: 0x1234_5678)
        let wholeText = BandKey(band: 5, kind: .wholeText, value: 0x1234_5678)
        #expect(paragraph.indexValue == 0x0000_0005_1234_5678)
        #expect(wholeText.indexValue == 0x0001_0005_1234_5678)
        #expect(paragraph.token == 0x05_1234_5678)
        #expect(wholeText.token == 0x105_1234_5678)
        #expect(String(wholeText.token, radix: 16) == "10512345678")
    }

    /// Each value is the low 32 bits of the XXH3 of the band's slots, seeded with the band.
    @Test func valuesHashTheBandsSlots() {
        let layout = BandLayout(permutationCount: 12, rowsPerBand: 3)
        let signature: [UInt32] = (0..<12).map { $0 &* 0x9E37_79B9 }
        var values: [UInt32] = [7]
        BandKey.appendValues(of: signature, layout: layout, to: &values)
        #expect(values.count == 1 + layout.bandCount)
        #expect(values[0] == 7)
        for band in 0..<layout.bandCount {
            let bytes = signature[layout.slots(ofBand: band)].flatMap { slot in
                (0..<4).map { UInt8(truncatingIfNeeded: slot >> (8 * $0)) }
            }
            let hash = bytes.withUnsafeBytes { XXH3.hash($0, seed: UInt64(band)) }
            #expect(values[1 + band] == UInt32(truncatingIfNeeded: hash))
        }
    }

    /// A rewrite sample's token: bit 61 set, bits 0–60 the sample's hash shifted right by 3; every
    /// sample round-trips, and no band key's token reads as a sample.
    @Test func sampleTokensKeepTheirLayoutAndStayApartFromBandKeys() {
        let sample: UInt64 = 0xFEDC_BA98_7654_3210
        #expect(RewriteSampling.isSample(sample))
        #expect(BandKey.sampleToken(ofSample: sample) == 0x3FDB_9753_0ECA_8642)
        #expect(String(BandKey.sampleToken(ofSample: 8), radix: 16) == "2000000000000001")
        for sample in [0, 8, sample, UInt64.max << 3] {
            #expect(BandKey.sample(ofToken: BandKey.sampleToken(ofSample: sample)) == sample)
        }
        for key in Self.keys { #expect(BandKey.sample(ofToken: key.token) == nil) }
        #expect(BandKey.sample(ofToken: 0x6000_0000_0000_0001) == nil)
        #expect(BandKey.sample(ofToken: 0xA000_0000_0000_0001) == nil)
    }
}
