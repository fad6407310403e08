"""Decide which event candidates a sentence states, and who acts on whom.

Candidates come from rules, generously (``extract.candidates``). Three small logistic
models, trained on hand-annotated articles by ``scripts/train_decide.py`` and shipped as
``data/models/decide.json`` (a few hundred kilobytes of weights), then decide:

1. **event**: does the sentence state an event of the candidate's type at this cue?
   (cue, clause, mood, negation, position, attribution …);
2. **actor**: which of the candidate's actor options (``extract.options``: every party of
   the sentence, the speaker, the last actor of the kind, no one) acts — by its
   grammatical relation to the cue, its kind and its context, the rules' choice a feature
   among the others;
3. **target**: which option is the target, given the actor.

Without the model file the rules alone decide (``rule_ok`` and the rules' parties).
``features`` is shared by training and run time, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..analyse.grammar import grammar
from ..analyse.model import Analysis
from ..model import Party
from ..recognize.annotate import Annotated
from .candidates import SPEECH_TYPES, Candidate, media_home, people_target
from .options import Option, actor_options, target_options
from .slots import modality_words

__all__ = ["decide", "rule_ok", "basic_ok", "features", "rule_actor_kept", "rule_target_kept", "victims", "Model", "Models", "models", "HOME_TARGET", "home_target"]

_ACTORLESS_OK = frozenset({"ASSAULT"})
_DESTINATION_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE"})
_FORCE_AT_PLACE = frozenset({"MOBILIZE", "PRESENCE"})
HOME_TARGET = "model:home"  # a deployment's or presence's target taken at home for want of a place named


def home_target(cand: Candidate) -> bool:
    """A deployment or presence aimed at its actor's own state only because its sentence names
    no place ("Russland verlegt Truppen an die Grenze"): a weak target that another mention of
    the event, naming the place, replaces when the document's mentions are fused."""
    return (cand.type in _FORCE_AT_PLACE and cand.target is not None and cand.actor is not None
            and cand.target_how in (HOME_TARGET, "default") and list(cand.target.codes) == [cand.actor.code])


def _names_place(option: Option) -> bool:
    """An option that is a place: a state, region or city mention, or the clause's place."""
    f = option.feats
    return bool(f.get("place") or f.get("mention=country") or f.get("mention=city") or f.get("mention=capital") or f.get("mention=region"))


def basic_ok(cand: Candidate) -> bool:
    """What any candidate must meet before a model looks at it."""
    return not (cand.actor is not None and cand.actor.code == "MEDIA")


