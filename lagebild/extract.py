"""The extract stage: turn cue sentences into event records.

For each sentence with an event cue (``recognize.cues``), pick the cues that
hold, then fill the record's slots from what the recognisers found in the same
sentence: the actor (subject, or the nationality of the forces moved), the
target (destination of forces, recipient of aid, other party of a speech act),
the origin, the place, the number, the date, the status and posture, and the
factuality. German word order is handled with a few robust signals instead of
a parser: the preposition that governs a mention, its position before or after
the cue, pronouns right after the finite verb, and clause boundaries.

Parties that the sentence leaves open (a pronoun, "wir", a missing actor in
reported speech) are filled in by ``resolve.Context``, which tracks speakers,
people and places over the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import DateValue, Event, Party, Quantity
from .recognize.annotate import Annotated
from .recognize.cues import CueSpan, modality
from .recognize.lexicon import Mention
from .resolve import Context

__all__ = ["extract_sentence_events", "FORCE_TYPES"]

FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE"})
STATUS_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID"})
POSTURE_TYPES = frozenset({"MOBILIZE", "PRESENCE"})

# Kinds of mention that can act (a state, a body, a person, an organisation, a group).
ACTOR_KINDS = frozenset(
    {"person", "title", "body", "igo", "country", "capital", "demonym", "group", "ngo", "west", "adjective", "region"}
)
PLACE_KINDS = frozenset({"country", "capital", "city", "region"})

_PREPOSITIONS = frozenset(
    "in im ins nach an am ans auf aus bei beim mit gegen für von vom zu zum zur über unter zwischen vor "
    "gegenüber seitens durch um bis innerhalb außerhalb entlang".split()
)
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines sein seine seinen seinem seiner seines "
    "ihr ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer dessen deren diese dieser "
    "diesem diesen dieses alle allen beiden beide mehrere mehrerer weitere weiteren".split()
)
_DESTINATION_PREPS = frozenset({"nach", "in", "ins", "im", "an", "am", "ans", "auf", "zu", "zum", "zur"})
_ORIGIN_PREPS = frozenset({"aus", "von", "vom"})
_LOCATIVE_PREPS = frozenset({"in", "im"})
_PARTY_PREPS = frozenset({"mit", "gegen", "an", "auf", "bei", "von", "vom", "zu", "zur", "gegenüber", "für", "über"})
_WORD = re.compile(r"[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*|[^\s\w]")
_CLAUSE_BREAK = re.compile(r"[,;:–]|\s-\s|[«»„“\"]")
_PRONOUN_AFTER = re.compile(r"^\s*(?:sich\s+)?(er|sie|wir)\b", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\W*(Er|Sie|Wir|Man)\b")
_ZU_INFINITIVE = re.compile(r"\bzu\s+\w+$|\w+zu\w+$", re.IGNORECASE)
_FORCE_IN_CUE = re.compile(r"truppe|soldat|rakete|waffe|panzer|kampfjet|militär|kräfte", re.IGNORECASE)
_GRENZE = re.compile(r"^\s*grenze\b", re.IGNORECASE)
_NOMINAL_SUBJECT_GENITIVE = re.compile(r"^\s*(?:der|des)?\s*$")


@dataclass
class _Slots:
    actor: Party | None = None
    actor_mention: Mention | None = None
    actors_extra: list[Party] | None = None
    target: Party | None = None
    origin: Party | None = None
    location: Party | None = None


def governing_preposition(text: str, start: int) -> str | None:
    """The preposition that governs the phrase starting at ``start``, if any.

    Skips determiners, inflected adjectives and numbers back to a preposition
    within the same clause: "nach dem russischen Angriff" → "nach" for "russischen".
    """
    words = _WORD.findall(text[max(0, start - 80) : start])
    for word in reversed(words[-6:]):
        low = word.lower()
        if low in _PREPOSITIONS:
            return low
        if low in _DETERMINERS or re.fullmatch(r"[\d.,]+", word):
            continue
        if word[:1].islower() and re.fullmatch(r"[a-zäöüß]+(?:e|en|er|es|em)", word) and low not in _VERBISH:
            continue
        return None
    return None


_VERBISH = frozenset(
    "haben hatten sollen wollen werden würden können müssen sind seien waren wurden hatte habe "
    "sagte sagten verlegen schicken".split()
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: from the previous to the next clause break."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    right = m.start() if m else len(text)
    return left, right


def _scope(text: str, cue: CueSpan) -> tuple[int, int]:
    """Clause of the cue, widened to the governing clause for a zu-infinitive."""
    left, right = clause_bounds(text, cue.start, cue.end)
    if _ZU_INFINITIVE.search(text[left : cue.end]) and left > 0:
        left = clause_bounds(text, max(0, left - 2), max(0, left - 2))[0]
    return left, right


def select_cues(ann: Annotated) -> list[CueSpan]:
    """The cues of a sentence that state an event, one per type.

    Force cues need a force noun in the sentence; a cue inside the span of a
    longer cue of another type gives way to it; verbal cues beat nominal ones.
    """
    text = ann.text
    keep: dict[str, CueSpan] = {}
    cues = [c for c in ann.cues if _cue_holds(c, ann)]
    for cue in cues:
        inside = any(
            o is not cue and o.type != cue.type and o.start <= cue.start and cue.end <= o.end and (o.end - o.start) > (cue.end - cue.start)
            for o in cues
        )
        if inside:
            continue
        old = keep.get(cue.type)
        if old is None or ("nominal" in old.flags and "nominal" not in cue.flags):
            keep[cue.type] = cue
    if "PRESENCE" in keep and "MOBILIZE" in keep:
        presence, mobilize = keep["PRESENCE"], keep["MOBILIZE"]
        if "stationier" in mobilize.text.lower() and mobilize.start >= presence.start:
            del keep["MOBILIZE"]
        elif _is_attributive(text, presence):
            del keep["PRESENCE"]
    return sorted(keep.values(), key=lambda c: c.start)


def _is_attributive(text: str, cue: CueSpan) -> bool:
    return cue.text.lower().startswith("stationierte")


def _cue_holds(cue: CueSpan, ann: Annotated) -> bool:
    if "force" in cue.flags:
        has_force = bool(ann.forces) or bool(_FORCE_IN_CUE.search(cue.text))
        if not has_force:
            return False
    if cue.type == "MOBILIZE" and cue.text.lower().startswith("stationierte") and len(ann.cues) > 1:
        return False
    return True


def extract_sentence_events(ann: Annotated, ctx: Context, doc_id: str) -> list[Event]:
    """Events stated in one annotated sentence.

    ann (Annotated): the sentence and its recognised spans.
    ctx (Context): document context (speakers, people, places, document date).
    doc_id (str): the document id for the records.
    RETURNS (list[Event]): one event per selected cue and actor.
    """
    events: list[Event] = []
    source = ctx.source_for(ann)
    for cue in select_cues(ann):
        events.extend(_events_for_cue(ann, cue, ctx, doc_id, source))
    return events


def _events_for_cue(ann: Annotated, cue: CueSpan, ctx: Context, doc_id: str, source: Party | None) -> list[Event]:
    text = ann.text
    left, right = _scope(text, cue)
    slots = _find_parties(ann, cue, ctx, source)
    if slots.actor is None:
        return []
    mode = _mode(ann, cue)
    quantity = _quantity(ann, cue, left, right)
    status, factuality = _status_and_factuality(ann, cue, left, right)
    posture = _posture(ann) if cue.type in POSTURE_TYPES else None
    date = _date(ann, cue, ctx)
    actors = [slots.actor] + (slots.actors_extra or [])
    events = []
    for actor in actors:
        events.append(
            Event(
                doc=doc_id,
                type=cue.type,
                mode=mode,
                actor=actor,
                target=slots.target,
                origin=slots.origin if cue.type in {"MOBILIZE", "RETREAT"} else None,
                location=slots.location,
                quantity=quantity,
                status=status if cue.type in STATUS_TYPES else None,
                posture=posture,
                date=date,
                source=source,
                factuality=factuality,
                evidence=[text],
                evidence_spans=[(ann.sentence.start, ann.sentence.end)],
            )
        )
    return events


# --- parties -------------------------------------------------------------------


def _party_from_mention(m: Mention, *, sector: str | None = None) -> Party:
    return Party(text=m.text, code=m.code, codes=list(m.codes or ([m.code] if m.code else [])), sector=sector or m.sector)


def _codes_party(mentions: list[Mention], text: str) -> Party | None:
    codes: list[str] = []
    for m in mentions:
        for c in m.codes or ([m.code] if m.code else []):
            if c and c not in codes:
                codes.append(c)
    if not codes:
        return None
    start, end = mentions[0].start, mentions[-1].end
    prep_start = _prep_start(text, start)
    return Party(text=text[prep_start:end], codes=codes)


def _prep_start(text: str, start: int) -> int:
    words = list(_WORD.finditer(text[max(0, start - 40) : start]))
    offset = max(0, start - 40)
    begin = start
    for w in reversed(words[-4:]):
        low = w.group(0).lower()
        if low in _PREPOSITIONS:
            return offset + w.start()
        if low in _DETERMINERS or (w.group(0)[:1].islower() and low not in _VERBISH):
            begin = offset + w.start()
            continue
        break
    return start if begin == start else start


def _is_source_mention(m: Mention, ctx: Context, ann: Annotated) -> bool:
    span = ctx.source_span(ann)
    return span is not None and span[0] <= m.start and m.end <= span[1]


def _actor_kind(m: Mention) -> bool:
    if m.kind not in ACTOR_KINDS or not m.code:
        return False
    if "compound" in m.flags:
        return False
    return True


def _find_parties(ann: Annotated, cue: CueSpan, ctx: Context, source: Party | None) -> _Slots:
    text = ann.text
    slots = _Slots()
    preps = {id(m): governing_preposition(text, m.start) for m in ann.mentions}
    usable = [m for m in ann.mentions if not _is_source_mention(m, ctx, ann)]
    force_type = cue.type in FORCE_TYPES or (cue.type == "AID")

    actor_m = _pick_actor(ann, cue, usable, preps, ctx)
    if actor_m is not None:
        slots.actor, slots.actor_mention = actor_m
    elif cue.type in FORCE_TYPES:
        nat = _force_nationality(ann, usable)
        if nat is not None:
            slots.actor = _party_from_mention(nat, sector="MIL")
            slots.actor_mention = nat
    if slots.actor is None:
        slots.actor = ctx.fallback_actor(ann, cue.type, source)

    # compound subjects: "USA und NATO fordern" -> one record per actor;
    # "A und B tauschten aus" (pair cues) -> actor A, target B
    partner = _coordinated(ann, slots.actor_mention, usable, preps)

    if force_type:
        _force_places(ann, cue, usable, preps, slots, ctx)
    else:
        _other_party(ann, cue, usable, preps, slots, ctx)

    if partner is not None:
        if "pair" in cue.flags or cue.type in {"CONSULT", "AGREE", "COOPERATE"}:
            if slots.target is None or not slots.target.codes:
                slots.target = Party(text=partner.text, codes=_codes_of(partner))
        elif partner.code and partner.code != (slots.actor.code if slots.actor else None):
            slots.actors_extra = [_party_from_mention(partner, sector=_sector(partner))]
    if slots.actor is not None and slots.target is not None and cue.type not in FORCE_TYPES:
        own = slots.actor.code
        rest = [c for c in slots.target.codes if c != own]
        if not rest:
            slots.target = None
        elif len(rest) != len(slots.target.codes):
            slots.target = Party(text=slots.target.text, codes=rest)
    if slots.target is None and cue.type not in {"CONSULT"} and cue.type not in FORCE_TYPES:
        slots.target = ctx.fallback_target(ann, cue.type, slots.actor)
    if slots.location is None:
        slots.location = _location(ann, usable, preps)
    return slots


def _codes_of(m: Mention) -> list[str]:
    return list(m.codes or ([m.code] if m.code else []))


def _sector(m: Mention) -> str | None:
    if m.sector:
        return m.sector
    if m.kind in {"country", "capital", "body"}:
        return "GOV"
    if m.kind == "igo":
        return "IGO"
    return None


def _pick_actor(ann: Annotated, cue: CueSpan, usable: list[Mention], preps: dict[int, str | None], ctx: Context):
    """The acting party: a pronoun after the verb, the subject before it, or the first party after it."""
    text = ann.text
    after = text[cue.end : cue.end + 12]
    pm = _PRONOUN_AFTER.match(after)
    if pm is None and cue.start < 3:
        pm = None
    if pm is not None:
        resolved = ctx.resolve_pronoun(pm.group(1), ann)
        if resolved is not None:
            return resolved, None
    start_pm = _PRONOUN_START.match(text)
    clause_left, _ = clause_bounds(text, cue.start, cue.end)
    candidates = [
        m
        for m in usable
        if _actor_kind(m) and preps.get(id(m)) is None and not _is_place_only(m) and not _is_object_genitive(text, m)
    ]
    before = [m for m in candidates if m.end <= cue.start and m.start >= clause_left]
    before_any = [m for m in candidates if m.end <= cue.start]
    after_list = [m for m in candidates if m.start >= cue.end]
    if "actor_fuer" in cue.flags:
        fuer = [m for m in usable if _actor_kind(m) and preps.get(id(m)) == "für"]
        if fuer:
            return _as_actor(fuer[0]), fuer[0]
    if "nominal" in cue.flags:
        own = _nominal_owner(ann, cue, usable)
        if own is not None:
            return _as_actor(own), own
    if start_pm is not None and start_pm.end() <= cue.start + 1:
        resolved = ctx.resolve_pronoun(start_pm.group(1), ann)
        if resolved is not None:
            return resolved, None
    if before:
        m = before[0]
        if m.kind == "adjective" and cue.type in FORCE_TYPES:
            return _party_from_mention(m, sector="MIL"), m
        if m.kind != "adjective" or _adjective_is_actor(text, m):
            return _as_actor(m), m
    if before_any and not before:
        m = before_any[0]
        if m.kind != "adjective":
            return _as_actor(m), m
    if after_list and cue.type not in FORCE_TYPES:
        m = after_list[0]
        if m.kind != "adjective" or _adjective_is_actor(text, m):
            return _as_actor(m), m
    if after_list and cue.type in FORCE_TYPES:
        for m in after_list:
            if m.kind in {"country", "igo", "body", "person", "title", "capital"}:
                return _as_actor(m), m
    if start_pm is not None:
        resolved = ctx.resolve_pronoun(start_pm.group(1), ann)
        if resolved is not None:
            return resolved, None
    return None


def _as_actor(m: Mention) -> Party:
    return _party_from_mention(m, sector=_sector(m))


def _is_place_only(m: Mention) -> bool:
    return m.kind == "city"


def _is_object_genitive(text: str, m: Mention) -> bool:
    """A genitive attribute ("die Solidarität der USA") is not the subject."""
    before = text[max(0, m.start - 30) : m.start]
    return bool(re.search(r"\b[A-ZÄÖÜ]\w+\s+(?:der|des)\s+$", before)) and not before.strip().endswith(("Die der", ))


def _adjective_is_actor(text: str, m: Mention) -> bool:
    """An adjective stands for its state before a body or force noun ("die ukrainische Armee")."""
    nxt = text[m.end : m.end + 40]
    return bool(
        re.match(
            r"\s*(?:\w+\s+)?(?:Armee|Regierung|Seite|Streitkräfte|Truppen|Soldaten|Militär|Präsident\w*|Außenminist\w*|Verteidigungsminist\w*|Ministerium|Behörden|Führung|Kräfte|Staatspräsident\w*|Premier\w*|Regierungschef\w*|Diplomat\w*|Marine|Luftwaffe)",
            nxt,
        )
    )


def _nominal_owner(ann: Annotated, cue: CueSpan, usable: list[Mention]) -> Mention | None:
    """Owner of a nominal cue: "der russische Angriff", "Einmarsch Russlands", "Unterstützung Chinas"."""
    text = ann.text
    for m in usable:
        if m.kind in {"adjective", "demonym"} and 0 <= cue.start - m.end <= 2:
            return m
        if m.kind == "adjective" and m.end <= cue.start and re.fullmatch(r"[\s\w-]{0,25}", text[m.end : cue.start]) and cue.start - m.end < 25:
            if cue.text[:1].isupper() and not re.search(r"[A-ZÄÖÜ]", text[m.end : cue.start]):
                return m
        if m.start >= cue.end and m.start - cue.end <= 2 and m.kind in {"country", "capital", "igo"} and m.text.endswith("s"):
            return m
    return None


def _force_nationality(ann: Annotated, usable: list[Mention]) -> Mention | None:
    """The state whose forces are named: "US-Soldaten", "russischer Truppen", "amerikanischen Soldaten"."""
    text = ann.text
    for force in ann.forces:
        for m in usable:
            if m.kind not in {"adjective", "demonym", "igo", "country"} or not m.code:
                continue
            gap = text[m.end : force.start] if m.end <= force.start else None
            inside = m.start >= force.start and m.end <= force.end
            if inside or (gap is not None and len(gap) <= 25 and re.fullmatch(r"[\s-]*(?:[a-zäöüß]+e[nrsm]?\s+)?", gap)):
                return m
    return None


def _coordinated(ann: Annotated, actor: Mention | None, usable: list[Mention], preps: dict[int, str | None]) -> Mention | None:
    """A second party joined to the actor with "und": "USA und NATO", "Putin und sein chinesischer Kollege Xi"."""
    if actor is None:
        return None
    text = ann.text
    for m in usable:
        if m.start <= actor.end or not _actor_kind(m) or m.kind == "adjective":
            continue
        gap = text[actor.end : m.start]
        if re.fullmatch(r"\s+und\s+(?:(?:der|die|das|sein|seine|ihr|ihre|den)\s+)?(?:[a-zäöüß]+e[nrsm]?\s+)*(?:Kollege\w*\s+)?", gap):
            return m
        if re.fullmatch(r"\s+und\s+(?:der|die)\s+", gap) and m.kind == "adjective":
            return m
        break
    return None


def _place_codes(m: Mention) -> list[str]:
    return list(m.codes or ([m.code] if m.code else []))


def _force_places(ann: Annotated, cue: CueSpan, usable: list[Mention], preps, slots: _Slots, ctx: Context) -> None:
    """Destination, origin and place of forces or aid."""
    text = ann.text
    actor_code = slots.actor.code if slots.actor else None
    targets: list[Mention] = []
    origins: list[Mention] = []
    for m in usable:
        if m is slots.actor_mention:
            continue
        prep = preps.get(id(m))
        is_place = m.kind in PLACE_KINDS or (m.kind == "adjective" and _GRENZE.match(text[m.end :]))
        follows_border = bool(re.search(r"grenzen?\s+(?:zur|zu|zum)\s+$", text[max(0, m.start - 20) : m.start], re.IGNORECASE))
        if not is_place and not follows_border and not (cue.type == "AID" and m.kind in {"country", "igo", "capital", "region"}):
            continue
        after = text[m.end : m.end + 30]
        if prep in _ORIGIN_PREPS and cue.type != "RETREAT":
            origins.append(m)
            continue
        if re.match(r"\s+stationiert(?:e|en)\b", after) and cue.type == "MOBILIZE":
            origins.append(m)
            continue
        if cue.type == "AID":
            if prep in {"in", "an", "für", "nach", "ins"} or prep is None and m.start > cue.start or prep is None and "aus" not in (prep or ""):
                if prep is None and m.start < cue.start and m.code == actor_code:
                    continue
                targets.append(m)
            continue
        if prep in _DESTINATION_PREPS or follows_border or (cue.type == "RETREAT" and prep in _ORIGIN_PREPS):
            targets.append(m)
        elif prep is None and m.kind in {"region"} and cue.type == "PRESENCE":
            targets.append(m)
    targets = [m for m in targets if not (m.kind == "capital" and any(t.kind != "capital" for t in targets))]
    if cue.type == "AID":
        targets = [m for m in targets if _place_codes(m) != [actor_code]] or targets
        targets = targets[:1] + [m for m in targets[1:] if _joined(text, targets[0], m)]
    else:
        targets = _group_near(text, targets, cue)
    if not targets:
        there = ctx.there(ann)
        if there is not None:
            slots.target = there
    else:
        slots.target = _codes_party(targets, text)
        city = next((m for m in targets if m.kind in {"city", "capital"} and m.place), None)
        if city is not None:
            slots.location = Party(text=city.text, codes=_place_codes(city), place=city.place, lat=city.lat, lon=city.lon)
    if origins:
        slots.origin = _codes_party(origins[:1], text)


def _joined(text: str, a: Mention, b: Mention) -> bool:
    gap = text[a.end : b.start]
    return bool(re.fullmatch(r"\s*(?:,|und|sowie|oder)\s+(?:(?:in|nach|an)\s+)?(?:(?:die|den|das|der)\s+)?(?:[a-zäöüß]+e[nrsm]?\s+)?", gap))


def _group_near(text: str, targets: list[Mention], cue: CueSpan) -> list[Mention]:
    """Keep the destination group nearest the cue: "nach Deutschland und Polen" as one target."""
    if len(targets) <= 1:
        return targets
    groups: list[list[Mention]] = []
    for m in targets:
        if groups and _joined(text, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])

    def distance(group: list[Mention]) -> int:
        if group[0].start >= cue.end:
            return group[0].start - cue.end
        return cue.start - group[-1].end

    specific = [g for g in groups if not all(m.kind == "region" and m.codes in (["EUROPE"],) for m in g)]
    pool = specific or groups
    return min(pool, key=distance)


def _other_party(ann: Annotated, cue: CueSpan, usable: list[Mention], preps, slots: _Slots, ctx: Context) -> None:
    """The other party of a speech act, meeting or attack."""
    text = ann.text
    actor_code = slots.actor.code if slots.actor else None
    best: Mention | None = None
    candidates = []
    for m in usable:
        if m is slots.actor_mention or not m.code and not m.codes:
            continue
        if m.kind in {"media"} or "compound" in m.flags and m.kind != "adjective":
            continue
        prep = preps.get(id(m))
        if cue.type == "CONSULT" and prep in _LOCATIVE_PREPS and m.kind in PLACE_KINDS:
            continue
        if prep in _LOCATIVE_PREPS and m.kind in {"city", "capital"}:
            continue
        if prep in {"aus"}:
            continue
        codes = _codes_of(m)
        if codes == [actor_code]:
            continue
        candidates.append(m)
    after = [m for m in candidates if m.start >= cue.start]
    before = [m for m in candidates if m.end <= cue.start]
    pool = after or before
    if cue.type == "CONSULT":
        mit = [m for m in candidates if preps.get(id(m)) in {"mit", "zwischen"}]
        if mit:
            pool = mit
    if pool:
        best = pool[0] if pool is after else pool[-1]
    if best is not None:
        group = [best] + [m for m in candidates if m.start > best.start and _joined(text, best, m)]
        slots.target = _codes_party(group, text)
    if cue.type == "CONSULT":
        visit = [m for m in usable if preps.get(id(m)) in _LOCATIVE_PREPS and m.kind in PLACE_KINDS]
        if visit:
            v = visit[0]
            slots.location = Party(text=v.text, codes=_codes_of(v), place=v.place, lat=v.lat, lon=v.lon)
            if slots.target is None and _codes_of(v) != [actor_code]:
                slots.target = Party(text=text[_prep_start(text, v.start) : v.end], codes=_codes_of(v))


def _location(ann: Annotated, usable: list[Mention], preps) -> Party | None:
    for m in usable:
        if preps.get(id(m)) in _LOCATIVE_PREPS and m.kind in {"city", "capital", "country"}:
            return Party(text=m.text, codes=_codes_of(m), place=m.place if m.kind != "country" else None, lat=m.lat, lon=m.lon)
    return None


# --- slots -------------------------------------------------------------------------


def _mode(ann: Annotated, cue: CueSpan) -> str | None:
    if cue.type in FORCE_TYPES and cue.type != "RETREAT":
        near = sorted(ann.forces, key=lambda f: abs(f.start - cue.start))
        if near:
            return "weapons" if near[0].mode == "weapons" and not any(f.mode == "troops" and "ausrüstung" not in f.text.lower() for f in near[:1]) else "troops"
        return cue.mode or "troops"
    if cue.type == "AID":
        low = ann.text.lower()
        if cue.mode == "training" or "ausbild" in low:
            return "training"
        if "cyber" in low:
            return "cyber"
        if "humanitär" in low:
            return "humanitarian"
        if re.search(r"finanz|wirtschaft|kredit|darlehen|budget", low):
            return "economic"
        return cue.mode
    return cue.mode


_FORCE_UNITS = {
    "MOBILIZE": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units"},
    "RETREAT": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units", "prisoners", "people"},
    "PRESENCE": {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units"},
    "AID": {"money_eur", "money_usd", "weapons", "vehicles", "aircraft", "ships", "units", "soldiers"},
    "AGREE": {"prisoners", "people"},
    "ASSAULT": {"killed", "injured", "people"},
    "COERCE": {"people", "prisoners"},
    "PROTEST": {"people"},
}


def _quantity(ann: Annotated, cue: CueSpan, left: int, right: int) -> Quantity | None:
    units = _FORCE_UNITS.get(cue.type)
    if not units:
        return None
    for change in ann.changes:
        if change.unit in units and change.delta is not None:
            return Quantity(value=int(abs(change.delta)), qualifier=change.qualifier, unit=change.unit, text=change.text)
    candidates = [q for q in ann.quantities if q.unit in units]
    if not candidates:
        return None
    q = min(candidates, key=lambda q: 0 if left <= q.start < right else abs(q.start - cue.start) + 1)
    value = int(q.value) if q.value is not None else None
    return Quantity(value=value, qualifier=q.qualifier, unit=q.unit, text=q.text)


def _status_and_factuality(ann: Annotated, cue: CueSpan, left: int, right: int) -> tuple[str | None, str]:
    text = ann.text
    clause = text[left:right]
    mod_clause = modality(clause)
    mod_sentence = modality(text)
    negated = "negation" in mod_clause or "negative" in cue.flags and cue.type != "REJECT"
    if cue.type == "REJECT":
        negated = False
    hypothetical = "hypothetical" in mod_clause and "nominal" not in cue.flags
    if "hypothetical" in mod_sentence and re.search(r"\b(?:wenn|falls|sofern)\b", text[cue.end :], re.IGNORECASE):
        hypothetical = True
    factuality = "negated" if negated else "hypothetical" if hypothetical else "asserted"
    if negated:
        return "denied", factuality
    if "planned" in mod_clause and cue.type != "AID":
        return "planned", factuality
    if "announced" in mod_sentence:
        return "announced", factuality
    if "arrived" in cue.flags or "arrived" in mod_clause:
        return "arrived", factuality
    if "planned" in mod_clause:
        return "planned", factuality
    if "future" in mod_clause or "future" in mod_sentence and not "perfect" in mod_clause:
        return "announced", factuality
    if "completed" in mod_clause:
        return "completed", factuality
    if "perfect" in mod_clause and re.search(r"\b(?:ge\w+t|\w+iert|\w+ge\w+t|entsendet|entsandt|verlegt|geschickt|erhöht|geliefert)\b", clause):
        return "completed", factuality
    if "underway" in cue.flags or "underway" in mod_clause:
        return "underway", factuality
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
    dates = [d for d in ann.dates if d.value]
    if dates:
        d = min(dates, key=lambda d: abs(d.start - cue.start))
        return DateValue(text=d.text, value=d.value)
    if ctx.doc_date:
        return DateValue(text=None, value=ctx.doc_date)
    return None
