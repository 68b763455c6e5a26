"""Scores each tool's removed documents against the truth file and against exact Jaccard >= 0.5.

Usage: score.py FEED TRUTH NAME=REMOVED[,PAIRS] ... > scores.json

Every tool is scored with the same definitions, from its removed file (`{"id", "duplicate_of"}`
per line, as `neardup dedup --removed` writes it) and, for the peers, its linked pairs.

Against the truth file. The positives are the documents whose truth `kind` is `verbatim` or
`syndicated`: copies of an original that a dedup tool should remove (`partial` documents embed
2-3 paragraphs of an original in new text and should be kept). Recall = removed positives /
positives; precision = removed positives / removed documents.

Against exact Jaccard. J(a, b) is the exact Jaccard similarity of the two documents' whole
shingle sets (`normalize.shingles`: NearDup's normalization, word 5-grams of each line, every
line counted; shingles are compared by their 64-bit XXH3 hashes). All pairs of a large corpus
cannot be enumerated, so the candidates are pooled: every pair some tool linked (a removed
document and its `duplicate_of`; for the peers also every pair their LSH linked) and every truth
pair of a copy (verbatim, syndicated or partial) and its original. The near-duplicate pairs are
the pooled pairs with J >= 0.5. The documents that should be removed are those with an earlier
near-duplicate (earlier = published before, or at the same time and earlier in the input): what
linking every pair with J >= 0.5 and always keeping the earlier document removes. Recall =
removed documents that should be / documents that should be; precision = removed documents that
should be / removed documents. A removed document without an earlier near-duplicate in the pool
(removed through a chain of links, or through a link whose J is below 0.5) counts against
precision. Recall is relative to the pool: a near-duplicate pair no tool linked and the truth
does not name is not counted.

Also counts the feed: documents, file bytes, and the UTF-8 bytes of the `text` fields.
"""

import json
import os
import sys

import numpy as np
import xxhash

from common import THRESHOLD, read_feed
from normalize import shingles

POSITIVE_KINDS = {"verbatim", "syndicated"}


def read_tool(argument: str) -> tuple[str, set[str], set[tuple[str, str]]]:
    """`NAME=REMOVED[,PAIRS]`: the tool's name, removed ids and linked pairs (ids sorted)."""
    name, files = argument.split("=", 1)
    removed_file, _, pairs_file = files.partition(",")
    removed: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    with open(removed_file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            removed.add(record["id"])
            pairs.add(tuple(sorted((record["id"], record["duplicate_of"]))))
    if pairs_file:
        with open(pairs_file, encoding="utf-8") as lines:
            for line in lines:
                pairs.add(tuple(sorted(line.rstrip("\n").split("\t"))))
    return name, removed, pairs


def shingle_hashes(text: str) -> np.ndarray:
    return np.unique(np.fromiter((xxhash.xxh3_64_intdigest(s.encode()) for s in shingles(text)), dtype=np.uint64))


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__.splitlines()[2])
    feed, truth_file, *tool_arguments = sys.argv[1:]
    tools = [read_tool(argument) for argument in tool_arguments]

    positives: set[str] = set()
    pool: set[tuple[str, str]] = set()
    with open(truth_file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] in POSITIVE_KINDS:
                positives.add(record["id"])
            if record["original"] is not None:
                pool.add(tuple(sorted((record["id"], record["original"]))))
    for _, _, pairs in tools:
        pool |= pairs

    involved = {doc_id for pair in pool for doc_id in pair}
    order: dict[str, tuple[float, int]] = {}
    hashes: dict[str, np.ndarray] = {}
    text_bytes = 0
    for number, (doc_id, published, text) in enumerate(read_feed(feed)):
        order[doc_id] = (published, number)
        text_bytes += len(text.encode("utf-8"))
        if doc_id in involved:
            hashes[doc_id] = shingle_hashes(text)

    should_remove: set[str] = set()
    near_pairs = 0
    for first, second in pool:
        a, b = hashes[first], hashes[second]
        common = len(np.intersect1d(a, b, assume_unique=True))
        union = len(a) + len(b) - common
        if union and common / union >= THRESHOLD:
            near_pairs += 1
            should_remove.add(max(first, second, key=order.__getitem__))

    scores = {
        "documents": len(order),
        "file_bytes": os.path.getsize(feed),
        "text_bytes": text_bytes,
        "truth_positives": len(positives),
        "pooled_pairs": len(pool),
        "near_duplicate_pairs": near_pairs,
        "should_remove": len(should_remove),
        "tools": {},
    }
    for name, removed, _ in tools:
        truth_hits = len(removed & positives)
        jaccard_hits = len(removed & should_remove)
        scores["tools"][name] = {
            "removed": len(removed),
            "truth_recall": ratio(truth_hits, len(positives)),
            "truth_precision": ratio(truth_hits, len(removed)),
            "jaccard_recall": ratio(jaccard_hits, len(should_remove)),
            "jaccard_precision": ratio(jaccard_hits, len(removed)),
        }
    json.dump(scores, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
