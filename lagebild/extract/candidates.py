"""Event candidates: every reading of a sentence the cue lexicon allows, with its parties.

Candidates are generated broadly by rules over the linguistic layer and decided later
(``extract.decide``):

* a **verbal cue**: a clause whose lexical verb (particle joined, reflexive ``sich``) has
  an entry in ``cues/verbs.tsv`` whose conditions hold ("schicken" with forces as object is
  MOBILIZE, with weapons AID). The entry's roles name the actor (the subject; in the
  passive the ``von``/``durch`` agent) and the target (the accusative, the dative, a
  prepositional object, the genitive of the object: "forderte den Rücktritt **des
  Ministers**", or the subject of the content clause: "forderte, **die Regierung** müsse …");
* a **nominal cue**: a noun chunk whose head (compound heads count: ``Luftangriff``) is in
  ``cues/nouns.tsv``; its actor is its genitive, possessive, state adjective, compound
  prefix, ``von``/``durch`` phrase, or the subject of the verb it is the object of
  ("**Die Opposition** übte Kritik", ``cues/light_verbs.tsv``);
* a **demand in reported speech**: a speaker's content clause with *müssen* or *sollen*
  ("Die Ukraine müsse Reformen umsetzen, sagt X") is a REQUEST of the speaker.

The speaker of a frame whose content holds the cue is the candidate's source, never its
actor; a passive arrest without agent is the state's (flag ``state_passive``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analyse.model import Analysis, Chunk, Clause, Frame
from ..model import DateValue, Party, Quantity
from ..recognize.annotate import Annotated, enrich
from ..resolve import Context
from .lexicon import Condition, Entry, cue_lexicon
from .parties import PartyFinder, actor_noun
from .slots import date_of, factuality_of, posture_of, quantity_of, status_of, threat_mode

__all__ = ["Candidate", "sentence_candidates", "SPEECH_TYPES"]

SPEECH_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "AGREE", "CONCEDE"})
_DEMAND_MODALS = frozenset({"müssen", "sollen"})
_PLACE_PREPS = frozenset({"in", "nach", "an", "auf", "bei", "aus"})


@dataclass
class Candidate:
    """One reading of a sentence as an event, before it is decided."""

    type: str
    mode: str | None
    kind: str  # verb, noun or frame
    cue: int  # token index of the cue
    clause: Clause
    entry: Entry | None
    actor: Party | None = None
    actor_how: str = "none"
    target: Party | None = None
    target_how: str = "none"
    source: Party | None = None
    location: Party | None = None
    factuality: str = "asserted"
    status: str | None = None
    posture: str | None = None
    quantity: Quantity | None = None
    date: DateValue | None = None
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass
class _Sentence:
    a: Analysis
    ann: Annotated
    pf: PartyFinder
    ctx: Context
    frames_of: dict[int, list[Frame]]


def sentence_candidates(a: Analysis, ann: Annotated, ctx: Context) -> list[Candidate]:
    """All event candidates of one analysed sentence.

    a (Analysis): the sentence's linguistic layer.
    ann (Annotated): its recognised mentions, quantities and dates.
    ctx (Context): the document context (pronouns, speakers, focus).
    RETURNS (list[Candidate]): candidates in order of their cue.
    """
    speaker_frame = next((f for f in a.frames if f.speaker is not None and not f.report and f.kind in ("say", "colon")), None)
    pf = PartyFinder(a, ann.mentions, ctx)
    speaker = pf.party(speaker_frame.speaker) if speaker_frame is not None else None
    pf.speaker = speaker if speaker is not None and speaker.code else None
    s = _Sentence(a=a, ann=ann, pf=pf, ctx=ctx, frames_of=_frames_by_clause(a))
    out: list[Candidate] = []
    for clause in a.clauses:
        out.extend(_verbal(s, clause))
    for chunk in a.chunks:
        out.extend(_nominal(s, chunk))
    out.extend(_demands(s))
    if out:
        enrich(ann, doc_date=ctx.doc_date)  # numbers and dates only where an event may be
    for cand in out:
        _fill_slots(s, cand)
    out.sort(key=lambda c: c.cue)
    return out


# --------------------------------------------------------------------------- frames


def _frames_by_clause(a: Analysis) -> dict[int, list[Frame]]:
    """Clause index → frames whose content holds it (directly or through an ancestor)."""
    out: dict[int, list[Frame]] = {}
    for frame in a.frames:
        covered = set(frame.content)
        changed = True
        while changed:
            changed = False
            for c in a.clauses:
                if c.parent in covered and c.i not in covered:
                    covered.add(c.i)
                    changed = True
        for ci in covered:
            out.setdefault(ci, []).append(frame)
    return out


def _source(s: _Sentence, clause: Clause, cue: int) -> Party | None:
    """Who says (or reports) the content the cue is in."""
    a = s.a
    for frame in s.frames_of.get(clause.i, []):
        if frame.cue == cue or a.tokens[frame.cue].i in clause.verbs:
            continue
        if frame.speaker is None:
            return None
        party = s.pf.party(frame.speaker)
        if party is None:
            text = a.chunk_text(a.chunks[frame.speaker])
            return Party(text=text, code="MEDIA" if frame.report else None)
        if frame.report and party.code in (None, s.ctx.focus) and _medium(a, frame.speaker):
            return Party(text=a.chunk_text(a.chunks[frame.speaker]), code="MEDIA")
        return Party(text=a.chunk_text(a.chunks[frame.speaker]), code=party.code)
    for frame in a.frames:
        if frame.kind == "according" and frame.cue in clause.tokens and frame.speaker is not None:
            party = s.pf.party(frame.speaker)
            text = a.chunk_text(a.chunks[frame.speaker])
            if party is None or (frame.report and _medium(a, frame.speaker)):
                return Party(text=text, code="MEDIA" if frame.report else None)
            return Party(text=text, code=party.code)
    if clause.mood == "subj1" and clause.kind == "main" and not s.frames_of.get(clause.i):
        return s.ctx.carried_speaker(s.ann.index)
    return None


def _medium(a: Analysis, chunk: int) -> bool:
    from ..analyse.speech import speech_lexicon

    media = speech_lexicon().media
    c = a.chunks[chunk]
    for k in range(c.core_start, c.core_end):
        tok = a.tokens[k]
        if tok.is_noun and any(tok.lemma == m or tok.lemma.lower().endswith(m.lower()) for m in media):
            return True
    return False


def _in_own_frame_content(s: _Sentence, clause: Clause) -> list[int]:
    """Content clauses of the frame whose cue is this clause's verb ("…, forderte er")."""
    for frame in s.a.frames:
        if clause.main is not None and frame.cue == clause.main:
            return frame.content
    children = [c.i for c in s.a.clauses if c.parent == clause.i and c.kind in ("sub", "inf", "main")]
    return children


