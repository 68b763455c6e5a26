#!/usr/bin/env bash
# NearDup's signature stage next to the plain C loop that is its practical ceiling
# (reference-signature-loop.c: tokenize → XXH3 per word 5-gram → 128-slot MinHash, gcc -O3, one
# thread), on the same generated corpus, one after the other.
#
# Usage: bash Benchmarks/reference-signature.sh [--documents N] [--seed S] [--work-dir DIR]
#   --documents  corpus size (default 100000)   --seed  corpus seed (default 42)
#   --work-dir   default /tmp/neardup-compare   (each side reports its own median of 3 runs)
#
# Prints the C loop's MB/s built with `gcc -O3` (the issue's plain loop) and with
# `-O3 -march=native` (vectorized for this CPU), then the `stage/signature` benchmark's
# (NearDup's whole per-document stage, one thread, on 1,000 generated pages: split, normalize,
# boilerplate rules, shingle, sign, band keys; see Benchmarks/README.md), and the ratios.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/Benchmarks/common.sh"
parse_corpus_options "$@"

echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
ensure_debian_package gcc gcc
"$repo/scripts/setup.sh"
build_neardup
ensure_corpus

c_loop() { # NAME FLAGS…: builds and runs the C loop; prints its line; sets c_rate
    local name=$1
    shift
    echo "== plain C loop, gcc $*"
    gcc "$@" -o "$work/$name" "$repo/Benchmarks/reference-signature-loop.c" -lxxhash
    local line
    line=$("$work/$name" "$feed")
    echo "$line"
    c_rate=$(sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/' <<<"$line")
}
c_loop reference-signature-loop -O3
plain_rate=$c_rate
c_loop reference-signature-loop-native -O3 -march=native
native_rate=$c_rate

echo "== NearDup stage/signature (package-benchmark, one thread)"
swift_rate=$(cd "$repo/Benchmarks" &&
    swift package --disable-sandbox benchmark --filter 'stage/signature' --no-progress --format markdown 2>&1 |
    awk -F'|' '/Text \(B\/s\)/ { gsub(/ /, "", $5); print $5; exit }')
echo "stage/signature: $swift_rate MB/s (median)"
awk -v p="$plain_rate" -v n="$native_rate" -v s="$swift_rate" \
    'BEGIN { printf "NearDup / C loop: %.2f× (gcc -O3), %.2f× (gcc -O3 -march=native)\n", s / p, s / n }'
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
