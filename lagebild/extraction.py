"""The extract stage: turn cue sentences into event records.

For each sentence with an event cue (``recognize.cues``), pick the cues that
hold, then fill the record's slots from what the recognisers found in the same
sentence: the actor (subject, owner of a nominal cue, or the nationality of the
forces moved), the target (destination of forces, recipient of aid, other
party of a speech act), the origin, the place, the number, the date, the
status and posture, and the factuality. German word order is handled with a
few robust signals instead of a parser: the preposition that governs a
mention, its position before or after the cue, pronouns next to the finite
verb, coordination with "und", and clause boundaries.

Parties that the sentence leaves open (a pronoun, "wir", a missing actor in
reported speech, "dort") are filled in by ``resolve.Context``, which tracks
speakers, people and places over the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from .model import DateValue, Event, Party, Quantity
from .recognize.annotate import Annotated
from .recognize.cues import CueSpan, modality
from .recognize.lexicon import Mention
from .resolve import Context
from .syntax import (
    clause_bounds,
    coordinated_after,
    governing_preposition,
    is_genitive_attribute,
    prep_phrase_start,
)

__all__ = ["extract_sentence_events", "select_cues", "FORCE_TYPES"]

FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE"})
STATUS_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID"})
POSTURE_TYPES = frozenset({"MOBILIZE", "PRESENCE"})
# Nominal cues that take the sentence's subject as actor ("Die US-Regierung hatte die
# Verlegung angekündigt", "bei einem Treffen mit X sagte Y"); other nominal cues need an
# owner ("der russische Angriff", "die Unterstützung Chinas").
SUBJECT_NOMINAL_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID", "CONSULT"})
# Speech acts and attacks named by a noun are kept only with the party they concern.
_NEEDS_OTHER_PARTY = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "ASSAULT", "SANCTION", "CONCEDE", "COOPERATE"})

ACTOR_KINDS = frozenset(
    {"person", "title", "body", "igo", "country", "capital", "demonym", "group", "ngo", "west", "adjective", "region"}
)
PLACE_KINDS = frozenset({"country", "capital", "city", "region"})
BROAD_CODES = frozenset({"EUROPE", "NATO_EAST", "WEST", "MIDEAST", "BALKANS", "AFRICA", "ASIA", "LATAM", "NAFRICA"})

_DESTINATION_PREPS = frozenset({"nach", "in", "ins", "im", "an", "am", "ans", "auf", "zu", "zum", "zur"})
_LOCATIVE_PREPS = frozenset({"in", "im"})
_FORCE_IN_CUE = re.compile(r"truppe|soldat|rakete|waffe|panzer|kampfjet|kräfte", re.IGNORECASE)
_GRENZE = re.compile(r"^\s*grenzen?\b", re.IGNORECASE)
_PLACE_NOUN = re.compile(r"^\s*(?:[\w]+-\s+und\s+)?[\w-]*(?:Land|Staat|Staaten|Gebiet|Hauptstadt|Küste|Region|Republik|Territorium)\b")
_AFTER_BORDER = re.compile(r"grenzen?\s+(?:zur|zu|zum|mit)\s+(?:der\s+|dem\s+)?$", re.IGNORECASE)
_PURPOSE = re.compile(r"\bum\b[^,]{0,120}\bzu\s*$", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(er|sie|wir|man|es)\b", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"^\s*(?:sich\s+)?(er|sie|wir)\b", re.IGNORECASE)
_INDEFINITE_PP = re.compile(r"\b(?:bei|nach|zu|während|auf|vor)\s+(?:einem|einer|seinem|seiner|ihrem|ihrer)\s+(?:\w+\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:der|die|das|dem|den|des|beim|zum|zur|vom|am|im|diese[rnms]?)\s+(?:[\w-]+e[nrsm]?\s+)?$", re.IGNORECASE)
_PASSIVE_AGENT = re.compile(r"\b(?:von|vom)\s+(?:den|der|dem)?\s*$", re.IGNORECASE)
_TROOP_WORD = re.compile(r"soldat|truppe|kräfte|einheit|kontingent|bataillon|brigade|division|kämpfer|marines", re.IGNORECASE)


@dataclass
class _Slots:
    actor: Party | None = None
    actor_mention: Mention | None = None
    partners: list[Mention] = field(default_factory=list)
    actors_extra: list[Party] = field(default_factory=list)
    target: Party | None = None
    origin: Party | None = None
    location: Party | None = None
    multilateral: bool = False


@dataclass
class _Sentence:
    """A sentence prepared for argument finding: usable mentions and their prepositions."""

    ann: Annotated
    mentions: list[Mention]
    preps: dict[int, str | None]

    @property
    def text(self) -> str:
        return self.ann.text

    def prep(self, m: Mention) -> str | None:
        return self.preps.get(id(m))


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
    sent = _prepare(ann, ctx)
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
        elif demanded and cue.start > demanded[-1][0].start and ("nominal" in cue.flags or _is_bare_infinitive(ann.text, cue)):
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


def _prepare(ann: Annotated, ctx: Context) -> _Sentence:
    text = ann.text
    span = ctx.source_span(ann, exclusive=True)
    mentions = [m for m in ann.mentions if not (span and m.start < span[1] and span[0] < m.end)]
    preps: dict[int, str | None] = {}
    previous: Mention | None = None
    for m in mentions:
        prep = governing_preposition(text, m.start)
        if prep is None and previous is not None and coordinated_after(text, previous, m):
            listed = "," not in text[previous.end : m.start] or re.match(r"\s*(?:,|und|oder|sowie)\s", text[m.end :])
            if listed and previous.kind in PLACE_KINDS and m.kind in PLACE_KINDS:
                prep = preps.get(id(previous))
        if prep in _LOCATIVE_PREPS and re.search(r"\b(?:Regierung|Regierungen|Führung|Behörden|Vertreter)\s+in\s+$", text[: m.start]):
            prep = None  # "die Regierungen in Vilnius und Riga": the capital stands for its state
        preps[id(m)] = prep
        previous = m
    mentions = [_seated(text, m, mentions) for m in mentions]
    mentions = [m for m in mentions if not (m.kind in {"body", "group", "title"} and m.code is None and "needs_country" in m.flags)]
    return _Sentence(ann=ann, mentions=mentions, preps=preps)


def _seated(text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """A body named by its seat takes the seat's state: "die Polizei in Minsk", "die Behörden in Dagestan"."""
    if m.code is not None or "needs_country" not in m.flags or m.sector == "MIL" and not re.search(r"(?i)junta|militär$", m.text):
        return m  # "400 Soldaten in Litauen" are deployed there, not Lithuania's
    for other in mentions:
        if other.start > m.end and re.fullmatch(r"\s+in\s+(?:der\s+|dem\s+)?", text[m.end : other.start]) and other.kind in PLACE_KINDS:
            codes = _codes_of(other)
            if len(codes) == 1:
                return replace(m, end=other.end, text=text[m.start : other.end], code=codes[0], codes=codes, flags=m.flags - {"needs_country"})
    return m


def _events_for_cue(sent: _Sentence, cue: CueSpan, cues: list[CueSpan], ctx: Context, doc_id: str, source: Party | None) -> list[Event]:
    ann, text = sent.ann, sent.text
    left, right = clause_bounds(text, cue.start, cue.end, widen_infinitive=True)
    if "nominal" in cue.flags and not _nominal_is_new(sent, cue, cues):
        return []
    slots = _find_parties(sent, cue, cues, ctx, source, left, right)
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


def _nominal_is_new(sent: _Sentence, cue: CueSpan, cues: list[CueSpan]) -> bool:
    """A nominal cue with a definite article refers back to a known event, unless it brings news."""
    text = sent.text
    before = text[max(0, cue.start - 40) : cue.start]
    if _INDEFINITE_PP.search(before):
        return True
    news = any(sent.prep(m) in _DESTINATION_PREPS and m.kind in PLACE_KINDS for m in sent.mentions if m.start > cue.start) or any(
        q.value is not None and q.unit for q in sent.ann.quantities
    )
    if _DEFINITE.search(before) and not re.search(r"(?i)\b(?:nach|seit|vor)\s+\w+\s+$", before):
        if cue.type in {"MOBILIZE", "RETREAT", "AID"}:
            return news or ("announced" in modality(text) and not re.search(r"(?i)geplante", before))
        return False
    if cue.type == "CONSULT":
        return _owner(sent, cue) is not None and not sent.ann.sentence.heading
    return cue.type in SUBJECT_NOMINAL_TYPES or _owner(sent, cue) is not None