# --------------------------------------------------------------------------- roles


def _chunk_role(s: _Sentence, clause: Clause, role: str) -> int | None:
    """The chunk index that fills a role of a clause's verb.

    Roles: subj, acc, dat, pp:<prep>, clause.subj, and attribute paths on any of them:
    ``acc.gen`` ("forderte den Rücktritt **des Ministers**"), ``acc.pp:von``
    ("die Freilassung **von X**"), ``pp:zu.pp:auf``.
    """
    a = s.a
    if role == "clause.subj":
        for ci in _in_own_frame_content(s, clause):
            content = a.clauses[ci]
            if content.subj is not None:
                return content.subj
            if content.passive and content.acc is not None:
                return content.acc
        return None
    base, _, rest = _split_path(role)
    if base == "subj":
        idx = clause.subj
    elif base == "acc":
        idx = clause.acc
    elif base == "dat":
        idx = clause.dat
    elif base.startswith("pp:"):
        prep = base[3:]
        idx = next((c.i for c in a.chunks if c.clause == clause.i and c.prep == prep and not c.post and c.owner is None), None)
    else:
        return None
    if idx is None or not rest:
        return idx
    return _attribute(s, a.chunks[idx], rest)


def _split_path(role: str) -> tuple[str, str, str]:
    """``acc.gen`` → (acc, ., gen); ``pp:zu.pp:auf`` → (pp:zu, ., pp:auf)."""
    if "." not in role:
        return role, "", ""
    return role.partition(".")


def _attribute(s: _Sentence, chunk: Chunk, path: str) -> int | None:
    """Follow an attribute path (gen, pp:<prep>, nested with '.') from a chunk."""
    first, _, rest = _split_path(path)
    idx = _noun_role(s, chunk, first)
    if idx is None or not rest:
        return idx
    return _attribute(s, s.a.chunks[idx], rest)


