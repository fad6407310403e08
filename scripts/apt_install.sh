#!/usr/bin/env bash
# Install Debian packages for a setup script: apt_install.sh CALLER MISSING PACKAGE...
#
# CALLER names the script in messages, MISSING says what is missing and how to
# provide it by hand. Uses apt-get as root, or through sudo when not root (never
# prompting when there is no terminal, as in CI); otherwise prints what to run
# and exits 1. Exits 1 too when apt-get is absent or fails.
set -euo pipefail

CALLER=$1
MISSING=$2
shift 2

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
    [ -t 0 ] || SUDO="sudo -n"  # no terminal: fail instead of waiting for a password
else
    echo "$CALLER: $MISSING, and this user cannot install packages." >&2
    echo "Run as root:  apt-get update && apt-get install -y $*" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$CALLER: $MISSING, and apt-get is not found; install it by hand." >&2
    exit 1
fi

echo "$CALLER: installing Debian's $* ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
