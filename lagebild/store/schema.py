"""The store's schema: tables, compressed text columns, engine creation and database URLs.

Only SQLAlchemy Core types are used, JSON is kept as TEXT and dates as ISO
strings, so the same tables work on SQLite and PostgreSQL:

* ``articles``: one row per document: metadata, the cleaned text, the raw text,
  and a SHA-256 ``content_hash`` of the raw text that makes re-ingestion idempotent;
* ``sentences``: the sentence and headline spans of the cleaned text (offsets only);
* ``events``: one row per EVENTS.md record, with the filterable slots as
  columns and the full record as JSON text in ``record``;
* ``event_codes``: the set-valued codes (target, origin, location) of each
  event, one row per code, so that "target includes LTU" is plain SQL;
* ``failures``: articles the pipeline could not process, and why;
* ``store_info``: the schema version.

Each text is stored once. ``clean_text`` is zlib-compressed UTF-8 (a ``Packed``
column: Python sees a str); ``text``, the raw text, is kept as its difference
to the cleaned text (zlib with the cleaned text as preset dictionary, see
``pack_raw``), which costs a few dozen bytes where cleaning removed a dateline
or a stamp. Sentences are offsets into the cleaned text. The full-text indexes
(``fulltext``) hold tokens, not copies of the text. The event ``record`` JSON is
compressed too (with a preset dictionary of its keys); its filterable slots are
plain columns beside it. SQLite files use 8 KiB pages, which waste less space
on rows of a few kilobytes than the default 4 KiB.

Creating the tables is safe when two processes open the same new database at
once: on SQLite under an immediate (write-locking) transaction, on PostgreSQL
under an advisory lock; whoever comes second finds the tables made.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from . import fulltext

MAX_MESSAGE = 1000
SCHEMA_VERSION = "3"
# Versions this one upgrades in place: 2 lacks the stories (cross-article fusion).
UPGRADABLE = ("2",)
# The key of the PostgreSQL advisory lock held while the tables are created.
SCHEMA_LOCK = 0x4C616765  # "Lage"
ZLIB_WINDOW = 32 * 1024
BUSY_TIMEOUT_MS = 10_000
# The preset dictionary of the compressed ``events.record`` JSON: the keys and the most
# frequent values of a record. Stored records can only be read with this exact value.
RECORD_ZDICT = (
    b'"mode": "disapprove", "sector": "POL"}, "sector": "IGO"}, "factuality": "hypothetical", '
    b'{"doc": "", "type": "", "mode": null, "actor": {"text": "", "code": "", "sector": "GOV"}, '
    b'"target": {"text": "", "codes": []}, "origin": null, "location": null, "quantity": null, '
    b'"status": null, "posture": null, "date": {"text": null, "value": null}, '
    b'"source": {"text": "", "code": null}, "factuality": "asserted", "optional": false, '
    b'"evidence": [""], "evidence_offsets": [[, ]]}'
)


class StoreError(RuntimeError):
    """The database cannot be used as a Lagebild store (wrong schema, read-only, not there)."""


class ReadOnlyStore(StoreError):
    """A write was attempted on a store opened read-only."""


class Packed(TypeDecorator[str]):
    """A text column stored as zlib-compressed UTF-8 bytes; reads and writes are str.

    zdict (bytes): an optional preset dictionary (never change it for stored data).
    """

    impl = LargeBinary
    cache_ok = True

    def __init__(self, zdict: bytes = b"") -> None:
        super().__init__()
        self.zdict = zdict

    def process_bind_param(self, value: str | None, dialect: Any) -> bytes | None:
        if value is None:
            return None
        packer = zlib.compressobj(9, zdict=self.zdict) if self.zdict else zlib.compressobj(9)
        return packer.compress(value.encode("utf-8")) + packer.flush()

    def process_result_value(self, value: bytes | None, dialect: Any) -> str | None:
        if value is None:
            return None
        unpacker = zlib.decompressobj(zdict=self.zdict) if self.zdict else zlib.decompressobj()
        return (unpacker.decompress(bytes(value)) + unpacker.flush()).decode("utf-8")


def pack_raw(raw: str, clean: str) -> bytes:
    """The raw text as zlib bytes with the cleaned text as preset dictionary (its difference).

    raw (str): the article's raw text. clean (str): its cleaned text.
    RETURNS (bytes): what ``unpack_raw`` turns back into ``raw`` given ``clean``.
    """
    packer = zlib.compressobj(9, zdict=clean.encode("utf-8")[-ZLIB_WINDOW:])
    return packer.compress(raw.encode("utf-8")) + packer.flush()


def unpack_raw(packed: bytes, clean: str) -> str:
    """The raw text from ``pack_raw``'s bytes and the same cleaned text."""
    unpacker = zlib.decompressobj(zdict=clean.encode("utf-8")[-ZLIB_WINDOW:])
    return (unpacker.decompress(bytes(packed)) + unpacker.flush()).decode("utf-8")