def _noun_role(s: _Sentence, chunk: Chunk, role: str) -> int | None:
    """The chunk that fills an attribute role of a noun: its genitive or a following PP."""
    a = s.a
    if role == "gen":
        return next((c.i for c in a.chunks if c.owner == chunk.i and "gen" in c.cases and c.prep is None), None)
    if role.startswith("pp:"):
        prep = role[3:]
        later = [c for c in a.chunks if c.start >= chunk.end and c.clause == chunk.clause]
        for c in later[:3]:
            if c.prep == prep and not c.post:
                return c.i
            if c.prep is None and c.owner is None:
                break
        return None
    return None


def _holds(s: _Sentence, clause: Clause, cond: Condition) -> bool:
    """Whether one condition of an entry holds for a clause."""
    idx = _chunk_role(s, clause, cond.role) if cond.role not in ("place",) else (0 if _place(s, clause) else None)
    present = idx is not None
    if cond.value is None:
        return present != cond.negate
    if not present:
        return cond.negate
    ok = _chunk_is(s, s.a.chunks[idx], cond.value) if cond.role != "place" else True
    return ok != cond.negate


def _chunk_is(s: _Sentence, chunk: Chunk, value: str) -> bool:
    """Whether a chunk is of a class (force, weapon, aid, person, party, place, abstract) or lemma."""
    a = s.a
    lex = cue_lexicon()
    head = a.tokens[chunk.head]
    lemmas = [a.tokens[k].lemma for k in range(chunk.core_start, chunk.core_end) if a.tokens[k].is_noun] or [head.lemma]
    if value[:1].isupper():
        low = value.lower()
        return any(l.lower() == low or l.lower().endswith(low) for l in lemmas)
    if value in ("force", "weapon", "aid", "person"):
        for lemma in lemmas:
            cls = lex.noun_class(lemma)
            if cls is not None and (cls[0] == value or (value == "person" and cls[0] == "force")):
                return True
        if value == "person":
            p = s.pf.party(chunk.i)
            return p is not None and (chunk.kind in ("pron", "name", "rel") or actor_noun(head.lemma) is not None)
        return False
    if value == "party":
        p = s.pf.party(chunk.i)
        return p is not None and (p.code is not None or chunk.kind in ("pron", "name"))
    if value == "place":
        return bool(s.pf.places_in(chunk.i))
    if value == "abstract":
        p = s.pf.party(chunk.i)
        return p is None and all(lex.noun_class(l) is None for l in lemmas)
    return False


def _place(s: _Sentence, clause: Clause) -> Party | None:
    """The place an act happens in: a state, region or city after in/nach/an/auf/bei in the clause."""
    for c in s.a.chunks:
        if c.clause == clause.i and c.prep in _PLACE_PREPS and not c.post:
            places = s.pf.places_in(c.i)
            if places:
                m = places[0]
                codes = list(m.codes) if m.codes else [m.code]
                return Party(text=s.a.chunk_text(c), codes=[x for x in codes if x], place=m.place, lat=m.lat, lon=m.lon)
    return None


def _party_for(s: _Sentence, idx: int | None) -> Party | None:
    return s.pf.party(idx) if idx is not None else None


def _state_actor(s: _Sentence, clause: Clause) -> Party | None:
    """The state behind an agentless passive arrest or a curfew: where it happens, else the article's."""
    place = _place(s, clause)
    code = place.codes[0] if place is not None and len(place.codes) == 1 else s.ctx.focus
    return Party(text=None, code=code, codes=[code] if code else [], sector="GOV") if code else None


# --------------------------------------------------------------------------- verbal


def _verbal(s: _Sentence, clause: Clause) -> list[Candidate]:
    lex = cue_lexicon()
    if clause.main is None:
        return []
    entries = [e for key in _stative_keys(s.a, clause) for e in lex.verbs.get(key, ())]
    entries += lex.verb_entries(clause.lemma, clause.reflexive)
    for entry in entries:
        if all(_holds(s, clause, cond) for cond in entry.when):
            return [_verbal_candidate(s, clause, entry)]
    return []


def _stative_keys(a: Analysis, clause: Clause) -> list[str]:
    """Lexicon keys of a state with *sein*: "sind … stationiert" → "stationiert sein"."""
    if clause.finite is None or a.tokens[clause.finite].lemma != "sein":
        return []
    if any(a.tokens[t].lemma == "werden" for t in clause.verbs):
        return []
    keys = []
    for t in clause.tokens:
        tok = a.tokens[t]
        if t != clause.finite and tok.pos in ("VV(PP)", "ADJ(D)", "ADV") and tok.text[:1].islower():
            keys.append(f"{tok.text.lower()} sein")
    return keys


