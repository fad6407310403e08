"""The event store: articles, sentences, event records and failures in SQL.

The store keeps everything the pipeline produces for a German news article so
that the CLI, the HTTP API and the dashboard can query it without re-running
the extraction. It is a small package:

* ``schema``: the tables, engine creation and database URLs;
* ``write``: adding articles (with their sentences and events) and failures;
* ``query``: filters, events, statistics, force posture, articles and CSV rows.

``Store`` puts the write and the read side together over one database
connection pool. Only SQLAlchemy Core expressions with bound parameters are
used, so the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from .query import CSV_COLUMNS, BadFilter, Querying, csv_safe, event_types, flat_event, parse_date_bound
from .schema import database_url, make_engine, metadata
from .write import Writing

__all__ = [
    "CSV_COLUMNS",
    "BadFilter",
    "Store",
    "csv_safe",
    "database_url",
    "event_types",
    "flat_event",
    "parse_date_bound",
]


class Store(Writing, Querying):
    """Articles, their sentences and event records, and failures, in one SQL database.

    url (str | Path): an SQLAlchemy URL or a plain SQLite file path (default ``lagebild.db``).
    The tables are created when missing. Use as a context manager or call ``close()``.
    """

    def __init__(self, url: str | Path = "sqlite:///lagebild.db") -> None:
        self.url = database_url(url)
        self._engine = make_engine(self.url)
        metadata.create_all(self._engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release all database connections."""
        self._engine.dispose()
