import CNearDupKernels

/// Hashes the shingles (word or character n-grams) of normalized text, each exactly once, with
/// XXH3-64 and the format's fixed seed.
///
/// A word shingle is the byte run `w[i] … w[i+n-1]` of the normalized text (words joined by one
/// space), so it hashes the same bytes whatever the original punctuation was. A character shingle
/// is a run of `n` Unicode scalars of that text. Text with fewer than `n` units but at least one
/// gives one shingle: the whole normalized text.
struct Shingler: Sendable {
    let kind: ShingleKind
    let seed: UInt64

    /// Appends the hashes of the shingles of `normalizer`'s current text to `hashes`, in text
    /// order, repeats included (`sortAndUnique` turns them into a set; MinHash does not need one).
    /// - Complexity: O(*m*) for *m* shingles.
    func appendShingleHashes(of normalizer: TextNormalizer, to hashes: inout [UInt64]) {
        normalizer.bytes.withUnsafeBytes { text in
            guard let base = text.baseAddress, !text.isEmpty else { return }
            switch kind {
            case .words(let n):
                let starts = normalizer.wordStarts
                let ends = normalizer.wordEnds
                if starts.count < n {
                    hashes.append(XXH3.hash(base, count: text.count, seed: seed))
                    return
                }
                // Safety: word offsets come from the normalizer of these bytes, so lower <= upper <= text.count.
                for first in 0...(starts.count - n) {
                    let lower = Int(starts[first])
                    let upper = Int(ends[first + n - 1])
                    hashes.append(XXH3.hash(base + lower, count: upper - lower, seed: seed))
                }
            case .characters(let n):
                appendCharacterShingles(text, base: base, n: n, to: &hashes)
            }
        }
    }

    private func appendCharacterShingles(
        _ text: UnsafeRawBufferPointer, base: UnsafeRawPointer, n: Int, to hashes: inout [UInt64]
    ) {
        var scalarStarts: [Int] = []
        scalarStarts.reserveCapacity(text.count + 1)
        for (offset, byte) in text.enumerated() where byte & 0xC0 != 0x80 {
            scalarStarts.append(offset)
        }
        let scalarCount = scalarStarts.count
        scalarStarts.append(text.count)
        if scalarCount < n {
            hashes.append(XXH3.hash(base, count: text.count, seed: seed))
            return
        }
        // Safety: scalarStarts holds scalarCount + 1 increasing offsets in 0...text.count; first + n <= scalarCount.
        for first in 0...(scalarCount - n) {
            let lower = scalarStarts[first]
            hashes.append(XXH3.hash(base + lower, count: scalarStarts[first + n] - lower, seed: seed))
        }
    }
}

/// Sorts `values[start...]` and removes its repeated elements in place (in C: `neardup_sort_unique`).
/// - Returns: The number of distinct elements left after `start`.
package func sortAndUnique(_ values: inout [UInt64], from start: Int) -> Int {
    guard values.count - start > 1 else { return values.count - start }
    // Safety: start < values.count (guarded: more than one value from start), so base + start stays inside.
    let distinct = values.withUnsafeMutableBufferPointer { all in
        neardup_sort_unique(all.baseAddress! + start, all.count - start)
    }
    values.removeLast(values.count - start - distinct)
    return distinct
}
