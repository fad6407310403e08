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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..analyse.grammar import grammar
from ..analyse.model import Analysis, Chunk, Clause, Frame
from ..model import DateValue, Party, Quantity
from ..recognize import read_tsv
from ..recognize.annotate import Annotated, enrich
from ..recognize.lexicon import find_mentions
from ..resolve import Context, is_state
from .lexicon import Condition, Entry, cue_lexicon, head_match
from .parties import PartyFinder, actor_noun, attitude
from .slots import date_of, factuality_of, modality_words, posture_of, quantity_of, status_of, threat_mode

__all__ = ["Candidate", "SentenceView", "sentence_candidates", "SPEECH_TYPES"]

SPEECH_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "AGREE", "CONCEDE"})
_DEMAND_MODALS = frozenset({"müssen"})
_SCORE = re.compile(r"(?<![\d:.])\d{1,2}:\d{1,2}(?![\d:])(?!\s*Uhr)")
_REPORTING = frozenset({"bekanntgeben", "bestätigen", "melden", "verkünden", "ankündigen", "einräumen", "zugeben"})
_RULE_OUT = frozenset({"ausschließen"})
_SETTING_PREPS = frozenset({"bei", "nach", "vor", "während", "auf", "zu", "in", "seit"})
# "nach dem Treffen mit X sagte Y": Y took part in the meeting; "nach den Anschlägen in Paris
# sagte Y": Y did not take part in the attacks. Before, after and since an act, the clause's
# subject is its doer only for acts one takes part in.
_MEETING_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_PLACE_PREPS = frozenset({"in", "nach", "an", "auf", "bei", "aus"})
_STATE_PREPS = frozenset({"in", "bei", "an"})
_CUSTODY_PREPS = frozenset({"in", "aus"})


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
    origin: Party | None = None
    factuality: str = "asserted"
    status: str | None = None
    posture: str | None = None
    quantity: Quantity | None = None
    date: DateValue | None = None
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    support: bool = False  # below the threshold: may only add its number to a kept record of the event
    view: SentenceView | None = field(default=None, repr=False)
    ground: str | None = None  # a frame's: what in the content makes it the act ("judgement", "modal", "denial", …)


@dataclass
class SentenceView:
    """One sentence as the candidate rules see it: its analysis, mentions, parties, context."""

    a: Analysis
    ann: Annotated
    pf: PartyFinder
    ctx: Context
    frames_of: dict[int, list[Frame]]

    def attribute(self, chunk: Chunk, path: str) -> int | None:
        """The chunk an attribute path leads to from a chunk (gen, pp:von, …)."""
        return _attribute(self, chunk, path)

    def own_frame_content(self, clause: Clause) -> list[int]:
        """The content clauses of the speech frame whose verb is this clause's."""
        return _in_own_frame_content(self, clause)

    def place(self, clause: Clause) -> Party | None:
        """Where the clause's act happens."""
        return _place(self, clause)


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
    s = SentenceView(a=a, ann=ann, pf=pf, ctx=ctx, frames_of=_frames_by_clause(a))
    out: list[Candidate] = []
    for clause in a.clauses:
        out.extend(_verbal(s, clause))
    for chunk in a.chunks:
        out.extend(_nominal(s, chunk))
    out.extend(_demands(s, {c.clause.i for c in out if c.kind == "verb"}))
    out.extend(_echoes(s, {c.clause.i for c in out}))
    if _SCORE.search(ann.text):
        out = [c for c in out if c.type != "ASSAULT"]  # "schlägt Dortmund mit 3:1": a match, not an attack
    out = _merge_attack_mentions(s, out)
    out = _drop_restated_nouns(s, out)
    out = _drop_refusals_of_events(s, out)
    out = _drop_alleged_events(s, out)
    _refusals_to_agree(s, out)
    out = _drop_mishaps(s, out)
    out = _drop_inanimate_doers(s, out)
    _conditional_threats(s, out)
    if out:
        enrich(ann, doc_date=ctx.doc_date)  # numbers and dates only where an event may be
    for cand in out:
        _mutual_pair(s, cand)
        _fallback_actor(s, cand)
        _collective_actor(s, cand)
        _media_actor(cand)
        _fill_slots(s, cand)
        _people_restricted(s, cand)
        _content_target(s, cand, out)
        _default_target(cand, s.ctx.focus)
        cand.view = s
    _shared_targets(out)
    out.sort(key=lambda c: c.cue)
    return out


# --------------------------------------------------------------------------- frames


def _frames_by_clause(a: Analysis) -> dict[int, list[Frame]]:
    """Clause index → frames whose content holds it (directly or through an ancestor)."""
    out: dict[int, list[Frame]] = {}
    for frame in a.frames:
        for ci in _with_embedded(a, frame.content):
            out.setdefault(ci, []).append(frame)
    return out


def _with_embedded(a: Analysis, clauses: list[int]) -> set[int]:
    """The clauses and every clause embedded in them, however deep."""
    covered = set(clauses)
    changed = True
    while changed:
        changed = False
        for c in a.clauses:
            if c.parent in covered and c.i not in covered:
                covered.add(c.i)
                changed = True
    return covered


def _source(s: SentenceView, clause: Clause, cue: int) -> Party | None:
    """Who says (or reports) the content the cue is in."""
    a = s.a
    for frame in s.frames_of.get(clause.i, []):
        if frame.cue == cue or a.tokens[frame.cue].i in clause.verbs:
            continue
        if frame.speaker is None:
            return None
        party = s.pf.party(frame.speaker) or _mentioned_party(s, frame.speaker)
        if party is None:
            text = a.chunk_text(a.chunks[frame.speaker])
            return Party(text=text, code="MEDIA" if frame.report else None)
        if frame.report and party.code in (None, s.ctx.focus) and _medium(a, frame.speaker):
            return Party(text=a.chunk_text(a.chunks[frame.speaker]), code="MEDIA")
        return Party(text=a.chunk_text(a.chunks[frame.speaker]), code=party.code)
    for frame in a.frames:
        if frame.kind == "according" and frame.cue in clause.tokens and frame.speaker is not None:
            party = s.pf.party(frame.speaker) or _mentioned_party(s, frame.speaker)
            text = a.chunk_text(a.chunks[frame.speaker])
            if party is None or (frame.report and _medium(a, frame.speaker)):
                return Party(text=text, code="MEDIA" if frame.report else None)
            return Party(text=text, code=party.code)
    if clause.mood == "subj1" and clause.kind == "main" and not s.frames_of.get(clause.i):
        return s.ctx.carried_speaker(s.ann.index)
    return None


def _mentioned_party(s: SentenceView, idx: int) -> Party | None:
    """Any coded mention inside a chunk: "nach **litauischen** Angaben" → LTU."""
    c = s.a.chunks[idx]
    for m in s.pf.mentions_in(c.core_start, c.core_end):
        if m.code:
            return Party(text=m.text, code=m.code, codes=[m.code], sector=m.sector)
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


def _in_own_frame_content(s: SentenceView, clause: Clause) -> list[int]:
    """Content clauses of the frame whose cue is this clause's verb ("…, forderte er")."""
    for frame in s.a.frames:
        if clause.main is not None and frame.cue == clause.main:
            return frame.content
    children = [c.i for c in s.a.clauses if c.parent == clause.i and c.kind in ("sub", "inf", "main")]
    if not children and _inserted_after_content(s.a, clause):
        # "Russland müsse seine Truppen abziehen, **forderte der Außenminister**": a verb of
        # demand or charge set after what it says, as "sagte" is
        before = [c for c in s.a.clauses if c.last < clause.first]
        main = next((c for c in reversed(before) if c.kind == "main" and c.parent is None), None)
        if main is not None and before and before[-1].kind != "inf" and not (before[-1].kind == "sub" and before[-1].parent == clause.i):
            return [main.i] + [c.i for c in before if c.parent == main.i]
    return children


def _inserted_after_content(a: Analysis, clause: Clause) -> bool:
    """A main clause that opens with its finite verb after a comma and names its subject after
    it ("…, forderte der Minister."): it is set after the content it introduces."""
    if clause.kind != "main" or clause.i == 0 or clause.finite is None or clause.finite != clause.first or clause.subj is None:
        return False
    if a.chunks[clause.subj].start < clause.finite or clause.first == 0:
        return False
    return a.tokens[clause.first - 1].text == ","


# --------------------------------------------------------------------------- roles


def _chunk_role(s: SentenceView, clause: Clause, role: str, stative: bool = False) -> int | None:
    """The chunk index that fills a role of a clause's verb.

    Roles: subj, acc, dat, pp:<prep>, clause.subj, and attribute paths on any of them:
    ``acc.gen`` ("forderte den Rücktritt **des Ministers**"), ``acc.pp:von``
    ("die Freilassung **von X**"), ``pp:zu.pp:auf``.
    """
    a = s.a
    if role == "clause.subj":
        for ci in _in_own_frame_content(s, clause):
            content = a.clauses[ci]
            if content.subj is not None and content.subj == clause.subj:
                continue  # "sprach sich dafür aus, … zu vereinheitlichen": the actor's own act
            if content.subj is not None:
                return content.subj
            if content.passive and content.acc is not None:
                return content.acc
        return None
    base, _, rest = _split_path(role)
    if base == "subj":
        idx = clause.acc if stative and clause.passive else clause.subj  # "sind … stationiert": the soldiers
    elif base == "acc":
        idx = clause.acc
    elif base == "dat":
        idx = clause.dat
        if (idx is None or s.pf.party(idx) is None) and clause.acc is not None and "dat" in s.a.chunks[clause.acc].cases and s.pf.party(clause.acc) is not None:
            idx = clause.acc  # "warf Polen Vernachlässigung vor", "droht Finnland mit …": the party is the dative
        if idx is None:
            idx = _dative_read_as_genitive(s, clause)
    elif base.startswith("pp:"):
        prep = base[3:]
        # "am Dienstag" is no an-phrase; but "zu fünf Jahren (Haft) verurteilt" is a zu-phrase: a measure, not a time
        pps = [c.i for c in a.chunks if c.clause == clause.i and c.prep == prep and not c.post and c.owner is None and (c.kind not in ("time", "year") or (prep == "zu" and c.kind == "time"))]
        # of two phrases with one preposition, the one naming a place or party fills the role:
        # "nach dem russischen Angriff … nach **Europa** verlegt"
        idx = next((i for i in pps if not rest and s.pf.places_in(i)), pps[0] if pps else None)
    else:
        return None
    if idx is None or not rest:
        return idx
    return _attribute(s, a.chunks[idx], rest)


def _names_people(lemma: str) -> bool:
    """A noun of the person class ("seinen russischen **Amtskollegen**", "die Minister")."""
    cls = cue_lexicon().noun_class(lemma)
    return cls is not None and cls[0] in ("person", "force")


def _pronominal_adverb(s: SentenceView, clause: Clause, prep: str) -> bool:
    """Whether the clause holds the pronominal adverb of a preposition ("dafür", "darauf",
    "dagegen", "damit"): da- before a consonant, dar- before a vowel."""
    word = ("dar" if prep[:1] in "aeiouäöü" else "da") + prep
    if clause.lemma == "sein":
        # with the copula only at the end of its clause ("Die Opposition ist **dagegen**");
        # before more words it contrasts ("Die Regierung ist dagegen zuversichtlich")
        words = [t for t in clause.tokens if not s.a.tokens[t].pos.startswith("$")]
        return bool(words) and s.a.tokens[words[-1]].text.lower() == word
    return any(s.a.tokens[t].text.lower() == word for t in clause.tokens)


def _dative_read_as_genitive(s: SentenceView, clause: Clause) -> int | None:
    """The dative a verb needs, where the parser took it for a genitive attribute: a
    feminine singular "der X" ends a genitive chain ("warf im Vorfeld der Tagung **der
    griechischen Regierung** Versäumnisse vor"), and feminine singular dative and genitive
    look alike. Only a phrase naming a party, when the clause has no dative of its own."""
    a = s.a
    owners = {c.owner for c in a.chunks if c.owner is not None}
    for c in reversed(a.chunks):
        if c.clause != clause.i or c.owner is None or c.prep is not None or c.i in owners or c.plural:
            continue
        det, head = a.tokens[c.start], a.tokens[c.head]
        if det.text.lower() != "der" or not head.is_noun or head.text != head.lemma:
            continue  # "des …" (masculine, neuter) and plurals are genitives only
        if s.pf.party(c.i) is not None:
            return c.i
    return None


