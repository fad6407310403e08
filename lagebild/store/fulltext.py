"""Full-text indexes over the article texts and the event evidence, one per database engine.

* SQLite: contentless FTS5 tables ``articles_fts`` and ``events_fts`` (rowid = the
  article or event id). The indexed text is case-folded in Python first, because
  FTS5's unicode61 tokenizer lowers case but does not fold "ß" to "ss": with the
  same folding of the query, "AUSSENMINISTER" finds "Außenminister". Umlauts are
  kept (remove_diacritics 0), since they tell German words apart (schon, schön).
  Each word of a query matches the words that begin with it ("Soldat" finds
  "Soldaten"). The index keeps only which rows hold a token, no positions
  (detail=none): it is a third of the size of a positional index, and the
  all-words queries below need no more.
* PostgreSQL: tables ``articles_search`` and ``events_search`` with a ``tsvector``
  of the ``german`` text-search configuration and a GIN index; a query's words
  match by German stemming ("Soldat" finds "Soldaten", stop words are ignored).

On both, a query matches the rows that contain all of its words, in any order;
punctuation only separates words, so ``%`` and ``_`` match nothing by themselves.
The indexes hold tokens, never another copy of a text. Contentless FTS5 rows are
deleted by giving the indexed values again, so the write side passes the stored
text back to ``unindex_*``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Column, Index, Integer, MetaData, Table, bindparam, false, func, insert, literal_column, select
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.engine import Connection
from sqlalchemy.sql import column, table
from sqlalchemy.sql.elements import ColumnElement

FTS5_OPTIONS = "content='', detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 0'"
GERMAN = literal_column("'german'::regconfig")
WORD_RE = re.compile(r"[^\W_]+")

pg_metadata = MetaData()

pg_articles = Table(
    "articles_search", pg_metadata,
    Column("article_id", Integer, primary_key=True),
    Column("document", TSVECTOR, nullable=False),
    Index("ix_articles_search", "document", postgresql_using="gin"),
)

pg_events = Table(
    "events_search", pg_metadata,
    Column("event_id", Integer, primary_key=True),
    Column("document", TSVECTOR, nullable=False),
    Index("ix_events_search", "document", postgresql_using="gin"),
)


def create(conn: Connection) -> None:
    """Create the full-text indexes of the connection's engine when missing."""
    if conn.dialect.name == "sqlite":
        for name in ("articles_fts", "events_fts"):
            conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(document, {FTS5_OPTIONS})")
    elif conn.dialect.name == "postgresql":
        pg_metadata.create_all(conn, checkfirst=True)


def article_document(doc_id: str, title: str | None, source: str | None, clean_text: str) -> str:
    """The text an article is found by: its id, title, source and cleaned text."""
    return "\n".join(part for part in (doc_id, title, source, clean_text) if part)


def event_document(evidence: Sequence[str]) -> str:
    """The text an event is found by: its evidence sentences."""
    return "\n".join(evidence)


def index_articles(conn: Connection, documents: list[tuple[int, str]]) -> None:
    """Add (article id, ``article_document``) pairs to the index."""
    _write(conn, "articles", documents)


def index_events(conn: Connection, documents: list[tuple[int, str]]) -> None:
    """Add (event id, ``event_document``) pairs to the index."""
    _write(conn, "events", documents)


def unindex_article(conn: Connection, article_id: int, document: str) -> None:
    """Remove an article from the index; ``document`` is what ``index_article`` was given."""
    _write(conn, "articles", [(article_id, document)], remove=True)


def unindex_events(conn: Connection, documents: list[tuple[int, str]]) -> None:
    """Remove events from the index; each document is what ``index_events`` was given."""
    _write(conn, "events", documents, remove=True)


def _write(conn: Connection, kind: str, documents: list[tuple[int, str]], *, remove: bool = False) -> None:
    """Add (or remove) (row id, document) pairs to (or from) the index of articles or events."""
    if not documents:
        return
    if conn.dialect.name == "sqlite":
        # a contentless FTS5 table forgets a row when given its indexed values with the 'delete' command
        columns, values = (f"{kind}_fts, rowid, document", "'delete', ?, ?") if remove else ("rowid, document", "?, ?")
        conn.exec_driver_sql(f"INSERT INTO {kind}_fts ({columns}) VALUES ({values})",
                             [(row_id, document.casefold()) for row_id, document in documents])
    elif conn.dialect.name == "postgresql":
        pg, key = _pg_index(kind)
        if remove:
            conn.execute(pg.delete().where(key.in_([row_id for row_id, _ in documents])))
        else:
            stmt = insert(pg).values({key: bindparam("row_id"),
                                      pg.c.document: func.to_tsvector(GERMAN, bindparam("text"))})
            conn.execute(stmt, [{"row_id": row_id, "text": document} for row_id, document in documents])


def _pg_index(kind: str) -> tuple[Table, Column[int]]:
    """The PostgreSQL index table of articles or events, and its row id column."""
    return (pg_articles, pg_articles.c.article_id) if kind == "articles" else (pg_events, pg_events.c.event_id)


def matches(dialect: str, kind: str, key: ColumnElement[int], query: str) -> ColumnElement[bool]:
    """The condition that the row whose id is ``key`` contains every word of ``query``.

    dialect (str): "sqlite" or "postgresql". kind (str): "articles" or "events".
    key (ColumnElement): the id column of that table. query (str): the user's search words.
    RETURNS (ColumnElement[bool]): an ``IN`` condition over the index; false when the
        query has no word.
    """
    if dialect == "sqlite":
        words = list(dict.fromkeys(WORD_RE.findall(query.casefold())))
        if not words:
            return false()
        fts = table(f"{kind}_fts", column("rowid"))
        match = " ".join(f'"{word}"*' for word in words)
        return key.in_(select(fts.c.rowid).where(literal_column(f"{kind}_fts").op("MATCH")(match)))
    if dialect == "postgresql":
        if not WORD_RE.search(query):
            return false()
        pg, pg_key = _pg_index(kind)
        return key.in_(select(pg_key).where(pg.c.document.op("@@")(func.plainto_tsquery(GERMAN, query))))
    raise NotImplementedError(f"full-text search needs SQLite or PostgreSQL, not {dialect}")
