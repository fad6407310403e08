"""Reading the store: event filters, events, statistics, articles.

Dates. An event date is ISO 8601 at the precision the German text allows
("2022", "2022-03", "2022-03-07": "im März" resolves to a month, "am Montag" to
a day). Each stored event therefore covers an interval of days, kept as
``date_start``/``date_end``: "2022-03" covers 2022-03-01..2022-03-31. A filter
``since=S, until=U`` (each also at any precision) selects the events whose
interval OVERLAPS [start of S, end of U]: a month event is within
since=2022-03-15 because part of March is. An event without a date of its own
is placed at its article's date (the record itself is not changed); an event
with neither is excluded by any date filter and sorts last.

Search. ``q`` finds the events whose evidence, and the articles whose id,
title, source or cleaned text, contain all of its words, case-insensitively
("AUSSENMINISTER" finds "Außenminister"), through each engine's full-text index:
on SQLite a word matches the words it begins, on PostgreSQL the words of the same
German stem (see ``fulltext``). A ``q`` of blanks filters nothing; one without any
word (``%``) matches nothing.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement

from . import fulltext
from .schema import t_articles, t_event_codes, t_events, t_failures, t_sentences, unpack_raw

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FORCE_TYPES = {"MOBILIZE": "deployments", "RETREAT": "withdrawals", "PRESENCE": "presence", "AID": "aid"}
SORT_KEYS = ("date", "type", "actor", "doc", "id")
# Fields the matching events can be counted by (``facets``); "target" counts each target code.
FACET_FIELDS = ("type", "mode", "status", "posture", "factuality", "actor", "target", "source", "place")
MAX_FACET_VALUES = 100
# The values of the closed-vocabulary filters (EVENTS.md).
STATUSES = ("announced", "planned", "underway", "arrived", "completed", "denied")
POSTURES = ("permanent", "rotational", "temporary")
FACTUALITIES = ("asserted", "negated", "hypothetical")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")
ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ISO_PREFIX_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

class BadFilter(ValueError):
    """A query parameter has an invalid value.

    param (str): the name of the offending parameter ("since", "limit", ...).
    message (str): what is wrong and what a valid value looks like.
    """

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


def event_types() -> list[str]:
    """The 17 event types of the output contract, in EVENTS.md order.

    RETURNS (list[str]): type names read from ``data/event_types.tsv``.
    """
    return list(_load_event_types())


@lru_cache(maxsize=1)
def _load_event_types() -> tuple[str, ...]:
    lines = (DATA_DIR / "event_types.tsv").read_text(encoding="utf-8").splitlines()
    return tuple(line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#"))


def _interval(match: re.Match[str]) -> tuple[str, str] | None:
    """First and last day covered by a matched ISO date, or None if it is no real date."""
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            first = last = date(int(year), int(month), int(day))
        elif month:
            first = date(int(year), int(month), 1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        else:
            first, last = date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None
    return first.isoformat(), last.isoformat()


def parse_date_bound(value: str, param: str) -> tuple[str, str]:
    """Parse a date filter given at year, month or day precision.

    value (str): "2022", "2022-03" or "2022-03-07".
    param (str): the parameter name, used in the error.
    RETURNS (tuple[str, str]): the first and last day the value covers, ISO strings.
    """
    match = ISO_RE.match(value.strip())
    interval = _interval(match) if match else None
    if interval is None:
        raise BadFilter(param, f"Invalid value for '{param}': {value!r} is not an ISO date "
                               "(YYYY, YYYY-MM or YYYY-MM-DD).")
    return interval


def date_fields(*values: str | None) -> tuple[str | None, str | None, str | None]:
    """The (key, first day, last day) of the first value that starts with a valid ISO date."""
    for value in values:
        match = ISO_PREFIX_RE.match(value or "")
        interval = _interval(match) if match else None
        if match and interval:
            return match.group(0), interval[0], interval[1]
    return None, None, None


def _split_list(value: str | Sequence[str] | None) -> list[str]:
    """Split a comma list (or take a sequence), strip and upper-case its items."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip().upper() for item in items if item and item.strip()]


