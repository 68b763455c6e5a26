#!/usr/bin/env bash
# Generates one split, scans it with the release binary and scores the result.
# Usage: eval/run.sh SPLIT [SEED] [-- neardup scan options...]
#   eval/run.sh dev                                   # today's defaults
#   eval/run.sh dev 18 -- --shingle char:5 --threshold 0.3
# Writes OUT (default /tmp/neardup-eval)/SPLIT.{jsonl,truth.jsonl,scan.jsonl,score.md}; prints the score.
# Never tune on the `test` split: it is frozen for the final check.
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:?usage: eval/run.sh SPLIT [SEED] [-- scan options]}
shift
seed=18
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seed=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
out=${OUT:-/tmp/neardup-eval}
bin=${NEARDUP:-.build/release/neardup}
[ -x "$bin" ] || swift build -c release
python3 eval/make_devset.py --setup --split "$split" --seed "$seed" --out "$out"
"$bin" scan "$out/$split.jsonl" --format jsonl "$@" > "$out/$split.scan.jsonl"
python3 eval/score.py "$out/$split.truth.jsonl" "$out/$split.scan.jsonl" | tee "$out/$split.score.md"
