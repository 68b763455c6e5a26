#!/usr/bin/env bash
# Builds a Debian package of neardup: scripts/install.sh into a staging tree with prefix /usr,
# then dpkg-deb. The version is the binary's own (`neardup --version`, NearDupRelease.version),
# the architecture dpkg's, and Depends is computed by dpkg-shlibdeps from the libraries the binary
# links, so a new C library (a codec, say) is picked up without editing this script.
# Usage: scripts/build-deb.sh [--output DIR] [--scratch-path DIR] [--maintainer 'NAME <EMAIL>']
#   --output DIR        where the .deb goes (default ./dist)
#   --scratch-path DIR  passed to scripts/install.sh (default .build/static)
#   --maintainer TEXT   the Maintainer field (default the project's commit identity)
set -euo pipefail

source "$(dirname "$0")/script-support.sh"

output=dist
scratch=()
maintainer="NearDup maintainers <maintainers@users.noreply.h-seed-8a17d1e3.example>"
while (($#)); do
    case "$1" in
    --output | --scratch-path | --maintainer)
        (($# >= 2)) || fail "$1 needs a value" 64
        case "$1" in
        --output) output=$2 ;;
        --scratch-path) scratch=(--scratch-path "$(realpath -m "$2")") ;;
        --maintainer) maintainer=$2 ;;
        esac
        shift 2
        ;;
    -h | --help) usage ;;
    *)
        echo "build-deb.sh: unknown argument '$1'" >&2
        usage
        ;;
    esac
done
output=$(realpath -m "$output")
cd "$(dirname "$0")/.."
for tool in dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || fail "$tool not found: run ./scripts/setup.sh (it installs dpkg-dev)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
./scripts/install.sh --prefix /usr --destdir "$root" "${scratch[@]}"

echo "== Debian package"
# Debian's conventions: manpages gzipped, zsh completions in vendor-completions.
gzip -9n "$root"/usr/share/man/man1/*.1
mkdir -p "$root/usr/share/zsh/vendor-completions"
mv "$root/usr/share/zsh/site-functions/_neardup" "$root/usr/share/zsh/vendor-completions/"
rmdir "$root/usr/share/zsh/site-functions"

version=$("$root/usr/bin/neardup" --version)
architecture=$(dpkg --print-architecture)
mkdir -p "$root/DEBIAN" "$work/debian"
touch "$work/debian/control" # dpkg-shlibdeps reads it, but needs nothing from it here
shlibs=$(cd "$work" && dpkg-shlibdeps -O "$root/usr/bin/neardup") || fail "dpkg-shlibdeps failed (see above)"
depends=$(sed -n 's/^shlibs:Depends=//p' <<<"$shlibs")
[[ -n $depends ]] || fail "dpkg-shlibdeps found no libraries that neardup links"
cat >"$root/DEBIAN/control" <<EOF
Package: neardup
Version: $version
Architecture: $architecture
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: find duplicated, syndicated and rewritten copies of news articles
 NearDup compares articles paragraph by paragraph (shingles, MinHash, LSH and
 exact verification) and links documents by how much of each is covered by the
 other. neardup scans JSON Lines feeds or folders of text files, reports copies
 and boilerplate, deduplicates a feed while accounting for every removed
 record, and keeps a persistent index of articles already seen.
EOF
mkdir -p "$output"
deb=$output/neardup_${version}_$architecture.deb
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "built $deb"
echo "Depends: $depends"