def _split_path(role: str) -> tuple[str, str, str]:
    """``acc.gen`` → (acc, ., gen); ``pp:zu.pp:auf`` → (pp:zu, ., pp:auf)."""
    if "." not in role:
        return role, "", ""
    return role.partition(".")


def _attribute(s: SentenceView, chunk: Chunk, path: str) -> int | None:
    """Follow an attribute path (gen, pp:<prep>, nested with '.') from a chunk."""
    first, _, rest = _split_path(path)
    idx = _noun_role(s, chunk, first)
    if idx is None or not rest:
        return idx
    return _attribute(s, s.a.chunks[idx], rest)


def _noun_role(s: SentenceView, chunk: Chunk, role: str) -> int | None:
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


def _adjective_words(a: Analysis, clause: Clause) -> set[str]:
    """The clause's adjectives and adverbs (word and lemma: "gemeinsames" is gemeinsam); an
    approval word after a downtoner ("wenig erfreut", "alles andere als begeistert") counts as
    the word "kritisch" instead: the reaction is a disapproving one."""
    words = modality_words()
    approval, downtoners = words.get("approval", frozenset()), words.get("downtoner", frozenset())
    out: set[str] = set()
    for t in clause.tokens:
        tok = a.tokens[t]
        if tok.pos not in ("ADJ(D)", "ADV", "ADJ(A)"):
            continue
        forms = {tok.text.lower(), tok.lemma.lower()}
        if forms & approval and t > 0:
            before = [a.tokens[k].text.lower() for k in range(max(0, t - 3), t)]
            if before[-1] in downtoners or before[-3:] == ["alles", "andere", "als"]:
                out.add("kritisch")
                continue
        out |= forms
    return out


def _holds(s: SentenceView, clause: Clause, cond: Condition, noun: Chunk | None = None, stative: bool = False) -> bool:
    """Whether one condition of an entry holds: for a verb, its clause's roles; for a noun,
    the noun's attributes (gen, pp:…) and the light verb's roles (subj, dat, acc)."""
    if cond.role == "neg":  # the clause is negated ("kann die Kritik nicht nachvollziehen")
        return clause.negated != cond.negate
    if cond.role == "future":  # a course of action to come: werden + infinitive, or wollen
        return (clause.future or clause.modal == "wollen") != cond.negate
    if cond.role == "adj":  # a predicative adjective of the clause, by word or class
        words = _adjective_words(s.a, clause)
        allowed = modality_words().get(cond.value or "", frozenset({(cond.value or "").lower()}))
        return bool(words & allowed) != cond.negate
    if cond.role.startswith("pp:") and "." not in cond.role and cond.value is not None and noun is None:
        # any phrase with that preposition: "In der Kurdenregion sind … **im Sondereinsatz**"
        prep = cond.role[3:]
        pps = [c for c in s.a.chunks if c.clause == clause.i and c.prep == prep and not c.post and c.owner is None]
        if not pps and cond.value == "abstract" and _pronominal_adverb(s, clause, prep):
            return not cond.negate  # "wandte sich entschieden **dagegen**": a thing or a claim, never a party
        return any(_chunk_is(s, c, cond.value) for c in pps) != cond.negate
    if cond.role.startswith("pp:") and "." not in cond.role and cond.value is None and noun is None and _pronominal_adverb(s, clause, cond.role[3:]):
        # "plädierte **dafür**, …", "besteht **darauf**, dass …": the phrase stands for the clause
        return not cond.negate
    if cond.role == "place":
        idx = 0 if _place(s, clause) else None
    elif noun is not None and (cond.role in ("gen",) or cond.role.startswith(("gen.", "pp:"))):
        idx = _attribute(s, noun, cond.role)
    else:
        idx = _chunk_role(s, clause, cond.role, stative)
    present = idx is not None
    if cond.value is None:
        return present != cond.negate
    if not present:
        return cond.negate
    ok = _chunk_is(s, s.a.chunks[idx], cond.value) if cond.role != "place" else True
    return ok != cond.negate


def _head_class(s: SentenceView, chunk: Chunk) -> str | None:
    """The noun class of a chunk's head (noun_classes.tsv: force, person, custody, mishap …)."""
    found = cue_lexicon().noun_class(s.a.tokens[chunk.head].lemma)
    return found[0] if found is not None else None


def _chunk_is(s: SentenceView, chunk: Chunk, value: str) -> bool:
    """Whether a chunk is of a class (force, weapon, aid, person, party, place, abstract) or lemma."""
    a = s.a
    lex = cue_lexicon()
    head = a.tokens[chunk.head]
    lemmas = [a.tokens[k].lemma for k in range(chunk.core_start, chunk.core_end) if a.tokens[k].is_noun] or [head.lemma]
    if value[:1].isupper():
        low = value.lower()
        return any(l.lower() == low or l.lower().endswith(low) for l in lemmas)
    if value in ("force", "weapon") and chunk.kind == "pron" and head.text.lower().startswith("weitere") and any(c.end == chunk.start and c.kind == "num" for c in a.chunks):
        chunk = next(c for c in a.chunks if c.end == chunk.start and c.kind == "num")  # "5.600 weitere"
    bare_count = chunk.kind == "num" or (head.text.lower().startswith("weitere") and any(a.tokens[k].pos == "CARD" for k in range(chunk.core_start, chunk.core_end)))
    if value in ("force", "weapon") and bare_count:
        # a bare number after counted forces counts them too: "Die USA ziehen 12.000 Soldaten
        # ab. 6.400 von ihnen kehren zurück, 5.600 weitere werden verlegt"
        earlier = [cls for c in a.chunks if c.end <= chunk.start and (cls := counted_class(a, c)) is not None]
        return (earlier[-1] if earlier else s.ctx.counted_class(s.ann.index)) == value
    if value in ("force", "weapon", "aid", "person"):
        for lemma in lemmas:
            cls = lex.noun_class(lemma)
            if cls is not None and (cls[0] == value or (value == "person" and cls[0] == "force")):
                return True
        if value in ("force", "weapon") and chunk.kind == "pron" and head.text.lower() in ("sie", "ihnen"):
            # "zieht Truppen aus dem Irak ab und verlegt **sie** nach Kuwait"
            before = [c for c in a.chunks if c.end <= chunk.start and c.kind == "noun"]
            return bool(before) and _chunk_is(s, before[-1], value)
        if value == "person":
            p = s.pf.party(chunk.i)
            demonym = any(m.kind in ("demonym", "person", "title") for m in s.pf.mentions_in(chunk.core_start, chunk.core_end))
            return p is not None and (chunk.kind in ("pron", "name", "rel") or demonym or actor_noun(head.lemma) is not None)
        return False
    if value == "official":
        # one who can pay a visit: a named person, an office or a body, not people on the move
        # ("Merkel traf in Paris ein", not "18.234 Migranten trafen in Süditalien ein")
        noun = actor_noun(head.lemma)
        titled = any(m.kind in ("person", "title") for m in s.pf.mentions_in(chunk.core_start, chunk.core_end))
        return chunk.kind in ("pron", "name") or titled or (noun is not None and noun[1] != "people")
    if value == "state":
        # a state or its government, armed forces or officials: "Die irakische Regierung
        # protestierte" is a diplomatic protest, not a demonstration
        p = s.pf.party(chunk.i)
        if p is None or not p.code or not is_state(p.code):
            return False
        named = any(m.kind == "country" and m.start <= head.start < m.end for m in s.pf.mentions_in(chunk.core_start, chunk.core_end))
        return named or p.sector in ("GOV", "MIL")
    if value == "party":
        # the chunk names a party, not something a party qualifies: "für die Ukraine",
        # "für den Minister", but not "für eine EU-weite Liste"
        p = s.pf.party(chunk.i)
        if p is None or (p.code is None and chunk.kind not in ("pron", "name")):
            return False
        at_head = any(m.start <= head.start < m.end for m in s.pf.mentions_in(chunk.core_start, chunk.core_end))
        return at_head or chunk.kind in ("pron", "name", "rel") or actor_noun(head.lemma) is not None or _names_people(head.lemma)
    if value == "place":
        return bool(s.pf.places_in(chunk.i))
    if value == "abstract":
        # a common noun that is no party, person or force: "den Plan", also "Österreichs
        # Verzicht" (the genitive names whose it is, the head stays abstract)
        if head.pos not in ("NN", "NNA") or actor_noun(head.lemma) is not None:
            return False
        if any(m.start <= head.start < m.end for m in s.pf.mentions_in(chunk.core_start, chunk.core_end)):
            return False
        return lex.noun_class(head.lemma) is None
    return False


def _place(s: SentenceView, clause: Clause, preps: frozenset[str] = frozenset(), static: bool = False) -> Party | None:
    """The place an act happens in: a state, region or city after in/nach/an/auf/bei in the
    clause (``static``: not a destination, "in" with the accusative: "in die Slowakei überstellt")."""
    preps = preps or _PLACE_PREPS
    for c in s.a.chunks:
        if static and c.prep in ("in", "an", "auf") and c.cases == frozenset({"acc"}):
            continue
        if c.clause == clause.i and c.prep in preps and not c.post:
            places = s.pf.places_in(c.i)
            if places:
                m = places[0]
                codes = list(m.codes) if m.codes else [m.code]
                return Party(text=s.a.chunk_text(c), codes=[x for x in codes if x], place=m.place, lat=m.lat, lon=m.lon)
            state = s.pf.territory_state(c.i)
            if state is not None:
                return Party(text=s.a.chunk_text(c), codes=[state])  # "auf mazedonischem Gebiet"
    return None


def _event_actor(s: SentenceView, chunk: Chunk) -> Party | None:
    """The actor of an event named by a noun: its genitive or adjective nationality
    ("Ende des **russischen** Truppenaufmarsches"), else the last actor of its kind."""
    head = s.a.tokens[chunk.head]
    if not head.is_noun:
        return None
    found = cue_lexicon().noun_entries(head.lemma)
    if found is None:
        return s.ctx.recent_any(window=6) if _incident(s, chunk) else None  # "verurteilte den Vorfall": whoever did it
    etype = found[1][0].type
    for role in ("gen", "adj", "comp"):
        party, _how = _noun_actor(s, chunk, s.a.clauses[chunk.clause], role) if chunk.clause >= 0 else (None, role)
        if party is not None and party.code:
            return party
    gen = _attribute(s, chunk, "gen")
    if gen is not None:
        inner = _event_actor(s, s.a.chunks[gen])
        if inner is not None:
            return inner
    if grammar().indefinite(s.a.tokens[chunk.core_start].text):
        return None  # "warnte die Türkei vor einer Bodenoffensive": a new act, not one told before
    return s.ctx.recent_actor(etype, window=8)


def counted_class(a: Analysis, chunk: Chunk) -> str | None:
    """The noun class of what a phrase counts ("rund 12.000 **Soldaten**": force, "vier
    Kampfjets": weapon, "30 Demonstranten": other), or None for a phrase that counts nothing
    or only repeats a count ("5.600 weitere")."""
    head = a.tokens[chunk.head]
    if chunk.kind != "noun" or not head.is_noun or head.text.lower().startswith("weitere"):
        return None
    if not any(a.tokens[k].pos == "CARD" for k in range(chunk.core_start, chunk.core_end)):
        return None
    found = cue_lexicon().noun_class(head.lemma)
    return found[0] if found is not None and found[0] in ("force", "weapon") else "other"


def _refusals_to_agree(s: SentenceView, cands: list[Candidate]) -> None:
    """An agreement a party says it will not make is a rejection: "Russland werde mit der
    Ukraine keinen Vertrag schließen" (REJECT of Ukraine), "will kein Abkommen unterzeichnen";
    a past "einigten sich nicht" stays a failed agreement."""
    for cand in cands:
        clause = cand.clause
        if cand.type == "AGREE" and cand.kind == "verb" and clause.negated and (clause.future or clause.modal == "wollen"):
            cand.type, cand.mode = "REJECT", None


