"""Writing to the store: articles with their sentences and events, and failures.

Re-ingestion. ``add_article`` returns "unchanged" and changes nothing when the
same raw text is already stored (under any doc_id). When a doc_id arrives again
with DIFFERENT text, the old article, its sentences and its events are replaced
by the new ones (the newer version of an article wins) and it returns "replaced";
a new article is "added". ``has_content`` answers the same question before any
extraction is done, from the unique index on the raw text's hash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError

from ..model import Article, Event, Failure, Sentence
from . import fulltext
from .link import ReportCache, drop_empty_stories, link_unlinked, unlink_all
from .query import date_fields
from .schema import (
    MAX_MESSAGE,
    ReadOnlyStore,
    pack_raw,
    t_articles,
    t_event_codes,
    t_events,
    t_failures,
    t_sentences,
)

AddStatus = Literal["added", "unchanged", "replaced"]
Processed = tuple[Article, list[Sentence], list[Event]]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _article_row(article: Article, clean_text: str) -> dict[str, Any]:
    """The ``articles`` row of an Article (the raw text packed against the cleaned text)."""
    return {
        "doc_id": article.doc_id, "path": article.path, "title": article.title, "url": article.url,
        "source": article.source, "date": article.date, "places": _dumps(list(article.places)),
        "clean_text": clean_text, "text": pack_raw(article.text, clean_text),
        "content_hash": article.content_hash, "meta": _dumps(article.meta), "ingested_at": _now(),
    }


def _event_row(event: Event, ord: int, article: Article) -> dict[str, Any]:
    """The ``events`` row of an Event: flat filter columns plus the full record as JSON."""
    record = event.to_record()
    record["doc"] = article.doc_id
    loc, qty, dt = event.location, event.quantity, event.date
    key, start, end = date_fields(dt.value if dt else None, article.date)
    return {
        "doc_id": article.doc_id, "ord": ord, "type": event.type, "mode": event.mode,
        "actor_text": event.actor.text if event.actor else None,
        "actor_code": event.actor.code if event.actor else None,
        "actor_sector": event.actor.sector if event.actor else None,
        "target_text": event.target.text if event.target else None,
        "origin_text": event.origin.text if event.origin else None,
        "location_text": loc.text if loc else None, "place": loc.place if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "quantity_value": qty.value if qty else None, "quantity_qualifier": qty.qualifier if qty else None,
        "quantity_unit": qty.unit if qty else None, "quantity_text": qty.text if qty else None,
        "status": event.status, "posture": event.posture,
        "date_text": dt.text if dt else None, "date_value": dt.value if dt else None,
        "date_key": key, "date_start": start, "date_end": end,
        "source_text": event.source.text if event.source else None,
        "source_code": event.source.code if event.source else None,
        "factuality": event.factuality, "optional": bool(event.optional), "record": _dumps(record),
    }


def _code_rows(event_id: int, event: Event) -> list[dict[str, Any]]:
    """The ``event_codes`` rows (target, origin, location) of one stored event."""
    rows = []
    for role, party in (("target", event.target), ("origin", event.origin), ("location", event.location)):
        for code in dict.fromkeys(party.codes if party else []):
            rows.append({"event_id": event_id, "role": role, "code": code})
    return rows


class Writing:
    """The write side of ``Store``: articles with their sentences and events, and failures."""

    _engine: Engine
    url: str
    readonly: bool
    _link_cache: ReportCache  # the linking views of stored records (``link``), kept between writes

    def _check_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyStore(f"the database {self.url} is open read-only; writing needs a writable "
                                "database file and folder")

    def add_article(self, article: Article, sentences: list[Sentence], events: list[Event]) -> AddStatus:
        """Store an article with its sentences and events in one transaction.

        article (Article): the processed article; its raw-text hash identifies the content.
        sentences (list[Sentence]): spans of ``article.clean_text``.
        events (list[Event]): the article's event records.
        RETURNS (str): "added"; "unchanged" (and nothing changed) when the same raw text is
            already stored, under any doc_id; "replaced" when a stored article with the same
            doc_id and a different text was replaced by this one.
        """
        self._check_writable()
        try:
            with self._engine.begin() as conn:
                return _add_batch(conn, [(article, sentences, events)], self._link_cache)[0]
        except IntegrityError:  # the same article was stored concurrently
            return "unchanged"

    def add_articles(self, items: Sequence[Processed]) -> list[AddStatus]:
        """Store several processed articles in one transaction (what ``add_article`` does to
        each, in order); far cheaper per article than one transaction each.

        items (Sequence[tuple]): (article, sentences, events) of each article.
        RETURNS (list[str]): each article's status, as ``add_article`` gives it. When another
            process stores one of them at the same time, the batch is stored one by one.
        """
        self._check_writable()
        try:
            with self._engine.begin() as conn:
                return _add_batch(conn, items, self._link_cache)
        except IntegrityError:
            return [self.add_article(*item) for item in items]

    def link_stories(self, *, rebuild: bool = False) -> int:
        """Link the stored records that are in no story yet (records stored before stories
        existed, by an older version); ``add_article(s)`` links what it stores itself.

        rebuild (bool): forget all stories first and link every record afresh.
        RETURNS (int): how many records were linked.
        """
        self._check_writable()
        with self._engine.begin() as conn:
            if rebuild:
                unlink_all(conn)
                self._link_cache.clear()
            return link_unlinked(conn, self._link_cache)

    def has_content(self, content_hash: str) -> bool:
        """Tell whether an article with this raw-text SHA-256 is stored (indexed look-up).

        content_hash (str): ``Article.content_hash``.
        RETURNS (bool): True when the same text is already stored, under any doc_id.
        """
        with self._engine.connect() as conn:
            found = conn.execute(select(t_articles.c.id).where(t_articles.c.content_hash == content_hash).limit(1))
            return found.first() is not None

    def stored_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Which of these raw-text SHA-256s are stored (one indexed query for a batch).

        content_hashes (Sequence[str]): ``Article.content_hash`` values.
        RETURNS (set[str]): the ones whose text is already stored, under any doc_id.
        """
        if not content_hashes:
            return set()
        with self._engine.connect() as conn:
            column = t_articles.c.content_hash
            rows = conn.execute(select(column).where(column.in_(list(content_hashes))))
            return {row[0] for row in rows}

    def add_failure(self, failure: Failure) -> None:
        """Record an article that failed; recording the same failure twice keeps one row.

        failure (Failure): the document, stage and message.
        """
        self._check_writable()
        row = {"doc_id": failure.doc_id, "path": failure.path, "stage": failure.stage,
               "message": failure.message[:MAX_MESSAGE], "at": _now()}
        key = and_(t_failures.c.doc_id == row["doc_id"], t_failures.c.stage == row["stage"],
                   t_failures.c.message == row["message"])
        try:
            with self._engine.begin() as conn:
                if conn.execute(select(t_failures.c.id).where(key)).first() is None:
                    conn.execute(insert(t_failures), row)
        except IntegrityError:  # recorded concurrently
            pass


