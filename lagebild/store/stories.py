"""Reading stories and the force-posture ledger from the store.

A story is the records of different articles that report one real-world event
(``fuse.stories`` links them, ``link`` keeps the links). The ledger of a country is the time
line of its forces abroad, one entry per story: deployments (MOBILIZE), withdrawals
(RETREAT), standing presence (PRESENCE) and military aid (AID) with the country as actor,
plus the forces and aid of others that it receives. Every entry carries its reports with
their evidence, and its numbers side by side with who gives which; conflicting numbers are
shown as a range, never averaged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Engine

from ..fuse.stories import DELIVERED, summarize
from ..recognize.lexicon import known_code
from .query import FORCE_TYPES, BadFilter, _codes_param, _event_select, _event_where, _int_param, _with_provenance
from .schema import t_event_codes, t_events, t_stories

STORY_SORTS = ("reports", "date", "id")
_PLACE_ROLES = ("target", "location")


def _one_code(value: str, param: str) -> str:
    codes = _codes_param(value, param)
    if len(codes) != 1:
        raise BadFilter(param, f"Invalid value for '{param}': {value!r}; give exactly one code (e.g. USA).")
    return codes[0]


def _summaries(conn: Connection, story_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The summaries of these stories, with all their records (each with provenance)."""
    if not story_ids:
        return {}
    ev = t_events.c
    stmt = (_event_select().add_columns(ev.story_id, ev.date_start, ev.date_end)
            .where(ev.story_id.in_(list(story_ids))).order_by(ev.id))
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(stmt):
        record = _with_provenance(row)
        record["date_start"], record["date_end"] = row.date_start, row.date_end
        members[row.story_id].append(record)
    return {sid: summarize(sid, records) for sid, records in members.items()}


def _sort_key(story: dict[str, Any]) -> tuple[str, str, int]:
    """Ledger order: by the event's date, else its first report; undated entries last."""
    return (story["date"]["start"] or story["first_report"] or "9999", story["first_report"] or "9999", story["id"])


def _aid_view(story: dict[str, Any]) -> dict[str, Any]:
    """An aid story in the Kiel tracker's terms: donor → recipient, item and quantity,
    announced against delivered."""
    numbers = story["numbers"]
    delivered = [s["status"] for s in story["statuses"] if s["status"] in DELIVERED]
    return {**story, "donor": story["actor"]["code"], "recipients": story["targets"],
            "items": sorted({n["unit"] for n in numbers if n["unit"]} | ({story["mode"]} if story["mode"] else set())),
            "announced": [n for n in numbers if n["status"] not in DELIVERED],
            "delivered": [n for n in numbers if n["status"] in DELIVERED],
            "delivery": "delivered" if delivered else "announced"}


def _entry(story: dict[str, Any]) -> dict[str, Any]:
    """A ledger entry: the story, in the aid tracker's terms when it is aid."""
    return _aid_view(story) if story["type"] == "AID" else story


