"""What the peer pipelines and the scoring share: the settings, reading the feed, the keep order,
and the dedup outputs (the same files `neardup dedup` writes, in the fields the scoring reads).
"""

import argparse
import json
import math
from datetime import datetime, timezone
from typing import Iterator

THRESHOLD = 0.5
PERMUTATIONS = 128


def read_feed(path: str) -> Iterator[tuple[str, float, str]]:
    """Streams `(id, published, text)` for every non-blank line of a JSON Lines feed, in input
    order. `published` is in Unix seconds, `inf` when absent (NearDup puts such documents last)."""
    with open(path, "rb") as feed:
        for line in feed:
            if line.strip():
                record = json.loads(line)
                yield str(record["id"]), published_seconds(record.get("published")), record["text"]


def published_seconds(value) -> float:
    """An ISO 8601 time (naive ones are UTC), a date, or Unix seconds, in Unix seconds."""
    if value is None:
        return math.inf
    if isinstance(value, (int, float)):
        return float(value)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def parse_arguments(description: str) -> argparse.Namespace:
    """The command line of a peer runner: the feed and the three output files."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("feed", help="JSON Lines feed with id, published and text")
    parser.add_argument("--kept", required=True, help="kept input lines, unchanged")
    parser.add_argument("--removed", required=True, help='one {"id", "duplicate_of"} per removed document')
    parser.add_argument("--pairs", required=True, help="linked pairs: earlier id, tab, later id")
    return parser.parse_args()


class UnionFind:
    """Disjoint sets over 0..<count, with path halving."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)


def write_outputs(arguments, ids: list[str], published: list[float], pairs: list[tuple[int, int]]) -> None:
    """Clusters the linked pairs (connected components), keeps the earliest document of each
    (by published time, then input order) and writes the kept lines, the removed documents with
    the kept one each duplicates, and the pairs."""
    clusters = UnionFind(len(ids))
    for first, second in pairs:
        clusters.union(first, second)
    representative: dict[int, int] = {}
    for index in range(len(ids)):
        root = clusters.find(index)
        best = representative.get(root)
        if best is None or (published[index], index) < (published[best], best):
            representative[root] = index
    removed = [False] * len(ids)
    with open(arguments.removed, "w", encoding="utf-8") as out:
        for index in range(len(ids)):
            kept = representative[clusters.find(index)]
            if kept != index:
                removed[index] = True
                out.write(json.dumps({"id": ids[index], "duplicate_of": ids[kept]}) + "\n")
    with open(arguments.feed, "rb") as feed, open(arguments.kept, "wb") as out:
        index = 0
        for line in feed:
            if line.strip():
                if not removed[index]:
                    out.write(line if line.endswith(b"\n") else line + b"\n")
                index += 1
    with open(arguments.pairs, "w", encoding="utf-8") as out:
        for first, second in sorted(pairs):
            out.write(f"{ids[first]}\t{ids[second]}\n")