# --- parties -------------------------------------------------------------------------


def _codes_of(m: Mention) -> list[str]:
    return list(m.codes or ([m.code] if m.code else []))


def _sector(m: Mention, *, force: bool = False) -> str | None:
    if force and m.kind in {"adjective", "demonym", "body"} and m.sector in {None, "MIL"}:
        return "MIL"
    if m.sector:
        return m.sector
    if m.kind in {"country", "capital", "body"}:
        return "GOV"
    if m.kind == "igo":
        return "IGO"
    if m.kind == "west":
        return None
    return None


def _as_party(m: Mention, *, force: bool = False) -> Party:
    code = m.code or (m.codes[0] if len(m.codes) == 1 else None)
    return Party(text=m.text, code=code, codes=_codes_of(m), sector=_sector(m, force=force))


def _group_party(mentions: list[Mention], text: str) -> Party | None:
    codes: list[str] = []
    for m in mentions:
        for c in _codes_of(m):
            if c not in codes:
                codes.append(c)
    if not codes:
        return None
    start = prep_phrase_start(text, mentions[0].start)
    return Party(text=text[start : mentions[-1].end], codes=codes)


def _can_act(m: Mention) -> bool:
    if m.kind not in ACTOR_KINDS or not (m.code or m.codes):
        return False
    if "compound" in m.flags or m.kind == "city":
        return False
    return True


def _find_parties(sent: _Sentence, cue: CueSpan, cues: list[CueSpan], ctx: Context, source: Party | None, left: int, right: int) -> _Slots:
    slots = _Slots()
    force = cue.type in FORCE_TYPES
    picked = _pick_actor(sent, cue, ctx, left, right)
    if picked is not None:
        slots.actor, slots.actor_mention = picked
    elif force or cue.type == "AID":
        nat = _force_nationality(sent, left, right)
        if nat is not None:
            slots.actor, slots.actor_mention = _as_party(nat, force=True), nat
    if slots.actor is None and cue.type == "PROTEST":
        place = next((m for m in sent.mentions if m.kind in {"country", "capital", "city"} and len(_codes_of(m)) == 1), None)
        if place is not None:  # "In Tiflis haben Zehntausende demonstriert": the people of Georgia
            slots.actor, slots.actor_mention = Party(text=place.text, code=_codes_of(place)[0], sector="CVL"), place
    if slots.actor is None and not _is_bare_infinitive(sent.text, cue):
        slots.actor = ctx.fallback_actor(sent.ann, cue.type, source)
    if slots.actor is None:
        return slots
    if slots.actor.code is None and len(slots.actor.codes) > 1:
        members = ctx.named_members(slots.actor.codes)
        slots.actor = Party(text=slots.actor.text, code=members[0], sector=slots.actor.sector or "GOV")
        slots.actors_extra = [Party(text=slots.actor.text, code=c, sector=slots.actor.sector or "GOV") for c in members[1:]]
    if slots.actor_mention is not None:
        slots.partners = _partners(sent, slots.actor_mention)
    if force or cue.type == "AID":
        _force_places(sent, cue, slots, ctx, left, right)
    else:
        _other_party(sent, cue, slots, ctx, left, right)
    if slots.partners:
        if "pair" in cue.flags or cue.type in {"CONSULT", "AGREE", "COOPERATE"}:
            slots.target = _group_party(slots.partners, sent.text)
        else:
            slots.actors_extra += [_as_party(p, force=force) for p in slots.partners if _as_party(p).code != slots.actor.code]
    if slots.target is not None and not force:
        rest = [c for c in slots.target.codes if c != slots.actor.code]
        slots.target = Party(text=slots.target.text, codes=rest) if rest else None
    if slots.target is None and not force and cue.type != "CONSULT":
        exclude = {slots.actor.code} | {c for p in slots.partners for c in _codes_of(p)}
        slots.target = ctx.fallback_target(sent.ann, cue.type, exclude, _nominal_object_type(cue, sent.ann.cues))
    if slots.location is None:
        slots.location = _location(sent)
    return slots