def rule_ok(cand: Candidate) -> bool:
    """The hard conditions of the rules-only decision."""
    flags = cand.entry.flags if cand.entry is not None else frozenset()
    if not basic_ok(cand):
        return False  # a medium reports; it is a source, not an actor
    if cand.actor is None or (cand.actor.code is None and cand.type in _ACTORLESS_OK):
        if cand.type not in _ACTORLESS_OK or not (cand.clause.passive or cand.kind == "noun" or cand.actor is not None):
            return False
        # an attack by no one named needs a victim or a toll to be an event
        return bool(cand.target is not None and cand.target.codes) or (cand.quantity is not None and cand.quantity.unit in ("killed", "injured"))
    if cand.kind == "noun" and cand.type in SPEECH_TYPES and cand.target is None and cand.actor_how not in ("light", "governor"):
        return False
    if "weak" in flags and (cand.target is None or not cand.target.codes):
        return False
    if cand.target is None and cand.type not in _ACTORLESS_OK:
        return False  # an act aimed at no one and at no place the sentence names
    return True


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def features(cand: Candidate, a: Analysis, ann: Annotated, candidates: list[Candidate], focus: str | None) -> dict[str, float]:
    """The event features of a candidate (names → values)."""
    f: dict[str, float] = {}
    t = cand.type
    clause = cand.clause
    cue = a.tokens[cand.cue]
    flags = cand.entry.flags if cand.entry is not None else frozenset()

    def on(name: str, value: float = 1.0) -> None:
        f[name] = value

    on("bias")
    on(f"type={t}")
    on(f"kind={cand.kind}")
    on(f"type×kind={t}×{cand.kind}")
    on(f"cue={t}:{cue.lemma.lower()}")
    if cand.ground is not None:
        on(f"ground={cand.ground}")
    for flag in flags:
        on(f"flag={flag}")
    on(f"clause={clause.kind}")
    on(f"type×clause={t}×{clause.kind}")
    if clause.meaning:
        on(f"meaning={clause.meaning}")
    on(f"mood={clause.mood}")
    on(f"type×mood={t}×{clause.mood}")
    if clause.modal:
        on(f"modal={clause.modal}")
        on(f"type×modal={t}×{clause.modal}")
    for name in ("negated", "passive", "past", "perfect", "future"):
        if getattr(clause, name):
            on(f"clause.{name}")
            on(f"type×clause.{name}={t}")
    on(f"actor_how={cand.actor_how}")
    on(f"type×actor_how={t}×{cand.actor_how}")
    target_how = cand.target_how.split(":")[0]
    on(f"target_how={target_how}")
    on(f"type×target_how={t}×{target_how}")
    if cand.target_how.endswith(":thing"):
        on("target_thing")
    actor_code = cand.actor.code if cand.actor is not None else None
    if cand.actor is None:
        on("actor=none")
    elif actor_code is None:
        on("actor=nocode")
    else:
        on(f"actor_sector={cand.actor.sector}")  # (not whether it is the home country: the training articles are mostly domestic news)
        on(f"type×actor_sector={t}×{cand.actor.sector}")  # a private person's phone call is no consultation
    if cand.target is not None and cand.target.codes:
        on("target=codes")
        if actor_code is not None and actor_code in cand.target.codes:
            on("target=actor")
            on(f"type×target=actor={t}")
    if cand.source is not None:
        on("source")
        if cand.source.code == "MEDIA":
            on("source=media")
        if cand.actor is not None and cand.source.code == actor_code:
            on("source=actor")
    on(f"factuality={cand.factuality}")
    if ann.sentence.heading:
        on("heading")
    on(f"sentence={_bucket(ann.body_index, (0, 1, 2, 5))}")  # (the place in the body: a headline or subtitle before it does not count)
    on(f"candidates={_bucket(len(candidates), (1, 2, 4))}")
    same = sum(1 for c in candidates if c is not cand and c.type == t)
    if same:
        on("same_type_elsewhere")
    if cand.kind == "noun":
        chunk = a.chunk_at(cand.cue)
        if chunk is not None:
            first = a.tokens[chunk.core_start].text.lower()
            kind = grammar().det_kind.get(first)
            det = "def" if kind == "definite" else "indef" if kind == "indefinite" else "none"
            on(f"noun_det={det}")
            on(f"noun_prep={chunk.prep or '-'}")
            on(f"type×noun_prep={t}×{chunk.prep or '-'}")
            if clause.acc == chunk.i:
                on("noun_is_object")
            if clause.subj == chunk.i:
                on("noun_is_subject")
            if clause.lemma and chunk.owner is None:
                on(f"governor={clause.lemma}")  # "übte Kritik", "wies die Kritik zurück", "stieß auf Kritik"
                on(f"type×governor={t}×{clause.lemma}")
    if cand.quantity is not None and cand.quantity.value is not None:
        on("quantity")
    lemmas = {a.tokens[k].lemma.lower() for k in clause.tokens}
    if lemmas & modality_words().get("cumulative", frozenset()):
        on("cumulative")
        on(f"type×cumulative={t}")
    if not rule_ok(cand):
        on("rules_reject")
    return f


