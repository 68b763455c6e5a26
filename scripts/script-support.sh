# Shell helpers the scripts in scripts/ share; sourced, not run.

# Prints the calling script's "# Usage:" comment block (its usage line and the option lines
# indented under it) on stderr, and exits 64.
usage() {
    awk '/^# Usage:/ { on = 1 } on && !/^# (Usage:|  )/ { exit } on { sub(/^# /, ""); print }' "$0" >&2
    exit 64
}

# Says MESSAGE on stderr after the script's name, and exits with STATUS (default 1).
fail() { # MESSAGE [STATUS]
    echo "$(basename "$0"): $1" >&2
    exit "${2:-1}"
}
