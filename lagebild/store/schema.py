"""The store's schema: tables, engine creation and database URLs.

Only SQLAlchemy Core types are used, JSON is kept as TEXT and dates as ISO
strings, so the same tables work on SQLite and PostgreSQL:

* ``articles``: one row per document (raw text, cleaned text, metadata, and a
  SHA-256 ``content_hash`` of the raw text that makes re-ingestion idempotent);
* ``sentences``: the sentence and headline spans of the cleaned text;
* ``events``: one row per EVENTS.md record, with the filterable slots as
  columns and the full record as JSON text in ``record``;
* ``event_codes``: the set-valued codes (target, origin, location) of each
  event, one row per code, so that "target includes LTU" is plain SQL;
* ``failures``: articles the pipeline could not process, and why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

MAX_MESSAGE = 1000

metadata = MetaData()

t_articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(), nullable=False, unique=True),
    Column("path", Text), Column("title", Text), Column("url", Text), Column("source", Text),
    Column("date", String()), Column("places", Text), Column("text", Text, nullable=False),
    Column("clean_text", Text, nullable=False),
    Column("content_hash", String(), nullable=False, unique=True),
    Column("meta", Text), Column("search_text", Text), Column("ingested_at", String()),
)

t_sentences = Table(
    "sentences", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(), ForeignKey("articles.doc_id"), nullable=False),
    Column("sent_index", Integer, nullable=False),
    Column("start_char", Integer, nullable=False), Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("heading", Boolean, nullable=False),
    Index("ix_sentences_doc", "doc_id", "sent_index"),
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
    Column("evidence", Text), Column("evidence_offsets", Text), Column("evidence_search", Text),
    Column("record", Text, nullable=False),
    Index("ix_events_doc", "doc_id"), Index("ix_events_type", "type"),
    Index("ix_events_actor", "actor_code"), Index("ix_events_date", "date_start", "date_end"),
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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: WAL for concurrent readers, enforced foreign keys."""
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def database_url(url: str | Path) -> str:
    """Turn a plain file path (or ":memory:") into an SQLite URL; pass URLs through.

    url (str | Path): "sqlite:///x.db", "postgresql://...", "data/x.db" or ":memory:".
    RETURNS (str): an SQLAlchemy database URL.
    """
    text = str(url)
    if "://" in text:
        return text
    return "sqlite://" if text in ("", ":memory:") else f"sqlite:///{Path(text)}"


def make_engine(url: str) -> Engine:
    """Create the engine, with thread-safe pooling and pragmas for SQLite."""
    if not url.startswith("sqlite"):
        return create_engine(url)
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memory:
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine

