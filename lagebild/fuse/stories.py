"""Cross-article fusion: the records of different articles that report one real-world event
become one *story*.

GDELT counts reports as events; here five agencies reporting one deployment make one story
with five reports, and every report keeps its own record and evidence. Two reports are of one
event when nothing rules it out and enough speaks for it:

- ruled out: another type, actor (code and sector), mode or polarity (a denial is not the
  act); dates more than ``WINDOW_DAYS`` apart (an event's own date, else its article's);
  destinations or targets that do not meet, even through a region ("Europa" holds "Polen",
  ``region_members.tsv``); two records of one article (the document stage already decided
  that they are different events).
- speaks for it (``_judge``): the same target or destination (a named city and its country
  count once), the same number, close dates, and the words the evidence sentences share (as a
  whole, or the best-matching pair of sentences); for deployments and wars, the course they
  take (``_posture``): announced, then arrived where it was announced to go; running totals
  of one build-up towards a whole region, whose numbers differ as it grows; a buildup or war
  under way against the same country; and two headline events: the articles' headlines
  report one event and each record's evidence is what its headline says (``_headline``).
  Two headline events are not kept apart by the actors' sectors, which the extractor guesses
  per mention ("die ehemalige Präsidentin" GOV, "Griss" POL of one candidate).

The thresholds and points are in ``lagebild/data/link_weights.tsv``.

Linking is incremental and order-independent of batches: records are taken one by one in the
order they were stored, each joins the story with the best-scoring report that admits it,
or starts a new one. The functions here read plain records (EVENTS.md dicts with the store's
``date_start``/``date_end``); the store decides which records to compare and keeps the links.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..recognize import read_tsv

__all__ = ["Report", "Story", "WINDOW_DAYS", "LINK_SCORE", "report", "same_event", "best_story",
           "summarize", "STAGES", "DELIVERED"]


def _weights() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in read_tsv("link_weights.tsv")}


_W = _weights()
WINDOW_DAYS = int(_W["window_days"])  # reports whose dates lie further apart are of different events
LINK_SCORE = int(_W["link_score"])  # the evidence score from which two compatible reports are one event
UNDATED_EXTRA = int(_W["undated_extra"])  # what a pair without two known dates needs on top of LINK_SCORE
SHARED_SOME, SHARED_STRONG = _W["shared_some"], _W["shared_strong"]  # shared wording worth one and two points
# Two articles whose headlines share HEADLINE_SHARED of their weighted wording report one event;
# a record whose evidence shares a stem of rarity HEADLINE_IDF or more with the headlines is
# that event; two such records are worth HEADLINE_POINTS.
HEADLINE_SHARED, HEADLINE_IDF, HEADLINE_POINTS = _W["headline_shared"], _W["headline_idf"], int(_W["headline_points"])
_WORD = re.compile(r"[^\W\d_]{4,}")
_STEM = 6  # German words compared by their first letters: "Soldaten", "Soldat" → "soldat"
_NEGATED = frozenset({"negated"})
_BROAD = frozenset({"EUROPE", "NATO_EAST", "WEST"})  # regions that do not say which event
_PLANNED = frozenset({"announced", "planned"})
_DONE = frozenset({"arrived", "completed"})
_POSTURE_TYPES = frozenset({"MOBILIZE", "ASSAULT", "PRESENCE"})  # force posture: deployments, wars, presence
# Sectors that act for one party: a state's government and its armed forces.
_SECTOR_GROUP = {"MIL": "GOV"}
NUMBER_TOLERANCE = _W["number_tolerance"]  # numbers of one unit within 10 % of each other agree ("129" and "130 Tote")


@lru_cache(maxsize=1)
def _members() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split()) for row in read_tsv("region_members.tsv")}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(row[0][:_STEM] for row in read_tsv("link_stopwords.txt"))


@dataclass(frozen=True)
class Report:
    """What linking compares of one stored record."""

    event_id: int
    doc: str
    type: str
    actor: str
    sector: str | None
    mode: str | None
    negated: bool
    status: str | None
    places: frozenset[str]  # target and location codes
    site: str | None  # the named place (city, site), folded
    number: tuple[int, str | None] | None  # quantity value and unit
    start: date | None
    end: date | None
    words: frozenset[str]
    sentences: tuple[frozenset[str], ...] = ()  # the stems of each evidence sentence, when more than one
    headline: frozenset[str] = frozenset()  # the stems of its article's title

    @property
    def signature(self) -> tuple:
        """Everything ``_judge`` reads of a report besides its article."""
        return (self.type, self.actor, self.sector, self.mode, self.negated, self.status, self.places, self.site,
                self.number, self.start, self.end, self.words, self.sentences, self.headline)


@dataclass
class Story:
    """A story while linking: its id, the reports it is compared by, and its articles."""

    id: int | None
    reports: list[Report] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.docs |= {r.doc for r in self.reports}

    def add(self, new: Report, keep: int) -> None:
        """Add a report; only the last ``keep`` reports are compared with new ones."""
        self.reports.append(new)
        self.docs.add(new.doc)
        del self.reports[:-keep]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def stems(texts: Iterable[str]) -> frozenset[str]:
    """The word stems of texts that linking compares: the first six letters of each word of
    four letters or more, lower-cased, without function words ("Soldaten", "Soldat" → "soldat")."""
    found = {_plain(w)[:_STEM] for text in texts for w in _WORD.findall(text)}
    return frozenset(found - _stopwords())


def _plain(word: str) -> str:
    """A word lower-cased without diacritics, so that spellings meet ("Gabčíkovo", "Gabcikovo")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """Each listed stem's rarity (``link_idf.tsv``), and the rarity of a stem not listed."""
    table = {row[0]: float(row[1]) for row in read_tsv("link_idf.tsv")}
    return table, max(table.values(), default=0.0) + math.log(2)


