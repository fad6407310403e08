#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for the PostgreSQL store and API tests.
#
# The tests start a throw-away server of their own (initdb and pg_ctl in a
# temporary folder, tests/postgres_helpers.py); they need only the binaries in
# /usr/lib/postgresql/VERSION/bin and, when run as root, an unprivileged user to
# run them as (the package creates 'postgres'). Idempotent and quiet when initdb
# is already there. Installs with scripts/apt_install.sh (apt-get as root or
# through sudo; otherwise it prints what to run and exits 1).
set -euo pipefail

have_initdb() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if have_initdb; then
    exit 0
fi

if ! bash "$(dirname "$0")/apt_install.sh" install_postgres.sh \
        "PostgreSQL's initdb is missing (the PostgreSQL server: initdb, pg_ctl; or point LAGEBILD_PG_BIN at them)" \
        postgresql; then
    echo "install_postgres.sh: the PostgreSQL tests need its server binaries. Without them" >&2
    echo "'make test-fast' skips those tests, 'make test' fails." >&2
    exit 1
fi

if ! have_initdb; then
    echo "install_postgres.sh: apt-get finished but no /usr/lib/postgresql/*/bin/initdb is there." >&2
    exit 1
fi
echo "install_postgres.sh: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1) installed."
