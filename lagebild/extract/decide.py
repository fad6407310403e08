"""Decide which event candidates a sentence states.

Candidates come from rules, generously (``extract.candidates``); whether a sentence
*states* the event, and whether the rules found the party that acts, is decided here:

1. hard rules every kept candidate meets (a party that acts, unless an attack's
   perpetrator is unnamed; a speech act named by a noun needs someone it concerns);
2. a logistic model over the candidate's features (cue, clause, parties, attribution,
   position), trained on hand-annotated articles by ``scripts/train_decide.py`` and shipped
   as ``data/models/decide.json`` (a few kilobytes of weights). Without the file, the
   hard rules alone decide.

``features`` is shared by training and run time, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from ..analyse.model import Analysis
from ..recognize.annotate import Annotated
from .candidates import SPEECH_TYPES, Candidate

__all__ = ["decide", "rule_ok", "features", "Model", "model"]

_ACTORLESS_OK = frozenset({"ASSAULT"})
_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})


def rule_ok(cand: Candidate) -> bool:
    """The hard conditions every kept candidate meets."""
    flags = cand.entry.flags if cand.entry is not None else frozenset()
    if cand.actor is not None and cand.actor.code == "MEDIA":
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
    """The features of a candidate (names → values) for the decision model."""
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
    for flag in flags:
        on(f"flag={flag}")
    on(f"clause={clause.kind}")
    on(f"type×clause={t}×{clause.kind}")
    if clause.meaning:
        on(f"meaning={clause.meaning}")
    on(f"mood={clause.mood}")
    if clause.modal:
        on(f"modal={clause.modal}")
    for name in ("negated", "passive", "past", "perfect", "future"):
        if getattr(clause, name):
            on(f"clause.{name}")
    on(f"actor_how={cand.actor_how}")
    on(f"type×actor_how={t}×{cand.actor_how}")
    on(f"target_how={cand.target_how.split(':')[0]}")
    if cand.target_how.endswith(":thing"):
        on("target_thing")
    actor_code = cand.actor.code if cand.actor is not None else None
    if cand.actor is None:
        on("actor=none")
    elif actor_code is None:
        on("actor=nocode")
    else:
        on(f"actor_sector={cand.actor.sector}")
        if actor_code == focus:
            on("actor=focus")
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
    on(f"sentence={_bucket(ann.index, (0, 1, 2, 5))}")
    on(f"candidates={_bucket(len(candidates), (1, 2, 4))}")
    same = sum(1 for c in candidates if c is not cand and c.type == t)
    if same:
        on("same_type_elsewhere")
    if cand.kind == "noun":
        chunk = a.chunk_at(cand.cue)
        if chunk is not None:
            first = a.tokens[chunk.core_start].text.lower()
            det = "def" if first in _DEFINITE else "indef" if first.startswith(("ein", "kein")) else "none"
            on(f"noun_det={det}")
            on(f"noun_prep={chunk.prep or '-'}")
            on(f"type×noun_prep={t}×{chunk.prep or '-'}")
            if clause.acc == chunk.i:
                on("noun_is_object")
            if clause.subj == chunk.i:
                on("noun_is_subject")
    if cand.quantity is not None and cand.quantity.value is not None:
        on("quantity")
    return f


class Model:
    """A logistic model: weights by feature name, and the decision threshold."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, feats: dict[str, float]) -> float:
        """P(the sentence states the candidate's event as extracted)."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped model, or None when no model file is present."""
    path = resources.files("lagebild.data").joinpath("models/decide.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


def decide(candidates: list[Candidate], a: Analysis, ann: Annotated, focus: str | None) -> list[Candidate]:
    """The candidates the sentence states.

    candidates (list[Candidate]): all candidates of the sentence.
    a (Analysis): its linguistic layer. ann (Annotated): its recognised spans.
    focus (str | None): the article's home country (a feature).
    RETURNS (list[Candidate]): the kept candidates, each with its ``score``.
    """
    m = model()
    kept = []
    for cand in candidates:
        if not rule_ok(cand):
            continue
        if m is not None:
            cand.features = features(cand, a, ann, candidates, focus)
            cand.score = m.probability(cand.features)
            if cand.score < m.threshold:
                continue
        kept.append(cand)
    return kept
