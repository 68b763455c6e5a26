# Shared by the benchmark scripts that run on a generated corpus; sourced, not run.

# Sets documents, seed, runs and work from the options --documents, --seed, --runs and --work-dir
# (defaults 100000, 42, 3 and /tmp/neardup-compare); anything else prints lines 6-8 of the calling
# script (its usage) and exits 64.
parse_corpus_options() {
    documents=100000
    seed=42
    runs=3
    work=/tmp/neardup-compare
    while (($#)); do
        case "$1" in
        --documents) documents=$2 ;;
        --seed) seed=$2 ;;
        --runs) runs=$2 ;;
        --work-dir) work=$2 ;;
        *)
            sed -n '6,8p' "$0" >&2
            exit 64
            ;;
        esac
        shift 2
    done
    ((runs >= 1)) || { echo "--runs must be at least 1" >&2; exit 64; }
    mkdir -p "$work"
}

# Builds the release binary of the package at $repo and sets neardup to its path.
build_neardup() {
    echo "== release build"
    swift build -c release --package-path "$repo" --product neardup 2>&1 | tail -n 1
    neardup=$(swift build -c release --package-path "$repo" --show-bin-path)/neardup
}

# Sets feed and truth to the corpus's files in $work, generating them unless both are there.
ensure_corpus() {
    feed=$work/feed-$documents-$seed.jsonl
    truth=$work/truth-$documents-$seed.jsonl
    echo "== corpus: $feed"
    if [[ ! -s $feed || ! -s $truth ]]; then
        "$neardup" generate --documents "$documents" --seed "$seed" -o "$feed" --truth "$truth"
    fi
}

# Installs the Debian package PACKAGE when COMMAND is neither on the PATH nor an existing path
# (e.g. /usr/bin/time: GNU time, which the timed runs use; gcc for the plain C reference loop).
ensure_debian_package() { # COMMAND PACKAGE
    { command -v "$1" || [[ -e $1 ]]; } >/dev/null && return
    echo "== installing $1 (Debian package $2)"
    local sudo=""
    ((EUID == 0)) || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}