metadata = MetaData()

t_articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(), nullable=False, unique=True),
    Column("path", Text), Column("title", Text), Column("url", Text), Column("source", Text),
    Column("date", String()), Column("places", Text),
    Column("clean_text", Packed(), nullable=False), Column("text", LargeBinary, nullable=False),
    Column("content_hash", String(), nullable=False, unique=True),
    Column("meta", Text), Column("ingested_at", String()),
    sqlite_autoincrement=True,  # ids are never reused, so a full-text entry never names another row
)

t_sentences = Table(
    "sentences", metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("sent_index", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False), Column("end_char", Integer, nullable=False),
    Column("heading", Boolean, nullable=False),
    sqlite_with_rowid=False,
)

t_events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(), ForeignKey("articles.doc_id"), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("type", String(), nullable=False), Column("mode", String()),
    Column("actor_text", Text), Column("actor_code", String()), Column("actor_sector", String()),
    Column("target_text", Text), Column("origin_text", Text), Column("location_text", Text),
    Column("place", Text), Column("lat", Float), Column("lon", Float),
    Column("quantity_value", BigInteger), Column("quantity_qualifier", String()),
    Column("quantity_unit", String()), Column("quantity_text", Text),
    Column("status", String()), Column("posture", String()),
    Column("date_text", Text), Column("date_value", String()),
    Column("date_key", String()), Column("date_start", String()), Column("date_end", String()),
    Column("source_text", Text), Column("source_code", String()),
    Column("factuality", String()), Column("optional", Boolean, nullable=False),
    Column("record", Packed(RECORD_ZDICT), nullable=False),
    Column("story_id", Integer),  # the story (fuse/stories.py) the record reports; NULL until linked
    Index("ix_events_doc", "doc_id"), Index("ix_events_story", "story_id"),
    Index("ix_events_link", "type", "actor_code", "id"), Index("ix_events_type", "type"),
    Index("ix_events_actor", "actor_code"), Index("ix_events_date", "date_start", "date_end"),
    sqlite_autoincrement=True,
)

# One row per story: the records of different articles that report one real-world event.
# A story's id is that of the record that founded it (store/link.py).
t_stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("type", String(), nullable=False), Column("actor_code", String()),
    Index("ix_stories_key", "type", "actor_code"),
)

t_event_codes = Table(
    "event_codes", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("role", String(), nullable=False),
    Column("code", String(), nullable=False),
    Index("ix_event_codes_code", "role", "code"), Index("ix_event_codes_event", "event_id"),
)

t_failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(), nullable=False), Column("path", Text),
    Column("stage", String(), nullable=False), Column("message", String(MAX_MESSAGE), nullable=False),
    Column("at", String(), nullable=False),
    UniqueConstraint("doc_id", "stage", "message", name="uq_failures"),
)

t_store_info = Table(
    "store_info", metadata,
    Column("key", String(), primary_key=True),
    Column("value", String(), nullable=False),
)


def database_url(url: str | Path) -> str:
    """Turn a plain file path (or ":memory:") into an SQLite URL; pass URLs through.

    url (str | Path): "sqlite:///x.db", "postgresql://...", "data/x.db" or ":memory:".
    RETURNS (str): an SQLAlchemy database URL.
    """
    value = str(url)
    if "://" in value:
        return value
    return "sqlite://" if value in ("", ":memory:") else f"sqlite:///{Path(value)}"


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):  # a URI filename (uri=true)
        return None
    return Path(parsed.database)


