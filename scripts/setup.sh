#!/usr/bin/env bash
# Installs what NearDup needs beyond the Swift toolchain: the xxHash C library and headers
# (Debian's libxxhash-dev, found through pkg-config) and SQLite's headers for the index (Debian's
# libsqlite3-dev, used by GRDB), strace, with which the index's crash tests stop a writer at
# an exact system call, and the compression libraries and headers that compressed feeds are read
# through (zlib1g-dev, libzstd-dev, liblzma-dev, libbz2-dev) with their command-line tools, with
# which tests make compressed feeds (gzip, zstd, xz-utils, bzip2); and for packaging, dpkg-dev
# (dpkg-shlibdeps computes the .deb's dependencies in scripts/build-deb.sh) and man-db (CI checks
# the manpages with man). Safe to run again; does nothing when present.
set -euo pipefail

if pkg-config --exists libxxhash 2>/dev/null && [ -f /usr/include/xxhash.h ] && [ -f /usr/include/sqlite3.h ] \
    && [ -x /usr/bin/strace ] && [ -x /usr/bin/dpkg-shlibdeps ] && [ -x /usr/bin/man ] \
    && [ -f /usr/include/zlib.h ] && [ -f /usr/include/zstd.h ] && [ -f /usr/include/lzma.h ] \
    && [ -f /usr/include/bzlib.h ] && command -v gzip >/dev/null && command -v zstd >/dev/null \
    && command -v xz >/dev/null && command -v bzip2 >/dev/null; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing libxxhash-dev, libsqlite3-dev, pkg-config, strace, compression libraries and tools," \
    "dpkg-dev and man-db (Debian packages)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxxhash-dev libsqlite3-dev pkg-config strace \
    zlib1g-dev libzstd-dev liblzma-dev libbz2-dev gzip zstd xz-utils bzip2 dpkg-dev man-db >/dev/null
