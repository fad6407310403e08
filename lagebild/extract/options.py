"""The parties an event candidate could have: every option, with what ties it to the cue.

The rules of ``extract.candidates`` pick one actor and one target per cue; when they pick
wrong, the right party is usually still in the sentence (a subject of another clause, the
speaker of the frame, a genitive, the country the act happens in) or in the document
context (the last speaker, the last actor of the same kind, the article's country).
This module lists those options for a candidate, each with features that describe its
grammatical relation to the cue (subject, object, agent, prepositional object,
genitive, speaker …), its position, its kind and its context, and whether the rules chose
it. ``extract.decide`` scores them with models trained on annotated articles and keeps
the best, so the learned part decides "which of several candidate parties acts" while the
rules keep proposing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..analyse.grammar import grammar
from ..analyse.model import Analysis, Chunk
from ..model import Party
from .candidates import Candidate, SentenceView
from .lexicon import cue_lexicon
from .slots import modality_words
from .parties import actor_noun

__all__ = ["Option", "actor_options", "target_options"]


@dataclass
class Option:
    """One possible actor or target of a candidate.

    party (Party | None): the party (None: no actor / the empty target).
    feats (dict[str, float]): what relates it to the cue.
    """

    party: Party | None
    feats: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, ...]:
        """What the scorer compares: the code(s)."""
        if self.party is None:
            return ()
        codes = self.party.all_codes
        return tuple(sorted(set(codes))) if codes else ("",) if self.party.code is None else (self.party.code,)


_LOCATIVE = frozenset({"in", "bei", "nahe", "nach", "auf", "an", "vor"})


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def _relations(s: SentenceView, cand: Candidate) -> dict[int, set[str]]:
    """Chunk index → how it relates to the cue (roles of the clause, noun attributes, frames)."""
    a = s.a
    clause = cand.clause
    rel: dict[int, set[str]] = {}

    def add(idx: int | None, label: str) -> None:
        if idx is not None:
            rel.setdefault(idx, set()).add(label)

    if cand.kind in ("verb", "frame"):
        add(clause.subj, "agent" if clause.passive else "subj")
        add(clause.acc, "patient" if clause.passive else "acc")
        add(clause.dat, "dat")
        for base in ("acc", "dat", "subj"):
            idx = getattr(clause, base)
            if idx is not None:
                for attr in ("gen", "pp:von", "pp:für", "pp:gegen", "pp:mit", "pp:zu"):
                    add(s.attribute(a.chunks[idx], attr), f"{base}.{attr}")
                for doer in _relative_doers(a, idx):
                    add(doer, f"{base}.rel")
        for c in a.chunks:
            if c.clause == clause.i and c.prep is not None and not c.post and c.owner is None:
                add(c.i, f"pp:{c.prep}")
        for ci in s.own_frame_content(clause):
            content = a.clauses[ci]
            add(content.subj, "content.subj")
            add(content.acc, "content.acc")
    else:
        noun = a.chunk_at(cand.cue)
        if noun is not None:
            add(s.attribute(noun, "gen"), "gen")
            for c in a.chunks:
                if c.start >= noun.end and c.clause == noun.clause and c.prep is not None and c.start - noun.end <= 4:
                    add(c.i, f"npp:{c.prep}")
            if noun.prep in grammar().adjuncts and noun.clause == clause.i:
                # "nach den Anschlägen in Paris sagte X": the act is the time or the reason of
                # the clause, and its subject is no party of the act but one who responds to it
                add(clause.subj, "adjunct.subj")
            else:
                if clause.acc == noun.i or (noun.prep is not None and noun.clause == clause.i):
                    add(clause.subj, "governor.subj")
                    add(clause.dat, "governor.dat")
                elif clause.subj == noun.i:
                    add(clause.acc, "governor.acc")
                add(clause.subj if clause.subj != noun.i else None, "clause.subj")
    for frame in s.frames_of.get(clause.i, []):
        if frame.speaker is not None:
            add(frame.speaker, "report" if frame.report else "speaker")
    for frame in a.frames:
        if frame.kind == "according" and frame.cue in clause.tokens:
            add(frame.speaker, "according")
    return rel


def _relative_doers(a: Analysis, idx: int) -> list[int]:
    """The subjects (or passive agents) of relative clauses that describe chunk idx: "kritisierte
    die Militärübung, an der **Soldaten aus Südkorea und den USA** teilnehmen", "ein Vorschlag,
    den **die EU-Kommission** veröffentlichte": whose the thing is."""
    out = []
    for chunk in a.chunks:
        if chunk.antecedent != idx:
            continue
        clause = a.clauses[chunk.clause]
        if clause.kind == "rel" and clause.subj is not None and clause.subj != chunk.i:
            out.append(clause.subj)
    return out