def _codes_param(value: str | Sequence[str] | None, param: str) -> list[str]:
    """Validate a list of actor codes (ISO3 or an upper-case group code)."""
    codes = _split_list(value)
    for code in codes:
        if not CODE_RE.match(code):
            raise BadFilter(param, f"Invalid value for '{param}': {code!r} is not an actor code "
                                   "(e.g. USA, RUS, NATO; several separated by commas).")
    return codes


def _types_param(value: str | Sequence[str] | None) -> list[str]:
    """Validate a list of event types against the contract's 17 types."""
    names = _split_list(value)
    known = event_types()
    for name in names:
        if name not in known:
            raise BadFilter("type", f"Invalid value for 'type': unknown event type {name!r}. "
                                    f"Known types: {', '.join(known)}.")
    return names


def _int_param(value: Any, param: str) -> int:
    """Validate a non-negative integer parameter (limit, offset)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadFilter(param, f"Invalid value for '{param}': {value!r} is not a non-negative integer.")
    return value


def _event_where(
    dialect: str,
    *,
    type: str | Sequence[str] | None = None,
    actor: str | Sequence[str] | None = None,
    target: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    doc: str | None = None,
    q: str | None = None,
    status: str | Sequence[str] | None = None,
    posture: str | Sequence[str] | None = None,
    factuality: str | Sequence[str] | None = None,
    country: str | Sequence[str] | None = None,
    place: str | Sequence[str] | None = None,
    has_number: bool | str | None = None,
) -> list[ColumnElement[bool]]:
    """Translate the event filters into SQL conditions (see the module docstring for dates and q).

    status, posture, factuality: comma lists of their EVENTS.md values. country: codes in
    either role (actor or target). place: place names (any case). has_number: only events
    with (true) or without (false) a quantity.
    """
    conds: list[ColumnElement[bool]] = []
    for name, column, allowed, value in (("status", t_events.c.status, STATUSES, status),
                                         ("posture", t_events.c.posture, POSTURES, posture),
                                         ("factuality", t_events.c.factuality, FACTUALITIES, factuality)):
        if values := _choices_param(value, name, allowed):
            conds.append(column.in_(values))
    if countries := _codes_param(country, "country"):
        conds.append(or_(t_events.c.actor_code.in_(countries), t_events.c.id.in_(_with_target(countries))))
    if places := [p.strip().lower() for p in (place.split(",") if isinstance(place, str) else place or []) if p.strip()]:
        conds.append(func.lower(t_events.c.place).in_(places))
    if (number := _bool_param(has_number, "has_number")) is not None:
        conds.append(t_events.c.quantity_value.is_not(None) if number else t_events.c.quantity_value.is_(None))
    if types := _types_param(type):
        conds.append(t_events.c.type.in_(types))
    if actors := _codes_param(actor, "actor"):
        conds.append(t_events.c.actor_code.in_(actors))
    if targets := _codes_param(target, "target"):
        conds.append(t_events.c.id.in_(_with_target(targets)))
    start = parse_date_bound(since, "since")[0] if since else None
    end = parse_date_bound(until, "until")[1] if until else None
    if start and end and end < start:
        raise BadFilter("until", f"Invalid value for 'until': {until!r} is before since={since!r}.")
    if start:
        conds.append(t_events.c.date_end >= start)
    if end:
        conds.append(t_events.c.date_start <= end)
    if doc:
        conds.append(t_events.c.doc_id == doc)
    if q and q.strip():
        conds.append(fulltext.matches(dialect, "events", t_events.c.id, q.strip()))
    return conds


def _choices_param(value: str | Sequence[str] | None, param: str, allowed: Sequence[str]) -> list[str]:
    """A comma list of values from a closed vocabulary (any case), or BadFilter naming it."""
    items = [item.lower() for item in _split_list(value)]
    for item in items:
        if item not in allowed:
            raise BadFilter(param, f"Invalid value for '{param}': {item[:40]!r}. Use one or more of: {', '.join(allowed)}.")
    return items


def _bool_param(value: bool | str | None, param: str) -> bool | None:
    """true/false (also 1/0, yes/no) or None."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "any"):
        return None
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise BadFilter(param, f"Invalid value for '{param}': {text[:40]!r}. Use true or false.")


