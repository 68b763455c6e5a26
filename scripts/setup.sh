#!/usr/bin/env bash
# Installs what NearDup needs beyond the Swift toolchain: the xxHash C library and headers
# (Debian's libxxhash-dev, found through pkg-config). Safe to run again; does nothing when present.
set -euo pipefail

if pkg-config --exists libxxhash 2>/dev/null && [ -f /usr/include/xxhash.h ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing libxxhash-dev and pkg-config (Debian packages)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxxhash-dev pkg-config >/dev/null