def _verbal_candidate(s: _Sentence, clause: Clause, entry: Entry) -> Candidate:
    cand = Candidate(type=entry.type, mode=entry.mode, kind="verb", cue=clause.main, clause=clause, entry=entry)
    for role in entry.actor:
        idx = _chunk_role(s, clause, role)
        party = _party_for(s, idx)
        if party is not None:
            cand.actor, cand.actor_how = party, ("shared" if clause.shared_subject and role == "subj" else role)
            break
    if cand.actor is None and clause.passive and "state_passive" in entry.flags:
        cand.actor, cand.actor_how = _state_actor(s, clause), "state"
    _targets(s, cand, [(role, _chunk_role(s, clause, role) if role != "place" else None) for role in entry.target], clause)
    return cand


def _targets(s: _Sentence, cand: Candidate, roles: list[tuple[str, int | None]], clause: Clause) -> None:
    """Take the first target role that names a party (a thing keeps its text with no codes)."""
    thing: tuple[str, Party] | None = None
    for role, idx in roles:
        if role == "place":
            place = _place(s, clause)
            if place is not None:
                cand.target, cand.target_how = place, "place"
                return
            continue
        if idx is None:
            continue
        party = s.pf.party(idx)
        if party is not None:
            party = Party(text=party.text, code=party.code, codes=list(party.codes) or ([party.code] if party.code else []), sector=party.sector)
            cand.target, cand.target_how = party, role
            return
        if thing is None:
            thing = (role, Party(text=s.a.chunk_text(s.a.chunks[idx]), codes=[]))
    if thing is not None:
        cand.target, cand.target_how = thing[1], thing[0] + ":thing"


# --------------------------------------------------------------------------- nominal


def _nominal(s: _Sentence, chunk: Chunk) -> list[Candidate]:
    a = s.a
    head = a.tokens[chunk.head]
    if head.pos not in ("NN", "NNA") or chunk.kind not in ("noun",):
        return []
    lex = cue_lexicon()
    found = lex.noun_entries(head.lemma)
    if found is None:
        return []
    matched, entries = found
    clause = a.clauses[chunk.clause] if chunk.clause >= 0 else None
    if clause is None:
        return []
    for entry in entries:
        cand = Candidate(type=entry.type, mode=entry.mode, kind="noun", cue=chunk.head, clause=clause, entry=entry)
        modifier = head.lemma[: len(head.lemma) - len(matched)].lower().rstrip("-s") if len(head.lemma) > len(matched) else ""
        if modifier:
            mode = lex.compound_modes.get((entry.type, modifier)) or lex.compound_modes.get((entry.type, modifier + "s"))
            if mode:
                cand.mode = mode
        for role in entry.actor:
            party, how = _noun_actor(s, chunk, clause, role)
            if party is not None:
                cand.actor, cand.actor_how = party, how
                break
        if cand.actor is None and "state_passive" in entry.flags:
            cand.actor, cand.actor_how = _state_actor(s, clause), "state"
        roles = []
        for role in entry.target:
            if role in ("gen", "poss") and cand.actor_how == role:
                continue
            if role == "poss":
                roles.append((role, None))
                continue
            if role == "dat":
                governed = clause.acc == chunk.i or clause.subj == chunk.i
                roles.append((role, clause.dat if governed else None))  # "machte der Regierung Vorwürfe"
                continue
            roles.append((role, _attribute(s, chunk, role) if role != "place" else None))
        _targets(s, cand, roles, clause)
        if cand.target is None and "poss" in entry.target and cand.actor_how != "poss":
            party = _possessive(s, chunk)
            if party is not None:
                cand.target, cand.target_how = party, "poss"
        cand.features["light"] = 1.0 if cand.actor_how in ("light", "governor") else 0.0
        return [cand]
    return []


def _noun_actor(s: _Sentence, chunk: Chunk, clause: Clause, role: str) -> tuple[Party | None, str]:
    a = s.a
    lex = cue_lexicon()
    if role == "gen":
        idx = _attribute(s, chunk, "gen")
        return _party_for(s, idx), "gen"
    if role == "poss":
        return _possessive(s, chunk), "poss"
    if role in ("adj", "comp"):
        for m in s.pf.mentions_in(chunk.core_start, chunk.core_end):
            tok_head = a.tokens[chunk.head]
            on_head = m.start <= tok_head.start < m.end
            if role == "comp" and on_head and "prefix" in m.flags and m.code:
                return Party(text=m.text, code=m.code, codes=[m.code], sector=m.sector), "comp"
            if role == "adj" and not on_head and (m.kind in ("adjective", "demonym") or "genitive" in m.flags) and m.code:
                return Party(text=m.text, code=m.code, codes=[m.code], sector=m.sector or "GOV"), "adj"
        return None, role
    if role.startswith("pp:") or "." in role:
        idx = _attribute(s, chunk, role)
        return _party_for(s, idx), role
    if role == "light":
        governing = clause
        if governing.acc == chunk.i or (chunk.prep is not None and chunk.clause == governing.i):
            light = lex.light.get(governing.lemma or "")
            subj = governing.subj
            if light is not None and subj is not None:
                noun_role, subject_is = light
                if subject_is == "actor":
                    return _party_for(s, subj), "light"
                return None, "light-target"
            if governing.acc == chunk.i and subj is not None and not lex.verb_entries(governing.lemma, governing.reflexive):
                return _party_for(s, subj), "governor"
        return None, "light"
    return None, role


