"""The slots of an event record besides its parties: status, factuality, posture, mode,
quantity and date.

Status and factuality are read from the clause of the cue (``analyse.model.Clause``):
negation, modal verb, tense, Konjunktiv, a condition ("wenn", "falls", "Sollte es …"),
and the verb that governs it ("kündigte an, … zu schicken" is announced, "will … schicken"
planned, "sind eingetroffen" arrived). Quantities and dates come from the recognisers
(``recognize.numbers``, ``recognize.dates``), the one nearest the cue in its clause.
Word lists are ``data/modality.tsv`` and ``data/threat_modes.tsv``.
"""

from __future__ import annotations

import re

from functools import lru_cache

from ..analyse.model import Analysis, Clause
from ..model import DateValue, Quantity
from ..recognize import read_tsv
from ..recognize.annotate import Annotated

__all__ = ["modality_words", "status_of", "factuality_of", "posture_of", "quantity_of", "date_of", "threat_mode", "STATUS_TYPES", "POSTURE_TYPES"]

STATUS_TYPES = frozenset({"MOBILIZE", "RETREAT", "AID"})
POSTURE_TYPES = frozenset({"MOBILIZE", "PRESENCE"})
_POSSIBILITY = frozenset({"können", "dürfen"})

_KILLED = re.compile(r"\b(getötet|tot|Tote|starben|gestorben|ums Leben|erschossen|ermordet|hingerichtet|umgebracht)\b")
_INJURED = re.compile(r"\b(verletzt|Verletzte|verwundet|Verwundete)\b")
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

# Types whose count may be people when the count stands in the event's own clause: the
# people an aid effort rescues, shelters or feeds, and police called up (MOBILIZE police).
_PEOPLE_IN_CLAUSE = {"AID", "MOBILIZE"}