def _with_target(codes: list[str]) -> Any:
    """Subquery: ids of the events that have any of ``codes`` among their target codes."""
    codes_t = t_event_codes.c
    return select(codes_t.event_id).where(codes_t.role == "target", codes_t.code.in_(codes))


def _sort_keys(sort: str, order: str) -> list[tuple[ColumnElement[Any], bool]]:
    """The sort expressions of a sort key with their direction (True: descending): events
    without the value last, then the value (and the date's end), ties by id. No expression
    is NULL, so that a page can continue after the last row's values (keyset paging)."""
    sort, order = str(sort).strip().lower(), str(order).strip().lower()
    if sort not in SORT_KEYS:
        raise BadFilter("sort", f"Invalid value for 'sort': {sort!r}. Use one of: {', '.join(SORT_KEYS)}.")
    if order not in ("asc", "desc"):
        raise BadFilter("order", f"Invalid value for 'order': {order!r}. Use asc or desc.")
    column = {"date": t_events.c.date_start, "type": t_events.c.type, "actor": t_events.c.actor_code,
              "doc": t_events.c.doc_id, "id": t_events.c.id}[sort]
    desc = order == "desc"
    keys: list[tuple[ColumnElement[Any], bool]] = [(case((column.is_(None), 1), else_=0), False)]
    if sort != "id":
        keys.append((func.coalesce(column, ""), desc))
    if sort == "date":
        keys.append((func.coalesce(t_events.c.date_end, ""), desc))
    keys.append((t_events.c.id, desc))
    return keys


def _order_by(sort: str, order: str) -> list[Any]:
    """ORDER BY clauses for a sort key; missing values sort last, ties by id."""
    return [expr.desc() if desc else expr.asc() for expr, desc in _sort_keys(sort, order)]


def _after(keys: list[tuple[ColumnElement[Any], bool]], last: Sequence[Any]) -> ColumnElement[bool]:
    """The rows that sort after the row whose sort values are ``last`` (keyset paging)."""
    alternatives = []
    for i, (expr, desc) in enumerate(keys):
        equal = [keys[j][0] == last[j] for j in range(i)]
        alternatives.append(and_(*equal, expr < last[i] if desc else expr > last[i]))
    return or_(*alternatives)


def _event_select() -> Any:
    """Event id and record with the provenance of its article (title, outlet, date, URL)."""
    art = t_articles.c
    return (select(t_events.c.id, t_events.c.record, art.title, art.source, art.date, art.url)
            .select_from(t_events.outerjoin(t_articles, art.doc_id == t_events.c.doc_id)))


def _with_provenance(row: Any) -> dict[str, Any]:
    """An event record as stored, with ``id`` first and its ``article`` (provenance) last."""
    record = _with_id(row.id, row.record)
    record["article"] = {"title": row.title, "outlet": row.source, "date": row.date, "url": row.url}
    return record


def _with_id(event_id: int, record_json: str) -> dict[str, Any]:
    """An event record as stored, with its ``id`` first."""
    return {"id": event_id, **json.loads(record_json)}


