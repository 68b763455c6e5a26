#!/usr/bin/env bash
# Side-by-side comparison of `neardup dedup` with its Python peers datasketch and rensa on one
# generated corpus with the same settings: NearDup's normalization, word 5-gram shingles, 128
# permutations, threshold 0.5 (Benchmarks/peers/*.py say how each peer does it).
#
# Usage: bash Benchmarks/compare-peers.sh [--documents N] [--seed S] [--runs R] [--work-dir DIR]
#   --documents  corpus size (default 100000)         --runs      timed runs per tool (default 3)
#   --seed       corpus seed (default 42)             --work-dir  default /tmp/neardup-compare
# Smoke test: bash Benchmarks/compare-peers.sh --documents 2000 --runs 1
#
# Steps: a venv in the work dir with the pinned peers (Benchmarks/peers/requirements.txt, reused
# when present); a release build of neardup; the corpus (`neardup generate`, reused when present);
# a check that the Python shingles are NearDup's; the timed runs, each tool a separate process
# under /usr/bin/time -v, alternating tools run by run; scoring (untimed); one Markdown table of
# medians. Raw per-run numbers go to WORK/runs.csv, scores to WORK/scores.json, outputs to
# WORK/out/TOOL-RUN/ (kept files are deleted after each run: they are large and not scored).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/Benchmarks/common.sh"
parse_corpus_options "$@"

peers=$repo/Benchmarks/peers
export PYTHONDONTWRITEBYTECODE=1
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== load average at start: $load_start"

echo "== venv: $work/venv"
[[ -x $work/venv/bin/python ]] || python3 -m venv "$work/venv"
python=$work/venv/bin/python
"$python" -m pip install --quiet --disable-pip-version-check -r "$peers/requirements.txt"

ensure_debian_package /usr/bin/time time
build_neardup
ensure_corpus

echo "== shingle check (Python normalization + shingles against NearDup's whole-text Jaccard)"
check() { # FEED: every link of a --no-boilerplate scan must have the same Jaccard in Python
    "$neardup" scan "$1" --time-field published --source-field source --no-boilerplate \
        --format jsonl --quiet >"$work/check-scan.jsonl"
    "$python" "$peers/check_shingles.py" "$1" "$work/check-scan.jsonl"
}
check "$repo/fixtures/feed.jsonl"
head -n 2000 "$feed" >"$work/check-feed.jsonl"
check "$work/check-feed.jsonl"

seconds() { # h:mm:ss or m:ss, as /usr/bin/time prints the wall clock, in seconds
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"
}

field() { # OUT NAME: a value of OUT/time.txt
    sed -n "s/^[[:space:]]*$2: //p" "$1/time.txt"
}

tools=(neardup datasketch rensa)
echo "== timed runs: $runs per tool, alternating (neardup: all cores; datasketch: one thread;" \
    "rensa: its own threading)"
echo "run,tool,wall_s,user_s,sys_s,max_rss_kib" >"$work/runs.csv"
rm -rf "$work/out"
for ((run = 1; run <= runs; run++)); do
    for tool in "${tools[@]}"; do
        out=$work/out/$tool-$run
        mkdir -p "$out"
        case "$tool" in
        neardup)
            command=("$neardup" dedup "$feed" --time-field published --source-field source
                -o "$out/kept.jsonl" --removed "$out/removed.jsonl" --quiet)
            ;;
        *)
            command=("$python" "$peers/run_$tool.py" "$feed"
                --kept "$out/kept.jsonl" --removed "$out/removed.jsonl" --pairs "$out/pairs.tsv")
            ;;
        esac
        if ! /usr/bin/time -v -o "$out/time.txt" "${command[@]}" >"$out/stdout" 2>"$out/stderr"; then
            echo "$tool run $run failed; see $out/stderr and $out/time.txt" >&2
            exit 1
        fi
        rm -f "$out/kept.jsonl"
        wall=$(seconds "$(field "$out" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
        user=$(field "$out" 'User time (seconds)')
        system=$(field "$out" 'System time (seconds)')
        rss=$(field "$out" 'Maximum resident set size (kbytes)')
        echo "$run,$tool,$wall,$user,$system,$rss" >>"$work/runs.csv"
        echo "run $run $tool: wall $wall s, user $user s, sys $system s, max RSS $rss KiB"
    done
done
for tool in "${tools[@]}"; do
    for ((run = 2; run <= runs; run++)); do
        cmp -s "$work/out/$tool-1/removed.jsonl" "$work/out/$tool-$run/removed.jsonl" ||
            echo "warning: $tool removed different documents in runs 1 and $run" >&2
    done
done

echo "== scoring (untimed)"
"$python" "$peers/score.py" "$feed" "$truth" \
    "neardup=$work/out/neardup-1/removed.jsonl" \
    "datasketch=$work/out/datasketch-1/removed.jsonl,$work/out/datasketch-1/pairs.tsv" \
    "rensa=$work/out/rensa-1/removed.jsonl,$work/out/rensa-1/pairs.tsv" >"$work/scores.json"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "Command: bash Benchmarks/compare-peers.sh --documents $documents --seed $seed --runs $runs"
echo "Load average: $load_start at start, $load_end at end; $(nproc) cores"
echo "Versions: neardup $(git -C "$repo" describe --always --dirty) ($(swift --version 2>&1 |
    grep -o 'Swift version [0-9.]*' | head -n 1)); $("$python" -c '
import sys
from importlib.metadata import version
print(f"Python {sys.version.split()[0]}, " + ", ".join(
    f"{name} {version(name)}" for name in ("datasketch", "rensa", "xxhash", "numpy", "scipy")))')"
echo
"$python" "$peers/table.py" "$work/runs.csv" "$work/scores.json"