def _chunk_feats(s: SentenceView, cand: Candidate, chunk: Chunk, labels: set[str], party: Party, side: str) -> dict[str, float]:
    a = s.a
    f: dict[str, float] = {"bias": 1.0}
    t = cand.type
    for label in labels or {"other"}:
        f[f"rel={label}"] = 1.0
        f[f"rel×type={label}×{t}"] = 1.0
        f[f"rel×kind={label}×{cand.kind}"] = 1.0
    roles = cand.entry.actor if side == "actor" and cand.entry else cand.entry.target if cand.entry else ()
    for rank, role in enumerate(roles):
        base = role.replace("pp:", "npp:") if cand.kind == "noun" and role.startswith("pp:") else role
        if base in labels or role in labels:
            f["entry_role"] = 1.0
            f[f"entry_rank={min(rank, 3)}"] = 1.0
            break
    cue = a.tokens[cand.cue]
    f["before_cue" if chunk.end <= cand.cue else "after_cue"] = 1.0
    f[f"dist={_bucket(abs(chunk.head - cand.cue))}"] = 1.0
    clause = cand.clause
    if chunk.clause == clause.i:
        f["same_clause"] = 1.0
    elif chunk.clause >= 0 and a.clauses[chunk.clause].parent == clause.i:
        f["child_clause"] = 1.0
    elif clause.parent is not None and chunk.clause == clause.parent:
        f["parent_clause"] = 1.0
    else:
        f["other_clause"] = 1.0
    f[f"chunk={chunk.kind}"] = 1.0
    kinds = {m.kind for m in s.pf.mentions_in(chunk.core_start, chunk.core_end)}
    for k in kinds:
        f[f"mention={k}"] = 1.0
    if not kinds:
        f["mention=none"] = 1.0
    f[f"sector={party.sector}"] = 1.0
    if len(chunk.parts) > 1:
        f["coordinated"] = 1.0
    if cue.i in range(chunk.start, chunk.end):
        f["contains_cue"] = 1.0
    return f


def _context_feats(s: SentenceView, party: Party, side: str, cand: Candidate) -> dict[str, float]:
    f: dict[str, float] = {}
    code = party.code or (party.codes[0] if len(party.codes) == 1 else None)
    if code is None:
        return f
    if code == s.ctx.focus:
        f["is_focus"] = 1.0
        f[f"is_focus×type={cand.type}"] = 1.0
    if s.ctx.last_speaker is not None and s.ctx.last_speaker.code == code:
        f["is_last_speaker"] = 1.0
    recent = s.ctx.recent.get(cand.type)
    if recent is not None and recent[1].code == code:
        f["is_recent_actor"] = 1.0
    if len(code) != 3:
        f["not_state"] = 1.0
    return f


def _merge(options: list[Option]) -> list[Option]:
    """One option per code set; their features are united, and the party's words are those
    the rules chose, else those of the phrase closest to the cue in the grammar (not a
    dateline's "Wien" for "Die Grünen … fordern")."""
    out: dict[tuple[str, ...], Option] = {}
    for opt in options:
        old = out.get(opt.key)
        if old is None:
            out[opt.key] = opt
        else:
            if opt.party is not None and opt.party.text and _standing(opt) > _standing(old):
                old.party = opt.party
            for k, v in opt.feats.items():
                old.feats[k] = max(old.feats.get(k, 0.0), v)
    return list(out.values())


def _standing(opt: Option) -> int:
    """How directly an option's words are tied to the cue: the rules' choice 2, a phrase in a
    grammatical relation 1, any other 0."""
    if "rule" in opt.feats:
        return 2
    return 1 if any(k.startswith("rel=") and k != "rel=other" for k in opt.feats) else 0