class Model:
    """A logistic model: weights by feature name, and a decision threshold."""

    def __init__(self, weights: dict[str, float], threshold: float = 0.5) -> None:
        self.weights = weights
        self.threshold = threshold

    def score(self, feats: dict[str, float]) -> float:
        """The linear score (log-odds)."""
        return sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def probability(self, feats: dict[str, float]) -> float:
        """P(positive) for the features."""
        z = self.score(feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class Models:
    """The three decision models."""

    event: Model
    actor: Model
    target: Model


@lru_cache(maxsize=1)
def models() -> Models | None:
    """The shipped models, or None when no model file is present."""
    path = resources.files("lagebild.data").joinpath("models/decide.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))

    def load(part: dict) -> Model:
        return Model({k: float(v) for k, v in part["weights"].items()}, float(part.get("threshold", 0.5)))

    return Models(event=load(data["event"]), actor=load(data["actor"]), target=load(data["target"]))


def best(options: list[Option], model: Model) -> Option:
    """The option the model scores highest (the first on ties: the rules' order)."""
    return max(options, key=lambda o: model.score(o.feats))


def decide(candidates: list[Candidate], a: Analysis, ann: Annotated, focus: str | None) -> list[Candidate]:
    """The candidates the sentence states, with their actor and target decided.

    candidates (list[Candidate]): all candidates of the sentence.
    a (Analysis): its linguistic layer. ann (Annotated): its recognised spans.
    focus (str | None): the article's home country.
    RETURNS (list[Candidate]): the kept candidates, each with its ``score``, and the force
        mentions with a number just below the threshold, marked ``support``.
    """
    m = models()
    if m is None:
        return [c for c in candidates if rule_ok(c)]
    kept = []
    rejecting = {c.clause.i for c in candidates if c.kind == "verb" and c.type == "REJECT"}
    for cand in candidates:
        if not basic_ok(cand) or cand.view is None:
            continue
        if cand.kind == "noun" and cand.type in SPEECH_TYPES and cand.factuality == "negated" and cand.clause.i in rejecting:
            continue  # "wies die Vorwürfe zurück": the accusation rejected is someone else's, told before
        cand.features = features(cand, a, ann, candidates, focus)
        cand.score = m.event.probability(cand.features)
        cand.support = cand.score < m.event.threshold and not _clear_frame(cand, m.event.threshold)
        if cand.support and not _may_support(cand, m.event.threshold):
            continue
        if not rule_actor_kept(cand):
            actor = best(actor_options(cand.view, cand, victims(cand)), m.actor).party
            if actor is not None and actor.text is None and cand.type in _ACTORLESS_OK and cand.clause.passive and cand.kind == "verb":
                actor = Party(code=None)  # "wurden getötet" and no doer in the sentence: unknown (ANNOTATING: null), not the article's country
            if actor is None or (actor.code is None and cand.type not in _ACTORLESS_OK):
                continue
            cand.actor, cand.actor_how = actor, "model"
        if not rule_target_kept(cand) or _own_phrase(cand) or _own_state_not_at_home(cand):
            options = target_options(cand.view, cand, cand.actor)
            if cand.actor is not None and _not_at_home(cand.actor) and any(not o.feats.get("actor_code") for o in options):
                # "Kritik kam von den Vereinten Nationen, den USA und mehreren EU-Staaten": several
                # states and bodies act together, none of them on its own state at home; nor
                # does a body with no home politics ("Die UN warnten vor Alleingängen")
                options = [o for o in options if not o.feats.get("actor_code")]
            forced = False
            if cand.type in _DESTINATION_TYPES:
                # forces go to, leave or stand at places, or, where the sentence names none, serve
                # at home (the actor's own state: "Mehr als 400 Polizisten schritten ein")
                places = any(o.party is not None and o.party.codes and _names_place(o) for o in options)
                options = [o for o in options if o.party is None or not o.party.codes or _names_place(o) or (o.feats.get("actor_code") and not places)]
                forced = cand.type in _FORCE_AT_PLACE and any(o.party is not None and o.party.codes for o in options)
                if forced:
                    # forces are always somewhere: sent or standing at a place, else at home
                    # (the annotators never leave a deployment's or presence's target empty)
                    options = [o for o in options if o.party is not None and o.party.codes]
            chosen = best(options, m.target)
            target = chosen.party
            cand.target, cand.target_how = (target if target is not None else Party(text=None, codes=[])), "model"
            if forced and not _names_place(chosen):
                cand.target_how = HOME_TARGET  # at home for want of a place: another mention of the event may name it
        if cand.target is not None and "MEDIA" in cand.target.codes:
            if cand.type == "CONSULT":
                continue  # "im Gespräch mit dem STANDARD": an interview, no consultation
            cand.target = _media_target(cand)
        kept.append(cand)
    return kept


def _media_target(cand: Candidate) -> Party:
    """A news outlet or its journalists as the target ("die Kronen Zeitung wurde gerügt",
    "das Urteil gegen drei Journalisten des Senders"): the outlet's home state where it is
    known, else the actor's own (domestic media); never the source code MEDIA (the annotators
    aim no record at it)."""
    target = cand.target
    home = media_home(target.text) if target is not None and target.text else None
    if home is None and cand.actor is not None and cand.actor.code and cand.actor.code not in ("MEDIA", "NGO"):
        home = cand.actor.code
    return Party(text=target.text if target is not None else None, codes=[home] if home else [])


def _not_at_home(actor: Party) -> bool:
    """An actor whose own code is no target of its acts: several states or bodies together,
    or an international body or NGO other than the EU (the training gold aims 0 of 49 such
    records at the actor's own code; the EU's internal politics are its own: 19 of 92)."""
    if len(set(actor.all_codes)) > 1:
        return True
    return actor.sector in ("IGO", "NGO") and actor.code not in (None, "EU")


def _own_state_not_at_home(cand: Candidate) -> bool:
    """The rules aimed an act of an actor with no home politics at its own code ("Die
    Vereinten Nationen schlagen vor, dass die UNO …"): the model chooses among the others."""
    a, t = cand.actor, cand.target
    return a is not None and t is not None and a.code is not None and list(t.codes) == [a.code] and _not_at_home(a)


def _own_phrase(cand: Candidate) -> bool:
    """Whether the rules read the actor's own phrase as the target too ("Die Volkshilfe rief
    dazu auf, ihre Petition zu unterzeichnen": the subject of the content clause is the
    caller's): a party does not act on itself, so the model chooses among the others."""
    a, t = cand.actor, cand.target
    return a is not None and t is not None and a.text is not None and a.text == t.text


_SUPPORT_TYPES = frozenset({"MOBILIZE", "RETREAT", "PRESENCE", "AID"})
_CLEAR_MARGIN = 0.12
_NOT_STATES = frozenset({"NGO", "MEDIA", "WEST", "EUROPE"})


def _clear_frame(cand: Candidate, threshold: float) -> bool:
    """A cue whose lexicon frame names both parties, each a state or an international body
    and not the same, states an act between them: "Südkorea und die USA haben ein gemeinsames
    Manöver begonnen", "Ungarn gab im Streit mit der EU nach". Such a reading is kept a little
    below the threshold: the model learns its doubts mostly from domestic politics, where
    frames are vaguer and one state is both sides."""
    if cand.score < threshold - _CLEAR_MARGIN or cand.entry is None or "weak" in cand.entry.flags:
        return False
    if not (rule_actor_kept(cand) and rule_target_kept(cand)):
        return False
    actor = cand.actor.code if cand.actor else None
    targets = set(cand.target.codes) if cand.target else set()
    if actor is None or not targets or actor in targets or actor in _NOT_STATES or targets & _NOT_STATES:
        return False
    return cand.factuality == "asserted"


def _may_support(cand: Candidate, threshold: float) -> bool:
    """A force or aid mention below the threshold that states a number ("angesichts eines
    Aufmarschs von mehr als 100.000 Soldaten") may still give a kept record of the same
    event its number; it never becomes a record of its own (``lagebild.fuse``)."""
    return cand.type in _SUPPORT_TYPES and cand.quantity is not None and cand.quantity.value is not None and cand.score >= threshold / 2


# Parties the rules read off the grammar are kept; the models choose where the rules fell
# back on defaults, the context or nothing.
_STRUCTURAL_ACTOR = frozenset({"subj", "shared", "pair", "mutual", "gen", "comp", "adj", "poss", "light", "governor", "pp:von", "pp:durch", "forces", "speaker", "state", "place"})
_STRUCTURAL_TARGET = frozenset({"light-target", "acc", "dat", "gen", "pair", "mutual", "shared", "clause.other", "clause.subj", "content.actor", "acc.gen", "dat.gen", "poss", "place", "echo", "stance"})


def rule_actor_kept(cand: Candidate) -> bool:
    """Whether decide keeps the actor the rules read off the grammar (no model choice)."""
    return _structural(cand.actor, cand.actor_how, _STRUCTURAL_ACTOR)


def rule_target_kept(cand: Candidate) -> bool:
    """Whether decide keeps the target the rules read off the grammar (no model choice); an
    attack condemned whose doer is unknown is aimed at no party."""
    if cand.target is not None and cand.target_how.endswith(".attack"):
        return True
    if cand.target is not None and cand.target_how == "multilateral":
        return True
    return _structural(cand.target, cand.target_how, _STRUCTURAL_TARGET)


def victims(cand: Candidate) -> Party | None:
    """The people (civilians, no party of their own) the rules read as the target: they
    are not also the one who acts on them."""
    t = cand.target
    if t is not None and (t.sector == "CVL" or (t.text and cand.clause.passive) or cand.target_how == "light-target") and rule_target_kept(cand):
        return t  # (and the subject of "geriet unter Kritik" who suffers it)
    return None


def _structural(party: Party | None, how: str, roles: frozenset[str]) -> bool:
    if roles is _STRUCTURAL_TARGET and people_target(party, how):
        return how.split(".")[0].split(":")[0] in roles or how.startswith("pp:")
    if party is None or not (party.code or party.codes):
        return False
    if how.endswith((":thing", ":default", "default", ".focus")):
        return False
    base = how.split(":")[0] if not how.startswith("pp:") else "pp"
    return base in roles or how.startswith("pp:") or how.split(".")[0] in roles or ".".join(how.split(".")[:2]) in roles  # clause.subj.event
