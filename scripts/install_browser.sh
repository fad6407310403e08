#!/usr/bin/env bash
# Install Debian's Chromium for the end-to-end dashboard test (tests/test_browser.py).
#
# Idempotent and quiet when /usr/bin/chromium already exists. Installs with
# scripts/apt_install.sh (apt-get as root or through sudo; otherwise it prints
# what to run and exits 1).
# Never downloads a browser build of its own (no `playwright install`).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

bash "$(dirname "$0")/apt_install.sh" install_browser.sh "$CHROMIUM is missing" chromium fonts-dejavu-core

if [ ! -x "$CHROMIUM" ]; then
    echo "install_browser.sh: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "install_browser.sh: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed."
