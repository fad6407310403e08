"""The fuse stage: one record per real-world event in a document.

A deployment announced in a headline, restated in the lead and detailed in
paragraph three is one event with three evidence sentences (EVENTS.md). Two
mentions are fused when they have the same type and actor and either the same
number of the same unit, or overlapping targets (or one without a target) and
no conflicting number, status or factuality (an attack's numbers count its victims, the
dead and the injured, and neither tie nor part two mentions); speech acts (demands, accusations,
rejections, endorsements, threats) only when said within two sentences of each
other or in a headline, since a speaker's accusation paragraphs later is
usually a new one, and never when two speakers of one country say them (the FPÖ's
demand and the Greens' are two). Attacks, protests and raids at named places more than
25 km apart are two. A mention the extractor only half believes
(``support``: a force mention with a number, below the event threshold) never makes a
record of its own; it joins a record of the same event that has no number yet. The fused
record keeps the most
specific target (the one stated with a number, else the one with the fewest
codes), fills open slots from the other mention, and collects all evidence in
text order.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Event

__all__ = ["Mentioned", "fuse"]

_STATUS_GROUP = {
    "announced": "future",
    "planned": "future",
    "completed": "past",
    "arrived": "past",
    "underway": "now",
    "denied": "denied",
}
_BROAD = frozenset({"EUROPE", "NATO_EAST", "WEST"})
RECENT_GROUPS = 64  # records of one type and actor a mention is compared with
_SAME_MODE = frozenset({"AGREE", "AID", "COERCE"})  # types whose mentions fuse only with the same mode (an arrest and a curfew are two acts of one state)
# types whose mentions do not fuse when both name a mode and the modes differ: a prisoner
# release and a troop withdrawal are two retreats of one state
_DISTINCT_MODES = frozenset({"RETREAT"})
# Speech acts: a demand, accusation, rejection, endorsement or threat restated in the next
# sentence or two is one act; one said further on is taken as another (the annotated
# articles often record a politician's accusations paragraphs apart as separate events)
_SAID = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})
# Attacks are counted in victims: the dead in one sentence, the injured in the next, the
# toll rising over the article; their numbers neither tie nor part two mentions
_TOLL_TYPES = frozenset({"ASSAULT"})
# Acts that happen at one spot: an attack, a protest or a raid at places further apart than
# this are two ("erschoss in Chan Junis …", "in Hebron erschossen Soldaten …")
_SPOT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
_SPOT_KM = 25.0
_SAID_REACH = 2  # sentences (2: of 0-6, near the best in 4-fold cross-validation over the training articles)


@dataclass
class Mentioned:
    """An event as extracted from one sentence, with where it was found."""

    event: Event
    sentence: int
    heading: bool = False
    support: bool = False  # may only join (and give its number to) a record of its own event
    home_target: bool = False  # a deployment aimed at home only because its sentence names no place


def fuse(mentions: list[Mentioned]) -> list[Event]:
    """Merge the mentions of one document into one record per event.

    A mention is compared only with the records of its type and actor (no other can
    take it), and of those with the ``RECENT_GROUPS`` mentioned last (a number-only
    mention: with those mentioned last before it and the next ones after it), so
    that time grows linearly with the length of an article. No article of the corpus
    comes near that bound (at most 8 records of one type and actor), where the
    result is that of comparing every mention with every record.

    mentions (list[Mentioned]): events of one document, in sentence order.
    RETURNS (list[Event]): fused events, in order of first mention.
    """
    groups: list[_Group] = []
    by_key: dict[tuple, list[_Group]] = {}  # every group of a key, in order of creation
    recent: dict[tuple, OrderedDict[int, _Group]] = {}  # the groups of a key last added to
    waiting: list[tuple[Mentioned, list[_Group], int]] = []
    for item in mentions:
        key = _key(item)
        active = recent.setdefault(key, OrderedDict())
        if item.support:  # joins in the second pass; remember which groups it may join
            waiting.append((item, list(active.values()), len(by_key.get(key, ()))))
            continue
        target = _best_group(_in_order(active.values()), item)
        if target is None:
            target = _Group(len(groups))
            groups.append(target)
            by_key.setdefault(key, []).append(target)
        target.add(item)
        active[target.index] = target
        active.move_to_end(target.index)
        if len(active) > RECENT_GROUPS:
            active.popitem(last=False)
    for item, before, created in waiting:
        after = by_key.get(_key(item), [])[created : created + RECENT_GROUPS]
        target = _best_group(_in_order(before + after), item)
        if target is not None and not target.numbered:
            target.add(item)
    return [_merge(g.members) for g in groups]


def _in_order(groups: Iterable[_Group]) -> list[_Group]:
    """Groups in the order they were created (the first of equally good groups wins)."""
    return sorted(groups, key=lambda g: g.index)


def _codes(event: Event) -> set[str]:
    return set(event.target.codes) if event.target else set()


def _place_codes(item: Mentioned) -> set[str]:
    """The target codes a mention gives its event: none for a home taken for want of a place."""
    return set() if item.home_target else _codes(item.event)


def _key(item: Mentioned) -> tuple:
    """What two mentions must share to fit one event at all (``_affinity`` is 0 otherwise).

    Every member of a group has the key of the mention that started it, so a mention
    is only compared with the groups of its key: a long article does not compare each
    mention with every event of the document.
    """
    e = item.event
    return (e.type, e.actor.code if e.actor else None, e.mode if e.type in _SAME_MODE else None)


def _signature(item: Mentioned) -> tuple:
    """Everything ``_conflict``, ``_elsewhere`` and ``_affinity`` read of a mention except its sentence."""
    e = item.event
    q = e.quantity
    return (
        e.type,
        e.actor.code if e.actor else None,
        e.mode,
        q is not None,
        q.value if q else None,
        q.unit if q else None,
        e.factuality,
        e.status,
        frozenset(_codes(e)),
        item.home_target,
        item.heading,
        _speaker(e) if e.type in _SAID else None,
        _spot(e),
    )


def _spot(e: Event) -> tuple[float, float] | None:
    """Where an act that happens at one spot took place (the coordinates of its named place)."""
    loc = e.location
    if e.type not in _SPOT_TYPES or loc is None or loc.lat is None or loc.lon is None:
        return None
    return (loc.lat, loc.lon)


def _far_apart(a: Event, b: Event) -> bool:
    """Two acts at named places further apart than ``_SPOT_KM`` (great-circle distance)."""
    pa, pb = _spot(a), _spot(b)
    if pa is None or pb is None:
        return False
    la1, lo1, la2, lo2 = map(math.radians, (*pa, *pb))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h))) > _SPOT_KM


def _speaker(e: Event) -> str | None:
    """Who says a speech act, by the last word of its actor's phrase when that is a name or
    a noun ("FPÖ-Chef Johann **Tschürtz**", "**Tschürtz**", "die **Grünen**"); None for a
    pronoun or a phrase-less actor, which may stand for anyone named before."""
    text = e.actor.text if e.actor is not None else None
    if not text:
        return None
    last = text.split()[-1].strip(".,;:()\"'„“”")
    return last.lower() if last[:1].isupper() and last.lower() not in _PRONOUNS else None


_PRONOUNS = frozenset({"er", "sie", "es", "wir", "ich", "ihr", "man", "dieser", "diese", "jener", "jene"})


class _Group:
    """The mentions of one event, and a summary for comparing a mention with all of them.

    Mentions with the same signature differ only in their sentence, which only
    ``_affinity`` reads (a mention without a target joins a neighbouring one): one
    representative per signature with its sentences stands for all of them, so
    comparing a mention with a group costs the number of different signatures in it,
    not the number of its mentions.
    """

    def __init__(self, index: int) -> None:
        self.index = index  # order of creation
        self.members: list[Mentioned] = []
        self.kinds: dict[tuple, tuple[Mentioned, list[int]]] = {}
        self.codes: set[str] = set()
        self.values: set[int] = set()
        self.numbered = False  # a member has a number
        self.told = False  # a member is no heading: the group is an event the body tells

    def add(self, item: Mentioned) -> None:
        self.members.append(item)
        self.told = self.told or not item.heading
        sig = _signature(item)
        kind = self.kinds.get(sig)
        if kind is None:
            self.kinds[sig] = (item, [item.sentence])
        else:
            insort(kind[1], item.sentence)
        e = item.event
        self.codes |= _place_codes(item)
        if e.quantity is not None and e.quantity.value is not None:
            self.values.add(e.quantity.value)
            self.numbered = True

    def nearest(self, sentence: int) -> list[Mentioned]:
        """One mention per signature, each at its member's sentence closest to ``sentence``."""
        out = []
        for rep, sentences in self.kinds.values():
            i = bisect_left(sentences, sentence)
            near = min(sentences[max(0, i - 1) : i + 1], key=lambda s: abs(s - sentence))
            out.append(rep if near == rep.sentence else Mentioned(rep.event, near, rep.heading, rep.support, rep.home_target))
        return out