def shared_words(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the two reports' wording they share, each stem weighted by its rarity
    (a weighted Jaccard index, 0..1): rare names and nouns count, common words little."""
    union = a | b
    if not union:
        return 0.0
    table, rarest = _idf()
    weight = sum(table.get(w, rarest) for w in union)
    return sum(table.get(w, rarest) for w in a & b) / weight if weight else 0.0


def report(record: dict[str, Any], event_id: int, start: str | None, end: str | None,
           title: str | None = None) -> Report | None:
    """The linking view of a stored record, or None when it has no actor code (never linked).

    record (dict): the EVENTS.md record (``doc``, ``type``, ``actor``, ``target``, ...).
    event_id (int): its id in the store. start, end (str | None): the first and last day its
        date covers (its own date, else its article's), as stored.
    title (str | None): its article's title; None: the record's ``article.title``, if any.
    """
    actor = record.get("actor") or {}
    if not actor.get("code"):
        return None
    places = set((record.get("target") or {}).get("codes") or [])
    places |= set((record.get("location") or {}).get("codes") or [])
    quantity = record.get("quantity") or {}
    number = (quantity["value"], quantity.get("unit")) if quantity.get("value") is not None else None
    negated = record.get("factuality") in _NEGATED or record.get("status") == "denied"
    evidence = record.get("evidence") or []
    if title is None:
        title = (record.get("article") or {}).get("title")
    return Report(event_id=event_id, doc=record["doc"], type=record["type"], actor=actor["code"],
                  sector=actor.get("sector"), mode=record.get("mode"), negated=negated, status=record.get("status"),
                  places=frozenset(places), site=_plain(site) if (site := (record.get("location") or {}).get("place")) else None,
                  number=number, start=_day(start), end=_day(end), words=stems(evidence),
                  sentences=tuple(stems([s]) for s in evidence) if len(evidence) > 1 else (),
                  headline=stems([title]) if title else frozenset())


@lru_cache(maxsize=4096)
def _expand(codes: frozenset[str]) -> frozenset[str]:
    """Codes with the members of the regions among them ("EUROPE" → EUROPE, POL, DEU, ...)."""
    members = _members()
    return codes.union(*(members.get(code, frozenset()) for code in codes))


def _gap_days(a: Report, b: Report) -> int | None:
    """Days between the two reports' date intervals (0 when they overlap); None if one is undated."""
    if not (a.start and a.end and b.start and b.end):
        return None
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _admits(a: Report, b: Report, gap: int | None) -> bool:
    """Whether nothing rules out that the two reports are of one event."""
    if a.doc == b.doc or a.type != b.type or a.actor != b.actor or a.negated != b.negated:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if gap is not None and gap > WINDOW_DAYS:
        return False
    if a.places and b.places and not (_expand(a.places) & _expand(b.places)):
        return False
    if gap and _backwards(a, b):
        return False
    if a.sector and b.sector and _SECTOR_GROUP.get(a.sector, a.sector) != _SECTOR_GROUP.get(b.sector, b.sector):
        return _headline(a, b)  # another sector is another party, unless both are one headline's event
    return True


def _backwards(a: Report, b: Report) -> bool:
    """Whether the later of two reports dated apart announces what the earlier one reports
    done: an event is announced before it arrives, so an arrival in February and an
    announcement in March are two deployments."""
    early, late = (a, b) if a.start < b.start else (b, a)  # type: ignore[operator]
    return late.status in _PLANNED and early.status in _DONE


def _headline(a: Report, b: Report) -> bool:
    """Whether the two reports are each the headline event of articles with one headline: the
    titles share ``HEADLINE_SHARED`` of their weighted wording ("Ex-OGH-Präsidentin fordert
    Fairnessabkommen von allen Kandidaten", "Wahlkampfkostenbeschränkung und Fairnessabkommen
    von allen Kandidaten gewünscht"), and each record's evidence shares with the titles a stem
    of rarity ``HEADLINE_IDF`` or more (what the record reports is what the headlines say)."""
    if not (a.headline and b.headline) or shared_words(a.headline, b.headline) < HEADLINE_SHARED:
        return False
    titles = a.headline | b.headline
    table, rarest = _idf()
    return all(any(table.get(w, rarest) >= HEADLINE_IDF for w in r.words & titles) for r in (a, b))


def _wording(a: Report, b: Report) -> float:
    """How much wording the two reports share (``shared_words``): of their whole evidence, or
    of the best-matching pair of evidence sentences when that is more (one sentence of five
    that tells the event is not drowned by the four that tell its background)."""
    shared = shared_words(a.words, b.words)
    if shared < SHARED_STRONG and (a.sentences or b.sentences):
        for x in a.sentences or (a.words,):
            for y in b.sentences or (b.words,):
                shared = max(shared, shared_words(x, y))
    return shared


def _judge(a: Report, b: Report) -> tuple[int, int]:
    """How much speaks for two reports being of one event (0 when something rules it out),
    and the score they need to be linked.

    Points: a target or destination code both give, other than the actor's own (a domestic
    event's country says nothing), 2, or 1 for a broad region ("Europa"; a region holding
    the other's country only admits the pair); the same named place (a city, a site) 2,
    instead of its country's points, not on top of them (two summits in Brussels are not one
    because both name Belgium); the course of a deployment or war (``_posture``) 1-2; the
    same number (within ``NUMBER_TOLERANCE``) 1; dates both known and at most a week apart
    1; the evidence sentences sharing ``SHARED_SOME`` of their weighted words 1,
    ``SHARED_STRONG`` 2 (``_wording``); two headline events of articles with one headline
    (``_headline``) ``HEADLINE_POINTS``. Two reports link from ``LINK_SCORE`` points,
    ``UNDATED_EXTRA`` more when one is undated.
    """
    gap = _gap_days(a, b)
    if not _admits(a, b, gap):
        return 0, LINK_SCORE
    shared_places = (a.places & b.places) - {a.actor}
    place = 2 if shared_places - _BROAD else 1 if shared_places else 0
    if a.site and a.site == b.site:
        place = 2  # a city and its country say one thing: never counted twice
    score = place + _posture(a, b, shared_places, gap)
    if _same_number(a.number, b.number):
        score += 1
    if gap is not None and gap <= 7:
        score += 1
    shared = _wording(a, b)
    score += 2 if shared >= SHARED_STRONG else 1 if shared >= SHARED_SOME else 0
    if _headline(a, b):
        score += HEADLINE_POINTS
    return score, LINK_SCORE + (UNDATED_EXTRA if gap is None else 0)


def _posture(a: Report, b: Report, shared_places: frozenset[str], gap: int | None) -> int:
    """Points for reports of one deployment or war in the course it takes, which the place
    and wording alone do not show (MOBILIZE, ASSAULT, PRESENCE):

    - the earlier report announces or plans it, the later one (dated apart) has it arrive or
      done where it was announced to go (the same country, or a member of the region it was
      announced for: "to Eastern Europe", then "to Latvia"): one deployment in two statuses,
      2 (1 when they share a country, which already counts);
    - both report it done towards the same whole region ("7,000 more soldiers to Europe",
      "20,000 more in recent months"), counted in one unit: running totals of one build-up,
      whose numbers differ as the build-up grows, 2;
    - both report it under way against the same country (a buildup at a border, a war): one
      ongoing event, 1.
    """
    if a.type not in _POSTURE_TYPES:
        return 0
    if gap and a.start and b.start:
        early, late = (a, b) if a.start < b.start else (b, a)
        arrived_as_announced = late.places and late.places <= _expand(early.places)
        if early.status in _PLANNED and late.status in _DONE and arrived_as_announced:
            return 1 if shared_places - _BROAD else 2
    if (a.status in _DONE and b.status in _DONE and shared_places and not shared_places - _BROAD
            and a.number and b.number and a.number[1] == b.number[1]):
        return 2
    if a.status == b.status == "underway" and shared_places - _BROAD:
        return 1
    return 0


def _same_number(a: tuple[int, str | None] | None, b: tuple[int, str | None] | None) -> bool:
    if a is None or b is None or a[1] != b[1]:
        return False
    return abs(a[0] - b[0]) <= NUMBER_TOLERANCE * max(abs(a[0]), abs(b[0]))


def same_event(a: Report, b: Report) -> bool:
    """Whether two reports are linked as one event (the pairwise decision)."""
    score, needed = _judge(a, b)
    return score > 0 and score >= needed


def best_story(new: Report, stories: Sequence[Story]) -> Story | None:
    """The story a new report joins: the one holding the report it is most surely one event
    with (the earliest story on a tie), never one with a report of the same article; None
    when no story admits it.
    """
    best, best_score = None, 0
    judged: dict[tuple, tuple[int, int]] = {}  # reports alike but for their article are judged once
    for story in stories:
        if new.doc in story.docs:
            continue
        for old in story.reports:
            signature = old.signature
            if signature not in judged:
                judged[signature] = _judge(new, old)
            score, needed = judged[signature]
            if score >= needed and score > best_score:
                best, best_score = story, score
    return best


# -- what a story says: its reports side by side ------------------------------------------

# Status stages in the order an event moves through them; "denied" stands apart.
STAGES = {"announced": 0, "planned": 1, "underway": 2, "arrived": 3, "completed": 4}
DELIVERED = frozenset({"underway", "arrived", "completed"})  # aid: delivered (or on its way)


def _when(record: dict[str, Any]) -> str:
    """A record's sort date: its article's date, else its own; undated records sort last."""
    article = record.get("article") or {}
    value = article.get("date") or (record.get("date") or {}).get("value")
    return value or "9999"


def _distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _number(record: dict[str, Any]) -> dict[str, Any]:
    """One report's number with who says it, where and when."""
    article = record.get("article") or {}
    quantity = record["quantity"]
    source = record.get("source") or {}
    return {"value": quantity["value"], "qualifier": quantity.get("qualifier"), "unit": quantity.get("unit"),
            "text": quantity.get("text"), "status": record.get("status"),
            "source": source.get("text") or source.get("code"), "outlet": article.get("outlet"),
            "title": article.get("title"), "article_date": article.get("date"), "doc": record["doc"],
            "event_id": record.get("id")}


def summarize(story_id: int, records: list[dict[str, Any]]) -> dict[str, Any]:
    """A story from its records (EVENTS.md dicts with ``id``, ``article`` and the store's
    ``date_start``/``date_end``): its reports, sources and outlets, first and last report,
    the status progression, and every number side by side with who gives it. Numbers are
    never averaged: ``numbers_disagree`` says whether reports of one unit give different values.
    """
    records = sorted(records, key=lambda r: (_when(r), r.get("id") or 0))
    first = records[0]
    codes = _distinct(c for r in records for part in ("target", "location")
                      for c in ((r.get(part) or {}).get("codes") or []))
    report_dates = sorted(d for d in ((r.get("article") or {}).get("date") for r in records) if d)
    starts = sorted(r["date_start"] for r in records if r.get("date_start"))
    ends = sorted(r["date_end"] for r in records if r.get("date_end"))
    progression: list[dict[str, Any]] = []
    for r in records:
        status = r.get("status")
        if status and (not progression or progression[-1]["status"] != status):
            progression.append({"status": status, "date": (r.get("article") or {}).get("date")
                                or (r.get("date") or {}).get("value"), "doc": r["doc"], "event_id": r.get("id")})
    staged = [p["status"] for p in progression if p["status"] in STAGES]
    numbers = [_number(r) for r in records if (r.get("quantity") or {}).get("value") is not None]
    by_unit: dict[str | None, set[int]] = {}
    for n in numbers:
        by_unit.setdefault(n["unit"], set()).add(n["value"])
    values = [n["value"] for n in numbers]
    return {
        "id": story_id,
        "type": first["type"],
        "mode": next(iter(_distinct(r.get("mode") for r in records)), None),
        "actor": {"code": (first.get("actor") or {}).get("code"),
                  "text": _distinct((r.get("actor") or {}).get("text") for r in records)},
        "targets": codes,
        "places": _distinct((r.get("location") or {}).get("place") for r in records),
        "reports": len(records),
        "articles": len({r["doc"] for r in records}),
        "outlets": _distinct((r.get("article") or {}).get("outlet") for r in records),
        "sources": _distinct((r.get("source") or {}).get("text") for r in records),
        "first_report": report_dates[0] if report_dates else None,
        "last_report": report_dates[-1] if report_dates else None,
        "date": {"start": starts[0] if starts else None, "end": ends[-1] if ends else None},
        "status": max(staged, key=STAGES.__getitem__) if staged else (progression[-1]["status"] if progression else None),
        "statuses": progression,
        "posture": _distinct(r.get("posture") for r in records),
        "numbers": numbers,
        "number_range": [min(values), max(values)] if values else None,
        "numbers_disagree": any(len(v) > 1 for v in by_unit.values()),
        "events": records,
    }
