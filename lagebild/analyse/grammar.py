"""German closed-class words the linguistic layer needs, read once from ``data/grammar/``.

Determiners and pronouns with the cases they allow, prepositions with the case they
govern, subordinating and coordinating conjunctions, modal and auxiliary verbs, verbs
that form the perfect with *sein*, control verbs, negation words and subjunctive forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..recognize import read_tsv

__all__ = ["Grammar", "grammar", "ALL_CASES"]

ALL_CASES = frozenset({"nom", "acc", "dat", "gen"})
_EIN_ENDINGS = ("", "e", "en", "em", "er", "es")


@dataclass(frozen=True)
class Grammar:
    """Closed-class German words (all keys lower case)."""

    det_cases: dict[str, frozenset[str]]
    det_number: dict[str, str]
    det_kind: dict[str, str]  # definite, demonstrative, indefinite, quantifier, relative, possessive, pronoun
    possessive_cases: dict[str, frozenset[str]]
    prepositions: dict[str, tuple[str, frozenset[str], str]]
    subordinators: dict[str, str]
    infinitive_conj: dict[str, str]
    coordinators: frozenset[str]
    continuations: frozenset[str]
    modals: frozenset[str]
    copulas: frozenset[str]
    sein_perfect: frozenset[str]
    control_obj: frozenset[str]
    control_subj: frozenset[str]
    patient_subject: frozenset[str]
    negation: frozenset[str]
    subj1: frozenset[str]
    subj2: frozenset[str]
    time_nouns: frozenset[str]
    state_names: frozenset[str] = frozenset()  # one-word names of states and of the capitals that stand for them (countries.tsv)
    state_designators: tuple[str, ...] = ()  # endings of "Republik", "Nato-Mitglied" ... before a state's name
    number_qualifiers: tuple[tuple[str, ...], ...] = ()  # "rund", "mehr als" ... before a number (qualifiers.tsv)
    qualifier_starts: frozenset[str] = frozenset()  # their first words, to look them up only there
    counting_prepositions: tuple[tuple[str, ...], ...] = ()  # "über", "bis zu": before a number a count, no preposition
    inseparable: tuple[str, ...] = ()
    adjuncts: dict[str, str] | None = None  # preposition → meaning of its phrase (grammar/adjuncts.tsv)
    fixed_adverbs: tuple[tuple[str, ...], ...] = ()  # "nach wie vor" … (grammar/fixed_adverbs.tsv), lower case, longest first
    noun_genders: dict[str, str] | None = None  # noun lemma → m, f, n (grammar/noun_genders.tsv)
    degree_adverbs: frozenset[str] = frozenset()  # "sehr", "besonders" … before an adjective in a noun phrase (grammar/degree_adverbs.tsv)
    abbreviation_tags: dict[str, str] | None = None  # "z.B." → ADV … (grammar/abbreviation_tags.tsv)

    def definite(self, word: str) -> bool:
        """Whether a word is a definite article or a demonstrative ("der", "diese")."""
        return self.det_kind.get(word.lower()) in ("definite", "demonstrative")

    def indefinite(self, word: str) -> bool:
        """Whether a word is an indefinite article ("ein", "einer")."""
        return self.det_kind.get(word.lower()) == "indefinite"

    def gender(self, lemma: str) -> str | None:
        """The gender of a noun (m, f, n) by its lemma, or by the longest listed noun it ends
        in: a compound takes its head's gender ("Gewerkschafts**chef**": m); None when unknown."""
        genders = self.noun_genders or {}
        found = genders.get(lemma)
        if found is not None or len(lemma) < 6 or lemma.endswith(("nde", "te", "ene")):
            return found  # (a nominalised participle names a person of either gender: "der/die Vorsitzende")
        for k in range(1, len(lemma) - 2):
            tail = lemma[k:]
            if tail[0] == "-":
                continue
            found = genders.get(tail[0].upper() + tail[1:])
            if found is not None:
                return found
        return None

    def dual(self, word: str) -> bool:
        """Whether a word is "beide" in any form ("beide Seiten", "die beiden Länder")."""
        return self.det_kind.get(word.lower()) == "dual"

    def cases_of(self, word: str, pos: str | None = None) -> frozenset[str] | None:
        """The cases a determiner or pronoun allows, or None for other words; a possessive
        determiner (``pos`` PPOSAT) by the ein-endings ("ihr Kontingent": nom/acc, not the
        dative of the pronoun "ihr")."""
        if pos == "PPOSAT" and word.lower() in self.possessive_cases:
            return self.possessive_cases[word.lower()]
        return self.det_cases.get(word.lower()) if word not in ("Ihr",) else frozenset({"nom"})

    def number_of(self, word: str) -> str | None:
        """sg, pl, any, or person+number (3sg, 1pl ...) of a determiner or pronoun."""
        return self.det_number.get(word.lower())


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Load the grammar word lists once per process."""
    det_cases: dict[str, frozenset[str]] = {}
    det_number: dict[str, str] = {}
    det_kind: dict[str, str] = {}
    possessive_stems: list[str] = []
    for form, cases, number, kind in read_tsv("grammar/determiners.tsv"):
        if form == "@possessive":
            possessive_stems = cases.split(",")
            continue
        det_cases[form.lower()] = frozenset(cases.split(","))
        det_number[form.lower()] = number
        det_kind.setdefault(form.lower(), kind)
    possessive_cases: dict[str, frozenset[str]] = {}
    for stem in possessive_stems:
        for ending in _EIN_ENDINGS:
            model = "ein" + ending
            form = stem + ending
            if stem == "euer" and ending:
                form = "eur" + ending
            if model in det_cases:
                possessive_cases[form] = det_cases[model]
            det_kind.setdefault(form, "possessive")
            if model in det_cases and form not in det_cases:
                det_cases[form] = det_cases[model]
                det_number[form] = "any" if ending in ("e", "en", "er") else det_number[model]
    preps: dict[str, tuple[str, frozenset[str], str]] = {}
    for form, lemma, cases, kind in read_tsv("grammar/prepositions.tsv"):
        preps.setdefault(form, (lemma, frozenset(cases.split(",")), kind))
    subs: dict[str, str] = {}
    infs: dict[str, str] = {}
    coords: set[str] = set()
    conts: set[str] = set()
    for kind, word, meaning in read_tsv("grammar/clauses.tsv"):
        if kind == "sub":
            subs.setdefault(word, meaning)
        elif kind == "inf":
            infs.setdefault(word, meaning)
        elif kind == "coord":
            coords.add(word)
        elif kind == "continue":
            conts.add(word)
    verbs: dict[str, set[str]] = {}
    for row in read_tsv("grammar/verbs.tsv"):
        kind, words = row[0], row[1] if len(row) > 1 else ""
        verbs.setdefault(kind, set()).update(_verb_entries(words))
    rows = [row for row in read_tsv("qualifiers.tsv") if row[2] == "0"]
    countries = read_tsv("countries.tsv")  # (names, and the capitals that stand for their state)
    qualifiers = {tuple(row[0].split()) for row in rows if row[3] != "preposition"}
    return Grammar(
        det_cases=det_cases,
        det_number=det_number,
        det_kind=det_kind,
        possessive_cases=possessive_cases,
        prepositions=preps,
        subordinators=subs,
        infinitive_conj=infs,
        coordinators=frozenset(coords),
        continuations=frozenset(conts),
        modals=frozenset(verbs.get("modal", ())),
        copulas=frozenset(verbs.get("copula", ())),
        sein_perfect=frozenset(verbs.get("sein_perfect", ())),
        control_obj=frozenset(verbs.get("control_obj", ())),
        control_subj=frozenset(verbs.get("control_subj", ())),
        patient_subject=frozenset(verbs.get("patient_subject", ())),
        negation=frozenset(verbs.get("negation", ())),
        subj1=frozenset(verbs.get("subj1", ())),
        subj2=frozenset(verbs.get("subj2", ())),
        time_nouns=frozenset(w.lower() for row in read_tsv("grammar/time_nouns.tsv") for w in row[0].split()),
        state_names=frozenset(name for row in countries for name in row[2].split("|") if " " not in name)
        | frozenset(row[6] for row in countries if len(row) > 8 and row[8] == "yes" and row[6] and " " not in row[6]),
        number_qualifiers=tuple(sorted(qualifiers, key=len, reverse=True)),
        qualifier_starts=frozenset(words[0] for words in qualifiers),
        counting_prepositions=tuple(tuple(row[0].split()) for row in rows if row[3] == "count"),
        state_designators=tuple(sorted({w.lower() for row in read_tsv("grammar/state_designators.tsv") for w in row[0].split()})),
        inseparable=tuple(sorted(verbs.get("inseparable", ()), key=len, reverse=True)),
        adjuncts=dict(read_tsv("grammar/adjuncts.tsv")),
        fixed_adverbs=tuple(sorted({tuple(row[0].lower().split()) for row in read_tsv("grammar/fixed_adverbs.tsv")}, key=len, reverse=True)),
        noun_genders=dict(read_tsv("grammar/noun_genders.tsv")),
        degree_adverbs=frozenset(w.lower() for row in read_tsv("grammar/degree_adverbs.tsv") for w in row[0].split()),
        abbreviation_tags=dict(read_tsv("grammar/abbreviation_tags.tsv")),
    )


def _verb_entries(words: str) -> list[str]:
    """Space-separated lemmas; ``sich X`` pairs stay together."""
    out: list[str] = []
    parts = words.split()
    i = 0
    while i < len(parts):
        if parts[i] == "sich" and i + 1 < len(parts):
            out.append(parts[i] + " " + parts[i + 1])
            i += 2
            continue
        out.append(parts[i])
        i += 1
    return out
