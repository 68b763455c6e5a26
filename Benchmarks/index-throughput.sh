#!/usr/bin/env bash
# Measures the persistent index (`neardup index`): bulk add of a generated feed, then single adds
# and single checks against the full index, and the index's size per paragraph.
#
#   bash Benchmarks/index-throughput.sh                        # 100,000 articles, seed 42
#   bash Benchmarks/index-throughput.sh --documents 5000       # a quick run
#   bash Benchmarks/index-throughput.sh --durability process --repeat 3
#   bash Benchmarks/index-throughput.sh --repeat 3 --reuse-bulk   # again on the last bulk-loaded index
#
# The feed is split: all but the last 2,000 articles are bulk-added (batches as read, one
# transaction each), the next 1,000 are added one by one (--batch-size 1: one transaction each,
# and one fsync each with --durability full), the last 1,000 are checked one by one. The single
# adds and checks are run --repeat times, each time on a fresh copy of the bulk-loaded index
# (adds, then checks against the index with those adds), and the median is printed. Rates are
# articles per wall-clock second of the whole command (so they include opening the index: reading
# its filters and recent keys); CPU is user + system seconds. Only the bulk add's preparation
# uses more than one thread.
set -euo pipefail
cd "$(dirname "$0")/.."

documents=100000
seed=42
work=/tmp/neardup-index-bench
durability=full
repeat=1
reuse=no
while [ $# -gt 0 ]; do
    case "$1" in
        --documents) documents="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --work-dir) work="$2"; shift 2 ;;
        --durability) durability="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --reuse-bulk) reuse=yes; shift ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done

swift build -c release >&2
neardup="$PWD/.build/release/neardup"
mkdir -p "$work"
feed="$work/feed-$documents-$seed.jsonl"
if [ ! -f "$feed" ]; then
    "$neardup" generate --documents "$documents" --seed "$seed" -o "$feed" --truth "$work/truth.jsonl"
fi
bulk=$((documents - 2000))
head -n "$bulk" "$feed" > "$work/bulk.jsonl"
sed -n "$((bulk + 1)),$((bulk + 1000))p" "$feed" > "$work/single.jsonl"
tail -n 1000 "$feed" > "$work/check.jsonl"
index="$work/index.neardup"
rm -f "$index" "$index-wal" "$index-shm" "$index.lock"
"$neardup" index create "$index"


run() {  # label, articles, command…
    local label="$1" count="$2"
    shift 2
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M %U %S" -o "$work/rss.txt" "$@" > "$work/out.jsonl" 2> "$work/err.txt"
    end=$(date +%s.%N)
    local wall rss user system
    wall=$(echo "$end - $start" | bc -l)
    read -r rss user system < "$work/rss.txt"
    printf '%-34s %8d articles %9.2f s %10.1f articles/s %8.3f ms/article  CPU %6.2f s  peak RSS %s KB\n' \
        "$label" "$count" "$wall" "$(echo "$count / $wall" | bc -l)" "$(echo "1000 * $wall / $count" | bc -l)" \
        "$(echo "$user + $system" | bc -l)" "$rss"
    echo "$count / $wall" | bc -l >> "$work/rates-$(echo "$label" | awk '{ print $1 "-" $2 }').txt"
}

uptime
if [ "$reuse" = no ] || [ ! -f "$work/bulk.neardup" ]; then
    run "bulk add (batches as read)" "$bulk" "$neardup" index add "$index" "$work/bulk.jsonl" --durability "$durability"
    cp "$index" "$work/bulk.neardup"
fi
"$neardup" index stats "$work/bulk.neardup"
rm -f "$work"/rates-*.txt
for round in $(seq "$repeat"); do
    cp "$work/bulk.neardup" "$index"
    rm -f "$index-wal" "$index-shm"
    sync  # the copy's dirty pages are written back now, not during the measured adds
    run "single add (--batch-size 1)" 1000 \
        "$neardup" index add "$index" "$work/single.jsonl" --batch-size 1 --durability "$durability"
    run "single check (--batch-size 1)" 1000 "$neardup" index check "$index" "$work/check.jsonl" --batch-size 1
done
for file in "$work"/rates-*.txt; do
    printf '%-34s median of %d: %.1f articles/s\n' "$(basename "$file" .txt | sed 's/^rates-//')" \
        "$(wc -l < "$file")" "$(sort -n "$file" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
done
"$neardup" index stats "$index"
ls -l "$index"*
uptime
