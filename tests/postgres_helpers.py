"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl on a free port.

The server binaries come from Debian's ``postgresql`` package
(``scripts/install_postgres.sh``, run by ``make test``). The server listens only
on a Unix socket in its own folder, trusts local connections, uses the C
collation (so strings sort as on SQLite) and skips fsync (test data only).
PostgreSQL refuses to run as root, so under root initdb and pg_ctl run as the
unprivileged ``postgres`` user the package creates (or ``nobody``).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "lagebild"


def find_pg_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: $LAGEBILD_PG_BIN if set, else the newest Debian version or PATH."""
    given = os.environ.get("LAGEBILD_PG_BIN")
    if given:
        candidates = [Path(given)]
    else:
        candidates = sorted(Path("/").glob(PG_BIN_GLOB.lstrip("/")), key=_version, reverse=True)
        if found := shutil.which("initdb"):
            candidates.append(Path(found).parent)
    return next((path for path in candidates if (path / "initdb").is_file() and (path / "pg_ctl").is_file()), None)


def _version(path: Path) -> tuple[int, ...]:
    """The version of a /usr/lib/postgresql/VERSION/bin folder, for sorting."""
    return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A PostgreSQL server in a temporary folder; ``start()``, ``new_database()``, ``stop()``.

    bin_dir (Path): the folder with initdb, pg_ctl and postgres.
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.user = None if os.geteuid() != 0 else self._unprivileged_user()
        # Not under pytest's tmp folder: that is private to root, and the server runs as another user.
        self.root = Path(tempfile.mkdtemp(prefix="lagebild-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self._started = False

    @staticmethod
    def _unprivileged_user() -> str:
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
                return name
            except KeyError:
                continue
        raise RuntimeError("running as root, PostgreSQL needs an unprivileged user: create 'postgres' "
                           "(scripts/install_postgres.sh) or 'nobody'")

    def _run(self, *args: str) -> None:
        """Run a server program (as the unprivileged user under root); raise with its output on failure."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{log}")

    def start(self) -> None:
        """initdb (trust, UTF-8, C collation) and start the server on a Unix socket in its folder."""
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = (f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off -c wal_level=minimal -c max_wal_senders=0 "
                   "-c max_wal_size=64MB")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")
        self._started = True

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of a database on this server (psycopg 3, Unix socket)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.root}&port={self.port}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.root), port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        name = f"test_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}" STRATEGY = FILE_COPY')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``new_database`` (closing whatever still connects to it)."""
        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        try:
            if self._started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
