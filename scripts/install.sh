#!/usr/bin/env bash
# Builds neardup and installs it under a prefix (default /usr/local):
#   PREFIX/bin/neardup                                  release build, Swift runtime linked in
#   PREFIX/share/man/man1/neardup.1, neardup.dedup.1 …  one page per command
#   PREFIX/share/bash-completion/completions/neardup
#   PREFIX/share/zsh/site-functions/_neardup
#   PREFIX/share/fish/vendor_completions.d/neardup.fish
# Usage: scripts/install.sh [--prefix DIR] [--destdir DIR] [--scratch-path DIR]
#   --prefix DIR        where neardup goes (an absolute path; default /usr/local)
#   --destdir DIR       stage the files under DIR/PREFIX instead, for packaging (scripts/build-deb.sh)
#   --scratch-path DIR  build the binary there (default .build/static)
#
# The binary links the Swift standard library and Foundation statically (swift build
# --static-swift-stdlib), so it runs without a Swift toolchain; it still needs the C libraries
# it is built on (libxxhash, SQLite, the C and C++ runtimes). It is built apart from the default
# .build, whose builds differ in flags (one scratch path for both would rebuild everything each
# time). The manpages come from swift-argument-parser's generate-manual plugin, which reads the
# commands' help; it runs on the debug build in .build (which `swift test` has already built).
# Build dependencies come from scripts/setup.sh. Running it again replaces the installed files.
# Run it as the clone's owner: if the destination is not writable, only the copying uses sudo.
set -euo pipefail

source "$(dirname "$0")/script-support.sh"

# Runs a command with its output in a log; prints the log's last line, or all of it if it fails.
quietly() { # DESCRIPTION COMMAND…
    local what=$1 log
    shift
    log=$(mktemp)
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        fail "$what failed (its output is above)"
    fi
    tail -n 1 "$log"
    rm -f "$log"
}

prefix=/usr/local
destdir=""
scratch=""
while (($#)); do
    case "$1" in
    --prefix | --destdir | --scratch-path)
        (($# >= 2)) || fail "$1 needs a directory" 64
        case "$1" in
        --prefix) prefix=$2 ;;
        --destdir) destdir=$2 ;;
        --scratch-path) scratch=$2 ;;
        esac
        shift 2
        ;;
    -h | --help) usage ;;
    *)
        echo "install.sh: unknown argument '$1'" >&2
        usage
        ;;
    esac
done
[[ $prefix == /* ]] || fail "--prefix must be an absolute path, not '$prefix'" 64
[[ -z $destdir || $destdir == /* ]] || destdir=$PWD/$destdir
[[ -z $scratch || $scratch == /* ]] || scratch=$PWD/$scratch
prefix=${prefix%/}
root=$destdir$prefix

cd "$(dirname "$0")/.."
scratch=${scratch:-$PWD/.build/static}
command -v swift >/dev/null || fail "swift not found: install a Swift 6.1 or later toolchain (https://swift.org/install)"

echo "== build dependencies (scripts/setup.sh)"
./scripts/setup.sh

echo "== release build, Swift runtime linked statically ($scratch)"
build=(swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path "$scratch" --product neardup)
quietly "the release build" "${build[@]}"
neardup=$("${build[@]}" --show-bin-path)/neardup
[[ -x $neardup ]] || fail "the build did not produce $neardup"
version=$("$neardup" --version)

echo "== manpages (swift-argument-parser's generate-manual plugin)"
pages=.build/plugins/GenerateManual/outputs/neardup
rm -rf "$pages"
quietly "the generate-manual plugin" swift package plugin generate-manual --configuration debug --multi-page
[[ -f $pages/neardup.1 ]] || fail "the generate-manual plugin wrote no $pages/neardup.1"

echo "== install neardup $version into ${destdir:+$destdir }$prefix"
sudo=""
probe=$root
until [[ -e $probe ]]; do probe=$(dirname "$probe"); done
if [[ ! -w $probe ]] && ((EUID != 0)); then
    command -v sudo >/dev/null || fail "$probe is not writable and sudo is not installed"
    sudo=sudo
fi
man1=$root/share/man/man1
completions=(
    bash "$root/share/bash-completion/completions/neardup"
    zsh "$root/share/zsh/site-functions/_neardup"
    fish "$root/share/fish/vendor_completions.d/neardup.fish"
)
$sudo install -d "$root/bin" "$man1"
$sudo install -m 0755 -s "$neardup" "$root/bin/neardup"
# Pages of commands that no longer exist must not outlive them.
$sudo rm -f "$man1"/neardup.1 "$man1"/neardup.*.1
for page in "$pages"/*.1; do
    # The plugin copies each blank line of a command's discussion; mdoc wants a paragraph macro.
    sed 's/^$/.Pp/' "$page" | $sudo install -m 0644 /dev/stdin "$man1/$(basename "$page")"
done
for ((i = 0; i < ${#completions[@]}; i += 2)); do
    file=${completions[i + 1]}
    $sudo install -d "$(dirname "$file")"
    "$neardup" --generate-completion-script "${completions[i]}" | $sudo install -m 0644 /dev/stdin "$file"
done

echo "installed: $root/bin/neardup, $(find "$pages" -name '*.1' | wc -l) manpages in $man1, bash, zsh and fish completions"
if [[ -z $destdir ]] && [[ $(command -v neardup || true) != "$prefix/bin/neardup" ]]; then
    echo "note: $prefix/bin is not first on PATH for neardup; add it, or call $prefix/bin/neardup" >&2
fi