def actor_options(s: SentenceView, cand: Candidate, victims: Party | None = None) -> list[Option]:
    """Every party that could be the candidate's actor (the rules' choice marked ``rule``);
    the people the rules read as the target (``victims``) are not among them."""
    rel = _relations(s, cand)
    out: list[Option] = []
    passive_deed = cand.clause.passive and cand.kind == "verb" and cand.type not in _SPEECH
    tellers = {f.speaker for f in s.a.frames if f.kind == "say"} if passive_deed else set()
    # the source of an attribution phrase anywhere in the sentence ("wo **nach UNO-Angaben**
    # … getötet wurden", "nach Angaben **der Polizei**"), not one who says "wie X mitteilte"
    attributed = {f.speaker for f in s.a.frames if f.kind == "according" and f.speaker is not None
                  and (s.a.chunks[f.speaker].prep is not None or s.a.chunks[f.speaker].owner is not None)}
    for chunk in s.a.chunks:
        party = s.pf.party(chunk.i)
        if party is None or chunk.kind in ("time", "year") or chunk.prep in ("zufolge", "laut") or chunk.appos is not None:
            continue  # (an apposition is its anchor's party again)
        if "according" in rel.get(chunk.i, ()) or chunk.i in attributed:
            continue  # "Nach Angaben der Kurdenpartei HDP wurden 21 Zivilisten getötet": the source, never the actor
        if victims is not None and victims.text and s.a.chunk_text(chunk) == victims.text:
            continue  # "20 Menschen getötet": the dead did not kill
        if _casualties(s.a.tokens[chunk.head].lemma):
            continue  # "nach den Anschlägen mit 130 Toten", "die Opfer": the harmed did not act
        if chunk.i in tellers:
            continue  # "Opfer seien missbraucht worden, sagte der UN-Hochkommissar": who tells of a deed done did not do it
        if chunk.i == cand.clause.subj and cand.clause.lemma in grammar().patient_subject:
            continue  # "Bei den Kämpfen starben sieben Soldaten": the dead did not fight
        if party.code is None and party.codes:
            continue
        if chunk.prep in _LOCATIVE and s.pf.places_in(chunk.i) and (chunk.kind == "name" or actor_noun(s.a.tokens[chunk.head].lemma) is None):
            continue  # "bei einem Anschlag in Bagdad", "in der Hauptstadt Bagdad": where it happened, not who did it
        if party.code == "MEDIA":
            continue
        if _dateline(s, chunk):
            party = Party(text=None, code=party.code, codes=list(party.codes), sector=party.sector)  # "Wien – …": its state counts, not its words
        for p in _split_actors(party):
            f = _chunk_feats(s, cand, chunk, rel.get(chunk.i, set()), p, "actor")
            f.update(_context_feats(s, p, "actor", cand))
            out.append(Option(p, f))
    agentless = cand.clause.passive and cand.clause.subj is None and cand.kind == "verb"
    told = _told_before(s, cand)
    for how, party in _context_parties(s, cand):
        f = {"bias": 1.0, f"ctx={how}": 1.0, f"ctx×type={how}×{cand.type}": 1.0}
        if agentless:
            f[f"ctx×agentless={how}"] = 1.0  # "Dabei wurden 691 Menschen verletzt": by whom the article said
        if told:
            f[f"ctx×told={how}"] = 1.0  # "bei **den Angriffen**", "nach **dem Anschlag**": an act told before
        f.update(_context_feats(s, party, "actor", cand))
        out.append(Option(party, f))
    none = {"bias": 1.0, "none": 1.0, f"none×type={cand.type}": 1.0}
    if cand.clause.passive:
        none["none×passive"] = 1.0
    out.append(Option(Party(code=None), none))
    if cand.actor is not None:
        for p in _split_actors(cand.actor):
            out.append(Option(p, {"rule": 1.0, f"rule×how={cand.actor_how}": 1.0, f"rule×how×type={cand.actor_how}×{cand.type}": 1.0}))
    return _merge(out)


