"""Keeping the stories: linking stored records into stories, incrementally.

Every stored record belongs to one story (``events.story_id``); a story of one report is a
story too. ``link_unlinked`` takes the records not yet linked, one by one in the order they
were stored, and lets ``fuse.stories`` choose the story each one joins (a new story takes
the id of the record that founds it, so a rebuild gives the same ids); so linking a new
batch attaches its records to the stories already stored, and the result does not depend on
how the records were cut into batches. It runs inside the transaction that stored them; on
PostgreSQL an advisory lock makes concurrent writers link one after another.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from ..fuse.stories import WINDOW_DAYS, Report, Story, best_story, report
from .schema import SCHEMA_LOCK, t_articles, t_events, t_stories

LINK_LOCK = SCHEMA_LOCK + 1  # the PostgreSQL advisory lock held while linking
# A record is compared with the stories of its type and actor among the last RECENT_RECORDS
# records of that type and actor whose dates may fit (``WINDOW_DAYS``), and with each story's last STORY_REPORTS reports: the
# cost of linking a record is bounded however large the store and its stories grow.
RECENT_RECORDS = 300
STORY_REPORTS = 8
CACHE_LIMIT = 10_000  # linking views of stored records kept between transactions (memory stays flat: ~3 KB each)

ReportCache = dict[int, "Report | None"]


def link_unlinked(conn: Connection, cache: ReportCache | None = None) -> int:
    """Link every record without a story into one; RETURNS how many were linked.

    cache (dict | None): event id → linking view of stored records, kept by the caller
        between calls so that a record's JSON is decoded once (records never change).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINK_LOCK})
    cache = {} if cache is None else cache
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    ev = t_events.c
    rows = conn.execute(select(ev.id, ev.type, ev.actor_code, ev.record, ev.date_start, ev.date_end, t_articles.c.title)
                        .select_from(_with_title()).where(ev.story_id.is_(None)).order_by(ev.id)).all()
    if not rows:
        return 0
    stories: dict[tuple[str, str], list[Story]] = {}
    links: list[dict[str, int]] = []
    founded: list[dict[str, Any]] = []
    spans = _date_spans(rows)
    for row in rows:
        new = report(json.loads(row.record), row.id, row.date_start, row.date_end, row.title or "")
        cache[row.id] = new
        story = None
        if new is not None:
            key = (new.type, new.actor)
            if key not in stories:
                stories[key] = _stored_stories(conn, key, spans.get(key), cache)
            story = best_story(new, stories[key])
        if story is None:  # a new story, named by the id of the record that founds it
            story = Story(row.id)
            founded.append({"id": row.id, "type": row.type, "actor_code": row.actor_code})
            if new is not None:
                stories[(new.type, new.actor)].append(story)
        if new is not None:
            story.add(new, STORY_REPORTS)
        links.append({"event_id": row.id, "story": story.id})
    if founded:
        conn.execute(insert(t_stories), founded)
    stmt = update(t_events).where(t_events.c.id == bindparam("event_id")).values(story_id=bindparam("story"))
    conn.execute(stmt, links)
    return len(links)


def _with_title() -> Any:
    """The events with their article's title (linking compares headlines: ``fuse.stories``)."""
    return t_events.outerjoin(t_articles, t_articles.c.doc_id == t_events.c.doc_id)


def _date_spans(rows: list[Any]) -> dict[tuple[str, str], tuple[str, str] | None]:
    """Per type and actor, the days the new records' dates may reach (None: one is undated,
    so any stored record may fit)."""
    spans: dict[tuple[str, str], tuple[str, str] | None] = {}
    for row in rows:
        key = (row.type, row.actor_code)
        if not (row.date_start and row.date_end):
            spans[key] = None
        elif key not in spans:
            spans[key] = (row.date_start, row.date_end)
        elif spans[key] is not None:
            low, high = spans[key]
            spans[key] = (min(low, row.date_start), max(high, row.date_end))
    margin = timedelta(days=WINDOW_DAYS)
    return {key: None if span is None else ((date.fromisoformat(span[0]) - margin).isoformat(),
                                            (date.fromisoformat(span[1]) + margin).isoformat())
            for key, span in spans.items()}


def _stored_stories(conn: Connection, key: tuple[str, str], span: tuple[str, str] | None,
                    cache: ReportCache) -> list[Story]:
    """The stories of a type and actor among its last ``RECENT_RECORDS`` linked records (those
    undated or dated within ``span``), each with its last ``STORY_REPORTS`` reports (the
    records' linking views, from the cache)."""
    ev = t_events.c
    stmt = select(ev.id, ev.story_id).where(ev.type == key[0], ev.actor_code == key[1], ev.story_id.is_not(None))
    if span is not None:
        stmt = stmt.where(or_(ev.date_start.is_(None), and_(ev.date_end >= span[0], ev.date_start <= span[1])))
    recent = conn.execute(stmt.order_by(ev.id.desc()).limit(RECENT_RECORDS)).all()
    missing = [row.id for row in recent if row.id not in cache]
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        for row in conn.execute(select(ev.id, ev.record, ev.date_start, ev.date_end, t_articles.c.title)
                                .select_from(_with_title()).where(ev.id.in_(chunk))):
            cache[row.id] = report(json.loads(row.record), row.id, row.date_start, row.date_end, row.title or "")
    members: dict[int, list[Report]] = defaultdict(list)
    for row in reversed(recent):  # oldest first
        found = cache.get(row.id)
        if found is not None:
            members[row.story_id].append(found)
    return [Story(story_id, reports[-STORY_REPORTS:]) for story_id, reports in sorted(members.items())]


def drop_empty_stories(conn: Connection) -> None:
    """Delete the stories whose every record was deleted (a replaced article's)."""
    used = select(t_events.c.story_id).where(t_events.c.story_id.is_not(None))
    conn.execute(delete(t_stories).where(t_stories.c.id.not_in(used)))


def unlink_all(conn: Connection) -> None:
    """Forget every story (``lagebild link --rebuild`` links all records afresh)."""
    conn.execute(update(t_events).values(story_id=None))
    conn.execute(delete(t_stories))