def _is_bare_infinitive(text: str, cue: CueSpan) -> bool:
    """A zu-infinitive ("den größten Teil der Ukraine einzunehmen") names no actor of its own."""
    return bool(re.search(r"\bzu\s*$", text[max(0, cue.start - 4) : cue.start]) or re.fullmatch(r"\w+zu\w+en", cue.text))


def _pick_actor(sent: _Sentence, cue: CueSpan, ctx: Context, left: int, right: int) -> tuple[Party, Mention | None] | None:
    """The acting party: a pronoun subject, the owner of a nominal cue, or the clause subject."""
    text, ann = sent.text, sent.ann
    force = cue.type in FORCE_TYPES
    first_word_end = cue.start + len(cue.text.split()[0]) if cue.text.split() else cue.end
    for at in dict.fromkeys((cue.end, first_word_end)):
        after = _PRONOUN_AFTER.match(text[at : at + 14])
        if after is not None:
            resolved = ctx.resolve_pronoun(after.group(1), ann, at=at)
            if resolved is not None:
                return resolved, None
    role = ctx.resolve_role(ann, left, cue.start)
    if role is not None:
        return role, None
    if cue.type == "AID":
        giver = [m for m in sent.mentions if sent.prep(m) == "aus" and m.kind in {"country", "capital", "igo"}]
        if giver and not any(_can_act(m) and sent.prep(m) is None for m in sent.mentions if m.end <= cue.start):
            return _as_party(giver[0]), giver[0]
    if "actor_fuer" in cue.flags:
        fuer = [m for m in sent.mentions if _can_act(m) and sent.prep(m) == "für"]
        if fuer:
            return _as_party(fuer[0]), fuer[0]
    if "nominal" in cue.flags:
        owner = _owner(sent, cue)
        if owner is not None:
            return _as_party(owner, force=force), owner
        if cue.type not in SUBJECT_NOMINAL_TYPES:
            return None
    if _is_bare_infinitive(text, cue):
        left = clause_bounds(text, max(0, left - 2), max(0, left - 2))[0] if left > 0 else left
    candidates = [
        m for m in sent.mentions
        if _can_act(m) and sent.prep(m) is None and not is_genitive_attribute(text, m) and "genitive" not in m.flags
    ]  # fmt: skip
    before = [m for m in candidates if left <= m.start and m.end <= cue.start]
    for m in reversed([m for m in candidates if m.end <= left]):
        if before and coordinated_after(text, m, before[0]):
            before.insert(0, m)  # "Estland, Lettland und Litauen haben …": a list is no clause break
        else:
            break
    pronoun = _pronoun_subject(text, left, cue.start, before)
    if pronoun is not None:
        resolved = ctx.resolve_pronoun(pronoun.group(1), ann, at=pronoun.start())
        if resolved is not None:
            return resolved, None
    agent = _passive_agent(sent, cue)
    if agent is not None:
        return _as_party(agent, force=force), agent
    if _is_passive(text, cue) and not force:
        before = []
    for m in before:
        if m.kind != "adjective" or _adjective_is_actor(text, m):
            return _as_party(m, force=force), m
    inside = [m for m in candidates if cue.start < m.start < right]
    for m in inside:
        if m.kind in {"adjective", "region"} and not _adjective_is_actor(text, m):
            continue
        if force and m.kind not in {"country", "igo", "body", "person", "title", "capital", "demonym", "group"}:
            continue
        return _as_party(m, force=force), m
    speaker = ctx.source_span(ann)
    if speaker is not None and left <= speaker[0] < right and not force:
        party = ctx.source_for(ann)
        if party is not None and party.code and party.code != "MEDIA":
            return party, None
    earlier = [m for m in candidates if m.end <= left and m.kind in {"country", "igo", "body", "person", "title", "capital", "group"}]
    if earlier and not force:
        return _as_party(earlier[0]), earlier[0]
    if earlier and force and not ann.forces:
        return _as_party(earlier[0]), earlier[0]
    return None


