#!/usr/bin/env bash
# Install Debian's Chromium for the end-to-end dashboard test (tests/test_browser.py).
#
# Idempotent and quiet when /usr/bin/chromium already exists. Uses apt-get as
# root, or through sudo when not root (never prompting when there is no
# terminal, as in CI); otherwise prints what to run and exits 1.
# Never downloads a browser build of its own (no `playwright install`).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
    [ -t 0 ] || SUDO="sudo -n"  # no terminal: fail instead of waiting for a password
else
    echo "install_browser.sh: $CHROMIUM is missing and this user cannot install packages." >&2
    echo "Run as root:  apt-get update && apt-get install -y chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: apt-get not found; install Chromium at $CHROMIUM by hand." >&2
    exit 1
fi

echo "install_browser.sh: installing Debian's chromium ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

if [ ! -x "$CHROMIUM" ]; then
    echo "install_browser.sh: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "install_browser.sh: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed."