def _other_party(s: SentenceView, clause: Clause, code: str) -> Party | None:
    """The first party of a clause, other than its subject, that is not ``code``: an object
    or a mit/gegen/an/für-phrase ("mit der Ukraine", "gegen die EU"), not a place or time."""
    for c in s.a.chunks:
        if c.clause != clause.i or c.i == clause.subj or c.kind in ("time", "year") or c.owner is not None:
            continue
        if c.prep is not None and c.prep not in ("mit", "gegen", "an", "für", "zu", "von"):
            continue
        party = s.pf.party(c.i)
        if party is not None and party.all_codes and code not in party.all_codes and "MEDIA" not in party.all_codes:
            return Party(text=s.a.chunk_text(c), codes=party.all_codes)
    return None


def _demonstrative(s: SentenceView, chunk: Chunk) -> bool:
    """A phrase that is only a demonstrative pronoun: "das", "dies", "dieses"."""
    return chunk.end - chunk.start == 1 and grammar().det_kind.get(s.a.tokens[chunk.start].text.lower()) in ("demonstrative", "definite") \
        and not s.a.tokens[chunk.start].is_noun


def _incident(s: SentenceView, chunk: Chunk) -> bool:
    """The chunk's head is a word for an act told before ("der Vorfall", "die Entscheidung";
    modality.tsv ``incident``) and no event noun of its own."""
    head = s.a.tokens[chunk.head]
    return head.is_noun and cue_lexicon().noun_entries(head.lemma) is None and head.lemma in modality_words().get("incident", frozenset())


def _unclaimed_attack(s: SentenceView, chunk: Chunk) -> bool:
    """A definite noun of an attack (``nouns.tsv`` type ASSAULT: "den Anschlag", "die
    Übergriffe") with no actor of its own or in the article's recent attacks
    (``_event_actor`` found none); "vor einem Bürgerkrieg" is no attack that happened."""
    head = s.a.tokens[chunk.head]
    if not head.is_noun or not grammar().definite(s.a.tokens[chunk.core_start].text):
        return False
    found = cue_lexicon().noun_entries(head.lemma)
    return found is not None and found[1][0].type == "ASSAULT"


def _there(s: SentenceView, clause: Clause) -> Party | None:
    """"dort", "hier", "vor Ort" in the clause: the last place the article named."""
    if s.ctx.last_place is None:
        return None
    for t in clause.tokens:
        if s.a.tokens[t].text.lower() in ("dort", "hier", "dorthin"):
            last = s.ctx.last_place
            return Party(text=s.a.tokens[t].text, codes=list(last.codes), place=last.place)
    return None


def _stationed_at(s: SentenceView, clause: Clause) -> Party | None:
    """The one place named inside the phrase of the forces the clause is about, where they
    stand: "Die Zahl **der in Deutschland stationierten** US-Soldaten soll reduziert werden"."""
    for idx in (clause.acc, clause.subj):
        if idx is None:
            continue
        for chunk_idx in (idx, _attribute(s, s.a.chunks[idx], "gen")):
            if chunk_idx is None or not _chunk_is(s, s.a.chunks[chunk_idx], "force"):
                continue
            places = s.pf.places_in(chunk_idx)
            codes = {c for m in places for c in ([m.code] if m.code else m.codes)}
            if len(codes) == 1:
                m = places[0]
                return Party(text=m.text, codes=sorted(codes))
    return None


def _party_for(s: SentenceView, idx: int | None) -> Party | None:
    return s.pf.party(idx) if idx is not None else None


def _state_actor(s: SentenceView, clause: Clause, patient: int | None = None) -> Party | None:
    """The state behind an agentless passive arrest or a curfew: the one named with the custody
    ("aus ukrainischer Gefangenschaft entlassen", "in russischer Haft"), else where it happens,
    else, for one held (``patient``: "Guatemalas Ex-Präsident sitzt in Untersuchungshaft"),
    the state the patient's own words name, else the article's."""
    for c in s.a.chunks:
        if c.clause == clause.i and c.prep in _CUSTODY_PREPS and _head_class(s, c) == "custody":
            held = s.pf.party(c.i)
            if held is not None and held.code and len(set(held.all_codes)) == 1:
                return Party(text=None, code=held.code, codes=[held.code], sector="GOV")
    place = _place(s, clause, preps=_STATE_PREPS, static=True)
    code = place.codes[0] if place is not None and len(place.codes) == 1 else None
    if code is None and patient is not None:
        chunk = s.a.chunks[patient]
        held = s.pf.party(patient)
        if held is not None and held.code and is_state(held.code) and _named_nationality(s, chunk):
            code = held.code
    code = code or s.ctx.focus
    return Party(text=None, code=code, codes=[code] if code else [], sector="GOV") if code else None


# --------------------------------------------------------------------------- verbal


def _verbal(s: SentenceView, clause: Clause) -> list[Candidate]:
    lex = cue_lexicon()
    if clause.main is None:
        return []
    out = []
    for token, lemma in clause.lexicals or [(clause.main, clause.lemma)]:
        last = token == clause.main
        entries = [(e, True) for key in _stative_keys(s.a, clause) for e in lex.verbs.get(key, ())] if last else []
        for particle in _particle_lemmas(s.a, clause) if last else []:
            entries += [(e, False) for e in lex.verb_entries(particle, clause.reflexive)]
        entries += [(e, False) for e in lex.verb_entries(lemma, clause.reflexive) if not _done_to_oneself(s.a, clause, e)]
        entries.sort(key=lambda es: es[0].type != "-")  # senses that are no event are tried first
        chosen: Candidate | None = None
        for entry, stative in entries:
            if chosen is not None and entry.type != chosen.type:
                break
            if all(_holds(s, clause, cond, stative=stative) for cond in entry.when):
                if entry.type == "-":
                    break  # "hat 129 Tote gefordert": this sense of the verb is no event
                cand = _verbal_candidate(s, clause, entry, stative)
                cand.cue = token
                chosen = chosen or cand
                if cand.actor is not None:
                    # a later row of the same sense whose actor the sentence names wins over
                    # one whose actor role is empty ("sitzt in Haft": the state, no von-agent)
                    chosen = cand
                    break
        if chosen is not None:
            out.append(chosen)
    return out


def _done_to_oneself(a: Analysis, clause: Clause, entry: Entry) -> bool:
    """A transitive sense whose target is the accusative, in a clause where "sich" is that
    accusative: the subject does it to itself ("Kurz **beschränkte sich** auf jene Migranten",
    "Die Partei **stärkt sich**"), no act on another party. Reflexive senses have rows of
    their own ("sich zurückziehen"). Not under "lassen": "ließ sich festnehmen" is done to him."""
    return (clause.reflexive and not any(a.tokens[t].lemma == "lassen" for t in clause.verbs) and clause.acc is None and not entry.lemma.startswith("sich ")
            and bool(entry.target) and all(role.startswith("acc") for role in entry.target))


def _particle_lemmas(a: Analysis, clause: Clause) -> list[str]:
    """A verb whose particle the tagger read as an adjective: "machte sich … **stark**" → starkmachen."""
    if clause.finite is None or clause.main != clause.finite or clause.kind != "main" or not clause.lemma:
        return []
    last = a.tokens[clause.last]
    if last.pos in ("ADJ(D)", "ADV") and last.i > clause.finite and last.text.isalpha() and last.text.islower():
        return [last.text + clause.lemma]
    return []


def _stative_keys(a: Analysis, clause: Clause) -> list[str]:
    """Lexicon keys of a state with *sein*: "sind … stationiert" → "stationiert sein"; a
    state named by an in-phrase, by its head or the compound's ("sind in Afghanistan **im
    Einsatz**", "im Sondereinsatz", "in Alarmbereitschaft") → "in Einsatz sein"."""
    if clause.finite is None or a.tokens[clause.finite].lemma != "sein":
        return []
    if any(a.tokens[t].lemma == "werden" for t in clause.verbs):
        return []
    keys = []
    for t in clause.tokens:
        tok = a.tokens[t]
        if t != clause.finite and tok.pos in ("VV(PP)", "ADJ(D)", "ADV") and tok.text[:1].islower():
            keys.append(f"{tok.text.lower()} sein")
    if any(a.tokens[t].pos.startswith("VV") for t in clause.verbs):
        return keys  # "sind in einen Hungerstreik getreten": sein is an auxiliary here
    lex = cue_lexicon()
    for c in a.chunks:
        if c.clause == clause.i and c.prep == "in" and not c.post and a.tokens[c.head].is_noun:
            head = head_match(a.tokens[c.head].lemma, lex.stative_nouns, lex.stative_noun_keys)
            if head is not None:
                keys.append(f"in {head} sein")
    return keys


def _verbal_candidate(s: SentenceView, clause: Clause, entry: Entry, stative: bool = False) -> Candidate:
    cand = Candidate(type=entry.type, mode=entry.mode, kind="verb", cue=clause.main, clause=clause, entry=entry)
    for role in entry.actor:
        if role == "state":  # "sitzt in Untersuchungshaft": the state that holds him
            cand.actor, cand.actor_how = _state_actor(s, clause, clause.subj if not clause.passive else None), "state"
            break
        idx = _chunk_role(s, clause, role, stative)
        party = _party_for(s, idx)
        if party is not None:
            cand.actor, cand.actor_how = party, ("shared" if clause.shared_subject and role == "subj" else role)
            break
    if cand.actor is None and clause.passive and "state_passive" in entry.flags:
        cand.actor, cand.actor_how = _state_actor(s, clause), "state"
    if "pair" in entry.flags and clause.subj is not None and len(s.a.chunks[clause.subj].parts) > 1:
        first, second = s.pf.part_parties(clause.subj)[:2]
        if first is not None and second is not None:
            cand.actor, cand.actor_how = first, "pair"
            cand.target, cand.target_how = second, "pair"
            return cand
    _targets(s, cand, [(role, _chunk_role(s, clause, role, stative) if role != "place" else None) for role in entry.target], clause)
    if cand.type == "REJECT" and cand.target is None and clause.acc is None and clause.dat is None and cand.actor is not None and cand.actor.code \
            and not any(c.parent == clause.i for c in s.a.clauses):
        # used absolutely ("Moskau lehnt ab", "Kiew widersprach"): what the article told last, by another
        other = s.ctx.recent_any(other_than=cand.actor.code)
        if other is not None:
            cand.target, cand.target_how = Party(text=None, codes=other.all_codes), "echo"
    return cand


_DESTINATION_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE"})
_REACTIONS = frozenset({"REJECT", "ACCUSE", "SUPPORT", "CONCEDE"})  # what may answer an act told before
_NEUTER_DEMONSTRATIVES = frozenset({"dies", "das", "dieses", "dem", "diesem"})  # a told act ("diese" is a party: "solange diese mit X spricht")