def _is_passive(text: str, cue: CueSpan) -> bool:
    """A participle with a form of "werden": the subject is the patient ("Österreich wurde … verurteilt")."""
    word = cue.text.lower()
    after = re.match(r"\s+(?:werden|wurde|wurden|worden|wird)\b", text[cue.end : cue.end + 12])
    if after and re.fullmatch(r"\w+t", word):
        return True
    if not re.fullmatch(r"(?:ge\w+t|\w+iert|(?:ver|be|ent|er|zer|über|unter)\w+t|\w+ge\w+t)", word):
        return False
    left, _ = clause_bounds(text, cue.start, cue.end)
    return bool(re.search(r"\b(?:wurde|wurden|wird|werden)\b", text[left : cue.start]))


def _pronoun_subject(text: str, left: int, cue_start: int, before: list[Mention]):
    """A subject pronoun in the cue's clause after the last named party ("... und man habe ... unterstützt")."""
    first = before[0].start if before else cue_start
    last = before[-1].end if before else left
    for m in _SUBJECT_PRONOUN.finditer(text, left, cue_start):
        if m.start() < first or m.start() >= last:
            return m
    return None


def _passive_agent(sent: _Sentence, cue: CueSpan) -> Mention | None:
    """The agent of a passive participle: "von den Russen eroberten", "wurde von X angegriffen"."""
    attributive = re.fullmatch(r"\w+(?:te|ten|tes|ter|tem)", cue.text)
    if not attributive and not re.search(r"\b(?:wurde|wurden|worden|wird)\b", sent.text):
        return None
    for m in sent.mentions:
        if m.start < cue.start and cue.start - m.end <= 30 and _PASSIVE_AGENT.search(sent.text[max(0, m.start - 12) : m.start]):
            if _can_act(m) and re.fullmatch(r"[\s\w]*", sent.text[m.end : cue.start]):
                return m
    return None


def _adjective_is_actor(text: str, m: Mention) -> bool:
    """An adjective stands for its state before a body, force or side noun ("die russische Seite")."""
    if re.match(r"\s*(?:\w+\s+)?[\w-]*(?:Kampfjets|Kampfflugzeuge|Drohnen|Jets|Bomber|Kriegsschiffe|Einheiten|Spezialkräfte|Marine|Küstenwache|Polizei|Sicherheitskräfte|Revolutionsgarden|Milizen|Rebellen|Behörden)\b", text[m.end : m.end + 40]):
        return True
    return bool(
        re.match(
            r"\s*(?:\w+\s+)?(?:Armee|Regierung|Seite|Streitkräfte|Truppen|Soldaten|Militär|Präsident\w*|"
            r"Außenminist\w*|Verteidigungsminist\w*|Ministerium|Behörden|Führung|Kräfte|Marine|Luftwaffe|Gesprächspartner|Vertreter)",
            text[m.end : m.end + 40],
        )
    )


def _owner(sent: _Sentence, cue: CueSpan) -> Mention | None:
    """Owner of a nominal cue: "der russische Angriff", "Einmarsch Russlands", "Rückzug von NATO-Truppen"."""
    text = sent.text
    for m in sent.mentions:
        gap_before = text[m.end : cue.start] if m.end <= cue.start else None
        if gap_before is not None and "genitive" in m.flags and _can_act(m) and re.fullmatch(r"\s+(?:[a-zäöüß]+e[nrsm]?\s+)?", gap_before):
            return m
        if gap_before is not None and m.kind in {"adjective", "demonym", "body", "region"} and len(gap_before) <= 25 and "compound" not in m.flags:
            if re.fullmatch(r"[\s-]*(?:(?!(?:der|die|das|den|dem|des)\s)[a-zäöüß]{3,}e[nrsm]?\s+)?", gap_before):
                return m
        if m.start >= cue.end:
            gap_after = text[cue.end : m.start]
            if re.fullmatch(r"\s*", gap_after) and m.kind in {"country", "capital", "igo"} and m.text.endswith("s"):
                return m
            if re.fullmatch(r"\s+(?:des|der)\s+", gap_after) and m.kind in {"group", "igo", "body"} and _can_act(m):
                return m  # "Selbstmordanschlag des IS"
            if cue.type == "ASSAULT" and m.kind in {"group", "demonym"} and re.fullmatch(r"\s+(?:von|vom)\s+(?:den\s+|der\s+)?", gap_after):
                return m  # "ein Anschlag von Dschihadisten"
            if cue.type != "ASSAULT" and re.fullmatch(r"\s+(?:von|vom)\s+(?:den\s+|der\s+|dem\s+)?(?:[a-zäöüß]+e[nrsm]?\s+)?", gap_after) and _can_act(m):
                return m
    for m in sent.mentions:
        if m.start <= cue.start and cue.end <= m.end and m.kind in {"adjective", "igo", "country"} and "prefix" in m.flags:
            return m  # "US-Truppenverlegung"
    return None


