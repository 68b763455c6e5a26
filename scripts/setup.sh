#!/usr/bin/env bash
# Installs what NearDup needs beyond the Swift toolchain: the xxHash C library and headers
# (Debian's libxxhash-dev, found through pkg-config) and SQLite's headers for the index (Debian's
# libsqlite3-dev, used by GRDB), and strace, with which the index's crash tests stop a writer at
# an exact system call. Safe to run again; does nothing when present.
set -euo pipefail

if pkg-config --exists libxxhash 2>/dev/null && [ -f /usr/include/xxhash.h ] && [ -f /usr/include/sqlite3.h ] \
    && [ -x /usr/bin/strace ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing libxxhash-dev, libsqlite3-dev, pkg-config and strace (Debian packages)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxxhash-dev libsqlite3-dev pkg-config strace >/dev/null