def _targets(s: SentenceView, cand: Candidate, roles: list[tuple[str, int | None]], clause: Clause) -> None:
    """Take the first target role that names a party (a thing keeps its text with no codes).

    Forces go to, leave or stand at places: their targets must name one ("nach dem
    russischen Angriff" is a time, not a destination). An event noun as target stands for
    its actor ("begrüßte die geplante Verlegung": the one who moves)."""
    thing: tuple[str, Party] | None = None
    for role, idx in roles:
        if cand.type in _DESTINATION_TYPES and idx is not None and role != "place" and not s.pf.places_in(idx):
            chunk = s.a.chunks[idx]
            other_side = any(_attribute(s, chunk, path) is not None for path in ("pp:zu", "pp:mit"))  # "an der russischen Grenze zur Ukraine"
            state = s.pf.territory_state(idx, border=not other_side) if chunk.prep is not None else None
            if state is not None:
                # "an die ukrainische Grenze verlegt", "auf russischem Gebiet stationiert"
                cand.target, cand.target_how = Party(text=s.a.chunk_text(chunk), codes=[state]), f"{role}.territory"
                return
            epithet = s.pf.epithet_state(idx) if chunk.prep is not None else None
            if epithet is not None and not (cand.actor is not None and epithet.code == cand.actor.code):
                # "Soldaten in das Land schicken": the state named before
                cand.target, cand.target_how = Party(text=s.a.chunk_text(chunk), codes=[epithet.code]), f"{role}.epithet"
                return
            if not (chunk.prep is None and role in ("acc", "dat")):
                continue
        if role == "place":
            place = _place(s, clause) or _there(s, clause)
            if place is not None:
                cand.target, cand.target_how = place, "place"
                return
            place = _stationed_at(s, clause) if cand.type in ("RETREAT", "PRESENCE") else None
            if place is not None:
                cand.target, cand.target_how = place, "place.attribute"
                return
            continue
        if idx is None:
            continue
        if idx == clause.subj and clause.passive and not role.startswith(("subj", "clause")):
            continue  # the passive's von-agent acts; it is not also an attribute of the object
        party = s.pf.party(idx)
        how = role
        chunk = s.a.chunks[idx]
        if party is None and chunk.kind == "pron" and s.a.tokens[chunk.head].pos == "PPER" and s.ctx.focus:
            party, how = Party(text=s.a.chunk_text(chunk), code=s.ctx.focus, codes=[s.ctx.focus]), f"{role}.focus"
        if party is None:
            party = _event_actor(s, s.a.chunks[idx])
            how = f"{role}.event" if party is not None else role
            if party is not None and cand.actor is not None and cand.actor.code and party.code == cand.actor.code and _incident(s, s.a.chunks[idx]):
                # "kritisierte die Entscheidung": another party's act, not the critic's own
                party = s.ctx.recent_any(other_than=cand.actor.code)
                how = f"{role}.event" if party is not None else role
        if party is None and cand.type in _REACTIONS and cand.actor is not None and cand.actor.code and _demonstrative(s, chunk) and s.a.tokens[chunk.start].text.lower() in _NEUTER_DEMONSTRATIVES:
            # "Die frühere Sowjetrepublik wies **dies** zurück": what was told before, by another
            party = s.ctx.recent_any(other_than=cand.actor.code)
            how = f"{role}.event" if party is not None else role
        if party is None and cand.type == "ACCUSE" and role == "acc" and _unclaimed_attack(s, chunk):
            # "verurteilte den Handgranaten-Anschlag": an attack by no one known is a thing,
            # aimed at no party (ANNOTATING: codes [] unless the thing belongs to a state)
            cand.target, cand.target_how = Party(text=s.a.chunk_text(chunk), codes=[]), f"{role}.attack"
            return
        if party is None:
            for attr in ("gen", "pp:von", "pp:zu"):  # "dem Willen **der Bürgerinitiative**", "die offene Art **von X**", "die Grenze **zur Ukraine**"
                sub = _attribute(s, s.a.chunks[idx], attr)
                if sub is None or (sub == clause.subj and clause.passive):
                    continue
                found = s.pf.party(sub)
                if found is not None and found.code:
                    party, how = found, f"{role}.{attr}"
                    break
                found = _event_actor(s, s.a.chunks[sub])  # "ein Ende **der Truppenaufmärsche**": whose
                if found is not None:
                    party, how = found, f"{role}.{attr}.event"
                    break
        if party is None and cand.type in _PLACED_TYPES:
            party, how = _thing_place(s, s.a.chunks[idx], role)
        if party is not None and cand.type == "AID" and party.sector == "CVL" and not s.pf.mentions_in(chunk.core_start, chunk.core_end):
            party = Party(text=s.a.chunk_text(chunk), codes=[])  # "rettete 73 Menschen": people of no stated nationality
        if party is not None:
            party = Party(text=party.text, code=party.code, codes=party.all_codes, sector=party.sector)
            cand.target, cand.target_how = party, how
            return
        if thing is None:
            thing = (role, Party(text=s.a.chunk_text(s.a.chunks[idx]), codes=[]))
    if thing is not None:
        cand.target, cand.target_how = thing[1], thing[0] + ":thing"


# Acts on things whose place says whose they are: "bombardierte Ziele im Süden des Libanon",
# "griff einen Stützpunkt bei Kiew an"
_PLACED_TYPES = frozenset({"ASSAULT", "COERCE"})
_THING_PLACES = ("pp:in", "pp:in.gen", "pp:bei", "pp:nahe", "pp:an", "pp:nahe.gen", "pp:an.gen")


def _thing_place(s: SentenceView, chunk: Chunk, role: str) -> tuple[Party | None, str]:
    """The place named in a thing's attributes, standing for the state the thing is in."""
    for path in _THING_PLACES:
        sub = _attribute(s, chunk, path)
        if sub is None:
            continue
        places = s.pf.places_in(sub)
        if places:
            m = places[0]
            codes = list(m.codes) or [m.code]
            return Party(text=s.a.chunk_text(s.a.chunks[sub]), codes=[c for c in codes if c]), f"{role}.place"
    return None, role


# --------------------------------------------------------------------------- nominal


def _nominal(s: SentenceView, chunk: Chunk) -> list[Candidate]:
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
    governed = _governing_light(s, chunk, clause)
    for entry in entries:
        if not all(_holds(s, clause, cond, noun=chunk) for cond in entry.when):
            continue
        if "support_only" in entry.flags and not governed:
            continue
        if entry.type == "-":
            return []  # "die Verhandlung vor dem Landesgericht": this sense of the noun is no event
        cand = Candidate(type=entry.type, mode=entry.mode, kind="noun", cue=chunk.head, clause=clause, entry=entry)
        modifier = head.lemma[: len(head.lemma) - len(matched)].lower().rstrip("-s") if len(head.lemma) > len(matched) else ""
        if modifier:
            mode = lex.compound_modes.get((entry.type, modifier)) or lex.compound_modes.get((entry.type, modifier + "s"))
            if mode:
                cand.mode = mode
        suffers = None
        for role in entry.actor:
            party, how = _noun_actor(s, chunk, clause, role, entry.type)
            if party is not None:
                cand.actor, cand.actor_how = party, how
                break
            if how == "light-target" and clause.subj is not None:
                suffers = clause.subj  # "Die Regierung geriet unter Kritik", "stieß auf Kritik": the subject is its target
        if suffers is not None and cand.actor is None:
            party = _party_for(s, suffers)
            if party is not None and (party.code or party.codes):
                cand.target, cand.target_how = party, "light-target"
        if cand.actor is None and "state_passive" in entry.flags:
            cand.actor, cand.actor_how = _state_actor(s, clause), "state"
        if "pair" in entry.flags and cand.actor_how in ("light", "governor", "setting") and clause.subj is not None and len(s.a.chunks[clause.subj].parts) > 1 and clause.lemma not in grammar().patient_subject:
            first, second = s.pf.part_parties(clause.subj)[:2]  # "Südkorea und die USA haben ein gemeinsames Manöver begonnen"
            if first is not None and second is not None:
                cand.actor, cand.actor_how, cand.target, cand.target_how = first, "pair", second, "pair"
                cand.features["light"] = 1.0
                return [cand]
        if "pair" in entry.flags and cand.actor is None and chunk.prep != "für":
            # (not "das Forum für Gespräche zwischen Moskau und der Nato": what a thing is for)
            between = _attribute(s, chunk, "pp:zwischen")
            if between is not None and len(s.a.chunks[between].parts) > 1:
                first, second = s.pf.part_parties(between)[:2]  # "eine Waffenruhe zwischen Israel und der Hamas"
                if first is not None and second is not None and first.code and first.code != second.code:
                    cand.actor, cand.actor_how, cand.target, cand.target_how = first, "pair", second, "pair"
                    return [cand]
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
        if cand.target_how != "light-target":
            _targets(s, cand, roles, clause)
        if cand.type == "PROTEST":
            _protest_sides(s, cand, chunk, clause)
        if cand.target is None and "pair" in entry.flags and cand.actor_how in ("comp", "adj"):
            partner = _compound_partner(s, chunk, cand.actor)
            if partner is not None:
                cand.target, cand.target_how = partner, "pair"  # "der EU-Türkei-Gipfel", "deutsch-französische Gespräche"
        if cand.target is None and "poss" in entry.target and cand.actor_how != "poss":
            party = _possessive(s, chunk)
            if party is not None:
                cand.target, cand.target_how = party, "poss"
        cand.features["light"] = 1.0 if cand.actor_how in ("light", "governor") else 0.0
        return [cand]
    return []


def _protest_sides(s: SentenceView, cand: Candidate, chunk: Chunk, clause: Clause) -> None:
    """Protesters no one names are people of the state where they protest, and a stance
    adjective names whom they protest against ("anti-chinesische Proteste in der Türkei":
    Turkey's people against China; "Proteste in Kiew" without one: Ukraine's own politics)."""
    place = cand.target if cand.target_how == "place" else _place(s, clause)
    if cand.actor is None and place is not None and len(place.codes) == 1 and is_state(place.codes[0]):
        cand.actor, cand.actor_how = Party(code=place.codes[0], codes=[place.codes[0]], sector="CVL"), "place"
    stance = next((m for m in s.pf.mentions_in(chunk.core_start, chunk.core_end) if "stance" in m.flags and m.code), None)
    if stance is not None and (cand.target is None or cand.target_how == "place"):
        cand.target, cand.target_how = Party(text=stance.text, code=stance.code, codes=[stance.code]), "stance"


def light_verb(clause: Clause) -> tuple[str, str] | None:
    """(noun role, subject_is) of the clause's verb as a light verb: its reflexive reading first
    ("zog sich heftige Kritik **zu**" is "sich zuziehen")."""
    if clause.lemma is None:
        return None
    light = cue_lexicon().light
    return (light.get("sich " + clause.lemma) if clause.reflexive else None) or light.get(clause.lemma)


def _governing_light(s: SentenceView, chunk: Chunk, clause: Clause) -> bool:
    """The noun is the object of a light verb ("Kritik üben", "einen Anschlag verüben")."""
    light = light_verb(clause)
    if light is None:
        return False
    role = light[0]
    if role == "acc":
        return clause.acc == chunk.i or (clause.passive and clause.acc == chunk.i)
    if role.startswith("pp:"):
        return chunk.prep == role[3:] and chunk.clause == clause.i
    return clause.acc == chunk.i


def _noun_actor(s: SentenceView, chunk: Chunk, clause: Clause, role: str, cand_type: str = "") -> tuple[Party | None, str]:
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
            if role == "adj" and not on_head and (m.kind in ("adjective", "demonym") or "genitive" in m.flags) and m.code and not attitude(m):
                return Party(text=m.text, code=m.code, codes=[m.code], sector=m.sector or "GOV"), "adj"
        return None, role
    if role.startswith("pp:") or "." in role:
        idx = _attribute(s, chunk, role)
        return _party_for(s, idx), role
    if role == "light":
        governing = clause
        if governing.acc == chunk.i or (chunk.prep is not None and chunk.clause == governing.i):
            light = light_verb(governing)
            subj = governing.subj
            if light is not None and subj is not None and _governing_light(s, chunk, governing):
                noun_role, subject_is = light
                if subject_is == "actor":
                    return _party_for(s, subj), "light"
                return None, "light-target"
            announces = governing.lemma in modality_words().get("announce", frozenset()) or governing.lemma in _REPORTING
            if governing.acc == chunk.i and subj is not None and (announces or not lex.verb_entries(governing.lemma, governing.reflexive)):
                party = _party_for(s, subj)
                if party is None or party.code != "MEDIA":  # ("Xinhua bestätigte das Gespräch": the agency reports it)
                    return party, "governor"  # "Der IS hat die Tötung … bekanntgegeben"
        # in the passive, the grammatical subject takes part in a meeting ("Bei dem Treffen mit X
        # wurde Y empfangen"), but suffers an attack ("Bei einem Anschlag wurden 20 Menschen getötet")
        setting = (governing.acc if cand_type in _MEETING_TYPES else None) if governing.passive else governing.subj
        if governing.lemma in grammar().patient_subject:
            setting = None  # "Bei den Kämpfen starben sieben Soldaten": the dead did not fight
        temporal = grammar().adjuncts.get(chunk.prep) in ("after", "before") and cand_type not in _MEETING_TYPES
        if chunk.prep in _SETTING_PREPS and not temporal and setting is not None and setting != chunk.i:
            return _party_for(s, setting), "setting"  # "sagte Biden **bei einem Treffen mit** Stoltenberg"
        return None, "light"
    return None, role


