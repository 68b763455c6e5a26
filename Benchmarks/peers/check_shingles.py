"""Checks that `normalize.shingles` builds the shingle sets NearDup builds.

Reads a feed and the output of `neardup scan FEED --no-boilerplate --format jsonl` on it. With
`--no-boilerplate` every line is content, so each link's whole-text `jaccard` is the Jaccard of
the two documents' full shingle sets, which NearDup prints with four decimals. The check
recomputes every such Jaccard from `normalize.shingles` and fails on any difference of more than
the rounding. Prints one line: how many links agree.
"""

import json
import sys

from common import read_feed
from normalize import shingles


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: check_shingles.py FEED SCAN_JSONL")
    feed, scan = sys.argv[1:]
    links = []
    with open(scan, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["type"] == "link":
                links.append((record["source"], record["copy"], record["jaccard"]))
    wanted = {doc_id for source, copy, _ in links for doc_id in (source, copy)}
    sets = {doc_id: shingles(text) for doc_id, _, text in read_feed(feed) if doc_id in wanted}
    mismatches = []
    for source, copy, reported in links:
        first, second = sets[source], sets[copy]
        jaccard = len(first & second) / len(first | second)
        if abs(jaccard - reported) > 0.00005 + 1e-9:
            mismatches.append(f"{copy} <- {source}: NearDup {reported:.4f}, Python {jaccard:.6f}")
    if not links or mismatches:
        sys.exit(f"shingle check FAILED on {feed}: {len(links)} links\n" + "\n".join(mismatches))
    print(f"shingle check: {len(links)} of {len(links)} links of {feed}: Python whole-text Jaccard = NearDup's")


if __name__ == "__main__":
    main()
