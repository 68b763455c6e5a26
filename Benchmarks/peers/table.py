"""Prints the comparison table (Markdown) from the timed runs and the scores.

Usage: table.py RUNS_CSV SCORES_JSON

RUNS_CSV has one row per run (run, tool, wall_s, user_s, sys_s, max_rss_kib), as
compare-peers.sh writes it; SCORES_JSON is score.py's output. Each tool's time and memory are
the medians over its runs; CPU is user + system time. MB are 10^6 bytes: throughput is the UTF-8
bytes of the feed's `text` fields per CPU-second, peak RSS is /usr/bin/time's maximum resident
set size. The last rows divide NearDup's throughput and peak RSS by each peer's.
"""

import csv
import json
import sys
from statistics import median

FIRST = "neardup"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[2])
    runs_file, scores_file = sys.argv[1:]
    with open(scores_file, encoding="utf-8") as file:
        scores = json.load(file)
    runs: dict[str, list[dict]] = {}
    with open(runs_file, encoding="utf-8") as file:
        for row in csv.DictReader(file):
            runs.setdefault(row["tool"], []).append(row)

    text_mb = scores["text_bytes"] / 1e6
    measures = {}
    for tool, rows in runs.items():
        cpu = median(float(row["user_s"]) + float(row["sys_s"]) for row in rows)
        measures[tool] = {
            "runs": len(rows),
            "wall": median(float(row["wall_s"]) for row in rows),
            "cpu": cpu,
            "throughput": text_mb / cpu,
            "rss": median(int(row["max_rss_kib"]) * 1024 / 1e6 for row in rows),
        }

    print(
        f"{scores['documents']:,} documents, {text_mb:,.1f} MB of text "
        f"({scores['file_bytes'] / 1e6:,.1f} MB of JSON Lines); {scores['truth_positives']:,} verbatim or "
        f"syndicated copies; {scores['should_remove']:,} documents with an earlier J >= 0.5 near-duplicate "
        f"({scores['near_duplicate_pairs']:,} of {scores['pooled_pairs']:,} pooled pairs)\n"
    )
    print(
        "| tool | runs | wall s | CPU s | MB text / CPU-s | peak RSS MB | removed "
        "| truth recall | truth precision | J≥0.5 recall | J≥0.5 precision |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for tool in sorted(measures, key=lambda name: (name != FIRST, name)):
        measure, score = measures[tool], scores["tools"][tool]
        quality = " | ".join(
            "—" if score[key] is None else f"{score[key]:.4f}"
            for key in ("truth_recall", "truth_precision", "jaccard_recall", "jaccard_precision")
        )
        print(
            f"| {tool} | {measure['runs']} | {measure['wall']:.2f} | {measure['cpu']:.2f} "
            f"| {measure['throughput']:.2f} | {measure['rss']:,.0f} | {score['removed']:,} | {quality} |"
        )
    for tool in sorted(measures):
        if tool != FIRST and FIRST in measures:
            speed = measures[FIRST]["throughput"] / measures[tool]["throughput"]
            memory = measures[FIRST]["rss"] / measures[tool]["rss"]
            print(f"| {FIRST} / {tool} | | | | {speed:.2f}× | {memory:.2f}× | | | | | |")


if __name__ == "__main__":
    main()