def _best_group(groups: Iterable[_Group], item: Mentioned) -> _Group | None:
    best, best_score = None, 0
    for group in groups:
        reps = group.nearest(item.sentence)
        if any(_conflict(m, item) for m in reps) or _elsewhere(group, item):
            continue
        if group.told and not item.heading:
            # a headline summarises one event the body tells: once that has joined it, a
            # further sentence is compared with the body's mentions, not with the headline
            # (else a headline chains every act of its kind into one record)
            reps = [m for m in reps if not m.heading]
        score = max((_affinity(m, item) for m in reps), default=0)
        if score > best_score:
            best, best_score = group, score
    return best


def _elsewhere(group: _Group, item: Mentioned) -> bool:
    """The group's event goes to other places than the item's (and no number ties them)."""
    item_codes = _place_codes(item)
    value = item.event.quantity.value if item.event.quantity is not None else None
    same_number = value is not None and value in group.values
    return bool(group.codes and item_codes and not group.codes & item_codes and not same_number)


def _number(e: Event) -> float | None:
    """The number that ties or parts two mentions (none for a victim toll)."""
    if e.type in _TOLL_TYPES or e.quantity is None:
        return None
    return e.quantity.value


def _conflict(a: Mentioned, b: Mentioned) -> bool:
    """Two mentions that cannot be one event: different numbers, or tenses that exclude each other."""
    ea, eb = a.event, b.event
    qa, qb = _number(ea), _number(eb)
    if qa is not None and qb is not None and qa != qb:
        return True
    if ea.quantity and eb.quantity and (qa is None) != (qb is None):  # (a toll's numbers are None on both sides)
        return True  # "Tausende Soldaten" and "2.000 Soldaten" are told apart
    if a.heading or b.heading:
        return False
    sa, sb = _STATUS_GROUP.get(ea.status or ""), _STATUS_GROUP.get(eb.status or "")
    return bool(sa and sb and sa != sb)