def _compound_partner(s: SentenceView, chunk: Chunk, actor: Party | None) -> Party | None:
    """The second party of a hyphenated compound or adjective that names two
    ("EU-**Türkei**-Gipfel", "US-**China**-Gespräche", "deutsch-**französische** Konsultationen"):
    the other side of a meeting or an agreement whose first part names the actor."""
    if actor is None or not actor.text or "-" not in actor.text:
        return None
    parts = actor.text.split("-")
    # (a compound noun's last part is the noun itself; an adjective's last part is the partner)
    middle = parts[1:-1] if actor.text in s.a.tokens[chunk.head].text else parts[1:]
    for part in middle:
        for m in find_mentions(part):
            code = m.code or (m.codes[0] if len(m.codes) == 1 else None)
            if code and code != actor.code and m.kind != "region":
                return Party(text=m.text, code=code, codes=[code], sector=m.sector)
    return None  # (a continent is no partner: "der EU-Afrika-Gipfel" is held with many)


def _possessive(s: SentenceView, chunk: Chunk) -> Party | None:
    """The owner of "sein"/"ihr": the subject of the clause ("Xi will **seinen** Besuch …"),
    else the pronoun's antecedent in the document."""
    for k in range(chunk.core_start, chunk.core_end):
        tok = s.a.tokens[k]
        if tok.pos == "PPOSAT":
            low = tok.text.lower()
            if low.startswith(("sein", "ihr")) and chunk.clause >= 0:
                subj = s.a.clauses[chunk.clause].subj
                if subj is not None and subj != chunk.i:
                    party = s.pf.party(subj)
                    if party is not None and party.code:
                        return Party(text=tok.text, code=party.code, codes=[party.code], sector=party.sector)
            return s.pf.possessor(chunk, tok.text)
    return None


# --------------------------------------------------------------------------- demands


def _demands(s: SentenceView, cued: set[int] = frozenset()) -> list[Candidate]:
    """What a speaker's own words do, read off the content clause when its verb is no cue:

    * müssen/sollen (or "dürfen nicht") make a demand (REQUEST), aimed at the clause's
      subject: "Russland müsse seine Truppen abziehen, sagte …";
    * a copula with an adjective of judgement is a criticism (ACCUSE) of the subject, one
      of praise an endorsement (SUPPORT): "Der Plan sei untauglich, sagte …";
    * a copula with an adjective of necessity is a demand: "Nötig sei eine Reform";
    * a verb of wrongdoing that is no cue of its own charges the subject (ACCUSE): "Die
      Polizeiaktion verstoße gegen die Verfassung, sagte …" (modality.tsv ``wrongdoing``);
    * a negated main clause with no cue of its own is a denial (REJECT): "Das stimmt nicht".

    The speaker is the frame's ("sagte X", "X: …"), or, for a sentence in reported speech
    with no frame of its own, the one the article quoted last.
    """
    out = []
    a = s.a
    contents: list[tuple[int, Party | None, int]] = []  # (clause, speaker, cue token)
    for frame in a.frames:
        if frame.report or frame.speaker is None or frame.kind not in ("say", "colon"):
            continue
        speaker = s.pf.party(frame.speaker)
        contents.extend((ci, speaker, frame.cue) for ci in frame.content)
    if not a.frames:
        carried = s.ctx.carried_speaker(s.ann.index)
        if carried is not None:
            contents.extend((c.i, carried, c.main) for c in a.clauses if c.kind == "main" and c.mood in ("subj1", "subj2") and c.main is not None)
    done: set[int] = set()
    words = modality_words()
    for ci, speaker, cue in contents:
        if ci in done or speaker is None:
            continue
        clause = a.clauses[ci]
        if clause.kind not in ("main", "sub"):
            continue
        act = _content_act(a, clause, words)
        kind, ground = act if act is not None else (None, None)
        if kind is None and ci not in cued and not clause.negated and not clause.passive and clause.lemma in words.get("wrongdoing", ()):
            # "Die EU hat versagt, so der Landeshauptmann": a charge in his own words, against
            # a party ("Spaltung untergräbt die Sicherheit" charges no one)
            subj = a.chunks[clause.subj] if clause.subj is not None else None
            charged = s.pf.party(subj.i) if subj is not None else None
            if subj is not None and charged is None and (owner := _attribute(s, subj, "gen")) is not None:
                charged = s.pf.party(owner)  # "Der Plan **der Bank** widerspreche dem EU-Recht"
            if subj is not None and (subj.kind in ("pron", "name") or (charged is not None and charged.all_codes)):
                kind, ground = "ACCUSE", "wrongdoing"
        if kind is None and clause.modal == "sollen" and clause.mood == "subj1" and not clause.passive and clause.subj is not None:
            # "Der Minister sagte, Russland **solle** seine Truppen abziehen": reported speech
            # renders a demand with "solle"; one on a party (not "Die Anlage solle im Herbst fertig sein")
            subject = s.pf.party(clause.subj)
            if subject is not None and subject.code and subject.code != speaker.code:
                kind, ground = "REQUEST", "reported_demand"
        if kind is None and ci not in cued and clause.kind == "main" and clause.future and _conditioned(a, clause):
            # "ohne Fortschritte werde es keine Ratifizierung geben, sagte …": a consequence set as a condition
            kind, ground = "THREATEN", "condition"
        if kind is None and clause.negated and ci not in cued and clause.kind == "main":
            kind, ground = "REJECT", "denial"  # "Das stimmt nicht, sagte …": a denial in the speaker's own words
        if kind is None:
            continue
        done.add(ci)
        cand = Candidate(type=kind, mode=None, kind="frame", cue=cue, clause=clause, entry=None, ground=ground)
        cand.actor, cand.actor_how = speaker, "speaker"
        target_idx = clause.subj if clause.subj is not None else clause.acc if clause.passive else None
        if ground == "condition":
            # the threat is aimed at whom the condition is set ("Sollten **die Partner** nicht
            # einlenken, werde der Brexit kommen"), not at the consequence's subject
            condition = next(iter(_conditions(a, clause)), None)
            target_idx = condition.subj if condition is not None else None
        _targets(s, cand, [("clause.subj", target_idx)], clause)
        if cand.target is not None and cand.target.codes == [speaker.code] and cand.target_how == "clause.subj" and _chunk_is(s, a.chunks[target_idx], "state"):
            # "Russland werde mit der Ukraine keinen Vertrag schließen, sagte Peskow": the
            # speaker's own state is the subject; the act is aimed at the other party named
            other = _other_party(s, clause, speaker.code)
            if other is not None:
                cand.target, cand.target_how = other, "clause.other"
        if target_idx is not None and speaker.code and (cand.target is None or not cand.target.codes) and _demonstrative(s, a.chunks[target_idx]):
            # "Das ist nicht hinnehmbar, sagte der Kreml": "das" is the act told before, by another
            other = s.ctx.recent_any(other_than=speaker.code)
            if other is not None:
                cand.target, cand.target_how = Party(text=s.a.chunk_text(a.chunks[target_idx]), codes=other.all_codes), "clause.subj.event"
        out.append(cand)
    return out


def _opens_sentence(a: Analysis, clause: Clause) -> bool:
    """Nothing but punctuation comes before the clause in its sentence."""
    return all(a.tokens[t].pos.startswith("$") for t in range(clause.first))


# acts that, set as the consequence of a condition the other side is to meet, are threats
# ("Falls Russland nicht abzieht, werden wir Sanktionen verhängen"), with the threat's mode
_THREATENED_MODES = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "REJECT": None, "PROTEST": None}


def _conditional_threats(s: SentenceView, cands: list[Candidate]) -> None:
    """An act promised as the consequence of a condition on another party is a threat to that
    party, not an act (ANNOTATING: THREATEN, "Ausgleichsmaßnahmen ankündigen"): "Wenn die
    Türkei die Grenzen nicht schützt, **werden** wir die Zahlungen stoppen", "Sollten die
    Partner nicht einlenken, werde Serbien die Grenzen schließen", "Sonst werden wir die
    Zahlungen einstellen". The act must lie ahead (not past, not perfect), and the condition
    must be set on another party (its subject), who becomes the target, be unmet (negated),
    or be pointed back to by "sonst"/"andernfalls"; a contingency is no threat ("Sollte die Lage eskalieren, könnte
    Deutschland Eurofighter verlegen")."""
    a = s.a
    otherwise = modality_words().get("otherwise", frozenset())
    for cand in cands:
        if cand.type not in _THREATENED_MODES or cand.actor is None or not cand.actor.code:
            continue
        clause = cand.clause
        chain = [clause] + ([a.clauses[clause.parent]] if clause.parent is not None and clause.kind == "inf" else [])
        home = next((c for c in chain if c.kind == "main"), None)
        if home is None or home.past or home.perfect or clause.past or clause.perfect or clause.passive:
            continue  # (a passive consequence is the law's: "Sollte sie zurückkommen, wird sie verhaftet")
        condition = next((c for c in _conditions(a, home) if a.tokens[c.first].lemma.lower() not in ("solange", "soweit")), None)
        on = s.pf.party(condition.subj) if condition is not None and condition.subj is not None else None
        if on is not None and (not on.code or on.code == cand.actor.code):
            on = None
        pointed_back = (home.future or home.mood == "subj2") and any(a.tokens[t].lemma.lower() in otherwise for t in home.tokens)
        unmet = condition is not None and condition.negated  # "Wenn **keine** Entpolitisierung stattfindet, werden die Grünen nirgends zustimmen"
        if on is None and not pointed_back and not unmet:
            continue
        if not (cand.type == "COERCE" and cand.mode in ("arrest", "expel")):
            cand.mode = _THREATENED_MODES[cand.type]  # (a threatened thing named after the cue decides later: threat_mode)
        cand.type = "THREATEN"
        if on is not None:
            cand.target, cand.target_how = on, "condition.subj"


def _conditions(a: Analysis, clause: Clause) -> list[Clause]:
    """The condition clauses (wenn, falls, V1 "sollte" …) that a clause's act hangs on."""
    return [c for c in a.clauses if c.parent == clause.i and c.meaning == "condition"]


def _conditioned(a: Analysis, clause: Clause) -> bool:
    """A clause whose future hangs on a condition: a wenn/falls clause under it, an
    ohne-phrase ("ohne Fortschritte werde es keine Ratifizierung geben") or an adverb that
    points back to one ("**Sonst** werde es keinen Frieden geben", "andernfalls")."""
    if _conditions(a, clause):
        return True
    otherwise = modality_words().get("otherwise", frozenset())
    if any(a.tokens[t].lemma.lower() in otherwise for t in clause.tokens):
        return True
    return any(c.clause == clause.i and c.prep == "ohne" for c in a.chunks)



_ECHO_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})


def _echoes(s: SentenceView, cued: set[int]) -> list[Candidate]:
    """A speaker who says the same as the one before: "Ähnlich äußerte sich der Zentralrat",
    "Ebenso sieht das der Geschäftsführer". The act is of the type of the last speech act the
    article reported (within three sentences), by the clause's subject, aimed at the same
    target."""
    words = modality_words()
    verbs, adverbs = words.get("echo_verb", frozenset()), words.get("echo_adverb", frozenset())
    clauses = [c for c in s.a.clauses if c.i not in cued and c.kind == "main" and c.lemma in verbs and not c.negated
               and any(s.a.tokens[t].text.lower() in adverbs for t in c.tokens)]
    if not clauses:
        return []
    last = None
    for sentence, etype, _actor, target in reversed(s.ctx.acts):
        if s.ann.index - sentence > 3:
            break  # the acts are in sentence order: the rest are earlier still
        if sentence < s.ann.index and etype in _ECHO_TYPES:
            last = (etype, target)
            break
    if last is None:
        return []
    etype, target = last
    codes = target.all_codes if target is not None else []
    out = []
    for clause in clauses:
        # the one who speaks: the subject, or the object the parser took for it ("Ebenso sieht
        # das der Innenminister": "das" can be either)
        bare = [c.i for c in s.a.chunks if c.clause == clause.i and c.prep is None and c.owner is None and "nom" in c.cases]
        actor = next((p for idx in [clause.subj, *bare] if (p := s.pf.party(idx)) is not None and p.code), None)
        if actor is None or actor.code in codes:
            continue  # (one who echoes a criticism of himself does not make it)
        cand = Candidate(type=etype, mode=None, kind="echo", cue=clause.main if clause.main is not None else clause.first, clause=clause, entry=None)
        cand.actor, cand.actor_how = actor, "subj"
        if codes:
            cand.target, cand.target_how = Party(text=None, codes=list(codes)), "echo"
        out.append(cand)
    return out