def target_options(s: SentenceView, cand: Candidate, actor: Party | None) -> list[Option]:
    """Every code set that could be the candidate's target, given its chosen actor; a party
    of the sentence also carries its standing in the article (its country, the last speaker,
    the last actor of the kind), as an actor option does."""
    rel = _relations(s, cand)
    out: list[Option] = []
    actor_code = actor.code if actor is not None else None
    for chunk in s.a.chunks:
        party = s.pf.party(chunk.i)
        if party is None or chunk.kind in ("time", "year") or chunk.prep in ("zufolge", "laut") or chunk.appos is not None:
            continue  # (an apposition is its anchor's party again)
        codes = party.all_codes
        if not codes or "MEDIA" in codes:
            continue
        if actor is not None and actor.text and s.a.chunk_text(chunk) == actor.text:
            continue  # the actor's own phrase is not what it acts on (its state stays an option below)
        p = Party(text=None if _dateline(s, chunk) else s.a.chunk_text(chunk), codes=list(codes))
        f = _chunk_feats(s, cand, chunk, rel.get(chunk.i, set()), party, "target")
        f.update(_context_feats(s, party, "target", cand))
        if actor_code is not None and actor_code in codes:
            f["same_as_actor"] = 1.0
        out.append(Option(p, f))
    if actor_code is not None:
        f = {"bias": 1.0, "actor_code": 1.0, f"actor_code×type={cand.type}": 1.0, "same_as_actor": 1.0}
        if cand.target is not None and not cand.target.codes and cand.target.text:
            f["actor_code×rule_thing"] = 1.0
        out.append(Option(Party(text=None, codes=[actor_code]), f))
    place = s.place(cand.clause)
    if place is not None and place.codes:
        out.append(Option(place, {"bias": 1.0, "place": 1.0, f"place×type={cand.type}": 1.0}))
    if s.ctx.focus and s.ctx.focus != actor_code:
        # the article's country: domestic acts whose other party the sentence leaves implicit
        out.append(Option(Party(text=None, codes=[s.ctx.focus]), {"bias": 1.0, "focus_target": 1.0, f"focus_target×type={cand.type}": 1.0}))
    out.extend(_same_kind_options(s, cand, actor_code))
    out.extend(_reaction_options(s, cand, actor_code))
    out.extend(_rebuttal_options(s, cand))
    out.append(Option(Party(text=None, codes=[]), {"bias": 1.0, "empty": 1.0, f"empty×type={cand.type}": 1.0}))
    if cand.target is not None and not (actor is not None and actor.text and cand.target.text == actor.text):
        f = {"rule": 1.0, f"rule×how={cand.target_how.split(':')[0]}": 1.0, f"rule×how×type={cand.target_how.split(':')[0]}×{cand.type}": 1.0}
        if cand.target_how.endswith("default"):
            f["rule_default"] = 1.0
        if not cand.target.codes and cand.target.text:
            # the rules found a thing, no party, in the target role ("kritisierte die Pläne")
            f["rule_thing"] = 1.0
            f[f"rule_thing×type={cand.type}"] = 1.0
        out.append(Option(Party(text=cand.target.text, codes=list(cand.target.codes)), f))
    merged = _merge(out)
    _relative_feats(merged, actor_code, s.ctx.focus)
    return merged


def _relative_feats(options: list[Option], actor_code: str | None, focus: str | None) -> None:
    """What an option is against the others: the actor's own state when another party is
    grammatically related to the cue (a foreign actor criticising someone else is rarely
    aimed at home), or when the actor is the article's home country (domestic politics)."""
    related_other = any(
        "same_as_actor" not in o.feats and o.party is not None and o.party.codes and any(k.startswith("rel=") and k != "rel=other" for k in o.feats)
        for o in options
    )
    home = actor_code is not None and actor_code == focus
    for o in options:
        for name, on in (("same_as_actor", "same_as_actor" in o.feats), ("empty", "empty" in o.feats)):
            if not on:
                continue
            o.feats[f"{name}×other_related"] = float(related_other)
            o.feats[f"{name}×actor_home"] = float(home)


_SPEECH = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN", "CONSULT", "AGREE"})


def _reaction_options(s: SentenceView, cand: Candidate, actor_code: str | None) -> list[Option]:
    """Targets from the act the article reported last: a reaction to it ("verurteilte den
    Vorfall", "Kritik kam von …") is aimed at whoever did it, or at whom it was done to."""
    last = s.ctx.last_act(s.ann.index, exclude=_SPEECH)
    if last is None:
        return []
    etype, actor, target = last
    how = cand.target_how.split(":")[0] if cand.target is not None else "none"
    thing = _target_is_thing(cand)
    out = []
    for name, party in (("last_act_actor", actor), ("last_act_target", target)):
        codes = party.all_codes if party is not None else []
        codes = [c for c in codes if c and c != actor_code]
        if not codes:
            continue
        f = {"bias": 1.0, name: 1.0, f"{name}×type={cand.type}": 1.0, f"{name}×last={etype}": 1.0}
        if thing:
            f[f"{name}×thing"] = 1.0
            f[f"{name}×thing×how={how}"] = 1.0
        out.append(Option(Party(text=None, codes=codes), f))
    return out


def _same_kind_options(s: SentenceView, cand: Candidate, actor_code: str | None) -> list[Option]:
    """The target of the last act of the same type: a later sentence on the same event
    ("Der Rahmen für das dritte Hilfspaket steht") need not name whom it is for again."""
    for sentence, etype, _actor, target in reversed(s.ctx.acts):
        if s.ann.index - sentence > 6:
            break
        if sentence >= s.ann.index or etype != cand.type or target is None:
            continue
        codes = [c for c in target.all_codes if c]
        if not codes:
            return []
        f = {"bias": 1.0, "same_kind_target": 1.0, f"same_kind_target×type={cand.type}": 1.0}
        if _target_is_thing(cand):
            f["same_kind_target×thing"] = 1.0
        return [Option(Party(text=None, codes=codes), f)]
    return []