def _add_batch(conn: Connection, items: Sequence[Processed], cache: ReportCache) -> list[AddStatus]:
    """Add articles inside an open transaction, each "added", "unchanged" or "replaced",
    with one statement per table for the whole batch.

    The outcome is that of adding them one by one in order. A batch that repeats a
    doc_id or a text, or whose stored rows tie one article's id to another's text,
    is added one by one, since there the order decides.
    """
    art = t_articles.c
    doc_ids = [article.doc_id for article, _, _ in items]
    hashes = [article.content_hash for article, _, _ in items]
    found = conn.execute(
        select(art.id, art.doc_id, art.title, art.source, art.clean_text, art.content_hash)
        .where(or_(art.doc_id.in_(doc_ids), art.content_hash.in_(hashes)))
    ).all()
    ids, texts, pairs = set(doc_ids), set(hashes), set(zip(doc_ids, hashes))
    tangled = any(row.doc_id in ids and row.content_hash in texts and (row.doc_id, row.content_hash) not in pairs
                  for row in found)
    if len(items) > 1 and (len(ids) < len(items) or len(texts) < len(items) or tangled):
        return [status for item in items for status in _add_batch(conn, [item], cache)]
    stored = {row.content_hash for row in found}
    statuses: list[AddStatus] = []
    new: list[Processed] = []
    for item in items:
        article = item[0]
        if article.content_hash in stored:
            statuses.append("unchanged")
            continue
        old = [row for row in found if row.doc_id == article.doc_id]
        for row in old:  # the same doc_id with another text
            _delete_article(conn, row)
        statuses.append("replaced" if old else "added")
        new.append(item)
    if new:
        _insert_articles(conn, new)
    if any(status == "replaced" for status in statuses):
        drop_empty_stories(conn)
    if new:
        link_unlinked(conn, cache)
    return statuses


