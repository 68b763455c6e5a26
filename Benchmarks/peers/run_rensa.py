"""Document-level dedup with rensa: RMinHash + RMinHashLSH.

The pipeline rensa documents for LSH dedup: one `RMinHash(num_perm=128, seed=42)` per document
over its shingle strings (`normalize.py`), built in batches with `RMinHash.from_token_sets`;
every sketch inserted into an `RMinHashLSH`, every sketch queried, and each candidate pair kept
when its estimated Jaccard (`RMinHash.jaccard`) reaches 0.5. Empty documents are never matched.
Linked documents are clustered and the earliest of each cluster is kept (`common.write_outputs`).

`RMinHashLSH` takes a number of bands that must divide `num_perm` (its `threshold` only serves
`is_similar`). The bands are chosen the way datasketch's `MinHashLSH` chooses them for a
threshold, by the least false-positive plus false-negative area under the S-curve, among the
divisors of 128: that is 32 bands of 4 rows (datasketch itself, free of the divisor rule, picks
25 x 5). The seed is fixed: runs are deterministic.
"""

from itertools import islice

from rensa import RMinHash, RMinHashLSH

from common import PERMUTATIONS, THRESHOLD, parse_arguments, read_feed, write_outputs
from normalize import shingles

SEED = 42
BATCH = 64  # documents per from_token_sets call: small keeps peak memory low


def band_count(threshold: float, permutations: int) -> int:
    """The divisor b of `permutations` whose S-curve 1 - (1 - J^r)^b, with r = permutations / b,
    has the least area above it below `threshold` plus the area under it above `threshold`."""

    def area(function, lower: float, upper: float, steps: int = 1000) -> float:
        width = (upper - lower) / steps
        return width * sum(function(lower + (step + 0.5) * width) for step in range(steps))

    def error(bands: int) -> float:
        rows = permutations // bands
        candidate = lambda similarity: 1 - (1 - similarity**rows) ** bands
        return area(candidate, 0, threshold) + area(lambda s: 1 - candidate(s), threshold, 1)

    divisors = [bands for bands in range(1, permutations + 1) if permutations % bands == 0]
    return min(divisors, key=error)


def main() -> None:
    arguments = parse_arguments(__doc__.splitlines()[0])
    ids: list[str] = []
    published: list[float] = []
    documents: list[int] = []  # the document number of each sketch
    sketches: list[RMinHash] = []

    def shingle_lists():
        for number, (doc_id, time, text) in enumerate(read_feed(arguments.feed)):
            ids.append(doc_id)
            published.append(time)
            document_shingles = shingles(text)
            if document_shingles:
                documents.append(number)
                yield list(document_shingles)

    stream = shingle_lists()
    while batch := list(islice(stream, BATCH)):
        sketches.extend(RMinHash.from_token_sets(batch, num_perm=PERMUTATIONS, seed=SEED))

    index = RMinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, num_bands=band_count(THRESHOLD, PERMUTATIONS))
    index.insert_many(sketches)
    pairs: list[tuple[int, int]] = []
    for key, candidates in enumerate(index.query_all(sketches)):
        for other in candidates:
            if other < key and sketches[key].jaccard(sketches[other]) >= THRESHOLD:
                pairs.append((documents[other], documents[key]))
    write_outputs(arguments, ids, published, pairs)


if __name__ == "__main__":
    main()