def _target_is_thing(cand: Candidate) -> bool:
    """The rules found no party as the target: none, a thing, or only a default."""
    return cand.target is None or not cand.target.codes or cand.target_how.endswith((":thing", "default"))


_CLAIMS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT"})


def _rebuttal_options(s: SentenceView, cand: Candidate) -> list[Option]:
    """For a rejection or counter-accusation: who made the last claim ("wies die Vorwürfe
    zurück", "Die frühere Sowjetrepublik wies dies zurück")."""
    if cand.type not in ("REJECT", "ACCUSE"):
        return []
    for sentence, etype, actor, _target in reversed(s.ctx.acts):
        if s.ann.index - sentence > 6:
            break  # the acts are in sentence order: all the rest are earlier still
        if sentence >= s.ann.index:
            continue
        if etype in _CLAIMS and actor is not None and actor.code and actor.code != (cand.actor.code if cand.actor else None):
            thing = _target_is_thing(cand)
            f = {"bias": 1.0, "last_claimant": 1.0, f"last_claimant×type={cand.type}": 1.0, f"last_claimant×claim={etype}": 1.0}
            if thing:
                f["last_claimant×thing"] = 1.0
            return [Option(Party(text=None, codes=[actor.code]), f)]
    return []


def _dateline(s: SentenceView, chunk: Chunk) -> bool:
    """A chunk of the verbless fragment before a dash that opens the sentence: its
    dateline ("**Wien** – Die Grünen …"), which says where the report comes from."""
    a = s.a
    if chunk.clause < 0:
        return False
    clause = a.clauses[chunk.clause]
    if clause.kind != "frag" or not clause.tokens or clause.tokens[0] != 0:
        return False
    nxt = clause.tokens[-1] + 1  # "Bratislava/Wien – …": the fragment runs up to the dash
    return nxt < len(a.tokens) and a.tokens[nxt].text in ("–", "—", "-")


def _split_actors(party: Party) -> list[Party]:
    """A coordinated party acts once per state ("Frankreich und Polen")."""
    codes = list(dict.fromkeys(party.codes)) if len(set(party.codes)) > 1 else [party.code]
    return [Party(text=party.text, code=c, codes=[c] if c else [], sector=party.sector) for c in codes]


@lru_cache(maxsize=1)
def _casualty_endings() -> tuple[str, ...]:
    return tuple(w.lower() for w in modality_words().get("casualty", ()))


def _casualties(lemma: str) -> bool:
    """A noun for those harmed (modality.tsv ``casualty``, by compound head): Tote, Todesopfer."""
    return lemma.lower().endswith(_casualty_endings())


def _told_before(s: SentenceView, cand: Candidate) -> bool:
    """The sentence refers back to an act of the candidate's type with a definite or
    demonstrative noun ("bei den Angriffen", "nach dem Anschlag", "dieser Einsatz"): the act
    the article told before, whose actor it named there."""
    g = grammar()
    lex = cue_lexicon()
    for chunk in s.a.chunks:
        if chunk.kind != "noun" or chunk.core_start >= chunk.head or not g.definite(s.a.tokens[chunk.core_start].text):
            continue
        found = lex.noun_entries(s.a.tokens[chunk.head].lemma)
        if found is not None and any(e.type == cand.type for e in found[1]):
            return True
    return False


def _context_parties(s: SentenceView, cand: Candidate) -> list[tuple[str, Party]]:
    """Parties from outside the sentence: the last speaker, the last actor of this kind, the article's country."""
    out: list[tuple[str, Party]] = []
    speaker = s.ctx.carried_speaker(s.ann.index)
    if speaker is not None and speaker.code:
        out.append(("last_speaker", Party(text=speaker.text, code=speaker.code, codes=[speaker.code], sector=speaker.sector)))
    recent = s.ctx.recent_actor(cand.type, window=6)
    if recent is not None and recent.code:
        out.append(("recent", Party(text=recent.text, code=recent.code, codes=[recent.code], sector=recent.sector)))
    if s.ctx.focus:
        out.append(("focus", Party(text=None, code=s.ctx.focus, codes=[s.ctx.focus], sector="GOV")))
    return out