def _delete_article(conn: Connection, stored: Row[Any]) -> None:
    """Delete a stored article with its sentences, events, event codes and index entries.

    stored (Row): the article's id, doc_id, title, source and clean_text.
    """
    evts = conn.execute(select(t_events.c.id, t_events.c.record).where(t_events.c.doc_id == stored.doc_id)).all()
    ids = [evt.id for evt in evts]
    fulltext.unindex_events(conn, [(evt.id, fulltext.event_document(json.loads(evt.record)["evidence"]))
                                   for evt in evts])
    fulltext.unindex_article(conn, stored.id, fulltext.article_document(
        stored.doc_id, stored.title, stored.source, stored.clean_text))
    if ids:
        conn.execute(delete(t_event_codes).where(t_event_codes.c.event_id.in_(ids)))
        conn.execute(delete(t_events).where(t_events.c.id.in_(ids)))
    conn.execute(delete(t_sentences).where(t_sentences.c.article_id == stored.id))
    conn.execute(delete(t_articles).where(t_articles.c.id == stored.id))


def _insert_articles(conn: Connection, items: Sequence[Processed]) -> None:
    """Insert articles' rows and index entries: one statement per table for all of them."""
    texts = [article.clean_text or article.text for article, _, _ in items]
    stmt = insert(t_articles).returning(t_articles.c.id, sort_by_parameter_order=True)
    article_ids = conn.execute(stmt, [_article_row(item[0], text) for item, text in zip(items, texts)]).scalars().all()
    fulltext.index_articles(conn, [
        (article_id, fulltext.article_document(article.doc_id, article.title, article.source, text))
        for article_id, (article, _, _), text in zip(article_ids, items, texts)])
    sentence_rows = [
        {"article_id": article_id, "sent_index": i, "start_char": s.start, "end_char": s.end, "heading": bool(s.heading)}
        for article_id, (_, sents, _) in zip(article_ids, items) for i, s in enumerate(sents)]
    if sentence_rows:
        conn.execute(insert(t_sentences), sentence_rows)
    events = [(article, evt) for article, _, evts in items for evt in evts]
    if not events:
        return
    rows = [_event_row(evt, i, article) for article, _, evts in items for i, evt in enumerate(evts)]
    stmt = insert(t_events).returning(t_events.c.id, sort_by_parameter_order=True)
    ids = conn.execute(stmt, rows).scalars().all()
    fulltext.index_events(conn, [(event_id, fulltext.event_document(evt.evidence))
                                 for event_id, (_, evt) in zip(ids, events)])
    codes = [row for event_id, (_, evt) in zip(ids, events) for row in _code_rows(event_id, evt)]
    if codes:
        conn.execute(insert(t_event_codes), codes)
