"""The extract stage: turn cue sentences into event records.

For each sentence with an event cue (``recognize.cues``), pick the cues that
hold, then fill the record's slots from what the recognisers found in the same
sentence: the actor (subject, owner of a nominal cue, or the nationality of the
forces moved), the target (destination of forces, recipient of aid, other
party of a speech act), the origin, the place, the number, the date, the
status and posture, and the factuality. Finding the parties is
``lagebild.arguments``; this module selects cues and assembles the records.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .arguments import (
    DESTINATION_PREPS,
    FORCE_TYPES,
    PLACE_KINDS,
    SUBJECT_NOMINAL_TYPES,
    SentenceView,
    find_parties,
    is_bare_infinitive,
    nominal_owner,
    prepare,
)
from .model import DateValue, Event, Party, Quantity
from .recognize import read_tsv
from .recognize.annotate import Annotated
from .recognize.cues import CueSpan, modality
from .resolve import Context
from .syntax import clause_bounds, governing_preposition

__all__ = ["extract_sentence_events", "select_cues", "FORCE_TYPES"]

STATUS_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID"})
POSTURE_TYPES = frozenset({"MOBILIZE", "PRESENCE"})
# Speech acts and attacks named by a noun are kept only with the party they concern.
_NEEDS_OTHER_PARTY = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "ASSAULT", "SANCTION", "CONCEDE", "COOPERATE"})


_FORCE_IN_CUE = re.compile(r"truppe|soldat|rakete|waffe|panzer|kampfjet|kräfte", re.IGNORECASE)
_PURPOSE = re.compile(r"\bum\b[^,]{0,120}\bzu\s*$", re.IGNORECASE)
_INDEFINITE_PP = re.compile(r"\b(?:bei|nach|zu|während|auf|vor)\s+(?:einem|einer|seinem|seiner|ihrem|ihrer)\s+(?:\w+\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:der|die|das|dem|den|des|beim|zum|zur|vom|am|im|diese[rnms]?)\s+(?:[\w-]+e[nrsm]?\s+)?$", re.IGNORECASE)
_TROOP_WORD = re.compile(r"soldat|truppe|kräfte|einheit|kontingent|bataillon|brigade|division|kämpfer|marines", re.IGNORECASE)


# --- cue selection -------------------------------------------------------------------


def select_cues(ann: Annotated) -> list[CueSpan]:
    """The cues of a sentence that state an event: one per type (per mode for AID).

    Force cues need a force noun in the sentence; a cue inside the span of a longer cue
    of another type gives way to it; verbal cues beat nominal ones; a purpose clause
    ("um die Abschreckung zu verstärken") gives way to the main clause.
    """
    text = ann.text
    cues = [c for c in ann.cues if _cue_holds(c, ann)]
    keep: dict[tuple[str, str | None], CueSpan] = {}
    for cue in cues:
        if any(_contains(o, cue) for o in cues if o is not cue and o.type != cue.type):
            continue
        key = (cue.type, cue.mode if cue.type == "AID" else None)
        old = keep.get(key)
        if old is None or _better(cue, old, text):
            keep[key] = cue
    presence = keep.get(("PRESENCE", None))
    mobilize = keep.get(("MOBILIZE", None))
    if presence and mobilize:
        if "stationier" in mobilize.text.lower() and mobilize.start >= presence.start and mobilize.end <= presence.end:
            del keep[("MOBILIZE", None)]
        elif presence.text.lower().startswith("stationierte"):
            del keep[("PRESENCE", None)]
        elif (
            "nominal" not in mobilize.flags
            and not re.search(r"stationiert|präsent|rotation", presence.text.lower())
            and clause_bounds(text, mobilize.start, mobilize.end)[0] <= presence.start < clause_bounds(text, mobilize.start, mobilize.end)[1]
        ):
            del keep[("PRESENCE", None)]  # "hat 200 Soldaten in den Tschad entsandt" is a movement
    return sorted(keep.values(), key=lambda c: c.start)


def _object_is_force(ann: Annotated, cue: CueSpan) -> bool:
    """Whether the noun next to the cue in its clause names forces (the verb's object).

    German puts the object right after a finite verb ("schickt weitere 850 Soldaten") or
    right before a final participle or infinitive ("würden die rotierenden US-Truppen
    verstärkt"); names of states and places and nouns inside prepositional phrases
    ("in die Nähe von Taiwan") are skipped.
    """
    text = ann.text
    left, right = clause_bounds(text, cue.start, cue.end)
    named = [(m.start, m.end) for m in ann.mentions if m.kind in PLACE_KINDS | {"igo", "person", "title"}]
    noun_re = re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]*")

    def first_object(words: list[re.Match[str]]) -> re.Match[str] | None:
        for w in words:
            if any(a <= w.start() < b for a, b in named) or w.group(0) in _SENTENCE_START_WORDS:
                continue
            if governing_preposition(text, w.start()) is not None:
                continue
            return w
        return None

    after = first_object(list(noun_re.finditer(text, cue.end, right)))
    before = first_object(list(reversed(list(noun_re.finditer(text, left, cue.start)))))
    for w in (after, before):
        if w is not None and any(w.start() <= f.start < w.end() or f.start <= w.start() < f.end for f in ann.forces):
            return True
    return after is None and before is None


_SENTENCE_START_WORDS = frozenset("Der Die Das Den Dem Des Ein Eine Einen Einem Wir Sie Er Es Man Auch Nun Zudem Zugleich Insgesamt".split())


def _contains(outer: CueSpan, inner: CueSpan) -> bool:
    """A cue that is a word of a longer cue ("stationiert" in "sind … stationiert") gives way to it."""
    inside = outer.start <= inner.start and inner.end <= outer.end and (outer.end - outer.start) > (inner.end - inner.start)
    return inside and (inner.start == outer.start or inner.end == outer.end or " " not in outer.text.strip())


def _better(new: CueSpan, old: CueSpan, text: str) -> bool:
    """Whether ``new`` states the sentence's event better than ``old`` (same type)."""
    new_purpose, old_purpose = _in_purpose(text, new), _in_purpose(text, old)
    if new_purpose != old_purpose:
        return old_purpose
    new_nominal, old_nominal = "nominal" in new.flags, "nominal" in old.flags
    if new_nominal != old_nominal:
        framed = new if new_nominal else old
        framing = text[max(0, framed.start - 40) : framed.start]
        if (_INDEFINITE_PP.search(framing) or re.search(r"(?i)\bbei\s+(?:\w+\s+)?$", framing)) and new.type in {"ASSAULT", "PROTEST", "COERCE"}:
            return new_nominal  # "Bei einem israelischen Luftangriff wurden … getötet"
        return old_nominal
    return False


def _in_purpose(text: str, cue: CueSpan) -> bool:
    return bool(_PURPOSE.search(text[: cue.start]))


def _cue_holds(cue: CueSpan, ann: Annotated) -> bool:
    if "force" in cue.flags and not (ann.forces or _FORCE_IN_CUE.search(cue.text)):
        return False
    if "force_near" in cue.flags and not _object_is_force(ann, cue):
        return False
    if "nonforce" in cue.flags and ann.forces:
        return False
    if cue.type == "MOBILIZE" and cue.text.lower().startswith("stationierte") and len(ann.cues) > 1:
        return False
    return True


# --- events --------------------------------------------------------------------------


def extract_sentence_events(ann: Annotated, ctx: Context, doc_id: str) -> list[Event]:
    """Events stated in one annotated sentence.

    ann (Annotated): the sentence and its recognised spans.
    ctx (Context): document context (speakers, people, places, document date).
    doc_id (str): the document id for the records.
    RETURNS (list[Event]): one event per selected cue and actor.
    """
    if ann.text.rstrip().endswith("?"):
        return []  # a question states no event (EVENTS.md)
    source = ctx.source_for(ann)
    sent = prepare(ann, ctx)
    cues = select_cues(ann)
    events: list[Event] = []
    demanded: list[tuple[CueSpan, Event]] = []
    threat: CueSpan | None = None
    rejection = next((c for c in cues if c.type == "REJECT"), None)
    for cue in cues:
        if threat is not None and cue.start > threat.start and ("nominal" in cue.flags or re.search(r"\bmit\b", ann.text[threat.end : cue.start])):
            continue  # "droht mit der Ausweisung deutscher Diplomaten": the threatened act has not happened
        found = _events_for_cue(sent, cue, cues, ctx, doc_id, source)
        if rejection is not None and cue.start > rejection.start and "nominal" in cue.flags:
            for event in found:  # "lehnt die Lieferung von Taurus ab": the act is refused
                event.factuality = "negated"
                event.status = "denied" if event.type in STATUS_TYPES else None
        if found and events and re.search(r"\bund\s+(?:\w+\s+)?$", ann.text[max(0, cue.start - 20) : cue.start]):
            for event in found:  # "zieht Truppen ab und verlegt sie": the same subject
                event.actor = events[-1].actor
        if cue.type == "THREATEN" and found:
            threat = cue
        if cue.type == "REQUEST" and found:
            demanded.append((cue, found[0]))
        elif demanded and cue.start > demanded[-1][0].start and ("nominal" in cue.flags or is_bare_infinitive(ann.text, cue)):
            _as_demanded(found, demanded[-1][1])
        events.extend(found)
    return events


def _as_demanded(events: list[Event], request: Event) -> None:
    """An act that is demanded ("forderte Putin auf, seine Truppen abzuziehen") is the addressee's, and hypothetical."""
    addressee = request.target.codes[0] if request.target and len(request.target.codes) == 1 else None
    for event in events:
        if addressee is not None and event.type in FORCE_TYPES and (event.actor is None or event.actor.code == request.actor.code):
            event.actor = Party(text=request.target.text, code=addressee, sector="GOV")
        event.factuality = "hypothetical"
        if event.type in STATUS_TYPES:
            event.status = None


def _events_for_cue(sent: SentenceView, cue: CueSpan, cues: list[CueSpan], ctx: Context, doc_id: str, source: Party | None) -> list[Event]:
    ann, text = sent.ann, sent.text
    left, right = clause_bounds(text, cue.start, cue.end, widen_infinitive=True)
    if "nominal" in cue.flags and not _nominal_is_new(sent, cue):
        return []
    slots = find_parties(sent, cue, ctx, source, left, right)
    if slots.actor is None or not slots.actor.code:
        return []
    if "nominal" in cue.flags and slots.target is None and cue.type in _NEEDS_OTHER_PARTY:
        return []  # "Russlands Forderungen": a demand named in passing, with no one it is made of
    quantity = _quantity(ann, cue, left, right)
    status, factuality = _status_and_factuality(ann, cue, cues, left, right)
    date = _date(ann, cue, ctx)
    events = []
    for actor in [slots.actor, *slots.actors_extra]:
        events.append(
            Event(
                doc=doc_id,
                type=cue.type,
                mode="multilateral" if slots.multilateral else _mode(ann, cue, left, right),
                actor=actor,
                target=slots.target,
                origin=slots.origin if cue.type in {"MOBILIZE", "RETREAT"} else None,
                location=slots.location,
                quantity=quantity,
                status=status if cue.type in STATUS_TYPES else None,
                posture=_posture(ann) if cue.type in POSTURE_TYPES else None,
                date=date,
                source=source,
                factuality=factuality,
                evidence=[text],
                evidence_spans=[(ann.sentence.start, ann.sentence.end)],
            )
        )
    return events


def _nominal_is_new(sent: SentenceView, cue: CueSpan) -> bool:
    """A nominal cue with a definite article refers back to a known event, unless it brings news."""
    text = sent.text
    before = text[max(0, cue.start - 40) : cue.start]
    if _INDEFINITE_PP.search(before):
        return True
    news = any(sent.prep(m) in DESTINATION_PREPS and m.kind in PLACE_KINDS for m in sent.mentions if m.start > cue.start) or any(
        q.value is not None and q.unit for q in sent.ann.quantities
    )
    if _DEFINITE.search(before) and not re.search(r"(?i)\b(?:nach|seit|vor)\s+\w+\s+$", before):
        if cue.type in {"MOBILIZE", "RETREAT", "AID"}:
            return news or ("announced" in modality(text) and not re.search(r"(?i)geplante", before))
        return False
    if cue.type == "CONSULT":
        return nominal_owner(sent, cue) is not None and not sent.ann.sentence.heading
    return cue.type in SUBJECT_NOMINAL_TYPES or nominal_owner(sent, cue) is not None


# --- parties -------------------------------------------------------------------------


# --- slots ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _threat_modes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((mode, re.compile(pattern, re.IGNORECASE)) for mode, pattern in read_tsv("threat_modes.tsv"))


def _mode(ann: Annotated, cue: CueSpan, left: int, right: int) -> str | None:
    if cue.type == "ASSAULT" and cue.mode is None:
        return next((c.mode for c in ann.cues if c.type == "ASSAULT" and c.mode), None)  # "griff … mit Drohnen an"
    if cue.type == "THREATEN":
        rest = ann.text[cue.start :]
        for mode, pattern in _threat_modes():
            if pattern.search(rest):
                return mode
        return cue.mode
    if cue.type in {"MOBILIZE", "PRESENCE"}:
        clause = [f for f in ann.forces if left <= f.start < right] or ann.forces
        if not clause:
            return cue.mode or "troops"
        if any(f.mode == "troops" for f in clause) or _TROOP_WORD.search(cue.text):
            return "troops"
        return "weapons"
    if cue.type == "REQUEST" and re.search(r"(?i)\b(?:bat|baten|bitte[tn]?|ersuch\w*)\b.{0,80}?\bum\b", ann.text):
        return "assist"  # "bat Berlin um weitere Patriot-Systeme"
    if cue.type == "PROTEST" and re.search(r"(?i)streik", ann.text) and cue.mode != "hunger":
        return "strike"
    if cue.type == "AID":
        low = ann.text.lower()
        if cue.mode == "training":
            return "training"
        if "cyber" in low:
            return "cyber"
        if re.search(r"humanitär|lebensmittel|hilfsgüter|medikament|nahrungsmittel|flüchtlingshilfe|wiederaufbau", low):
            return "humanitarian"
        if re.search(r"finanz|wirtschaft|kredit|darlehen|budget", low):
            return "economic"
        if cue.mode == "military" and not ann.forces and not re.search(r"militär|waffe|rüstung|rakete|munition|panzer", low):
            return "other"  # "stellten beheizbare Wohncontainer zur Verfügung"
        return cue.mode
    return cue.mode


_UNITS = {
    "MOBILIZE": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units"},
    "RETREAT": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units", "prisoners", "people"},
    "PRESENCE": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units"},
    "AID": {"money_eur", "money_usd", "weapons", "vehicles", "aircraft", "ships", "units"},
    "AGREE": {"prisoners"},
    "ASSAULT": {"killed", "injured", "people"},
    "COERCE": {"people", "prisoners"},
    "SANCTION": {"people", "money_eur", "money_usd"},
    "PROTEST": {"people"},
}


def _quantity(ann: Annotated, cue: CueSpan, left: int, right: int) -> Quantity | None:
    units = _UNITS.get(cue.type)
    if not units:
        return None
    for change in ann.changes:
        if change.unit in units and change.delta is not None:
            return Quantity(value=int(abs(change.delta)), qualifier=change.qualifier, unit=change.unit, text=change.text)
    candidates = [q for q in ann.quantities if q.unit in units]
    if cue.type == "AID" and cue.mode == "training":
        return None
    if not candidates:
        return None
    q = min(candidates, key=lambda q: 0 if left <= q.start < right else abs(q.start - cue.start) + 1)
    value = int(q.value) if q.value is not None else None
    return Quantity(value=value, qualifier=q.qualifier, unit=q.unit, text=q.text)


def _status_and_factuality(ann: Annotated, cue: CueSpan, cues: list[CueSpan], left: int, right: int) -> tuple[str | None, str]:
    text = ann.text
    clause = text[left:right]
    mod_clause = modality(clause)
    mod_sentence = modality(text)
    nominal = "nominal" in cue.flags
    in_pp = nominal and governing_preposition(text, cue.start) in {"nach", "seit", "vor", "infolge", "angesichts", "wegen", "trotz", "bei", "beim"}
    negated = ("negation" in mod_clause and "nonneg" not in cue.flags and cue.type != "REJECT" and not in_pp) or (
        "negative" in cue.flags and cue.type != "REJECT"
    )
    hypothetical = "hypothetical" in mod_clause and not nominal
    if re.search(r"\b(?:wenn|falls|sofern)\b", text[cue.end :], re.IGNORECASE) or re.search(r"(?i)^\W*(?:falls|sofern|sollte)\b|\bim ernstfall\b", text):
        hypothetical = True
    if nominal and any(o.type == "REQUEST" and o.start < cue.start for o in cues):
        hypothetical = True  # "verlangt einen Rückzug": the demanded act has not happened
    factuality = "negated" if negated else "hypothetical" if hypothetical else "asserted"
    if negated:
        return "denied", factuality
    for flag in ("arrived", "underway", "completed"):
        if nominal and flag in cue.flags:
            return flag, factuality
    if "planned" in mod_clause and cue.type != "AID":
        return "planned", factuality
    if "announced" in mod_sentence:
        return "announced", factuality
    if "arrived" in cue.flags or "arrived" in mod_clause:
        return "arrived", factuality
    if "planned" in mod_clause:
        return "planned", factuality
    if "future" in mod_clause:
        return "announced", factuality
    if "completed" in mod_clause:
        return "completed", factuality
    first = cue.text.split()[0].lower() if cue.text.split() else ""
    if not nominal and modality(first).get("past") and first not in {"sollte", "sollten", "wollte", "wollten", "hatte", "hatten", "könnte"}:
        return "completed", factuality
    if "perfect" in mod_clause and "participle" in mod_clause:
        return "completed", factuality
    if "perfect" in mod_clause and re.search(r"\b(?:ge\w+[td]|\w+iert|\w+ge\w+[td]|(?:ver|ent|be|er|zer|über)\w+t|entsandt|ausgetauscht)\b", clause):
        return "completed", factuality
    if nominal:
        return None, factuality
    if ann.sentence.heading and cue.type == "AID":
        return "planned", factuality
    return "underway", factuality


def _posture(ann: Annotated) -> str | None:
    mod = modality(ann.text)
    for posture in ("rotational", "permanent", "temporary"):
        if posture in mod:
            return posture
    return None


def _date(ann: Annotated, cue: CueSpan, ctx: Context) -> DateValue | None:
    dates = [d for d in ann.dates if d.value and not re.match(r"(?i)von\b", d.text)]
    if dates:
        d = min(dates, key=lambda d: abs(d.start - cue.start))
        return DateValue(text=d.text, value=d.value)
    if ctx.doc_date:
        return DateValue(text=None, value=ctx.doc_date)
    return None