def _affinity(a: Mentioned, b: Mentioned) -> int:
    """How well two mentions fit one event: 0 = not at all."""
    ea, eb = a.event, b.event
    if ea.type != eb.type or (ea.actor.code if ea.actor else None) != (eb.actor.code if eb.actor else None):
        return 0
    if ea.mode != eb.mode and (ea.type in _SAME_MODE or (ea.type in _DISTINCT_MODES and ea.mode and eb.mode)):
        return 0
    qa, qb = _number(ea), _number(eb)
    ua = ea.quantity.unit if ea.quantity else None
    ub = eb.quantity.unit if eb.quantity else None
    if qa is not None and qb is not None:
        return 5 if qa == qb and ua == ub else 0
    heading = a.heading or b.heading
    if not heading and ea.type in _SAID and abs(a.sentence - b.sentence) > _SAID_REACH:
        return 0  # the same speaker's demand (accusation …) said further on is another act
    if _far_apart(ea, eb):
        return 0  # two shootings, protests or raids in two towns
    if ea.type in _SAID and (sa := _speaker(ea)) and (sb := _speaker(eb)) and sa != sb:
        return 0  # two speakers of one country ("Tschürtz verlangt …", "Die Grünen fordern …") make two acts
    if not heading:
        if ea.factuality != eb.factuality:
            return 0
        sa, sb = _STATUS_GROUP.get(ea.status or ""), _STATUS_GROUP.get(eb.status or "")
        if sa and sb and sa != sb:
            return 0
    ca, cb = _codes(ea), _codes(eb)
    if a.home_target != b.home_target:
        ca, cb = _place_codes(a), _place_codes(b)  # "verlegt Truppen an die Grenze", then "an die Grenze zu Georgien"
    if ca and cb:
        if ca == cb:
            return 4
        if ca & cb:
            return 3
        return 0
    if abs(a.sentence - b.sentence) > 2 and not heading:
        return 0  # a mention without a target joins only a neighbouring mention
    return 2 if (qa is None or qb is None) else 0


def _specificity(item: Mentioned) -> tuple[int, int, int]:
    e = item.event
    codes = _place_codes(item)
    has_quantity = 1 if e.quantity and e.quantity.value is not None else 0
    broad = 1 if codes & _BROAD or len(codes) > 2 else 0
    return (has_quantity, -broad if codes else -2, -len(codes))


def _merge(group: list[Mentioned]) -> Event:
    if len(group) == 1:
        return group[0].event
    ordered = sorted(group, key=lambda m: m.sentence)
    main = max(ordered, key=lambda m: (_specificity(m), not m.heading))
    out = Event(**{k: getattr(main.event, k) for k in main.event.__dataclass_fields__})
    body = [m for m in ordered if not m.heading] or ordered
    for slot in ("quantity", "origin", "location", "date", "source", "posture", "mode", "status"):
        if getattr(out, slot) is None:
            for m in body:
                value = getattr(m.event, slot)
                if value is not None:
                    setattr(out, slot, value)
                    break
    if out.target is None or not out.target.codes or main.home_target:
        for m in sorted(ordered, key=lambda m: m.home_target):
            if m.event.target and m.event.target.codes:
                out.target = m.event.target
                break
    main_codes = _codes(out)
    narrower = [m.event.target for m in ordered if m.event.target and m.event.target.codes and set(m.event.target.codes) < main_codes and not m.home_target]
    if narrower:
        out.target = min(narrower, key=lambda t: len(t.codes))  # "in dem baltischen Nato-Land" is Lettland
    if main.heading and body:
        out.status = next((m.event.status for m in body if m.event.status), out.status)
        out.factuality = body[0].event.factuality
    evidence: list[str] = []
    spans: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for m in ordered:
        for text, span in zip(m.event.evidence, m.event.evidence_spans):
            if span not in seen:
                seen.add(span)
                evidence.append(text)
                spans.append(span)
    out.evidence, out.evidence_spans = evidence, spans
    return out