def writable(path: Path) -> bool:
    """Whether an SQLite file can be written: the file (when it exists) and its folder.

    The folder matters too, because SQLite writes its -wal and -shm files beside the database.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


def _sqlite_pragmas(readonly: bool) -> Any:
    """A connect hook for SQLite: WAL for concurrent readers, enforced foreign keys, a busy timeout.

    Switching a new file to WAL needs a moment of exclusive access, and SQLite answers
    "database is locked" at once (without its busy timeout) when another process is
    opening the same new file: the switch is retried for as long as the timeout.
    """
    pragmas = [f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON"]
    # page_size only takes effect on a new, empty file; it must precede the switch to WAL
    pragmas += ["query_only=ON"] if readonly else ["page_size=8192", "synchronous=NORMAL"]

    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            for pragma in pragmas:
                cursor.execute(f"PRAGMA {pragma}")
            if not readonly:
                _retry_locked(lambda: cursor.execute("PRAGMA journal_mode=WAL"))
        finally:
            cursor.close()

    return connect


def _retry_locked(action: Callable[[], object]) -> None:
    """Run an SQLite statement, retrying for up to the busy timeout while the database is locked."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _readonly_sqlite(path: Path) -> Any:
    """A connection factory that opens an SQLite file read-only (``mode=ro``).

    On read-only storage, where SQLite cannot create the -shm file it needs to read a
    WAL database, the file is opened as immutable: nothing can change it there anyway.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK) and not shm.exists():
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return connect


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    """Create the engine: thread-safe pooling and pragmas for SQLite, read-only on request.

    url (str): an SQLAlchemy URL.
    readonly (bool): open for reading only (SQLite ``mode=ro``; PostgreSQL read-only transactions).
    RETURNS (Engine): the engine.
    """
    if not url.startswith("sqlite"):
        engine = create_engine(url)
        return engine.execution_options(postgresql_readonly=True) if readonly else engine
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memory:
        options["poolclass"] = StaticPool
    path = sqlite_file(url)
    if readonly and path is not None:
        options = {"creator": _readonly_sqlite(path)}
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_pragmas(readonly))
    return engine


def _schema_version(conn: Connection) -> str | None:
    """The stored schema version; None for an empty database; "1" for a store made before versions."""
    tables = set(inspect(conn).get_table_names())
    if "store_info" in tables:
        found = conn.execute(select(t_store_info.c.value).where(t_store_info.c.key == "schema_version")).first()
        return found[0] if found else None
    return "1" if "articles" in tables else None


def _check_version(version: str | None, url: str, *, readonly: bool = False) -> None:
    """Refuse a database written with another layout, saying what to do."""
    if version in UPGRADABLE and readonly:
        raise StoreError(
            f"the database {url} has store schema version {version}, this Lagebild reads version "
            f"{SCHEMA_VERSION} (with stories); open it once writable to upgrade it in place, "
            f"e.g. 'lagebild link --db {url}'")
    if version not in (None, SCHEMA_VERSION, *UPGRADABLE):
        raise StoreError(
            f"the database {url} has store schema version {version}, this Lagebild writes version "
            f"{SCHEMA_VERSION} (each text stored once, full-text indexes); ingest the articles "
            "again into a new database file")


def open_schema(engine: Engine, url: str, *, readonly: bool) -> None:
    """Check the schema of a database and, unless read-only, create what is missing.

    engine (Engine): the store's engine. url (str): its URL, for messages.
    readonly (bool): only check; an empty read-only database is an error.
    Raises StoreError for a database of another schema version or an empty read-only one.
    """
    with engine.connect() as conn:
        version = _schema_version(conn)
    _check_version(version, url, readonly=readonly)
    if version == SCHEMA_VERSION:
        return
    if readonly:
        raise StoreError(f"the database {url} holds no Lagebild store (opened read-only, so none was created)")
    if engine.dialect.name == "sqlite":
        _create_sqlite(engine, url)
    else:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            _create(conn, url)


def _create_sqlite(engine: Engine, url: str) -> None:
    """Create the tables on SQLite inside BEGIN IMMEDIATE, so that concurrent creators queue.

    Python's sqlite3 module runs DDL outside transactions by default; here the driver is
    put in autocommit mode for the duration and the transaction is spelled out, so
    the second of two processes waits for the first and then finds every table made.
    """
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        level = driver.isolation_level
        driver.isolation_level = None
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                _create(conn, url)
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        finally:
            driver.isolation_level = level
            conn.rollback()  # end SQLAlchemy's own (empty) transaction on this connection


def _create(conn: Connection, url: str) -> None:
    """Create the missing tables and full-text indexes (upgrading an older version in place),
    and record the schema version."""
    version = _schema_version(conn)
    _check_version(version, url)
    if version in UPGRADABLE:
        _upgrade(conn)
    metadata.create_all(conn, checkfirst=True)
    fulltext.create(conn)
    if version is None:
        conn.execute(t_store_info.insert(), {"key": "schema_version", "value": SCHEMA_VERSION})


def _upgrade(conn: Connection) -> None:
    """Version 2 → 3: the ``stories`` table (made by ``create_all``) and ``events.story_id``;
    the stored records are linked into stories by the next ``Store.link_stories``."""
    conn.execute(text("ALTER TABLE events ADD COLUMN story_id INTEGER"))
    conn.execute(t_store_info.update().where(t_store_info.c.key == "schema_version")
                 .values(value=SCHEMA_VERSION))