class StoryQuerying:
    """The stories and ledger side of ``Store``'s read queries."""

    _engine: Engine

    def _matching_stories(self, filters: dict[str, Any]) -> Any:
        """The ids of stories with at least one record matching the event filters."""
        where = _event_where(self._engine.dialect.name, **filters)
        return select(t_events.c.story_id).where(t_events.c.story_id.is_not(None), *where).distinct()

    def stories(self, *, limit: int = 100, offset: int = 0, min_reports: int = 1, sort: str = "reports",
                **filters: Any) -> list[dict[str, Any]]:
        """Stories with at least one record matching the event filters.

        min_reports (int): only stories of at least this many reports (2: reported more than once).
        sort (str): "reports" (most reports first), "date" (latest event date first) or "id"
            (newest story first). limit, offset: the page.
        filters: the event filters of ``Store.events`` (type, actor, target, country, since, ...).
        RETURNS (list[dict]): story summaries (see ``fuse.stories.summarize``), each with its records.
        """
        limit, offset = _int_param(limit, "limit"), _int_param(offset, "offset")
        _int_param(min_reports, "min_reports")
        if sort not in STORY_SORTS:
            raise BadFilter("sort", f"Invalid value for 'sort': {sort!r}; one of {', '.join(STORY_SORTS)}.")
        ev = t_events.c
        n = func.count().label("n")
        order = {"reports": [n.desc(), ev.story_id.desc()], "date": [func.max(ev.date_end).desc(), ev.story_id.desc()],
                 "id": [ev.story_id.desc()]}[sort]
        stmt = (select(ev.story_id, n).where(ev.story_id.in_(self._matching_stories(filters)))
                .group_by(ev.story_id).having(n >= min_reports).order_by(*order).limit(limit).offset(offset))
        with self._engine.connect() as conn:
            ids = conn.execute(stmt).scalars().all()
            found = _summaries(conn, ids)
        return [found[i] for i in ids if i in found]

    def count_stories(self, *, min_reports: int = 1, **filters: Any) -> int:
        """How many stories ``stories`` lists for these arguments, over all pages."""
        _int_param(min_reports, "min_reports")
        ev = t_events.c
        n = func.count()
        inner = (select(ev.story_id).where(ev.story_id.in_(self._matching_stories(filters)))
                 .group_by(ev.story_id).having(n >= min_reports).subquery())
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    def story(self, story_id: int) -> dict[str, Any] | None:
        """One story by id, with all its records; None if unknown."""
        with self._engine.connect() as conn:
            return _summaries(conn, [story_id]).get(story_id)

    def ledger(self, code: str, *, to: str | None = None) -> dict[str, Any] | None:
        """The force-posture ledger of a country or organisation.

        code (str): the actor code ("USA", "DEU", "NATO").
        to (str | None): only entries whose destination (target or location) is this code.
        RETURNS (dict | None): code, to, and one list of story entries per group, in time
            order: deployments, withdrawals, presence and aid (the code as actor), and
            received (forces and aid of others with the code as destination; without ``to``).
            Aid entries add donor, recipients, items, announced and delivered numbers.
            None when the code is neither a known code nor an actor or target in the store.
        """
        code = _one_code(code, "code")
        dest = _one_code(to, "to") if to else None
        st, ev, codes = t_stories.c, t_events.c, t_event_codes.c
        to_dest = (select(ev.story_id).join(t_event_codes, codes.event_id == ev.id)
                   .where(codes.role.in_(_PLACE_ROLES), codes.code == dest) if dest else None)
        own = select(st.id).where(st.actor_code == code, st.type.in_(list(FORCE_TYPES)))
        if to_dest is not None:
            own = own.where(st.id.in_(to_dest))
        received = (select(ev.story_id).join(t_event_codes, codes.event_id == ev.id)
                    .where(ev.type.in_(list(FORCE_TYPES)), codes.role.in_(_PLACE_ROLES), codes.code == code,
                           or_(ev.actor_code.is_(None), ev.actor_code != code)).distinct())
        with self._engine.connect() as conn:
            own_ids = conn.execute(own).scalars().all()
            received_ids = [] if dest else conn.execute(received).scalars().all()
            if not own_ids and not received_ids and not known_code(code) and not _in_store(conn, code):
                return None
            found = _summaries(conn, [*own_ids, *received_ids])
        out: dict[str, Any] = {"code": code, "to": dest, **{group: [] for group in FORCE_TYPES.values()},
                               "received": []}
        for sid in own_ids:
            out[FORCE_TYPES[found[sid]["type"]]].append(_entry(found[sid]))
        own = set(own_ids)
        out["received"] = [_entry(found[sid]) for sid in dict.fromkeys(received_ids) if sid not in own]
        for group in (*FORCE_TYPES.values(), "received"):
            out[group].sort(key=_sort_key)
        return out


def _in_store(conn: Connection, code: str) -> bool:
    """Whether a code is an actor or any party code of a stored record."""
    if conn.execute(select(t_events.c.id).where(t_events.c.actor_code == code).limit(1)).first():
        return True
    return conn.execute(select(t_event_codes.c.event_id).where(t_event_codes.c.code == code).limit(1)).first() is not None