def _force_nationality(sent: _Sentence, left: int, right: int) -> Mention | None:
    """The state whose forces are named: "US-Soldaten", "russischer Truppen", "amerikanischen Soldaten"."""
    text = sent.text
    for force in sent.ann.forces:
        for m in sent.mentions:
            if m.kind not in {"adjective", "demonym", "igo", "country", "body"} or not (m.code or len(m.codes) == 1):
                continue
            if m.start <= force.start < m.end or force.start <= m.start < force.end:
                return m  # one token: "US-Soldaten", "russischer Truppen" (a body), "NATO-Truppen"
            gap = text[m.end : force.start] if m.end <= force.start else None
            if gap is not None and len(gap) <= 25 and re.fullmatch(r"[\s-]*(?:[a-zäöüß]+e[nrsm]?\s+)?", gap):
                return m
    return None


def _partners(sent: _Sentence, actor: Mention) -> list[Mention]:
    """Parties joined to the actor with "und": "USA und NATO", "Putin und sein chinesischer Kollege Xi"."""
    out: list[Mention] = []
    last = actor
    for m in sent.mentions:
        if m.start <= last.end:
            continue
        if coordinated_after(sent.text, last, m, allow_role=True) and (_can_act(m) or m.kind == "adjective"):
            out.append(m)
            last = m
        else:
            break
    return out


def _force_places(sent: _Sentence, cue: CueSpan, slots: _Slots, ctx: Context, left: int, right: int) -> None:
    """Destination, origin and place of forces or aid."""
    text = sent.text
    actor_code = slots.actor.code if slots.actor else None
    other_cues = _foreign_spans(sent, cue)
    targets: list[Mention] = []
    origins: list[Mention] = []
    border_targets: list[Mention] = []
    for m in sent.mentions:
        if m is slots.actor_mention or m in slots.partners or any(a <= m.start < b for a, b in other_cues):
            continue
        prep = sent.prep(m)
        after_border = bool(_AFTER_BORDER.search(text[max(0, m.start - 25) : m.start])) or bool(
            re.search(r"\bNähe\s+(?:von|des|der)\s+$", text[max(0, m.start - 20) : m.start])
        )
        border_adjective = m.kind == "adjective" and bool(_GRENZE.match(text[m.end :]))
        if prep is None and re.search(r"\b(?:im|in den|in die|in das|ins)\s+(?:Nord|Süd|Ost|West|Zentrum|Nordost|Nordwest|Südost|Südwest)\w*\s+$", text[max(0, m.start - 30) : m.start]):
            prep = "in"  # "im Nordosten Syriens"
        place_like = m.kind in PLACE_KINDS or border_adjective or (
            m.kind == "adjective" and prep in _DESTINATION_PREPS and bool(_PLACE_NOUN.match(text[m.end :]))
        )
        if after_border:
            border_targets.append(m)
            continue
        if cue.type == "AID":
            recipient_adjective = m.kind == "adjective" and "compound" not in m.flags and prep is None and m.start > cue.start
            if (m.kind in PLACE_KINDS | {"igo", "group"} or recipient_adjective) and prep not in {"aus", "von", "vom"} and _codes_of(m) != [actor_code]:
                bare = prep is None and (m.start > cue.start or _dative(text, m) or (slots.actor_mention is not None and m.start > slots.actor_mention.end))
                if prep in {"in", "an", "für", "nach", "ins"} or bare:
                    targets.append(m)
            continue
        if not place_like and not (cue.type == "PRESENCE" and m.kind == "igo" and m is not slots.actor_mention):
            continue
        if (prep == "aus" or (prep in {"von", "vom"} and re.search(r"\bnach\s", text[m.end : m.end + 40]))) and cue.type != "RETREAT":
            origins.append(m)
        elif re.match(r"\s+stationiert(?:e|en)\b", text[m.end : m.end + 20]) and cue.type == "MOBILIZE":
            origins.append(m)
        elif prep in _DESTINATION_PREPS or (cue.type == "RETREAT" and prep in {"aus", "von", "vom", "um"}) or border_adjective:
            targets.append(m)
        elif cue.type == "RETREAT" and prep is None and m.kind in {"country", "city", "capital"} and (
            slots.actor_mention is not None and m.start > slots.actor_mention.end
        ):
            targets.append(m)  # "haben Niger verlassen"
        elif cue.type == "PRESENCE" and m.kind in {"igo", "region"}:
            targets.append(m)
    if cue.type == "RETREAT":
        leaving = [m for m in targets if sent.prep(m) in {"aus", "von", "vom", "um", None}]
        targets = leaving or targets
        if cue.mode == "release" and not targets:
            targets = [m for m in sent.mentions if m.kind == "adjective" and m.start > (slots.actor_mention.end if slots.actor_mention else 0)][:1]
    if border_targets:
        targets = [m for m in targets if not _GRENZE.match(text[m.end :])] + border_targets
        targets.sort(key=lambda m: m.start)
    chosen = _nearest_group(text, targets, cue)
    there = ctx.there(sent.ann, before=cue.end)
    if there is not None and (not chosen or re.search(r"\bdort\b", text[left:right])):
        slots.target = there
    elif chosen:
        slots.target = _group_party(chosen, text)
        city = next((m for m in chosen if m.kind in {"city", "capital"} and m.place), None)
        if city is not None:
            slots.location = Party(text=city.text, codes=_codes_of(city), place=city.place, lat=city.lat, lon=city.lon)
    if origins:
        slots.origin = _group_party(origins[:1], text)


