#!/usr/bin/env bash
# How much faster `neardup dedup` runs on two threads than on one, next to how much this machine
# gives two independent copies of the same one-thread run: the ceiling for any two-thread speed-up
# here, since two separate processes share nothing but the machine (cores, caches, memory).
#
# Usage: bash Benchmarks/thread-scaling.sh [--documents N] [--seed S] [--runs R] [--work-dir DIR]
#   --documents  corpus size (default 100000)   --runs      runs per setting (default 3)
#   --seed       corpus seed (default 42)       --work-dir  default /tmp/neardup-compare
# Smoke test: bash Benchmarks/thread-scaling.sh --documents 2000 --runs 1
#
# Each run times three settings in turn (alternating, so drift in the machine's speed hits all
# three alike): `--threads 1`; `--threads 2`; and two `--threads 1` processes started together.
# It prints the medians and
#   speed-up        = wall(1 thread) / wall(2 threads)
#   machine ceiling = 2 × wall(1 thread) / wall(two processes together)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/Benchmarks/common.sh"
parse_corpus_options "$@"

echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

ensure_debian_package /usr/bin/time time
build_neardup
ensure_corpus

dedup() { # THREADS NAME: one timed dedup run; prints its wall-clock seconds
    local out=$work/scaling-$2
    rm -f "$out.jsonl"
    /usr/bin/time -f '%e' -o "$out.time" "$neardup" dedup "$feed" --time-field published --source-field source \
        -o "$out.jsonl" --threads "$1" --quiet
    rm -f "$out.jsonl"
    cat "$out.time"
}

together() { # two one-thread runs started at once; prints the slower one's wall-clock seconds
    dedup 1 pair-a >"$work/scaling-pair-a.wall" &
    dedup 1 pair-b >"$work/scaling-pair-b.wall"
    wait
    sort -g "$work/scaling-pair-a.wall" "$work/scaling-pair-b.wall" | tail -n 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one=() two=() pair=()
for ((run = 1; run <= runs; run++)); do
    one+=("$(dedup 1 one)")
    two+=("$(dedup 2 two)")
    pair+=("$(together)")
    echo "run $run: 1 thread ${one[-1]} s, 2 threads ${two[-1]} s, two 1-thread processes together ${pair[-1]} s"
done

t1=$(printf '%s\n' "${one[@]}" | median)
t2=$(printf '%s\n' "${two[@]}" | median)
tp=$(printf '%s\n' "${pair[@]}" | median)
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| setting (median of $runs) | wall s |"
echo "|---|--:|"
echo "| 1 thread | $t1 |"
echo "| 2 threads | $t2 |"
echo "| two 1-thread processes together (slower of the two) | $tp |"
echo
awk -v t1="$t1" -v t2="$t2" -v tp="$tp" 'BEGIN {
    printf "speed-up on 2 threads: %.2fx; machine ceiling for two: %.2fx; the speed-up is %.0f%% of it\n",
        t1 / t2, 2 * t1 / tp, 100 * (t1 / t2) / (2 * t1 / tp)
}'
