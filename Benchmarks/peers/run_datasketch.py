"""Document-level dedup with datasketch: MinHash (xxhash) + MinHashLSH.

The pipeline datasketch documents: one `MinHash(num_perm=128, hashfunc=...)` per document over
its shingles (`normalize.py`), hashed with xxh32 (`xxhash.xxh32_intdigest`: the default scheme,
affine32, takes 32-bit hashes; datasketch's docs suggest a faster hash than its SHA-1 default);
`MinHashLSH(threshold=0.5, num_perm=128)`, whose optimizer picks 25 bands of 5 rows. The feed is
streamed: each document queries the index of the earlier ones, every candidate whose estimated
Jaccard (`MinHash.jaccard`) reaches 0.5 is linked, which is the refinement `MinHashLSH.query`'s
docs recommend, and the document is inserted. Empty documents are never matched. Linked
documents are clustered and the earliest of each cluster is kept (`common.write_outputs`).
MinHash's permutations come from its fixed default seed (1): runs are deterministic.
"""

import xxhash
from datasketch import MinHash, MinHashLSH

from common import PERMUTATIONS, THRESHOLD, parse_arguments, read_feed, write_outputs
from normalize import shingles


def main() -> None:
    arguments = parse_arguments(__doc__.splitlines()[0])
    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    # Copies share the template's permutations, as MinHash.bulk does.
    template = MinHash(num_perm=PERMUTATIONS, hashfunc=xxhash.xxh32_intdigest)
    ids: list[str] = []
    published: list[float] = []
    sketches: dict[int, MinHash] = {}
    pairs: list[tuple[int, int]] = []
    for number, (doc_id, time, text) in enumerate(read_feed(arguments.feed)):
        ids.append(doc_id)
        published.append(time)
        document_shingles = shingles(text)
        if not document_shingles:
            continue
        sketch = template.copy()
        sketch.update_batch([shingle.encode() for shingle in document_shingles])
        for earlier in index.query(sketch):
            if sketch.jaccard(sketches[earlier]) >= THRESHOLD:
                pairs.append((earlier, number))
        index.insert(number, sketch)
        sketches[number] = sketch
    write_outputs(arguments, ids, published, pairs)


if __name__ == "__main__":
    main()