def _dative(text: str, m: Mention) -> bool:
    """A dative object with its article after the finite verb ("haben der Ukraine … zugesagt")."""
    return bool(re.search(r"\b(?:der|dem|den)\s+(?:[a-zäöüß]+e[nrsm]?\s+)?$", text[max(0, m.start - 25) : m.start])) and m.start > 0


def _foreign_spans(sent: _Sentence, cue: CueSpan) -> list[tuple[int, int]]:
    """Spans that belong to another cue's phrase ("nach dem russischen Angriff auf die Ukraine")."""
    out = []
    for other in sent.ann.cues:
        if other.type in {cue.type, "CONSULT"} or "nominal" not in other.flags:
            continue
        adjective = re.search(r"[a-zäöüß]+e[nrsm]?\s+$", sent.text[max(0, other.start - 30) : other.start])
        start = other.start - (len(adjective.group(0)) if adjective else 0)
        m = re.match(r"\s+(?:\w+s\s+)?(?:auf|gegen|in)\s+(?:die|das|den|dem)?\s*[\w-]+", sent.text[other.end :])
        out.append((start, other.end + (m.end() if m else 0)))
    return out


def _nearest_group(text: str, targets: list[Mention], cue: CueSpan) -> list[Mention]:
    """The destination group nearest the cue ("nach Deutschland und Polen"), specific before broad."""
    if len(targets) <= 1:
        return targets
    groups: list[list[Mention]] = []
    for m in targets:
        if groups and coordinated_after(text, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])

    def rank(group: list[Mention]) -> tuple[int, int]:
        broad = all(set(_codes_of(m)) <= BROAD_CODES for m in group)
        distance = group[0].start - cue.end if group[0].start >= cue.end else cue.start - group[-1].end
        return (1 if broad else 0, abs(distance))

    return min(groups, key=rank)