@lru_cache(maxsize=1)
def modality_words() -> dict[str, frozenset[str]]:
    """Category → lemmas, from ``data/modality.tsv``."""
    return {row[0]: frozenset(row[1].split()) for row in read_tsv("modality.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def _threat_modes() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((row[0], frozenset(row[1].split())) for row in read_tsv("threat_modes.tsv") if len(row) > 1)


def _lemmas(a: Analysis, clause: Clause | None) -> set[str]:
    toks = clause.tokens if clause is not None else range(len(a.tokens))
    return {a.tokens[t].lemma.lower() for t in toks}


def _ancestors(a: Analysis, clause: Clause) -> list[Clause]:
    out = []
    seen = set()
    c = clause
    while c.parent is not None and c.parent not in seen:
        seen.add(c.parent)
        c = a.clauses[c.parent]
        out.append(c)
    return out


def factuality_of(a: Analysis, clause: Clause, *, nominal: bool, negative_cue: bool, demanded: bool, reported: bool = False) -> str:
    """asserted, negated or hypothetical for a cue in a clause.

    nominal (bool): the cue is a noun (a modal verb in its clause does not make it hypothetical).
    negative_cue (bool): the cue itself denies (REJECT): its negation words are its content.
    demanded (bool): the act is the content of a demand ("forderte den Abzug").
    """
    words = modality_words()
    if clause.negated and not negative_cue:
        return "negated"
    chain = [clause, *_ancestors(a, clause)]
    if clause.kind == "inf" and clause.parent is not None and a.clauses[clause.parent].negated:
        return "negated"  # "hat keine Pläne, Soldaten zu schicken", "haben nicht vor, … zu verlegen"
    if any(c.lemma in words.get("refuse", frozenset()) for c in chain[1:]) or (nominal and clause.lemma in words.get("refuse", frozenset())):
        return "negated"  # "schloss die Entsendung von Bodentruppen aus"
    if demanded or (nominal and clause.lemma in words.get("irrealis", frozenset())):
        return "hypothetical"
    if any(c.meaning == "condition" for c in chain) or any(c.meaning == "condition" and c.parent in {x.i for x in chain} for c in a.clauses):
        return "hypothetical"  # "Falls China …, will Japan Kriegsschiffe schicken"
    if clause.kind == "main" and clause.finite is not None and clause.finite == clause.first and clause.modal == "sollen" and clause.i == 0 and len(a.clauses) > 1:
        return "hypothetical"  # "Sollte es zu Protesten kommen, …"
    refusal = negative_cue and clause.negated  # "kann die Kritik nicht nachvollziehen": no possibility
    achieved = clause.modal == "können" and clause.past and clause.mood == "ind"  # "konnte 73 Menschen retten"
    if not nominal and not refusal and ((clause.modal in _POSSIBILITY and not achieved) or (clause.mood == "subj2" and not (reported and _wuerde(a, clause)))):
        return "hypothetical"  # "könnte Truppen schicken", "würde … angreifen" (but reported "…, würden entsandt")
    if _lemmas(a, clause) & words.get("hypothetical", frozenset()):
        return "hypothetical"
    return "asserted"


def _wuerde(a: Analysis, clause: Clause) -> bool:
    """The finite verb is "würde(n)": in reported speech the future of indirect speech."""
    return clause.finite is not None and a.tokens[clause.finite].text.lower() in ("würde", "würden")


def status_of(a: Analysis, clause: Clause, etype: str, *, flags: frozenset[str], nominal: bool, factuality: str, reported: bool = False) -> str | None:
    """The status of a MOBILIZE, RETREAT or AID event (None for other types)."""
    if etype not in STATUS_TYPES:
        return None
    if factuality == "negated":
        return "denied"
    words = modality_words()
    chain = [clause, *_ancestors(a, clause)]
    lemmas = _lemmas(a, clause)
    governing = {c.lemma for c in chain[1:] if c.lemma} | ({clause.lemma} if nominal and clause.lemma else set())
    if nominal and clause.lemma in words.get("begin", frozenset()):
        return "underway"  # "haben mit dem Abzug begonnen"
    if clause.modal in ("wollen", "sollen") or governing & words.get("plan", frozenset()) or lemmas & {"geplant", "vorgesehen"}:
        return "planned"
    if governing & words.get("announce", frozenset()):
        return "announced"
    if clause.future or (reported and _wuerde(a, clause)):
        return "announced"
    for flag in ("arrived", "underway", "completed", "announced", "planned"):
        if flag in flags and (nominal or flag != "arrived" or clause.past or clause.perfect):
            return flag
    done = clause.past or clause.perfect or (clause.passive and clause.finite is not None and a.tokens[clause.finite].text.lower() in ("wurde", "wurden")) or any(
        a.tokens[t].text.lower() == "worden" for t in clause.verbs
    ) or (clause.kind == "frag" and clause.passive and clause.finite is None)  # a headline's participle: "Sechs Oppositionelle freigelassen"

    if done and not nominal:
        if clause.lemma in words.get("arrive", frozenset()):
            return "arrived"
        return "completed"
    if lemmas & words.get("underway", frozenset()):
        return "underway"
    if nominal:
        if lemmas & words.get("completed", frozenset()):
            return "completed"
        return None
    return "underway"


def posture_of(a: Analysis, etype: str) -> str | None:
    """rotational, permanent or temporary from words of the sentence (MOBILIZE, PRESENCE);
    compounds count ("Rotationsverfahren", "Rotationsbasis"), as does "im Wechsel"."""
    if etype not in POSTURE_TYPES:
        return None
    words = modality_words()
    lemmas = _lemmas(a, None) | {t.text.lower() for t in a.tokens}
    text = a.text.lower()
    for posture in ("rotational", "permanent", "temporary"):
        if lemmas & words.get(posture, frozenset()):
            return posture
        if any(w for w in words.get(posture, frozenset()) if len(w) >= 7 and w in text):
            return posture
    if "im wechsel" in text:
        return "rotational"
    return None


def threat_mode(a: Analysis, start_token: int) -> str | None:
    """The THREATEN mode from what is threatened after the cue ("droht mit Sanktionen")."""
    for tok in a.tokens[start_token:]:
        if not tok.is_noun:
            continue
        low = tok.lemma.lower()
        for mode, heads in _threat_modes():
            if any(low == h or (low.endswith(h) and len(low) - len(h) >= 3) for h in heads):
                return mode
    return None


def quantity_of(ann: Annotated, etype: str, lo: int, hi: int, cue: int) -> Quantity | None:
    """The count that measures an event: a change of a count, else the quantity nearest the
    cue, preferring those inside the clause (character range ``[lo, hi)`` of the sentence)."""
    units = _UNITS.get(etype)
    if not units:
        return None
    for change in ann.changes:
        if change.unit in units and change.delta is not None and lo <= change.start < hi:
            return Quantity(value=int(abs(change.delta)), qualifier=change.qualifier, unit=change.unit, text=change.text)
    clause_text = ann.text[lo:hi]
    toll = None
    if etype == "ASSAULT":
        toll = "injured" if _INJURED.search(clause_text) else "killed" if _KILLED.search(clause_text) else None
    candidates = [
        q for q in ann.quantities
        if q.unit in units
        or (toll and q.unit == "soldiers" and lo <= q.start < hi)  # "680 PKK-Kämpfer getötet"
        or (etype == "PROTEST" and q.unit is None and q.value is not None and lo <= q.start < hi)  # "Rund 2.000 Anhänger demonstrierten"
        or (etype in _PEOPLE_IN_CLAUSE and q.unit == "people" and lo <= q.start < hi)  # "73 Menschen gerettet", "300 Polizisten aufgeboten"
    ]
    if not candidates:
        return None
    q = min(candidates, key=lambda q: 0 if lo <= q.start < hi else abs(q.start - cue) + 1)
    value = int(q.value) if q.value is not None else None
    unit = q.unit
    if toll and unit in ("soldiers", "people") and lo <= q.start < hi:
        unit = toll
    elif etype == "PROTEST" and unit is None:
        unit = "people"
    return Quantity(value=value, qualifier=q.qualifier, unit=unit, text=q.text)


def date_of(ann: Annotated, cue: int, doc_date: str | None) -> DateValue | None:
    """The time expression nearest the cue, else the document date."""
    dates = [d for d in ann.dates if d.value and not d.text.lower().startswith("von ")]
    if dates:
        d = min(dates, key=lambda d: abs(d.start - cue))
        return DateValue(text=d.text, value=d.value)
    if doc_date:
        return DateValue(text=None, value=doc_date)
    return None