class Querying:
    """The read side of ``Store``: event, article and failure queries over ``self._engine``."""

    _engine: Engine

    def events(
        self, *, type: str | Sequence[str] | None = None, actor: str | Sequence[str] | None = None,
        target: str | Sequence[str] | None = None, since: str | None = None, until: str | None = None,
        doc: str | None = None, q: str | None = None, limit: int = 100, offset: int = 0,
        sort: str = "date", order: str = "asc", **more: Any,
    ) -> list[dict[str, Any]]:
        """Event records matching all given filters, sorted and paged.

        type (str | list): event types, comma list allowed ("MOBILIZE,AID").
        actor, target (str | list): actor codes; target matches any of the event's target codes.
        since, until (str): ISO dates at any precision; events whose date interval overlaps.
        doc (str): one document id. q (str): words the evidence contains (any case, see module docstring).
        limit, offset (int): paging. sort (str): date, type, actor, doc or id. order (str): asc or desc.
        more: status, posture, factuality, country, place, has_number (see ``_event_where``).
        RETURNS (list[dict]): EVENTS.md records with ``id``. Raises BadFilter on invalid input.
        """
        where = _event_where(self._engine.dialect.name, type=type, actor=actor, target=target, since=since,
                             until=until, doc=doc, q=q, **more)
        stmt = (_event_select().where(*where).order_by(*_order_by(sort, order))
                .limit(_int_param(limit, "limit")).offset(_int_param(offset, "offset")))
        with self._engine.connect() as conn:
            return [_with_provenance(row) for row in conn.execute(stmt)]

    def iter_events(self, *, batch: int = 1000, sort: str = "date", order: str = "asc",
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """Yield every matching event record, in pages of ``batch`` that each continue after
        the last row of the one before (keyset paging: no page costs more than the first,
        however deep, and an event stored meanwhile never shifts a page).

        batch (int): records per query. sort, order, filters: as for ``events``.
        RETURNS (Iterator[dict]): records with ``id`` and ``article``, as ``events`` gives them.
        """
        keys = _sort_keys(sort, order)
        where = _event_where(self._engine.dialect.name, **filters)
        values = [expr.label(f"k{i}") for i, (expr, _) in enumerate(keys)]
        stmt = _event_select().add_columns(*values).where(*where).order_by(*_order_by(sort, order))
        last: list[Any] | None = None
        while True:
            page_stmt = stmt if last is None else stmt.where(_after(keys, last))
            with self._engine.connect() as conn:
                page = conn.execute(page_stmt.limit(_int_param(batch, "batch"))).all()
            for row in page:
                yield _with_provenance(row)
            if len(page) < batch:
                return
            last = [getattr(page[-1], f"k{i}") for i in range(len(keys))]

    def count_events(
        self, *, type: str | Sequence[str] | None = None, actor: str | Sequence[str] | None = None,
        target: str | Sequence[str] | None = None, since: str | None = None, until: str | None = None,
        doc: str | None = None, q: str | None = None, **more: Any,
    ) -> int:
        """Number of events matching the filters (same meaning as in ``events``).

        RETURNS (int): the count.
        """
        where = _event_where(self._engine.dialect.name, type=type, actor=actor, target=target, since=since,
                             until=until, doc=doc, q=q, **more)
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t_events).where(*where)).scalar_one())

    def facets(self, fields: str | Sequence[str], **filters: Any) -> dict[str, dict[str, int]]:
        """Counts of the matching events by the values of each field, most frequent first.

        fields (str | list): of ``FACET_FIELDS``, comma list allowed ("status,type").
        filters: as for ``count_events``.
        RETURNS (dict): field -> {value: number of events} (at most ``MAX_FACET_VALUES``
            values; events without a value are not counted). Raises BadFilter on an unknown field.
        """
        names = [name.lower() for name in _split_list(fields)]
        unknown = [name for name in names if name not in FACET_FIELDS]
        if unknown:
            raise BadFilter("facet", f"Invalid value for 'facet': {unknown[0][:40]!r}. "
                                     f"Use one or more of: {', '.join(FACET_FIELDS)}.")
        where = _event_where(self._engine.dialect.name, **filters)
        columns = {"type": t_events.c.type, "mode": t_events.c.mode, "status": t_events.c.status,
                   "posture": t_events.c.posture, "factuality": t_events.c.factuality,
                   "actor": t_events.c.actor_code, "source": t_events.c.source_code, "place": t_events.c.place}
        out: dict[str, dict[str, int]] = {}
        with self._engine.connect() as conn:
            for name in dict.fromkeys(names):
                n = func.count().label("n")
                if name == "target":
                    codes = t_event_codes.c
                    value = codes.code
                    stmt = (select(value, n).select_from(t_event_codes.join(t_events, t_events.c.id == codes.event_id))
                            .where(codes.role == "target", *where))
                else:
                    value = columns[name]
                    stmt = select(value, n).where(*where, value.is_not(None))
                stmt = stmt.group_by(value).order_by(n.desc(), value).limit(MAX_FACET_VALUES)
                out[name] = {str(row[0]): int(row[1]) for row in conn.execute(stmt)}
        return out

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event record by id.

        event_id (int): the id from ``events``.
        RETURNS (dict | None): the record with ``id``, or None if unknown.
        """
        with self._engine.connect() as conn:
            row = conn.execute(_event_select().where(t_events.c.id == event_id)).first()
        return _with_provenance(row) if row else None

    def stats(self, **filters: Any) -> dict[str, Any]:
        """Counts of the matching events by type, day, actor and target code.

        filters: as for ``count_events``.
        RETURNS (dict): total, by_type, by_day (day at the event's precision, type, n),
            actor_countries, target_countries, articles (stored), matched_articles, failures,
            and how the events are dated (``_dating``): undated, by_day_article_date.
        """
        where = _event_where(self._engine.dialect.name, **filters)
        count = func.count().label("n")
        by_day = (select(t_events.c.date_key, t_events.c.type, count)
                  .where(*where, t_events.c.date_key.is_not(None))
                  .group_by(t_events.c.date_key, t_events.c.type).order_by(t_events.c.date_key, t_events.c.type))
        targets = (select(t_event_codes.c.code, count).join(t_events, t_events.c.id == t_event_codes.c.event_id)
                   .where(t_event_codes.c.role == "target", *where).group_by(t_event_codes.c.code))
        with self._engine.connect() as conn:
            return {
                "total": conn.execute(select(func.count()).select_from(t_events).where(*where)).scalar_one(),
                "by_type": _counts(conn.execute(
                    select(t_events.c.type, count).where(*where).group_by(t_events.c.type)).all()),
                "by_day": [{"day": d, "type": t, "n": n} for d, t, n in conn.execute(by_day)],
                "actor_countries": _counts(conn.execute(
                    select(t_events.c.actor_code, count).where(*where, t_events.c.actor_code.is_not(None))
                    .group_by(t_events.c.actor_code)).all()),
                "target_countries": _counts(conn.execute(targets).all()),
                "articles": conn.execute(select(func.count()).select_from(t_articles)).scalar_one(),
                "matched_articles": conn.execute(
                    select(func.count(func.distinct(t_events.c.doc_id))).where(*where)).scalar_one(),
                "failures": conn.execute(select(func.count()).select_from(t_failures)).scalar_one(),
                **_dating(conn, where),
            }

    def meta(self) -> dict[str, Any]:
        """What the stored events cover, for filling a filter bar.

        RETURNS (dict): types (all 17), actors and targets (codes present),
            date_min and date_max (first and last day covered), or None when no dates.
        """
        with self._engine.connect() as conn:
            actors = conn.execute(select(t_events.c.actor_code).where(t_events.c.actor_code.is_not(None))
                                  .distinct().order_by(t_events.c.actor_code)).scalars().all()
            targets = conn.execute(select(t_event_codes.c.code).where(t_event_codes.c.role == "target")
                                   .distinct().order_by(t_event_codes.c.code)).scalars().all()
            low, high = conn.execute(select(func.min(t_events.c.date_start), func.max(t_events.c.date_end))).one()
        return {"types": event_types(), "actors": list(actors), "targets": list(targets),
                "date_min": low, "date_max": high}

    # -- reading articles and failures ---------------------------------------

    def articles(self, *, limit: int = 100, offset: int = 0, q: str | None = None) -> list[dict[str, Any]]:
        """Stored articles, newest first, with their number of events.

        limit, offset (int): paging. q (str): words the id, title, source or text contain (any case).
        RETURNS (list[dict]): doc_id, title, date, source, url, path, ingested_at, n_events.
        """
        n_events = (select(t_events.c.doc_id, func.count().label("n")).group_by(t_events.c.doc_id).subquery())
        art = t_articles.c
        stmt = (select(art.doc_id, art.title, art.date, art.source, art.url, art.path, art.ingested_at,
                       func.coalesce(n_events.c.n, 0).label("n_events"))
                .outerjoin(n_events, n_events.c.doc_id == art.doc_id)
                .where(*_article_where(self._engine.dialect.name, q))
                .order_by(case((art.date.is_(None), 1), else_=0), art.date.desc(), art.doc_id)
                .limit(_int_param(limit, "limit")).offset(_int_param(offset, "offset")))
        with self._engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def count_articles(self, *, q: str | None = None) -> int:
        """Number of stored articles (matching ``q`` if given).

        RETURNS (int): the count.
        """
        with self._engine.connect() as conn:
            stmt = select(func.count()).select_from(t_articles).where(*_article_where(self._engine.dialect.name, q))
            return int(conn.execute(stmt).scalar_one())

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """One article with its cleaned text, sentences and event records.

        doc_id (str): the document id.
        RETURNS (dict | None): metadata, clean_text, sentences (index, start, end, text,
            heading; the text is the span of clean_text), events (records with ``id`` and
            ``evidence_offsets``); None if unknown.
        """
        art = t_articles.c
        with self._engine.connect() as conn:
            row = conn.execute(select(art.id, art.doc_id, art.title, art.date, art.source, art.url, art.path,
                                      art.places, art.meta, art.content_hash, art.ingested_at, art.clean_text)
                               .where(art.doc_id == doc_id)).first()
            if row is None:
                return None
            sents = conn.execute(select(t_sentences).where(t_sentences.c.article_id == row.id)
                                 .order_by(t_sentences.c.sent_index)).all()
            evts = conn.execute(select(t_events.c.id, t_events.c.record).where(t_events.c.doc_id == doc_id)
                                .order_by(t_events.c.ord)).all()
        text = row.clean_text
        return {
            "doc_id": row.doc_id, "title": row.title, "date": row.date, "source": row.source,
            "url": row.url, "path": row.path, "places": json.loads(row.places or "[]"),
            "meta": json.loads(row.meta or "{}"), "content_hash": row.content_hash,
            "ingested_at": row.ingested_at, "clean_text": text,
            "sentences": [{"index": s.sent_index, "start": s.start_char, "end": s.end_char,
                           "text": text[s.start_char:s.end_char], "heading": bool(s.heading)} for s in sents],
            "n_events": len(evts),
            "events": [_with_id(e.id, e.record) for e in evts],
        }

    def raw_text(self, doc_id: str) -> str | None:
        """The raw text of an article, as it was read (before cleaning).

        doc_id (str): the document id.
        RETURNS (str | None): the text whose SHA-256 is the article's content_hash; None if unknown.
        """
        with self._engine.connect() as conn:
            row = conn.execute(select(t_articles.c.text, t_articles.c.clean_text)
                               .where(t_articles.c.doc_id == doc_id)).first()
        return unpack_raw(row.text, row.clean_text) if row else None

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure, oldest first.

        RETURNS (list[dict]): doc_id, path, stage, message, at.
        """
        fail = t_failures.c
        stmt = select(fail.doc_id, fail.path, fail.stage, fail.message, fail.at).order_by(fail.id)
        with self._engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def summary(self) -> dict[str, Any]:
        """Totals for the end of a run.

        RETURNS (dict): articles, events, by_type, failures.
        """
        stats = self.stats()
        return {"articles": stats["articles"], "events": stats["total"], "by_type": stats["by_type"],
                "failures": stats["failures"]}


def _article_where(dialect: str, q: str | None) -> list[ColumnElement[bool]]:
    """Conditions for the article text search."""
    if q and q.strip():
        return [fulltext.matches(dialect, "articles", t_articles.c.id, q.strip())]
    return []


def _counts(rows: Sequence[Any]) -> dict[str, int]:
    """A {key: n} dict from (key, n) rows, largest first, ties by key."""
    return {key: -n for n, key in sorted(((-int(n), key) for key, n in rows))}


def _dating(conn: Any, where: list[ColumnElement[bool]]) -> dict[str, Any]:
    """How the matching events are dated, for a timeline that says so.

    RETURNS (dict): undated (events with neither a date of their own nor an article date),
        by_day_article_date (the rows of ``by_day`` whose events are placed at their article's
        date: no date value of their own, or a value with no date phrase of the text; day, type, n).
    """
    count = func.count().label("n")
    undated = select(func.count()).select_from(t_events).where(*where, t_events.c.date_key.is_(None))
    from_article = (select(t_events.c.date_key, t_events.c.type, count)
                    .where(*where, t_events.c.date_key.is_not(None),
                           or_(t_events.c.date_value.is_(None), t_events.c.date_text.is_(None)))
                    .group_by(t_events.c.date_key, t_events.c.type).order_by(t_events.c.date_key, t_events.c.type))
    return {"undated": conn.execute(undated).scalar_one(),
            "by_day_article_date": [{"day": d, "type": t, "n": n} for d, t, n in conn.execute(from_article)]}
