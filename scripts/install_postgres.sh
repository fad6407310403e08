#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for the PostgreSQL store and API tests.
#
# The tests start a throw-away server of their own (initdb and pg_ctl in a
# temporary folder, tests/postgres_helpers.py); they need only the binaries in
# /usr/lib/postgresql/VERSION/bin and, when run as root, an unprivileged user to
# run them as (the package creates 'postgres'). Idempotent and quiet when initdb
# is already there. Uses apt-get as root, or through sudo when not root (never
# prompting when there is no terminal, as in CI); otherwise prints what to run
# and exits 1.
set -euo pipefail

have_initdb() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if have_initdb; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
    [ -t 0 ] || SUDO="sudo -n"  # no terminal: fail instead of waiting for a password
else
    echo "install_postgres.sh: PostgreSQL's initdb is missing and this user cannot install packages." >&2
    echo "Run as root:  apt-get update && apt-get install -y postgresql" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_postgres.sh: apt-get not found; install the PostgreSQL server (initdb, pg_ctl) by hand" >&2
    echo "and point LAGEBILD_PG_BIN at the folder that holds them." >&2
    exit 1
fi

echo "install_postgres.sh: installing Debian's postgresql ..."
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }; then
    echo "install_postgres.sh: 'apt-get install postgresql' failed (see above); the PostgreSQL tests" >&2
    echo "need its server binaries. Without them 'make test-fast' skips those tests, 'make test' fails." >&2
    exit 1
fi

if ! have_initdb; then
    echo "install_postgres.sh: apt-get finished but no /usr/lib/postgresql/*/bin/initdb is there." >&2
    exit 1
fi
echo "install_postgres.sh: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1) installed."
