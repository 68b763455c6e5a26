#!/usr/bin/env bash
# Builds NearDup's libFuzzer targets and runs each for a while; exits non-zero on any finding.
#
#   Fuzz/run.sh [--minutes N | --seconds N] [--target NAME]... [--work DIR] [--no-build] [-- FLAG...]
#
# Flags after `--` go to libFuzzer after the script's own, so they override them
# (e.g. `-- -jobs=2` or `-- -rss_limit_mb=4096`).
#
# Targets (Fuzz/Sources/NAME/NAME.swift; each file's comment lists the invariants it checks):
#   FuzzJSONLines  bytes → DocumentLoader.load(jsonLines:), with and without skipInvalid, under
#                  several chunk sizes, batch sizes and thread counts
#   FuzzText       bytes → String → ParagraphSplitter → TextNormalizer (fast and Unicode paths)
#                  → Shingler (word and character shingles)
#   FuzzScan       bytes cut into up to 8 documents → NearDupEngine.scan → every renderer
#   FuzzIndex      bytes cut into up to 16 articles → two fresh NearDupIndexes (one batch, one by
#                  one, merging into runs, small match limits) → add, check, remove, checkIntegrity
#   FuzzIndexFile  patches to the bytes of a small valid index file (and its log) → open,
#                  statistics, check, add, remove, evict, checkIntegrity: errors, never a crash
# Default: every target, 10 minutes each, one after another (the machine has 2 cores).
#
# Each target gets WORK/NAME/ (default WORK: Fuzz/.work, not committed): `corpus/` keeps what
# libFuzzer found across runs, `seeds/` is rebuilt from fixtures/ and Fuzz/seeds/NAME/ at every
# run, `artifacts/` receives the inputs of findings (crash-*, leak-*, timeout-*, oom-*), and
# `log-DATE.txt` each run's output. A finding is any crash or failed invariant, a leak, an input that
# runs longer than 25 s (-timeout) or an RSS above 2 GB (-rss_limit_mb, -malloc_limit_mb).
# Reproduce one with `Fuzz/.build/release/NAME ARTIFACT`; fix it, and add the input as a
# regression test in the test target of the module at fault (Tests/NearDupFeedsTests for the
# reader, Tests/NearDupTests for the engine, …) that fails without the fix.
#
# How the fuzzers are built, and why:
#   swift build -c release --sanitize=fuzzer --sanitize=address \
#       -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
# - `--sanitize=fuzzer` makes SwiftPM link the executables without its own `main` (it otherwise
#   defines `main` as the module's entry point, and libFuzzer's `main` never runs).
# - swiftc keeps only the last `-sanitize=` flag, and SwiftPM passes `-sanitize=fuzzer` and
#   `-sanitize=address` separately, so the Swift code would get AddressSanitizer without coverage
#   (libFuzzer then reports "no interesting inputs … Is the code instrumented for coverage?").
#   `-Xswiftc -sanitize=fuzzer,address` comes last and restores both; C code (clang) is fine.
# - The library is compiled with instrumentation only (no libFuzzer main) like every target; the
#   fuzzer sources are not named `main.swift`, so they are compiled as libraries and libFuzzer's
#   `main` calls their `LLVMFuzzerTestOneInput`.
# - `-enable-testing` lets the fuzzers `@testable import NearDup` and `NearDupFeeds` to reach the
#   internal text kernels and the loader's chunk and batch sizes.
set -euo pipefail

fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
seconds=600
work="$fuzz/.work"
build=1
targets=()
extra=()
while (($#)); do
    case "$1" in
    --minutes) seconds=$(($2 * 60)); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
    esac
done
((${#targets[@]})) || targets=(FuzzJSONLines FuzzText FuzzScan FuzzIndex FuzzIndexFile)

if ((build)); then
    echo "== building the fuzzers"
    swift build -c release --package-path "$fuzz" --sanitize=fuzzer --sanitize=address \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing 2>&1 | grep -vE "^\[|__asan_extra_spill_area"
fi
bin=$(swift build -c release --package-path "$fuzz" --show-bin-path)

# The seeds: the option bytes each fuzzer reads first, then real input.
make_seeds() {
    local target=$1 dir=$2 file name
    rm -rf "$dir" && mkdir -p "$dir"
    case "$target" in
    FuzzJSONLines)
        # fields (bit 0 time, bit 1 source), chunking, threads
        { printf '\003\000\000'; cat "$root/fixtures/feed.jsonl"; } >"$dir/feed"
        { printf '\003\002\001'; head -n 3 "$root/fixtures/feed.jsonl"; } >"$dir/feed-head"
        # Compressed feeds (decompressed by their signature), made with the tools setup.sh installs.
        local tool
        for tool in gzip zstd xz bzip2; do
            { printf '\003\002\001'; head -n 3 "$root/fixtures/feed.jsonl" | "$tool" -q -c; } >"$dir/feed-head-$tool"
        done
        local line=0
        while IFS= read -r record; do
            line=$((line + 1))
            { printf '\003\004\000'; printf '%s\n' "$record"; } >"$dir/line-$line"
        done <"$root/fixtures/feed.jsonl"
        ;;
    FuzzText)
        # word and character shingle lengths (n = byte % 8 + 1)
        for file in "$root"/fixtures/seeds/*.txt "$root"/fixtures/derived/*.txt; do
            name=$(basename "$file" .txt)
            { printf '\004\004'; cat "$file"; } >"$dir/$name"
        done
        ;;
    FuzzScan)
        # shingle, layout, matching, boilerplate, timed; documents separated by 0xFF
        local derived original
        for file in "$root"/fixtures/derived/*.txt; do
            name=$(basename "$file" .txt)
            original=$(ls "$root"/fixtures/seeds/"${name##*_}"_*.txt 2>/dev/null | head -n 1 || true)
            [[ -n $original ]] || original=$(ls "$root"/fixtures/seeds/*.txt | head -n 1)
            { printf '\010\000\004\000\001'; cat "$original"; printf '\377'; cat "$file"; } >"$dir/$name"
        done
        ;;
    FuzzIndex)
        # shingle, matching, layout (merge every 2, at most 2 matches); articles separated by 0xFF:
        # a seed, its derived copies, and the seed again
        local original
        for original in "$root"/fixtures/seeds/*.txt; do
            name=$(basename "$original" .txt)
            {
                printf '\010\000\012'
                cat "$original"
                for file in "$root"/fixtures/derived/*_"${name%%_*}"*.txt; do
                    [[ -f $file ]] && { printf '\377'; head -c 2000 "$file"; }
                done
                printf '\377'
                cat "$original"
            } >"$dir/$name"
        done
        ;;
    FuzzIndexFile)
        # mode (1 read-only, 2 cut at the first patch, 4 no log), then patches: 24-bit offset,
        # length, bytes
        printf '\000' >"$dir/intact"
        printf '\001' >"$dir/intact-read-only"
        printf '\004' >"$dir/no-log"
        printf '\000\000\000\034\004\377\377\377\377' >"$dir/page-count"
        printf '\002\000\100\000\000' >"$dir/cut-at-16k"
        printf '\000\000\100\000\010\015\000\000\000\000\000\000\000' >"$dir/page-2-header"
        printf '\000\000\200\010\004\336\255\276\357' >"$dir/page-3-cells"
        ;;
    esac
    if [[ -d $fuzz/seeds/$target ]]; then cp "$fuzz/seeds/$target"/* "$dir/"; fi
}

failed=0
summary=()
for target in "${targets[@]}"; do
    [[ -x $bin/$target ]] || { echo "run.sh: no fuzzer $target in $bin" >&2; exit 64; }
    dir="$work/$target"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    make_seeds "$target" "$dir/seeds"
    dictionary=()
    [[ -f $fuzz/dictionaries/$target.dict ]] && dictionary=("-dict=$fuzz/dictionaries/$target.dict")
    log="$dir/log-$(date -u +%Y%m%dT%H%M%SZ).txt"
    echo "== $target for $seconds s (log: $log)"
    before=$(ls "$dir/artifacts" | wc -l)
    status=0
    "$bin/$target" "$dir/corpus" "$dir/seeds" ${dictionary[@]+"${dictionary[@]}"} \
        -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" ${extra[@]+"${extra[@]}"} >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1 || true)
    elapsed=$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE '[0-9]+ second' | tail -n 1 || true)
    findings=$(($(ls "$dir/artifacts" | wc -l) - before))
    if ((status != 0 || findings > 0)); then
        failed=1
        result="FINDING (exit $status; new artifacts: $(ls -t "$dir/artifacts" | head -n "$((findings > 0 ? findings : 1))" | tr '\n' ' '))"
        grep -E '^(==[0-9]+==ERROR|.*Fatal error|.*invariant violated|SUMMARY)' "$log" | head -n 5 || true
    else
        result=ok
    fi
    summary+=("$target: ${executions:-?} executions in ${elapsed:-? second}s, corpus $(ls "$dir/corpus" | wc -l) inputs: $result")
done

echo "== fuzzing summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
