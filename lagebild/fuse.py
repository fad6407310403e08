"""The fuse stage: one record per real-world event in a document.

A deployment announced in a headline, restated in the lead and detailed in
paragraph three is one event with three evidence sentences (EVENTS.md). Two
mentions are fused when they have the same type and actor and either the same
number of the same unit, or overlapping targets (or one without a target) and
no conflicting number, status or factuality. A mention the extractor only half believes
(``support``: a force mention with a number, below the event threshold) never makes a
record of its own; it joins a record of the same event that has no number yet. The fused
record keeps the most
specific target (the one stated with a number, else the one with the fewest
codes), fills open slots from the other mention, and collects all evidence in
text order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Event

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


@dataclass
class Mentioned:
    """An event as extracted from one sentence, with where it was found."""

    event: Event
    sentence: int
    heading: bool = False
    support: bool = False  # may only join (and give its number to) a record of its own event


def fuse(mentions: list[Mentioned]) -> list[Event]:
    """Merge the mentions of one document into one record per event.

    mentions (list[Mentioned]): events of one document, in sentence order.
    RETURNS (list[Event]): fused events, in order of first mention.
    """
    groups: list[list[Mentioned]] = []
    for item in mentions:
        if item.support:
            continue
        target = _best_group(groups, item)
        if target is None:
            groups.append([item])
        else:
            target.append(item)
    for item in mentions:
        if item.support:
            target = _best_group(groups, item)
            if target is not None and all(m.event.quantity is None or m.event.quantity.value is None for m in target):
                target.append(item)
    return [_merge(g) for g in groups]


def _codes(event: Event) -> set[str]:
    return set(event.target.codes) if event.target else set()


def _best_group(groups: list[list[Mentioned]], item: Mentioned) -> list[Mentioned] | None:
    best, best_score = None, 0
    for group in groups:
        if any(_conflict(m, item) for m in group) or _elsewhere(group, item):
            continue
        score = max(_affinity(m, item) for m in group)
        if score > best_score:
            best, best_score = group, score
    return best


def _elsewhere(group: list[Mentioned], item: Mentioned) -> bool:
    """The group's event goes to other places than the item's (and no number ties them)."""
    group_codes = set().union(*(_codes(m.event) for m in group))
    item_codes = _codes(item.event)
    same_number = item.event.quantity is not None and any(
        m.event.quantity is not None and m.event.quantity.value == item.event.quantity.value is not None for m in group
    )
    return bool(group_codes and item_codes and not group_codes & item_codes and not same_number)


def _conflict(a: Mentioned, b: Mentioned) -> bool:
    """Two mentions that cannot be one event: different numbers, or tenses that exclude each other."""
    ea, eb = a.event, b.event
    qa = ea.quantity.value if ea.quantity else None
    qb = eb.quantity.value if eb.quantity else None
    if qa is not None and qb is not None and qa != qb:
        return True
    if ea.quantity and eb.quantity and (qa is None) != (qb is None):
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
    if ea.mode != eb.mode and ea.type in {"AGREE", "AID"}:
        return 0
    qa = ea.quantity.value if ea.quantity else None
    qb = eb.quantity.value if eb.quantity else None
    ua = ea.quantity.unit if ea.quantity else None
    ub = eb.quantity.unit if eb.quantity else None
    if qa is not None and qb is not None:
        return 5 if qa == qb and ua == ub else 0
    heading = a.heading or b.heading
    if not heading:
        if ea.factuality != eb.factuality:
            return 0
        sa, sb = _STATUS_GROUP.get(ea.status or ""), _STATUS_GROUP.get(eb.status or "")
        if sa and sb and sa != sb:
            return 0
    ca, cb = _codes(ea), _codes(eb)
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
    codes = _codes(e)
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
    if out.target is None or not out.target.codes:
        for m in ordered:
            if m.event.target and m.event.target.codes:
                out.target = m.event.target
                break
    main_codes = _codes(out)
    narrower = [m.event.target for m in ordered if m.event.target and m.event.target.codes and set(m.event.target.codes) < main_codes]
    if narrower:
        out.target = min(narrower, key=lambda t: len(t.codes))  # "in dem baltischen Nato-Land" is Lettland
    if main.heading and body:
        out.status = next((m.event.status for m in body if m.event.status), out.status)
        out.factuality = body[0].event.factuality
    evidence: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in ordered:
        for text, span in zip(m.event.evidence, m.event.evidence_spans):
            if span not in spans:
                evidence.append(text)
                spans.append(span)
    out.evidence, out.evidence_spans = evidence, spans
    return out