def _possessive(s: _Sentence, chunk: Chunk) -> Party | None:
    for k in range(chunk.core_start, chunk.core_end):
        tok = s.a.tokens[k]
        if tok.pos == "PPOSAT":
            return s.ctx.pronoun(tok.text, plural=None, speaker=s.pf.speaker)
    return None


# --------------------------------------------------------------------------- demands


def _demands(s: _Sentence) -> list[Candidate]:
    """A speaker's content clause with müssen/sollen (or "dürfen nicht") is a demand."""
    out = []
    a = s.a
    for frame in a.frames:
        if frame.report or frame.speaker is None or frame.kind not in ("say", "colon"):
            continue
        for ci in frame.content:
            clause = a.clauses[ci]
            deontic = clause.modal in _DEMAND_MODALS or (clause.modal == "dürfen" and clause.negated)
            if not deontic or clause.kind not in ("main", "sub") or clause.mood == "subj2":
                continue
            cand = Candidate(type="REQUEST", mode=None, kind="frame", cue=frame.cue, clause=clause, entry=None)
            cand.actor, cand.actor_how = s.pf.party(frame.speaker), "speaker"
            target_idx = clause.subj if clause.subj is not None else clause.acc if clause.passive else None
            _targets(s, cand, [("clause.subj", target_idx)], clause)
            out.append(cand)
            break
    return out


# --------------------------------------------------------------------------- slots


def _fill_slots(s: _Sentence, cand: Candidate) -> None:
    a, ann = s.a, s.ann
    clause = cand.clause
    nominal = cand.kind == "noun"
    flags = cand.entry.flags if cand.entry is not None else frozenset()
    demanded = nominal and clause.lemma is not None and any(e.type == "REQUEST" for e in cue_lexicon().verb_entries(clause.lemma, clause.reflexive))
    cand.factuality = factuality_of(a, clause, nominal=nominal, negative_cue="negative" in flags, demanded=demanded)
    cand.status = status_of(a, clause, cand.type, flags=flags, nominal=nominal, factuality=cand.factuality)
    cand.posture = posture_of(a, cand.type)
    cue_char = a.tokens[cand.cue].start
    lo = a.tokens[clause.first].start
    hi = a.tokens[clause.last].end
    cand.quantity = quantity_of(ann, cand.type, lo, hi, cue_char)
    cand.date = date_of(ann, cue_char, s.ctx.doc_date)
    cand.source = _source(s, clause, cand.cue)
    cand.location = _place(s, clause)
    if cand.type == "THREATEN":
        cand.mode = threat_mode(a, cand.cue) or cand.mode
    if cand.type in ("MOBILIZE", "PRESENCE") and cand.mode is None:
        cand.mode = _force_mode(s, clause) or "troops"
    if cand.type == "AID" and cand.mode is None:
        cand.mode = _aid_mode(s, clause)


def _force_mode(s: _Sentence, clause: Clause) -> str | None:
    lex = cue_lexicon()
    for c in s.a.chunks:
        if c.clause != clause.i:
            continue
        cls = lex.noun_class(s.a.tokens[c.head].lemma)
        if cls is not None and cls[0] in ("force", "weapon"):
            return cls[1] or ("troops" if cls[0] == "force" else "weapons")
    return None


def _aid_mode(s: _Sentence, clause: Clause) -> str | None:
    lex = cue_lexicon()
    for c in s.a.chunks:
        if c.clause != clause.i:
            continue
        cls = lex.noun_class(s.a.tokens[c.head].lemma)
        if cls is not None and cls[0] in ("weapon",):
            return "military"
        if cls is not None and cls[0] == "aid" and cls[1]:
            return cls[1]
    return None
