"""Arguments of an event in one sentence: who acts, on whom or where, from where.

German word order is read with a few robust surface signals instead of a parser
(``lagebild.syntax``): the preposition governing a mention, its position before
or after the cue, pronouns next to the finite verb, coordination with "und",
clause boundaries, owners of nominal cues ("der russische Angriff", "Einmarsch
Russlands", "Rückzug von NATO-Truppen") and the nationality of named forces
("US-Soldaten"). Parties a sentence leaves open are filled in from the
document context (``resolve.Context``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import Party
from .recognize.annotate import Annotated
from .recognize.cues import CueSpan
from .recognize.lexicon import Mention
from .resolve import Context, seat_of
from .syntax import (
    clause_bounds,
    coordinated_after,
    governing_preposition,
    is_genitive_attribute,
    prep_phrase_start,
)

__all__ = [
    "FORCE_TYPES",
    "PLACE_KINDS",
    "SUBJECT_NOMINAL_TYPES",
    "DESTINATION_PREPS",
    "Slots",
    "SentenceView",
    "prepare",
    "find_parties",
    "nominal_owner",
    "is_bare_infinitive",
    "codes_of",
]

FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE"})
# Nominal cues that take the sentence's subject as actor ("Die US-Regierung hatte die
# Verlegung angekündigt", "bei einem Treffen mit X sagte Y"); other nominal cues need an
# owner ("der russische Angriff", "die Unterstützung Chinas").
SUBJECT_NOMINAL_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID", "CONSULT"})
ACTOR_KINDS = frozenset(
    {"person", "title", "body", "igo", "country", "capital", "demonym", "group", "ngo", "west", "adjective", "region"}
)
PLACE_KINDS = frozenset({"country", "capital", "city", "region"})
BROAD_CODES = frozenset({"EUROPE", "NATO_EAST", "WEST", "MIDEAST", "BALKANS", "AFRICA", "ASIA", "LATAM", "NAFRICA"})
DESTINATION_PREPS = frozenset({"nach", "in", "ins", "im", "an", "am", "ans", "auf", "zu", "zum", "zur"})
_LOCATIVE_PREPS = frozenset({"in", "im"})
_GRENZE = re.compile(r"^\s*grenzen?\b", re.IGNORECASE)
_PLACE_NOUN = re.compile(r"^\s*(?:[\w]+-\s+und\s+)?[\w-]*(?:Land|Staat|Staaten|Gebiet|Hauptstadt|Küste|Region|Republik|Territorium)\b")
_AFTER_BORDER = re.compile(r"grenzen?\s+(?:zur|zu|zum|mit)\s+(?:der\s+|dem\s+)?$", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(er|sie|wir|man|es)\b", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"^\s*(?:sich\s+)?(er|sie|wir)\b", re.IGNORECASE)
_PASSIVE_AGENT = re.compile(r"\b(?:von|vom)\s+(?:den|der|dem)?\s*$", re.IGNORECASE)


@dataclass
class Slots:
    actor: Party | None = None
    actor_mention: Mention | None = None
    partners: list[Mention] = field(default_factory=list)
    actors_extra: list[Party] = field(default_factory=list)
    target: Party | None = None
    origin: Party | None = None
    location: Party | None = None
    multilateral: bool = False


@dataclass
class SentenceView:
    """A sentence prepared for argument finding: usable mentions and their prepositions."""

    ann: Annotated
    mentions: list[Mention]
    preps: dict[int, str | None]

    @property
    def text(self) -> str:
        return self.ann.text

    def prep(self, m: Mention) -> str | None:
        return self.preps.get(id(m))


def prepare(ann: Annotated, ctx: Context) -> SentenceView:
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
    return SentenceView(ann=ann, mentions=mentions, preps=preps)


def _seated(text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """A body named by its seat takes the seat's state: "die Polizei in Minsk", "die Behörden in Dagestan"."""
    if m.code is not None or "needs_country" not in m.flags or m.sector == "MIL" and not re.search(r"(?i)junta|militär$", m.text):
        return m  # "400 Soldaten in Litauen" are deployed there, not Lithuania's
    seat = seat_of(text, m, mentions)
    if seat is None:
        return m
    codes = codes_of(seat)
    return replace(m, end=seat.end, text=text[m.start : seat.end], code=codes[0], codes=codes, flags=m.flags - {"needs_country"})


def codes_of(m: Mention) -> list[str]:
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
    return None


def _as_party(m: Mention, *, force: bool = False) -> Party:
    code = m.code or (m.codes[0] if len(m.codes) == 1 else None)
    return Party(text=m.text, code=code, codes=codes_of(m), sector=_sector(m, force=force))


def _group_party(mentions: list[Mention], text: str) -> Party | None:
    codes: list[str] = []
    for m in mentions:
        for c in codes_of(m):
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


def find_parties(sent: SentenceView, cue: CueSpan, ctx: Context, source: Party | None, left: int, right: int) -> Slots:
    slots = Slots()
    force = cue.type in FORCE_TYPES
    picked = _pick_actor(sent, cue, ctx, left, right)
    if picked is not None:
        slots.actor, slots.actor_mention = picked
    elif force or cue.type == "AID":
        nat = _force_nationality(sent)
        if nat is not None:
            slots.actor, slots.actor_mention = _as_party(nat, force=True), nat
    if slots.actor is None and cue.type == "PROTEST":
        place = next((m for m in sent.mentions if m.kind in {"country", "capital", "city"} and len(codes_of(m)) == 1), None)
        if place is not None:  # "In Tiflis haben Zehntausende demonstriert": the people of Georgia
            slots.actor, slots.actor_mention = Party(text=place.text, code=codes_of(place)[0], sector="CVL"), place
    if slots.actor is None and not is_bare_infinitive(sent.text, cue):
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
        exclude = {slots.actor.code} | {c for p in slots.partners for c in codes_of(p)}
        slots.target = ctx.fallback_target(sent.ann, cue.type, exclude, _nominal_object_type(cue, sent.ann.cues))
    if slots.location is None:
        slots.location = _location(sent)
    return slots