def _content_act(a: Analysis, clause: Clause, words: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """The act a content clause performs by its modal or its predicative adjective or noun,
    with its ground (a feature of the decision): (type, ground) or None."""
    finite = a.tokens[clause.finite].text.lower() if clause.finite is not None else ""
    deontic = (clause.modal in _DEMAND_MODALS and (clause.mood != "subj2" or finite == "müssten") and not finite.startswith("musst")) or (
        clause.modal == "dürfen" and clause.negated) or (clause.modal == "sollen" and finite in ("sollte", "sollten"))
    # ("müssten": reported speech puts the plural in Konjunktiv II, its Konjunktiv I being the
    # indicative; "musste" tells what had to be, it demands nothing: "Diese Frage musste ja kommen")
    if deontic and clause.perfect:
        # a modal with a perfect infinitive infers, it demands nothing: "Es dürfe keine
        # Gesetzesverletzungen gegeben haben", "Er müsse davon gewusst haben"
        deontic = False
    if deontic and (clause.meaning == "condition" or (
            clause.kind == "main" and clause.finite == clause.first and clause.modal == "sollen" and _opens_sentence(a, clause))):
        # a condition, not a demand: "Sollte der Chef geklagt haben, …", "wenn er zahlen muss"
        # (not a clause after its fronted clause: "Solange …, sollten keine Wahlen stattfinden")
        deontic = False
    if deontic:
        return "REQUEST", "modal"
    if clause.lemma in words.get("need_verb", frozenset()) and not clause.negated and clause.subj is not None and (
            a.chunk_text(a.chunks[clause.subj]).lower() in ("es", "wir")):
        return "REQUEST", "necessity"  # "Es brauche zusätzliche Ärzte", "Wir brauchen mehr Polizei"
    if clause.lemma != "sein":
        return None
    preds = [t for t in clause.tokens if a.tokens[t].pos in ("ADJ(D)", "ADV")]
    low = {a.tokens[t].text.lower() for t in preds}
    merit = words.get("merit", frozenset()) | words.get("praise", frozenset())
    if clause.negated:
        # "Der Plan ist nicht akzeptabel" (a rejection), "Das ist nicht redlich" (a criticism)
        if low & (words.get("acceptable", frozenset()) | words.get("necessity", frozenset())):
            return "REJECT", "negated_acceptable"
        if low & merit:
            return "ACCUSE", "negated_merit"
        return None
    downtoned = {a.tokens[t].text.lower() for t in preds if t > 0 and a.tokens[t - 1].text.lower() in words.get("downtoner", frozenset())}
    if downtoned & merit:
        return "ACCUSE", "downtoned_merit"  # "Der Vorschlag sei wenig hilfreich"
    if low & words.get("necessity", frozenset()):
        return "REQUEST", "necessity"
    if low & words.get("judgement", frozenset()):
        return "ACCUSE", "judgement"
    if low & words.get("praise", frozenset()):
        return "SUPPORT", "praise"
    # a predicative noun: "Das ist ein Skandal", "Die Einigung sei ein Meilenstein" (a bare
    # phrase other than the subject; not "Er sei in Lebensgefahr")
    for chunk in a.chunks:
        if chunk.clause == clause.i and chunk.i != clause.subj and chunk.prep is None and chunk.owner is None and chunk.kind == "noun":
            found = _verdict_noun(a.tokens[chunk.head].lemma)
            if found is not None:
                return found, "verdict_noun"
    return None


@lru_cache(maxsize=1)
def _verdict_nouns() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    """The nouns of judgement and praise (modality.tsv): heads that compounds share ("Justiz-
    skandal"), words taken only as they are ("Fehler", not "Herzversagen"), the modifiers
    that negate a head ("Antifaschist")."""
    words = modality_words()
    heads = {w: kind for kind, cat in (("ACCUSE", "judgement_noun"), ("SUPPORT", "praise_noun")) for w in words.get(cat, ())}
    exact = {w: "ACCUSE" for w in words.get("judgement_noun_exact", ())}
    return heads, {k.lower(): k for k in heads}, exact, words.get("negating_prefix", frozenset())


@lru_cache(maxsize=50_000)
def _verdict_noun(lemma: str) -> str | None:
    """ACCUSE or SUPPORT for a predicative noun of judgement or praise, by its compound head."""
    heads, keys, exact, negating = _verdict_nouns()
    low = lemma.lower()
    if low in exact:
        return exact[low]
    head = head_match(low, heads, keys)
    if head is None or low[: len(low) - len(head)] in negating:
        return None
    return heads[head]


# --------------------------------------------------------------------------- fallbacks

_FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE", "AID"})


def _mishap(s: SentenceView, chunk: Chunk) -> bool:
    """A chunk naming a mishap: by its head, or by the common noun a name follows ("der
    Wirbelsturm Stan", "die Bärin Daniza")."""
    if _head_class(s, chunk) == "mishap":
        return True
    if s.a.tokens[chunk.head].pos != "NE":
        return False
    lex = cue_lexicon()
    return any(
        t.pos in ("NN", "NNA") and (found := lex.noun_class(t.lemma)) is not None and found[0] == "mishap"
        for t in s.a.tokens[chunk.core_start : chunk.head]
    )


def _drop_mishaps(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """Harm that no one inflicts is no attack: "bei einem Verkehrsunfall getötet", "vom
    Wirbelsturm zerstört", "von einem Bären angegriffen" (noun class mishap in the clause)."""
    if not any(c.type == "ASSAULT" for c in cands):
        return cands
    chunks = {c.i for c in s.a.chunks if _mishap(s, c)}
    clauses = {c.clause for c in s.a.chunks if c.i in chunks}
    # (a subject shared by a coordinated clause: "Der Wirbelsturm wütet … und tötet dabei …")
    return [c for c in cands if c.type != "ASSAULT" or (c.clause.i not in clauses and c.clause.subj not in chunks)]


_ABSTRACT_SUFFIXES = ("ung", "ion", "heit", "keit", "ismus", "ität", "schaft", "tum", "nis", "enz", "anz", "ik")


def _drop_inanimate_doers(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """Harm done by a process or a state of affairs is no attack: "Die Arbeitsmigration hat
    die Sozialstrukturen zerstört", "Die Politik der Regierung zerstört die Wirtschaft". An
    attack verb's active subject that is an abstract common noun (by its suffix: -ung, -ion,
    -heit, -keit, -ismus …) naming no party, person, force, weapon or event (an "Explosion",
    an "Offensive" may destroy) drops the candidate; a group no lexicon knows ("der Mob")
    stays a doer."""
    if not any(c.type == "ASSAULT" and c.kind == "verb" for c in cands):
        return cands
    lex = cue_lexicon()
    out = []
    for c in cands:
        clause = c.clause
        if c.type == "ASSAULT" and c.kind == "verb" and not clause.passive and clause.subj is not None and not clause.shared_subject:
            chunk = s.a.chunks[clause.subj]
            head = s.a.tokens[chunk.head]
            if (chunk.kind == "noun" and head.pos == "NN" and head.lemma.lower().endswith(_ABSTRACT_SUFFIXES) and s.pf.party(chunk.i) is None and _head_class(s, chunk) is None
                    and actor_noun(head.lemma) is None and lex.instrument_mode(head.lemma) is None and lex.noun_entries(head.lemma) is None
                    and not s.pf.mentions_in(chunk.core_start, chunk.core_end)):
                continue
        out.append(c)
    return out


def _drop_refusals_of_events(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """"Japan schließt Waffenlieferungen aus": the record is the negated delivery; the
    refusal itself would restate it (EVENTS.md: a REJECT may be added as optional)."""
    out = []
    for c in cands:
        if c.kind == "verb" and c.type == "REJECT" and c.clause.lemma in _RULE_OUT:
            governed = [o for o in cands if o is not c and o.type not in SPEECH_TYPES and (
                (o.kind == "noun" and o.clause.i == c.clause.i and (s.a.chunk_at(o.cue) is not None and s.a.chunk_at(o.cue).i == c.clause.acc))
                or (o.kind == "verb" and o.clause.parent == c.clause.i and o.clause.kind == "inf"))]
            if governed:
                continue
        out.append(c)
    return out


def _drop_alleged_events(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """"Der Kremlchef warf Kiew vor, die Gespräche zu sabotieren": what an accusation
    charges someone with is its content, no event of its own (the accused may not have done
    it, and the infinitive's doer is the accused, not the subject). Other act types in the
    zu-infinitive or content clause of an allegation verb (mode allege) are dropped."""
    alleging = [c for c in cands if c.kind == "verb" and c.type == "ACCUSE" and c.mode == "allege"]
    if not alleging:
        return cands
    content: set[int] = set()
    for c in alleging:
        content.update(ci for ci in s.own_frame_content(c.clause) if s.a.clauses[ci].kind in ("inf", "sub"))
    return [c for c in cands if c.type in SPEECH_TYPES or c.clause.i not in content]


@lru_cache(maxsize=1)
def _media_homes() -> dict[str, str]:
    """News outlet name → the state it is at home in (``data/media_homes.tsv``)."""
    return {name: row[1] for row in read_tsv("media_homes.tsv") if len(row) > 1 for name in row[0].split("|")}


def _media_actor(cand: Candidate) -> None:
    """A news outlet that acts in its own name, as the subject, speaker or owner of the act
    ("Der ORF weist die Vorwürfe zurück", "Ein Leitartikel der Washington Post forderte …";
    not "WAFA bestätigte das Gespräch", which reports),
    is an actor of its home state, sector MED; one that only reports stays a source (MEDIA),
    and one with no known home stays unnamed as an actor."""
    actor = cand.actor
    if actor is None or actor.code != "MEDIA" or not actor.text or cand.actor_how.split(":")[0] not in ("subj", "shared", "speaker", "light", "gen", "poss"):
        return
    found = media_home(actor.text)
    if found is not None:
        cand.actor = Party(text=actor.text, code=found, codes=[found], sector="MED")


def media_home(text: str) -> str | None:
    """The state a news outlet named in a phrase is at home in (the longest name found), or None."""
    homes = _media_homes()
    words = text.replace("„", " ").replace("“", " ").split()
    for n in range(len(words), 0, -1):  # the longest outlet name in the phrase
        found = next((homes[" ".join(words[i:i + n])] for i in range(len(words) - n + 1) if " ".join(words[i:i + n]) in homes), None)
        if found is not None:
            return found
    return None


def _collective_actor(s: SentenceView, cand: Candidate) -> None:
    """States named together by a region ("**Die baltischen Staaten** wünschen sich mehr
    Nato-Soldaten") act as one: the record goes to the member the article named last, else
    to the first (ANNOTATING: one record for the first-named actor). Coordinated names
    ("Frankreich und Polen fordern") keep a record each."""
    actor = cand.actor
    if actor is None or actor.code is not None or len(set(actor.codes)) < 2:
        return
    members = list(dict.fromkeys(actor.codes))
    named = [p.codes[0] for p in reversed(s.ctx.recent_places) if len(p.codes) == 1 and p.codes[0] in members]
    code = named[0] if named else members[0]
    cand.actor = Party(text=actor.text, code=code, codes=[code], sector=actor.sector or "GOV")


def _drop_restated_nouns(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """A noun that is the object of a verbal cue of the same type restates it
    ("versicherte … **die Solidarität** der USA" is the SUPPORT of "versicherte"), and so
    does the object a verbal cue's row names by lemma, whatever its own type ("legte
    **Beschwerde** ein": the appeal, not also a complaint); one in a
    role that holds what a demand demands, a threat threatens or a concession lifts is no
    act of its own ("forderte die Freilassung", "drohte mit einer Blockade", "die
    Ausgangssperre wurde aufgehoben"; ``data/cues/content_roles.tsv``). A demand whose
    content is a protest ("rief zu Streiks auf") is that protest, not a demand beside it."""
    verbal = {(c.clause.i, c.type) for c in cands if c.kind == "verb"}
    # the object a verbal cue's row names by lemma is part of that reading ("legte
    # **Beschwerde** ein" is an appeal, REJECT, not also a complaint, ACCUSE)
    framed = {
        c.clause.acc
        for c in cands
        if c.kind == "verb" and c.entry is not None and c.clause.acc is not None
        and any(cond.role == "acc" and not cond.negate and (cond.value or "")[:1].isupper() for cond in c.entry.when)
    }
    contents = _content_roles()
    holders = [(c.clause.i, contents[c.type]) for c in cands if c.kind == "verb" and c.type in contents]
    out = []
    for c in cands:
        chunk = s.a.chunk_at(c.cue) if c.kind == "noun" else None
        if chunk is not None and (c.clause.i, c.type) in verbal and (
            c.clause.acc == chunk.i or c.clause.dat == chunk.i or chunk.prep is not None or (chunk.clause == c.clause.i and chunk.i != c.clause.subj)
        ):
            continue  # (a phrase in no role of the clause: "sagten 100 Millionen Dollar **Soforthilfe** zu")
        if chunk is not None and chunk.i in framed and chunk.clause == c.clause.i:
            continue
        if chunk is not None and chunk.clause == c.clause.i and any(
            ci == c.clause.i and c.type not in kept and _in_role(c.clause, chunk, roles) for ci, (roles, kept) in holders
        ):
            continue
        out.append(c)
    # a call to protest is the protest (ANNOTATING: "zu Streiks aufrufen" is PROTEST): the
    # demand whose content is a protest kept as an act of its own makes no record beside it
    called = {(c.clause.i, chunk.i) for c in out if c.kind == "noun" and c.type == "PROTEST" and (chunk := s.a.chunk_at(c.cue)) is not None}
    return [c for c in out if not (c.kind == "verb" and c.type == "REQUEST" and c.type in contents
                                   and any(ci == c.clause.i and _in_role(c.clause, s.a.chunks[k], contents[c.type][0]) for ci, k in called))]


@lru_cache(maxsize=1)
def _content_roles() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Verbal cue type → (the roles that hold its content, the noun types that stay acts there)."""
    return {row[0]: (frozenset(row[1].split("|")), frozenset(row[2].split("|"))) for row in read_tsv("cues/content_roles.tsv") if len(row) > 2}


def _in_role(clause: Clause, chunk: Chunk, roles: frozenset[str]) -> bool:
    """Whether a chunk fills one of the roles (acc, dat, pp:<prep>) of its clause."""
    return ("acc" in roles and clause.acc == chunk.i) or ("dat" in roles and clause.dat == chunk.i) or (
        chunk.prep is not None and f"pp:{chunk.prep}" in roles
    )


def _merge_attack_mentions(s: SentenceView, cands: list[Candidate]) -> list[Candidate]:
    """"Bei einem israelischen Luftangriff wurden 20 Menschen getötet": one attack, whose
    actor and mode the noun names and whose victims the passive verb names."""
    out = list(cands)
    for verb in cands:
        if verb.kind != "verb" or verb.type != "ASSAULT" or verb.actor is not None:
            continue
        noun = next((c for c in out if c.kind == "noun" and c.type == "ASSAULT" and c.clause.i == verb.clause.i and c.actor is not None), None)
        if noun is None:
            continue
        verb.actor, verb.actor_how = noun.actor, noun.actor_how
        verb.mode = verb.mode or noun.mode
        out.remove(noun)
    return out


_OBSERVERS = frozenset({"IGO", "NGO", "MED"})


def _mutual_pair(s: SentenceView, cand: Candidate) -> None:
    """"Beide Seiten unterzeichneten Abkommen", "die beiden Präsidenten vereinbarten …": the
    two parties of the act the article reported just before (within three sentences), the
    first named as the actor, the other as the target (ANNOTATING: a mutual act is one record
    for the first-named actor)."""
    clause = cand.clause
    if clause.subj is None or clause.passive or cand.actor_how not in ("subj", "shared", "none", "light", "governor"):
        return
    chunk = s.a.chunks[clause.subj]
    if any(m.code or m.codes for m in s.pf.mentions_in(chunk.core_start, chunk.core_end)):
        return  # "die beiden koreanischen Staaten": they name themselves
    words = [s.a.tokens[k].text for k in range(chunk.core_start, min(chunk.core_start + 2, chunk.core_end))]
    head = s.a.tokens[chunk.head]
    if not any(grammar().dual(w) for w in words) or not head.is_noun:
        return
    if _head_class(s, chunk) != "side" and actor_noun(head.lemma) is None:
        return  # "beide Anschläge"
    last = s.ctx.last_act(s.ann.index + 1, window=3)
    if last is None:
        return
    _etype, actor, target = last
    if actor is None or not actor.code or target is None:
        return
    others = [c for c in target.all_codes if c and c != actor.code]
    if len(others) != 1:
        return
    cand.actor, cand.actor_how = Party(text=s.a.chunk_text(chunk), code=actor.code, codes=[actor.code], sector=actor.sector), "mutual"
    cand.target, cand.target_how = Party(text=None, codes=others), "mutual"


def _fallback_actor(s: SentenceView, cand: Candidate) -> None:
    """Where the rules found no actor: the nationality of the forces moved ("500 US-Soldaten
    sind … stationiert", "die Zahl der US-Zerstörer … erhöht"), the speaker of an agentless
    passive in his own words ("…, würden zusätzliche Kräfte stationiert, teilte das Weiße
    Haus mit"; reported speech goes on in the next sentences), or the actor of the last event
    of its kind."""
    clause = cand.clause
    if cand.actor is not None and cand.type in _FORCE_TYPES and cand.actor_how in ("subj", "shared"):
        idx = clause.acc if clause.passive else clause.subj
        chunk = s.a.chunks[idx] if idx is not None else None
        if chunk is not None and (_chunk_is(s, chunk, "force") or _chunk_is(s, chunk, "weapon")) and not _named_nationality(s, chunk):
            cand.actor = None  # "400 Soldaten sollen in Litauen ankommen": whose, the context tells
    if cand.actor is not None:
        return
    if cand.type in _FORCE_TYPES:
        for idx in (clause.acc, clause.subj):
            for chunk_idx in (idx, *((_attribute(s, s.a.chunks[idx], a) for a in ("gen", "pp:von")) if idx is not None else ())):
                if chunk_idx is None:
                    continue
                party = s.pf.party(chunk_idx)
                chunk = s.a.chunks[chunk_idx]
                if party is not None and party.code and (_chunk_is(s, chunk, "force") or _chunk_is(s, chunk, "weapon")) and _named_nationality(s, chunk):
                    cand.actor, cand.actor_how = party, "forces"
                    return
    if clause.passive and clause.subj is None:
        speaker = _speaker_of(s, clause)
        if speaker is not None and not (cand.type == "ASSAULT" and speaker.sector in _OBSERVERS):
            # (an international body or an NGO that tells of victims "missbraucht worden"
            # observed the attack; a state or an army that tells of "bombardiert" did it)
            cand.actor, cand.actor_how = speaker, "speaker"
            return
    if cand.type in _FORCE_TYPES:
        recent = s.ctx.recent_actor(cand.type)
        if recent is not None:
            cand.actor, cand.actor_how = recent, "recent"
        elif clause.passive and clause.subj is None and cand.type != "AID":
            # "Polizei und Militär würden um 1.500 Personen verstärkt": the state whose forces
            # they are, where the sentence names none: the state that acted in the sentence
            # just before ("Die ungarische Regierung hat den Krisenzustand verhängt."), else
            # where it happens or the article's (a guess the decision model weighs)
            recent = s.ctx.recent_any(window=1)
            if recent is not None and recent.code and is_state(recent.code):
                cand.actor, cand.actor_how = recent, "recent"
            else:
                cand.actor, cand.actor_how = _state_actor(s, clause), "state:default"
                if cand.type == "MOBILIZE" and cand.mode != "police" and cand.actor is not None and cand.target is not None and cand.actor.code in cand.target.codes:
                    # forces sent where the sentence says are not sent by that place: "Nach Angaben
                    # des Pentagons sollen 3.000 Soldaten in Osteuropa stationiert werden" (the
                    # reporting state's, where a state reports it)
                    source = _source(s, clause, cand.cue)
                    if source is not None and source.code and is_state(source.code) and source.code not in cand.target.codes:
                        cand.actor, cand.actor_how = Party(text=source.text, code=source.code, codes=[source.code], sector="GOV"), "source"
    elif cand.type == "ASSAULT" and clause.passive and clause.subj is None:
        recent = s.ctx.recent_actor("ASSAULT", window=2)  # "… wurden zwei Palästinenser getötet" after the army's raid
        if recent is not None:
            cand.actor, cand.actor_how = recent, "recent"


def _shared_targets(cands: list[Candidate]) -> None:
    """A clause that shares its subject with the one before and names no target of its own
    acts on that clause's target: "Der Kreml kritisierte die Entscheidung der EU scharf
    **und drohte mit Gegenmaßnahmen**" (a threat against the EU, not against Russia)."""
    for cand in cands:
        if not cand.clause.shared_subject or cand.actor is None or not cand.actor.code:
            continue
        if cand.target is not None and cand.target.codes and not cand.target_how.endswith("default"):
            continue
        partner = next((c for c in reversed(cands) if c.clause.i < cand.clause.i and c.actor is not None and c.actor.code == cand.actor.code
                        and c.target is not None and c.target.codes and not c.target_how.endswith(("default", ":thing"))
                        and cand.actor.code not in c.target.codes), None)
        if partner is not None:
            cand.target, cand.target_how = Party(text=None, codes=list(partner.target.codes)), "shared"


def _bare_count(s: SentenceView, clause: Clause) -> Quantity | None:
    """The count of forces a bare number gives ("6.400 von ihnen sollen zurückkehren",
    "1.000 weitere werden verlegt": soldiers, as the forces counted before)."""
    for idx in (clause.subj, clause.acc):
        if idx is None or not _chunk_is(s, s.a.chunks[idx], "force"):
            continue
        chunk = s.a.chunks[idx]
        lo, hi = s.a.tokens[chunk.start].start, s.a.tokens[chunk.end - 1].end
        for q in s.ann.quantities:
            if lo <= q.start < hi and q.value is not None:
                return Quantity(value=int(q.value), qualifier=q.qualifier, unit="soldiers", text=q.text)
    return None


def _named_nationality(s: SentenceView, chunk: Chunk) -> bool:
    """The chunk names its state itself ("US-Soldaten", "russische Truppen"), not by default."""
    return any(m.code for m in s.pf.mentions_in(chunk.core_start, chunk.core_end))


def _speaker_of(s: SentenceView, clause: Clause) -> Party | None:
    """The speaker whose words a clause is: its frame's, or the last one for reported speech."""
    for frame in s.frames_of.get(clause.i, []):
        if frame.kind in ("say", "colon") and frame.speaker is not None:
            party = s.pf.party(frame.speaker)
            # a ministry or army that "teilte mit" reports its own state's act; a medium,
            # an agency or an NGO only reports
            if party is not None and party.code and (not frame.report or (party.sector in ("GOV", "MIL") and party.code not in ("MEDIA", "NGO"))):
                return party
    if clause.mood in ("subj1", "subj2") and not s.frames_of.get(clause.i):
        return s.ctx.carried_speaker(s.ann.index)
    return None


# --------------------------------------------------------------------------- slots


_DOMESTIC_DEFAULT = frozenset({"REQUEST", "REJECT", "ACCUSE", "PROTEST", "SUPPORT", "THREATEN", "CONCEDE", "AGREE", "RETREAT", "COERCE", "SANCTION", "MOBILIZE", "PRESENCE"})


def _people_restricted(s: SentenceView, cand: Candidate) -> None:
    """A restriction whose object is a thing but that names the people it is for or against
    ("schlossen ihre Grenzen **für Migranten**", "die Balkanroute für Flüchtlinge dichtmachen") is
    aimed at those people, who have no stated nationality: codes [] (EVENTS.md), not the state
    whose border it is."""
    if cand.type != "COERCE" or cand.kind != "verb" or (cand.target is not None and cand.target.codes and not cand.target_how.endswith(("default", ":thing"))):
        return
    for chunk in s.a.chunks:
        if chunk.clause != cand.clause.i or chunk.prep not in ("für", "gegen") or chunk.owner is not None:
            continue
        noun = actor_noun(s.a.tokens[chunk.head].lemma) if s.a.tokens[chunk.head].is_noun else None
        if noun is not None and noun[1] == "people":
            cand.target, cand.target_how = Party(text=s.a.chunk_text(chunk), codes=[]), f"pp:{chunk.prep}"
            return


def people_target(target: Party | None, how: str) -> bool:
    """A target the grammar found that is people of no stated nationality ("die Flüchtlinge",
    "Migranten"): a party role with no code, not a thing."""
    return target is not None and target.text is not None and not target.codes and not how.endswith((":thing", "default")) and how != "model"


_JUDGED_TYPES = frozenset({"ACCUSE", "SUPPORT"})


def _content_target(s: SentenceView, cand: Candidate, cands: list[Candidate]) -> None:
    """A criticism or praise of what a clause tells is aimed at whoever does it there: "Die
    EU kritisierte, dass **die Türkei** Journalisten festnimmt", "verurteilte, dass in
    Ungarn Asylwerber in Haft sind" (the arrests are Hungary's). The doer of an event in the
    content clause, else the content clause's subject, when it names a party other than the
    speaker."""
    if cand.type not in _JUDGED_TYPES or cand.kind not in ("verb", "noun") or cand.target is not None or cand.actor is None or not cand.actor.code:
        return
    contents = s.own_frame_content(cand.clause) if cand.kind == "verb" else []
    if not contents:
        # "Die Kommission reichte Klage ein, **weil Deutschland** seine Flughäfen zu selten
        # überwache": the reason given for a charge or praise names whom it is aimed at
        contents = [c.i for c in s.a.clauses if c.parent == cand.clause.i and c.kind == "sub" and c.meaning == "cause"]
    if not contents:
        return
    covered = _with_embedded(s.a, contents)
    for other in cands:
        if other is not cand and other.clause.i in covered and other.actor is not None and other.actor.code and other.actor.code != cand.actor.code:
            cand.target, cand.target_how = Party(text=other.actor.text, codes=[other.actor.code]), "content.actor"
            return
    for ci in sorted(contents):
        subj = s.a.clauses[ci].subj
        party = s.pf.party(subj) if subj is not None else None
        if party is not None and party.code and party.code != cand.actor.code:
            cand.target, cand.target_how = party, "clause.subj"
            return


def _default_target(cand: Candidate, focus: str | None = None) -> None:
    """A speech act or domestic act that names no party it concerns is aimed at the actor's
    own state ("Die Opposition fordert Neuwahlen": Turkish politics, target TUR); so is
    crowd control ("Die Beamten setzten Tränengas ein"), and forces sent or standing where
    the sentence names no place ("Mehr als 400 Polizisten schritten ein": at home)."""
    if cand.target is None and cand.type == "CONSULT" and cand.mode == "multilateral":
        # a summit or conference that names no partner is held with no one in particular
        # ("Der Nato-Gipfel in Madrid begann": where it meets is no party to it)
        cand.target, cand.target_how = Party(text=None, codes=[]), "multilateral"
        return
    domestic = cand.type in _DOMESTIC_DEFAULT or (cand.type == "ASSAULT" and cand.mode == "crowd-control")
    if not domestic or cand.actor is None or not cand.actor.code:
        return
    code = cand.actor.code
    if code == "NGO" and focus and is_state(focus):
        code = focus  # "Caritas und Rotes Kreuz forderten …": the politics of the country they work in
    elif code in ("NGO", "MEDIA", "WEST"):
        return
    if cand.target is None:
        cand.target, cand.target_how = Party(text=None, codes=[code]), "default"
    elif people_target(cand.target, cand.target_how):
        return  # refugees, migrants: people of no stated nationality keep no code (EVENTS.md)
    elif cand.type == "COERCE" and cand.mode == "seize" and cand.target_how.endswith(":thing"):
        return  # "beschlagnahmte 50 Papageien", "stellte Falschgeld sicher": seized goods of no named owner are no party
    elif not cand.target.codes and cand.type not in ("ACCUSE", "SUPPORT"):
        # "fordert Neuwahlen", "verbot drei Vereinigungen", "streitet das ab": the act is
        # aimed at home when what it is about is no party
        cand.target = Party(text=cand.target.text, codes=[code])
        cand.target_how = cand.target_how + ":default"


def _fill_slots(s: SentenceView, cand: Candidate) -> None:
    a, ann = s.a, s.ann
    clause = cand.clause
    nominal = cand.kind == "noun"
    flags = cand.entry.flags if cand.entry is not None else frozenset()
    demanded = nominal and clause.lemma is not None and any(e.type == "REQUEST" for e in cue_lexicon().verb_entries(clause.lemma, clause.reflexive))
    reported = bool(s.frames_of.get(clause.i)) or (clause.mood in ("subj1", "subj2") and s.ctx.carried_speaker(s.ann.index) is not None)
    chunk = a.chunk_at(cand.cue) if nominal else None
    if chunk is not None and grammar().adjuncts.get(chunk.prep) not in (None, "before"):
        # "Angesichts eines Aufmarschs von 100.000 Soldaten wird befürchtet, …": the reason
        # or time of the clause is a fact, whatever the clause's verb does to its objects
        cand.factuality = "asserted"
    elif chunk is not None and chunk.i == clause.subj and clause.lemma in grammar().copulas:
        # "Die Stationierung russischer Truppen könnte Teil des Plans sein": what is said of
        # the subject may be uncertain, the subject is not
        cand.factuality = "asserted"
    elif chunk is not None and chunk.i == clause.subj:
        # "Die Terrorwelle hat 129 Tote gefordert": the subject is not what the verb demands
        # or fears; it is as real as the clause
        cand.factuality = factuality_of(a, clause, nominal=False, negative_cue="negative" in flags, demanded=False, reported=reported)
    else:
        cand.factuality = factuality_of(a, clause, nominal=nominal, negative_cue="negative" in flags, demanded=demanded, reported=reported)
    if "negated" in flags and cand.factuality == "asserted":
        cand.factuality = "negated"  # "sprach ihn frei": the conviction did not happen
    cand.status = status_of(a, clause, cand.type, flags=flags, nominal=nominal, factuality=cand.factuality, reported=reported)
    cand.posture = posture_of(a, cand.type)
    cue_char = a.tokens[cand.cue].start
    lo = a.tokens[clause.first].start
    hi = a.tokens[clause.last].end
    cand.quantity = quantity_of(ann, cand.type, lo, hi, cue_char)
    if cand.quantity is None and cand.type in _DESTINATION_TYPES:
        cand.quantity = _bare_count(s, clause)
    cand.date = date_of(ann, cue_char, s.ctx.doc_date)
    cand.source = _source(s, clause, cand.cue)
    cand.location = _place(s, clause)
    if cand.type in ("MOBILIZE", "RETREAT"):
        cand.origin = _origin(s, cand)
    if cand.type == "THREATEN":
        cand.mode = threat_mode(a, cand.cue) or cand.mode
    if cand.type == "ASSAULT" and cand.mode is None:
        cand.mode = _instrument_mode(s, clause)
    if cand.type in ("MOBILIZE", "PRESENCE"):
        cand.mode = _force_mode(s, clause, cand) or cand.mode or "troops"
    if cand.type == "AID" and cand.mode is None:
        cand.mode = _aid_mode(s, clause)


def _force_mode(s: SentenceView, clause: Clause, cand: Candidate | None = None) -> str | None:
    """troops when the act moves forces, weapons when it moves materiel only (the mover —
    "die Bundeswehr verlegt Eurofighter" — does not count)."""
    lex = cue_lexicon()
    found: list[tuple[str, str | None]] = []
    moved: list[Chunk] = []
    if cand is not None and cand.kind == "noun":
        noun = s.a.chunk_at(cand.cue)
        if noun is not None:
            moved = [noun] + [s.a.chunks[i] for i in (_attribute(s, noun, "gen"), _attribute(s, noun, "pp:von")) if i is not None]
    else:
        obj = clause.acc if clause.acc is not None else clause.subj
        if obj is not None:
            chunk = s.a.chunks[obj]
            moved = [chunk] + [s.a.chunks[i] for i in (_attribute(s, chunk, "gen"),) if i is not None]
    for c in moved or [c for c in s.a.chunks if c.clause == clause.i]:
        for k in range(c.core_start, c.core_end):
            tok = s.a.tokens[k]
            if tok.is_noun:
                cls = lex.noun_class(tok.lemma)
                if cls is not None and cls[0] in ("force", "weapon"):
                    found.append(cls)
    if any(cls[0] == "force" for cls in found):
        return next((cls[1] for cls in found if cls[0] == "force" and cls[1] in ("troops", "police", "militia")), "troops")
    if found:
        return "weapons"
    return None


def _origin(s: SentenceView, cand: Candidate) -> Party | None:
    """Where forces come from: "aus Deutschland nach Polen", "1.000 bereits in Deutschland stationierte US-Soldaten"."""
    target = set(cand.target.codes) if cand.target is not None else set()
    for c in s.a.chunks:
        if c.clause == cand.clause.i and c.prep in ("aus", "von") and not c.post:
            for m in s.pf.places_in(c.i):
                codes = [x for x in (m.codes or [m.code]) if x and x not in target]
                if codes:
                    return Party(text=s.a.chunk_text(c), codes=codes)
    for idx in (cand.clause.acc, cand.clause.subj):
        if idx is None:
            continue
        chunk = s.a.chunks[idx]
        for m in s.pf.mentions_in(chunk.core_start, chunk.core_end):
            if m.kind in ("country", "capital", "city", "region") and s.pf.in_attribute(chunk.core_start, chunk.core_end, m):
                codes = [x for x in (m.codes or [m.code]) if x and x not in target]
                if codes:
                    return Party(text=m.text, codes=codes)
    return None


def _aid_mode(s: SentenceView, clause: Clause) -> str | None:
    """Weapons make aid military; else an adjective ("humanitäre Hilfe"); else the aid noun's mode."""
    lex = cue_lexicon()
    words = modality_words()
    chunks = [c for c in s.a.chunks if c.clause == clause.i]
    heads = [s.a.tokens[k].lemma for c in chunks for k in range(c.core_start, c.core_end) if s.a.tokens[k].is_noun]
    if any((cls := lex.noun_class(h)) is not None and cls[0] == "weapon" for h in heads):
        return "military"
    texts = {s.a.tokens[t].text.lower() for t in clause.tokens}
    for mode in ("humanitarian", "military", "economic"):
        if texts & words.get(f"aid_{mode}", frozenset()):
            return mode
    for h in heads:
        cls = lex.noun_class(h)
        if cls is not None and cls[0] == "aid" and cls[1]:
            return cls[1]
    return None


def _instrument_mode(s: SentenceView, clause: Clause) -> str | None:
    """The attack mode from an instrument in the clause ("mit Drohnen", "durch Schüsse")."""
    lex = cue_lexicon()
    for c in s.a.chunks:
        if c.clause == clause.i and c.prep in ("mit", "durch", "bei", None):
            mode = lex.instrument_mode(s.a.tokens[c.head].lemma)
            if mode:
                return mode
    return None
