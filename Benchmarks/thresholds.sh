#!/usr/bin/env bash
# The stage benchmarks' p90 thresholds in Thresholds/ (README.md, "Thresholds in CI").
#
#   Benchmarks/thresholds.sh check    # run the stage benchmarks, compare with Thresholds/ (CI)
#   Benchmarks/thresholds.sh update   # run them and write their p90s to Thresholds/
#
# Only the stage benchmarks (one thread) have thresholds: the scans run on every core, so their
# malloc counts depend on the machine. An update keeps two metrics per file, the ones the
# benchmarks' `thresholdTolerances` cover: mallocCountTotal and wallClock.
set -euo pipefail
cd "$(dirname "$0")"
operation=${1:?usage: thresholds.sh check|update}
stages='stage/.*'

case "$operation" in
check)
    swift package --disable-sandbox benchmark thresholds check --filter "$stages" --path "$PWD/Thresholds" \
        --no-progress
    ;;
update)
    swift package --disable-sandbox --allow-writing-to-package-directory benchmark thresholds update \
        --filter "$stages" --path "$PWD/Thresholds" --no-progress
    # package-benchmark 1.38.1 writes `<target>.<name>.p90.json` with the `/` of `stage/…` made `_`,
    # but looks for the name as it is, so the files go in `Thresholds/NearDupBenchmarks.stage/`.
    mkdir -p Thresholds/NearDupBenchmarks.stage
    for written in Thresholds/NearDupBenchmarks.stage_*.p90.json; do
        mv "$written" "Thresholds/NearDupBenchmarks.stage/${written#Thresholds/NearDupBenchmarks.stage_}"
    done
    for file in Thresholds/NearDupBenchmarks.stage/*.p90.json; do
        python3 - "$file" <<'PYTHON'
import json, sys
path = sys.argv[1]
with open(path) as file:
    thresholds = json.load(file)
kept = {metric: thresholds[metric] for metric in ("mallocCountTotal", "wallClock") if metric in thresholds}
with open(path, "w") as file:
    json.dump(kept, file, indent=2, sort_keys=True)
    file.write("\n")
PYTHON
    done
    ;;
*)
    echo "usage: thresholds.sh check|update" >&2
    exit 64
    ;;
esac