def is_bare_infinitive(text: str, cue: CueSpan) -> bool:
    """A zu-infinitive ("den größten Teil der Ukraine einzunehmen") names no actor of its own."""
    return bool(re.search(r"\bzu\s*$", text[max(0, cue.start - 4) : cue.start]) or re.fullmatch(r"\w+zu\w+en", cue.text))


def _pick_actor(sent: SentenceView, cue: CueSpan, ctx: Context, left: int, right: int) -> tuple[Party, Mention | None] | None:
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
        owner = nominal_owner(sent, cue)
        if owner is not None:
            return _as_party(owner, force=force), owner
        if cue.type not in SUBJECT_NOMINAL_TYPES:
            return None
    if is_bare_infinitive(text, cue):
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


def _passive_agent(sent: SentenceView, cue: CueSpan) -> Mention | None:
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


def nominal_owner(sent: SentenceView, cue: CueSpan) -> Mention | None:
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


def _force_nationality(sent: SentenceView) -> Mention | None:
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


def _partners(sent: SentenceView, actor: Mention) -> list[Mention]:
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


def _force_places(sent: SentenceView, cue: CueSpan, slots: Slots, ctx: Context, left: int, right: int) -> None:
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
            m.kind == "adjective" and prep in DESTINATION_PREPS and bool(_PLACE_NOUN.match(text[m.end :]))
        )
        if after_border:
            border_targets.append(m)
            continue
        if cue.type == "AID":
            recipient_adjective = m.kind == "adjective" and "compound" not in m.flags and prep is None and m.start > cue.start
            if (m.kind in PLACE_KINDS | {"igo", "group"} or recipient_adjective) and prep not in {"aus", "von", "vom"} and codes_of(m) != [actor_code]:
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
        elif prep in DESTINATION_PREPS or (cue.type == "RETREAT" and prep in {"aus", "von", "vom", "um"}) or border_adjective:
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
            slots.location = Party(text=city.text, codes=codes_of(city), place=city.place, lat=city.lat, lon=city.lon)
    if origins:
        slots.origin = _group_party(origins[:1], text)


def _dative(text: str, m: Mention) -> bool:
    """A dative object with its article after the finite verb ("haben der Ukraine … zugesagt")."""
    return bool(re.search(r"\b(?:der|dem|den)\s+(?:[a-zäöüß]+e[nrsm]?\s+)?$", text[max(0, m.start - 25) : m.start])) and m.start > 0


def _foreign_spans(sent: SentenceView, cue: CueSpan) -> list[tuple[int, int]]:
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
        broad = all(set(codes_of(m)) <= BROAD_CODES for m in group)
        distance = group[0].start - cue.end if group[0].start >= cue.end else cue.start - group[-1].end
        return (1 if broad else 0, abs(distance))

    return min(groups, key=rank)


def _other_party(sent: SentenceView, cue: CueSpan, slots: Slots, ctx: Context, left: int, right: int) -> None:
    """The other party of a speech act, meeting or attack: first object in the clause."""
    text = sent.text
    actor_code = slots.actor.code if slots.actor else None
    candidates = []
    for m in sent.mentions:
        if m is slots.actor_mention or m in slots.partners or not codes_of(m) or m.kind == "media":
            continue
        if "compound" in m.flags and m.kind not in {"adjective", "igo"}:
            continue
        prep = sent.prep(m)
        if prep in _LOCATIVE_PREPS and (m.kind in {"city", "capital"} or cue.type == "CONSULT"):
            continue
        if (prep in {"aus", "seitens"} and cue.type not in {"REJECT", "ACCUSE"}) or codes_of(m) == [actor_code]:
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
            places = [m for m in sent.mentions if m.kind in PLACE_KINDS and codes_of(m) != [actor_code] and sent.prep(m) in DESTINATION_PREPS]
            if places:
                slots.target = _group_party(places[:1], text)
    if cue.type == "CONSULT" and slots.actor is not None and slots.actor.sector == "IGO" and not any(sent.prep(m) in {"mit", "zwischen"} for m in candidates):
        slots.target = None  # the members of an organisation meeting: multilateral
        slots.multilateral = True
    if cue.type == "CONSULT":
        visit = [m for m in sent.mentions if sent.prep(m) in _LOCATIVE_PREPS and m.kind in {"city", "capital", "country"}]
        if visit:
            v = visit[0]
            slots.location = Party(text=v.text, codes=codes_of(v), place=v.place, lat=v.lat, lon=v.lon)
            if slots.target is None and codes_of(v) != [actor_code] and cue.mode != "multilateral" and not (slots.actor and slots.actor.sector == "IGO"):
                slots.target = Party(text=text[prep_phrase_start(text, v.start) : v.end], codes=codes_of(v))


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


def _location(sent: SentenceView) -> Party | None:
    for m in sent.mentions:
        if sent.prep(m) in _LOCATIVE_PREPS and m.kind in {"city", "capital", "country"}:
            return Party(text=m.text, codes=codes_of(m), place=m.place if m.kind != "country" else None, lat=m.lat, lon=m.lon)
    return None
