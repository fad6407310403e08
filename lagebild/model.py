"""Plain data passed between the pipeline stages.

Every stage reads and returns these objects; no stage reaches into another
stage's internals. Spans are character offsets into ``Article.clean_text``
(``start`` inclusive, ``end`` exclusive), never copied strings alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """One input document as it moves through the pipeline.

    doc_id (str): document id (file stem, JSONL ``id``, ``<stem>-<row>`` for CSV rows).
    text (str): the raw text as read.
    clean_text (str): the text after boilerplate removal; all offsets point here.
    date (str | None): document date, ISO 8601 at the precision known ("2022", "2022-03",
        "2022-03-07").
    title, url, source: metadata when the input gave it (``source`` is the outlet/agency).
    places (list[str]): places named in a dateline ("VILNIUS/RIGA (dpa-AFX) -").
    path (str | None): where the article was read from (file, or ``file:row``).
    """

    doc_id: str
    text: str
    clean_text: str = ""
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    places: list[str] = field(default_factory=list)
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the raw text: the same article ingested twice has the same hash."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Failure:
    """An article that could not be processed, and why.

    doc_id (str): the document id, or the path when no id could be made.
    stage (str): the pipeline stage that failed ("read", "clean", "extract", ...).
    message (str): a one-line reason a user can act on.
    path (str | None): the input the article came from.
    """

    doc_id: str
    stage: str
    message: str
    path: str | None = None


@dataclass
class Sentence:
    """A sentence (or a headline line) of the cleaned text.

    start, end (int): offsets into ``Article.clean_text``.
    text (str): ``clean_text[start:end]``.
    heading (bool): a headline or sub-heading line without final punctuation.
    """

    start: int
    end: int
    text: str
    heading: bool = False


@dataclass
class Token:
    """A token: offsets into ``Article.clean_text`` and its text."""

    start: int
    end: int
    text: str


@dataclass
class Party:
    """An actor, target, origin, location or source of an event.

    text (str | None): the words in the article.
    code (str | None): the actor code (actors and sources).
    codes (list[str]): the codes (targets, origins, locations).
    sector (str | None): GOV, MIL, POL, REB, CVL, IGO, MED, BUS, NGO, OPP (actors).
    place (str | None): a named city or site (locations).
    lat, lon (float | None): coordinates of ``place`` where the gazetteer knows it.
    """

    text: str | None = None
    code: str | None = None
    codes: list[str] = field(default_factory=list)
    sector: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def all_codes(self) -> list[str]:
        """Its codes, or its one actor code where it has no code list (a new list)."""
        return list(self.codes) or ([self.code] if self.code else [])


@dataclass
class Quantity:
    """A number that measures an event (EVENTS.md ``quantity``)."""

    value: int | None
    qualifier: str = "exact"
    unit: str | None = None
    text: str = ""


@dataclass
class DateValue:
    """When an event happens: the words and an ISO 8601 value at their precision."""

    text: str | None
    value: str | None


@dataclass
class Event:
    """One event record as EVENTS.md defines it, plus evidence offsets."""

    doc: str
    type: str
    mode: str | None = None
    actor: Party | None = None
    target: Party | None = None
    origin: Party | None = None
    location: Party | None = None
    quantity: Quantity | None = None
    status: str | None = None
    posture: str | None = None
    date: DateValue | None = None
    source: Party | None = None
    factuality: str = "asserted"
    optional: bool = False
    evidence: list[str] = field(default_factory=list)
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The EVENTS.md JSON object (with ``evidence_offsets`` added)."""
        return {
            "doc": self.doc,
            "type": self.type,
            "mode": self.mode,
            "actor": _actor(self.actor),
            "target": _codes(self.target),
            "origin": _codes(self.origin),
            "location": _location(self.location),
            "quantity": asdict(self.quantity) if self.quantity else None,
            "status": self.status,
            "posture": self.posture,
            "date": asdict(self.date) if self.date else None,
            "source": _actor(self.source, sector=False),
            "factuality": self.factuality,
            "optional": self.optional,
            "evidence": list(self.evidence),
            "evidence_offsets": [list(span) for span in self.evidence_spans],
        }


def _actor(party: Party | None, *, sector: bool = True) -> dict[str, Any] | None:
    if party is None:
        return None
    out: dict[str, Any] = {"text": party.text, "code": party.code}
    if sector:
        out["sector"] = party.sector
    return out


def _codes(party: Party | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {"text": party.text, "codes": list(party.codes)}


def _location(party: Party | None) -> dict[str, Any] | None:
    if party is None:
        return None
    out = _codes(party)
    assert out is not None
    if party.place:
        out["place"] = party.place
    if party.lat is not None and party.lon is not None:
        out["lat"] = party.lat
        out["lon"] = party.lon
    return out


def event_from_record(record: dict[str, Any]) -> Event:
    """Rebuild an Event from its EVENTS.md record (inverse of ``Event.to_record``)."""

    def party(d: dict[str, Any] | None) -> Party | None:
        if not d:
            return None
        return Party(
            text=d.get("text"),
            code=d.get("code"),
            codes=list(d.get("codes") or []),
            sector=d.get("sector"),
            place=d.get("place"),
            lat=d.get("lat"),
            lon=d.get("lon"),
        )

    q = record.get("quantity")
    dt = record.get("date")
    return Event(
        doc=str(record["doc"]),
        type=record["type"],
        mode=record.get("mode"),
        actor=party(record.get("actor")),
        target=party(record.get("target")),
        origin=party(record.get("origin")),
        location=party(record.get("location")),
        quantity=Quantity(**q) if q else None,
        status=record.get("status"),
        posture=record.get("posture"),
        date=DateValue(text=dt.get("text"), value=dt.get("value")) if dt else None,
        source=party(record.get("source")),
        factuality=record.get("factuality") or "asserted",
        optional=bool(record.get("optional")),
        evidence=list(record.get("evidence") or []),
        evidence_spans=[tuple(s) for s in record.get("evidence_offsets") or []],  # type: ignore[misc]
    )
