"""The event store: articles, sentences, event records and failures in SQL.

The store keeps everything the pipeline produces for a German news article so
that the CLI, the HTTP API and the dashboard can query it without re-running
the extraction. It is a small package:

* ``schema``: the tables, engine creation, database URLs and race-safe creation;
* ``fulltext``: the full-text indexes (SQLite FTS5, PostgreSQL tsvector);
* ``write``: adding articles (with their sentences and events) and failures;
* ``query``: filters, events (keyset pages), statistics, articles;
* ``link``: linking the stored records into stories (cross-article fusion), incrementally;
* ``stories``: stories and the force-posture ledger.

``Store`` puts the write and the read side together over one database
connection pool. Only SQLAlchemy Core expressions with bound parameters are
used, so the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from .query import BadFilter, Querying, event_types, parse_date_bound
from .stories import StoryQuerying
from .schema import ReadOnlyStore, StoreError, database_url, make_engine, open_schema, sqlite_file, writable
from .write import AddStatus, Writing

__all__ = [
    "AddStatus",
    "BadFilter",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "database_url",
    "event_types",
    "parse_date_bound",
]


class Store(Writing, Querying, StoryQuerying):
    """Articles, their sentences and event records, and failures, in one SQL database.

    url (str | Path): an SQLAlchemy URL or a plain SQLite file path (default ``lagebild.db``).
    readonly (bool): open for queries only: writes raise ReadOnlyStore and no table is
        created. An SQLite file that this process may not write (the file or its folder,
        as on read-only storage) is opened read-only without being asked.
    The tables are created when missing (safely when two processes race to create them).
    Raises StoreError for a database of another schema version, or a read-only one
    without a store. Use as a context manager or call ``close()``.
    """

    def __init__(self, url: str | Path = "sqlite:///lagebild.db", *, readonly: bool = False) -> None:
        self.url = database_url(url)
        path = sqlite_file(self.url)
        self.readonly = readonly or (path is not None and path.exists() and not writable(path))
        self._engine = make_engine(self.url, readonly=self.readonly)
        self._link_cache = {}
        try:
            open_schema(self._engine, self.url, readonly=self.readonly)
        except BaseException:
            self._engine.dispose()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release all database connections."""
        self._engine.dispose()
