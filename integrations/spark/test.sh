#!/usr/bin/env bash
# Runs the Spark job (neardup_spark.py) with `spark-submit --master local[2]` and checks that its
# kept records (annotated), removed records and removed records' lines are byte-identical to those
# of `neardup dedup --annotate neardup --removed-records` on the same feed, for
# the bundled fixtures and a generated feed followed by the eval ci split (rewritten copies: the
# feed's rewrite links must exist, so that the comparison covers them). CI runs it.
#
# Usage: bash integrations/spark/test.sh [--documents N] [--seed S] [--work-dir DIR]
#   --documents  size of the generated feed (default 5000)   --seed  its seed (default 42)
#   --work-dir   default /tmp/neardup-spark
#
# Installs what is missing: Java 17 (Debian's openjdk-17-jre-headless), the eval set's source
# packages (eval/make_devset.py --setup: debian-handbook, mythes-en-us) and a Python venv with
# pyspark (requirements.txt, from PyPI) in the work dir; builds the static binary Spark ships to
# its executors (`swift build -c release --static-swift-stdlib`, in .build-static).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/Benchmarks/common.sh"
parse_corpus_options --documents 5000 --work-dir /tmp/neardup-spark "$@"

"$repo/scripts/setup.sh"
ensure_debian_package java openjdk-17-jre-headless
echo "== venv with pyspark: $work/venv"
if [[ ! -x $work/venv/bin/python ]] && ! python3 -m venv "$work/venv"; then
    ensure_debian_package /usr/share/doc/python3-venv python3-venv  # Debian's python3 lacks ensurepip without it
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$repo/integrations/spark/requirements.txt"
export PATH=$work/venv/bin:$PATH PYSPARK_PYTHON=$work/venv/bin/python PYTHONDONTWRITEBYTECODE=1
"$work/venv/bin/python" -m unittest discover -s "$repo/integrations/spark" -p 'test_*.py'

echo "== static build"
swift build -c release --static-swift-stdlib --product neardup --scratch-path "$repo/.build-static" 2>&1 | tail -n 1
neardup=$(swift build -c release --static-swift-stdlib --scratch-path "$repo/.build-static" --show-bin-path)/neardup

"$neardup" generate --documents "$documents" --seed "$seed" -o "$work/feed.jsonl"
python3 "$repo/eval/make_devset.py" --setup --split ci --seed 18 --out "$work/devset"
cat "$work/devset/ci.jsonl" >>"$work/feed.jsonl"
options=(--time-field published --source-field source)
rewrites=$("$neardup" scan "$work/feed.jsonl" "${options[@]}" --format jsonl --quiet | grep -c '"relation":"rewrite"' || true)
if (( rewrites < 10 )); then
    echo "FAIL: $rewrites rewrite links in $work/feed.jsonl: too few for the test to cover them" >&2
    exit 1
fi
echo "$work/feed.jsonl: $rewrites rewrite links"
for feed in "$repo/fixtures/feed.jsonl" "$work/feed.jsonl"; do
    echo "== $feed"
    "$neardup" dedup "$feed" "${options[@]}" -o "$work/expected-kept.jsonl" --removed "$work/expected-removed.jsonl" \
        --annotate neardup --removed-records "$work/expected-removed_records.jsonl" --quiet
    rm -rf "$work/out"
    spark-submit --master 'local[2]' --conf spark.ui.enabled=false --files "$neardup" \
        "$repo/integrations/spark/neardup_spark.py" "$feed" "$work/out" --binary neardup \
        --annotate neardup --removed-records -- "${options[@]}" \
        >"$work/spark.log" 2>&1 || { grep -v ' INFO ' "$work/spark.log" | tail -n 40 >&2; exit 1; }
    echo "summary: $(tr -d ' \n' <"$work/out/summary.json")"
    for kind in kept removed removed_records; do
        if ! cat "$work/out/$kind"/part-* | cmp -s - "$work/expected-$kind.jsonl"; then
            echo "FAIL: the Spark job's $kind records differ from neardup dedup's for $feed" >&2
            exit 1
        fi
    done
    echo "kept, removed and removed records' lines identical to neardup dedup's ($(wc -l <"$work/expected-kept.jsonl") kept," \
        "$(wc -l <"$work/expected-removed.jsonl") removed)"
done
echo "spark equality test passed"
