"""Deduplicates a JSON Lines feed on Apache Spark with NearDup, with exactly the result of
`neardup dedup` on the whole feed.

    spark-submit --master local[2] --files neardup integrations/spark/neardup_spark.py \
        FEED OUTPUT [--binary neardup] [--partitions N] [--annotate FIELD] [--removed-records]
        [-- NEARDUP OPTIONS...]

1. Every partition of the feed's lines goes through `neardup bands` (the per-document stage:
   normalize, shingle, MinHash, LSH band keys, rewrite samples), which prints each article's keys.
2. Spark groups articles by band key and links each article to the first (lowest line) holding
   the same key: a star per bucket, so a bucket of n articles costs n - 1 edges, never n². Rewrite
   samples held by more than N articles (the first line of `neardup bands`; identical texts
   counted once, over the whole feed) are common phrases: they propose no rewrite, so they link
   nothing, and every partition's `neardup dedup` is told so (--common-samples), since it sees only
   some of their articles. Articles sharing at least M other samples (the rewrite stage's
   candidates, and more) are linked too.
3. Connected components of those links, by the large-star / small-star iteration.
4. Articles are dealt to partitions by component, so each partition holds whole components, and
   each partition runs `neardup dedup` on its articles in feed order. Articles sharing no key
   never affect each other's decisions (see ComponentDedupTests), so the union of these runs is
   the run on the whole feed.
5. The kept records (as `neardup dedup` writes them: each its feed line, byte for byte, with the
   --annotate field if asked) go to OUTPUT/kept, the removed ones' evidence to OUTPUT/removed and,
   with --removed-records, their feed lines to OUTPUT/removed_records, all in feed order (part
   files in order), the records rejected with
   --skip-invalid to OUTPUT/rejected (as `--rejects` writes them, with the feed's line numbers),
   and a summary to OUTPUT/summary.json.

NEARDUP OPTIONS are passed to both `neardup bands` and `neardup dedup` (e.g. --time-field published
--keep earliest --threshold 0.5); use the same ones as a single-machine run to compare. Any invalid
record stops the job with `neardup`'s message and the feed's line number, unless --skip-invalid
is among the options. Ids must be unique across the feed: the job stops naming repeated ones
(where `neardup dedup --skip-invalid` would reject the later copies).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

FORMAT_VERSION = "3"  # of `neardup bands` lines: rewrite samples, a TEXT field, a first samples line
REJECTED = -1  # the first field of a rejected record's tuple from run_bands
SAMPLE_RULES = -2  # the first field of the tuple of the `samples` line from run_bands
SAMPLE_TOKEN_DIGITS = 16  # a rewrite sample's token sets bit 61; band keys' tokens end at bit 40


def neardup_path(binary):
    """The binary shipped with --files (by its file name), else the given path."""
    shipped = SparkFiles.get(os.path.basename(binary))
    return shipped if os.path.exists(shipped) else binary


def run_bands(binary, options, indexed_lines):
    """Runs `neardup bands -` on one partition's (line, feed index) pairs; yields
    (SAMPLE_RULES, (N, M)) once, then (feed index, id, keys as printed, line, text hash) per record."""
    lines = list(indexed_lines)
    if not lines:
        return
    process = subprocess.Popen(
        [neardup_path(binary), "bands", "-", *partition_options(options, (line for line, _ in lines))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def feed():
        try:
            for line, _ in lines:
                process.stdin.write(line.encode("utf-8") + b"\n")
            process.stdin.close()
        except BrokenPipeError:
            pass  # neardup stopped early; its exit status and message say why

    writer = threading.Thread(target=feed)
    writer.start()
    output = process.stdout.read().decode("utf-8")
    errors = process.stderr.read().decode("utf-8", "replace")
    writer.join()
    def feed_line(position):  # `<stdin>:N` as the feed's line number
        return lines[int(position) - 1][1] + 1

    if process.wait() != 0:
        message = re.sub(r"<stdin>:(\d+)", lambda m: f"feed line {feed_line(m.group(1))}", errors.strip())
        raise RuntimeError(f"neardup bands failed: {message}")
    for row in output.splitlines():
        fields = row.split("\t")
        if fields[0] != FORMAT_VERSION or fields[1] not in ("doc", "rejected", "samples"):
            raise RuntimeError(f"unexpected line from neardup bands: {row[:200]}")
        if fields[1] == "samples":
            yield SAMPLE_RULES, (int(fields[2]), int(fields[3]))
            continue
        position = json.loads(fields[2]).rsplit(":", 1)[1]
        if fields[1] == "rejected":  # with --skip-invalid: as `neardup dedup --rejects` writes it
            reason = json.loads(fields[4])
            yield REJECTED, feed_line(position), fields[3], reason
        else:
            line, index = lines[int(position) - 1]
            yield index, json.loads(fields[3]), fields[4], line, fields[5]


def components(edges, max_rounds=100):
    """Connected components of an RDD of (u, v) edges by the large-star / small-star iteration
    (Kiveris et al., "Connected Components in MapReduce and Beyond", 2014).

    Returns an RDD of (node, smallest node of its component) for every node with an edge, and the
    number of rounds."""

    def large_star(node_neighbours):
        # Links every larger neighbour of a node to the smallest of its neighbourhood.
        node, neighbours = node_neighbours
        smallest = min(min(neighbours), node)
        return [(v, smallest) for v in neighbours if v > node]

    def small_star(node_smaller):
        # Links a node and its smaller neighbours to the smallest of them.
        node, smaller = node_smaller
        smallest = min(min(smaller), node)
        return [(v, smallest) for v in set(smaller) | {node} if v != smallest]

    # Edges are kept as (larger, smaller).
    current = edges.map(lambda e: (max(e), min(e))).distinct().cache()
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        both_ways = current.flatMap(lambda e: [e, (e[1], e[0])])
        large = both_ways.groupByKey().flatMap(large_star).distinct()
        small = large.groupByKey().flatMap(small_star).distinct().cache()
        converged = small.subtract(current).isEmpty() and current.subtract(small).isEmpty()
        current.unpersist()
        current = small
        if converged:
            break
    labels = current.reduceByKey(min)
    roots = current.values().distinct().subtract(current.keys()).map(lambda r: (r, r))
    return labels.union(roots), rounds


def has_field(record, path):
    """Whether the JSON object `record` has the field `path` (`null` included) as `neardup` reads
    it: an exact top-level key first, then, for a dotted name, the path through nested objects."""
    if path in record:
        return True
    value = record
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return True


def named_fields(options):
    """The --time-field and --source-field of `options`, as (position, width, option, field name),
    whether written `--time-field NAME` (width 2) or `--time-field=NAME` (width 1)."""
    named, index = [], 0
    while index < len(options):
        option = options[index]
        if option in ("--time-field", "--source-field") and index + 1 < len(options):
            named.append((index, 2, option, options[index + 1]))
            index += 2
            continue
        if option.startswith(("--time-field=", "--source-field=")):
            name, value = option.split("=", 1)
            named.append((index, 1, name, value))
        index += 1
    return named


def json_objects(lines):
    """The JSON objects among `lines` (malformed lines, which --skip-invalid rejects, left out)."""
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            yield record


def partition_options(options, lines):
    """`options` without a --time-field or --source-field that none of one partition's `lines` has.
    `neardup` stops when no record has one (a misspelt name): the driver checks the names on the
    whole feed instead (`check_named_fields`), and a partition of records without times or sources
    is deduplicated the same way without the option (no time: input order; sources are only
    reported)."""
    records = list(json_objects(lines))
    dropped = set()
    for index, width, _, field in named_fields(options):
        if not any(has_field(record, field) for record in records):
            dropped.update(range(index, index + width))
    return [option for index, option in enumerate(options) if index not in dropped]


def check_named_fields(options, feed_lines):
    """Stops the job, as `neardup` would, when no record of the feed (an RDD of lines) has the
    --time-field or --source-field that `options` names."""
    for _, _, option, field in named_fields(options):
        if feed_lines.filter(lambda line, field=field: any(
                has_field(record, field) for record in json_objects([line]))).isEmpty():
            raise SystemExit(f"neardup_spark: no record has the field \"{field}\" ({option}); check the field name")


def run_dedup(binary, options, common_samples, records):
    """Runs `neardup dedup --common-samples --removed-records` on one partition's (feed index, id,
    line) records, in feed order, with the common samples' tokens and `options` (NEARDUP OPTIONS
    and --annotate); yields ("kept" | "removed" | "removed_records", feed index, output line)."""
    records = sorted(records)
    if not records:
        return
    with tempfile.TemporaryDirectory(prefix="neardup-spark-") as folder:
        feed, kept, removed, removed_records, common = (
            os.path.join(folder, name)
            for name in ("feed.jsonl", "kept.jsonl", "removed.jsonl", "removed-records.jsonl", "common.txt"))
        with open(feed, "w", encoding="utf-8") as file:
            for _, _, line in records:
                file.write(line + "\n")
        with open(common, "w", encoding="utf-8") as file:
            file.writelines(token + "\n" for token in common_samples)
        result = subprocess.run(
            [neardup_path(binary), "dedup", feed, "-o", kept, "--removed", removed,
             "--removed-records", removed_records, "--quiet",
             "--common-samples", common, *partition_options(options, (line for _, _, line in records))],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"neardup dedup failed: {result.stderr.strip()}")
        with open(removed, encoding="utf-8") as file:
            removed_lines = {json.loads(line)["id"]: line.rstrip("\n") for line in file}
        with open(kept, encoding="utf-8", newline="") as file:  # records pass through: no newline translation
            kept_lines = iter(file.read().split("\n")[:-1])
        with open(removed_records, encoding="utf-8", newline="") as file:
            removed_record_lines = iter(file.read().split("\n")[:-1])
    # The outputs keep feed order and together hold every record, so the kept lines belong, in
    # order, to the records that were not removed, and the removed records' lines to the others.
    for index, identifier, _ in records:
        if identifier in removed_lines:
            yield "removed", index, removed_lines[identifier]
            yield "removed_records", index, next(removed_record_lines)
        else:
            yield "kept", index, next(kept_lines)


def main():
    parser = argparse.ArgumentParser(description="NearDup dedup on Spark")
    parser.add_argument("feed", help="JSON Lines input (any path or glob Spark reads)")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--binary", default="neardup", help="neardup executable (shipped with --files)")
    parser.add_argument("--partitions", type=int, default=None, help="partitions (default: Spark's)")
    parser.add_argument("--annotate", metavar="FIELD", help="neardup dedup --annotate FIELD on the kept records")
    parser.add_argument("--removed-records", action="store_true",
                        help="also write the removed records' feed lines to OUTPUT/removed_records")
    arguments, options = parser.parse_known_args()
    if options[:1] == ["--"]:
        options = options[1:]
    dedup_options = options + (["--annotate", arguments.annotate] if arguments.annotate is not None else [])

    spark = SparkSession.builder.appName("neardup-dedup").getOrCreate()
    context = spark.sparkContext
    started = time.time()
    binary = arguments.binary

    lines = context.textFile(arguments.feed, minPartitions=arguments.partitions)
    partitions = lines.getNumPartitions()
    indexed = lines.zipWithIndex().filter(lambda pair: pair[0].strip() != "")

    # (feed index, id, keys, line, text hash) per record, (REJECTED, feed line, problem, reason) per
    # record rejected with --skip-invalid, and (SAMPLE_RULES, (N, M)) per partition.
    stage = indexed.mapPartitions(lambda part: run_bands(binary, options, part)).cache()
    check_named_fields(options, stage.filter(lambda doc: doc[0] >= 0).map(lambda doc: doc[3]))
    keyed = stage.filter(lambda doc: doc[0] >= 0)
    rules = stage.filter(lambda doc: doc[0] == SAMPLE_RULES).map(lambda doc: doc[1]).distinct().collect()
    if len(rules) > 1:
        raise SystemExit(f"neardup_spark: neardup bands printed different sample rules: {rules}")
    most_documents, fewest_shared = rules[0] if rules else (0, 1)
    feed_path = arguments.feed
    rejected = stage.filter(lambda doc: doc[0] == REJECTED).map(lambda r: (r[1], json.dumps(
        {"file": feed_path, "line": r[1], "problem": r[2], "reason": r[3]}, separators=(",", ":"), ensure_ascii=False)))
    duplicates = (keyed.map(lambda doc: (doc[1], 1)).reduceByKey(lambda a, b: a + b)
                  .filter(lambda pair: pair[1] > 1).take(5))
    if duplicates:
        raise SystemExit(f"neardup_spark: ids that appear more than once in the feed: {duplicates}")

    # The keys (43 band keys per matchable paragraph, and the samples) are grouped by Spark SQL, in
    # the JVM, not record by record in Python.
    documents = spark.createDataFrame(
        keyed.map(lambda doc: (doc[0], doc[2], doc[4])), schema="record long, keys string, text string")
    keys = (documents.select("record", "text", F.explode(F.split("keys", " ")).alias("key"))
            .where(F.col("key") != ""))
    is_sample = F.length("key") == SAMPLE_TOKEN_DIGITS

    # A star per band-key bucket: every record to the bucket's first record.
    shared = (keys.where(~is_sample).groupBy("key")
              .agg(F.min("record").alias("first"), F.collect_list("record").alias("records"))
              .where(F.size("records") > 1).cache())
    largest_bucket = shared.agg(F.max(F.size("records"))).first()[0] or (1 if keyed.count() else 0)
    band_edges = (shared.select("first", F.explode("records").alias("record"))
                  .where(F.col("record") != F.col("first")).select("record", "first"))

    # Common phrases: samples held by more than N distinct texts (identical texts are one document
    # to the rewrite stage) over the whole feed. Records sharing at least M other samples are linked.
    samples = keys.where(is_sample)
    common = (samples.select("key", "text").distinct().groupBy("key").count()
              .where(F.col("count") > most_documents).select("key").cache())
    common_samples = context.broadcast(sorted(row.key for row in common.collect()))
    proposing = samples.select("key", "record").join(common, "key", "left_anti").cache()
    sample_edges = (proposing.withColumnRenamed("record", "first").join(proposing, "key")
                    .where(F.col("first") < F.col("record")).groupBy("record", "first").count()
                    .where(F.col("count") >= fewest_shared).select("record", "first"))
    edges = band_edges.union(sample_edges).distinct().rdd.map(tuple)
    labels, rounds = components(edges)
    component_sizes = labels.map(lambda kv: (kv[1], 1)).reduceByKey(lambda a, b: a + b).values().cache()

    # Records are dealt to partitions by component (a record with no edge is its own), so every
    # partition holds whole components.
    placed = (keyed.map(lambda doc: (doc[0], (doc[1], doc[3])))
              .leftOuterJoin(labels)
              .map(lambda kv: (kv[0] if kv[1][1] is None else kv[1][1], (kv[0], kv[1][0][0], kv[1][0][1])))
              .partitionBy(partitions)
              .values())
    results = placed.mapPartitions(lambda part: run_dedup(binary, dedup_options, common_samples.value, part)).cache()

    for kind in ("kept", "removed") + (("removed_records",) if arguments.removed_records else ()):
        (results.filter(lambda r, kind=kind: r[0] == kind).map(lambda r: (r[1], r[2]))
         .sortByKey(numPartitions=partitions).values()
         .saveAsTextFile(os.path.join(arguments.output, kind)))
    rejected.sortByKey(numPartitions=1).values().saveAsTextFile(os.path.join(arguments.output, "rejected"))

    counts = results.filter(lambda r: r[0] != "removed_records").map(lambda r: (r[0], 1)).reduceByKey(lambda a, b: a + b).collectAsMap()
    summary = {
        "records": keyed.count() + rejected.count(), "kept": counts.get("kept", 0), "removed": counts.get("removed", 0),
        "rejected": rejected.count(), "common_samples": len(common_samples.value),
        "partitions": partitions, "largest_bucket": largest_bucket,
        "components": component_sizes.count(), "documents_in_components": component_sizes.sum(),
        "largest_component": component_sizes.fold(0, max), "component_rounds": rounds,
        "seconds": round(time.time() - started, 2),
    }
    with open(os.path.join(arguments.output, "summary.json"), "w", encoding="utf-8") as file:
        json.dump(summary, file, indent=2)
    print("neardup_spark: " + json.dumps(summary), file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