def _other_party(sent: _Sentence, cue: CueSpan, slots: _Slots, ctx: Context, left: int, right: int) -> None:
    """The other party of a speech act, meeting or attack: first object in the clause."""
    text = sent.text
    actor_code = slots.actor.code if slots.actor else None
    candidates = []
    for m in sent.mentions:
        if m is slots.actor_mention or m in slots.partners or not _codes_of(m) or m.kind == "media":
            continue
        if "compound" in m.flags and m.kind not in {"adjective", "igo"}:
            continue
        prep = sent.prep(m)
        if prep in _LOCATIVE_PREPS and (m.kind in {"city", "capital"} or cue.type == "CONSULT"):
            continue
        if (prep in {"aus", "seitens"} and cue.type not in {"REJECT", "ACCUSE"}) or _codes_of(m) == [actor_code]:
            continue
        candidates.append(m)
    if "nominal" in cue.flags:
        candidates = [m for m in candidates if m.start >= cue.end]
    candidates = [m for m in candidates if not _in_relative_clause(text, m, cue)]
    in_clause = [m for m in candidates if left <= m.start < right]
    pool = (
        [m for m in in_clause if sent.prep(m) is None]
        or [m for m in in_clause if sent.prep(m) not in _LOCATIVE_PREPS]
        or [m for m in candidates if m.start >= cue.end and sent.prep(m) is None]
        or in_clause
    )
    after_cue = re.match(r"\s+(?:\w+s\s+)?(?:auf|gegen)\s+", text[cue.end :])
    if after_cue:
        attacked = [m for m in candidates if m.start == cue.end + after_cue.end() or cue.end + after_cue.end() <= m.start <= cue.end + after_cue.end() + 12]
        pool = attacked or pool
    if cue.type == "CONSULT":
        mit = [m for m in candidates if sent.prep(m) in {"mit", "zwischen"}]
        pool = mit or ([] if cue.mode == "multilateral" else pool)
    if not pool:
        pool = [m for m in candidates if m.start >= cue.end]
    if pool:
        best = pool[0]
        group = [best] + [m for m in candidates if m.start > best.start and coordinated_after(text, best, m)]
        slots.target = _group_party(group, text)
    elif cue.type == "ASSAULT":
        slots.target = ctx.there(sent.ann)  # "der Einmarsch Russlands in das Land"
        if slots.target is None:
            places = [m for m in sent.mentions if m.kind in PLACE_KINDS and _codes_of(m) != [actor_code] and sent.prep(m) in _DESTINATION_PREPS]
            if places:
                slots.target = _group_party(places[:1], text)
    if cue.type == "CONSULT" and slots.actor is not None and slots.actor.sector == "IGO" and not any(sent.prep(m) in {"mit", "zwischen"} for m in candidates):
        slots.target = None  # the members of an organisation meeting: multilateral
        slots.multilateral = True
    if cue.type == "CONSULT":
        visit = [m for m in sent.mentions if sent.prep(m) in _LOCATIVE_PREPS and m.kind in {"city", "capital", "country"}]
        if visit:
            v = visit[0]
            slots.location = Party(text=v.text, codes=_codes_of(v), place=v.place, lat=v.lat, lon=v.lon)
            if slots.target is None and _codes_of(v) != [actor_code] and cue.mode != "multilateral" and not (slots.actor and slots.actor.sector == "IGO"):
                slots.target = Party(text=text[prep_phrase_start(text, v.start) : v.end], codes=_codes_of(v))


def _in_relative_clause(text: str, m: Mention, cue: CueSpan) -> bool:
    """A mention inside a relative clause after the cue (", die als Schwachstelle der Baltenstaaten gilt")."""
    if m.start < cue.end:
        return False
    between = text[cue.end : m.start]
    return bool(re.search(r",\s+(?:die|der|das|dem|den|deren|dessen|welche[rsnm]?)\s", between))


def _nominal_object_type(cue: CueSpan, cues: list[CueSpan]) -> str | None:
    """The type of a nominal event the cue is about ("begrüßte die geplante Verlegung")."""
    for other in cues:
        if other is not cue and "nominal" in other.flags and other.start > cue.start:
            return other.type
    for other in cues:
        if other is not cue and other.type in FORCE_TYPES and other.start > cue.start:
            return other.type
    return None


def _location(sent: _Sentence) -> Party | None:
    for m in sent.mentions:
        if sent.prep(m) in _LOCATIVE_PREPS and m.kind in {"city", "capital", "country"}:
            return Party(text=m.text, codes=_codes_of(m), place=m.place if m.kind != "country" else None, lat=m.lat, lon=m.lon)
    return None


# --- slots ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _threat_modes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("lagebild.data").joinpath("threat_modes.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple((mode, re.compile(pattern, re.IGNORECASE)) for mode, pattern in rows)


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
