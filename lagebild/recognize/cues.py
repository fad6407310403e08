"""Event cues, force nouns and modality words in German sentences.

The lexicons are data files (``lagebild/data/cues.tsv``, ``force_nouns.tsv``,
``modality.tsv``): one regular expression per row, matched case-insensitively.
This module only loads them once and finds their matches with offsets.

>>> [c.type for c in find_cues("Die USA verlegen 400 Soldaten nach Litauen.")]
['MOBILIZE']
>>> find_cues("Das Wetter war schön.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import read_tsv

__all__ = ["Cue", "CueSpan", "ForceNoun", "find_cues", "find_force_nouns", "modality", "cue_table"]


@dataclass(frozen=True)
class Cue:
    """One row of cues.tsv: an event type, its mode, flags and compiled pattern."""

    type: str
    mode: str | None
    flags: frozenset[str]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class CueSpan:
    """A cue found in a sentence: offsets into the sentence and the cue row."""

    start: int
    end: int
    text: str
    type: str
    mode: str | None
    flags: frozenset[str]


@dataclass(frozen=True)
class ForceNoun:
    """A noun naming forces or materiel: offsets, text and mode (troops, weapons)."""

    start: int
    end: int
    text: str
    mode: str


def _rows(name: str) -> list[list[str]]:
    return read_tsv(name)


@lru_cache(maxsize=1)
def cue_table() -> tuple[Cue, ...]:
    """All cues from cues.tsv, compiled once per process."""
    cues = []
    for row in _rows("cues.tsv"):
        etype, mode, flags, pattern = row[0], row[1], row[2], "\t".join(row[3:])
        cues.append(
            Cue(
                type=etype,
                mode=None if mode == "-" else mode,
                flags=frozenset() if flags == "-" else frozenset(flags.split(",")),
                pattern=re.compile(pattern, 0 if "cs" in flags.split(",") else re.IGNORECASE),
            )
        )
    return tuple(cues)


@lru_cache(maxsize=1)
def _force_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((mode, re.compile(pat, re.IGNORECASE)) for mode, pat in _rows("force_nouns.tsv"))


@lru_cache(maxsize=1)
def _modality_patterns() -> dict[str, re.Pattern[str]]:
    grouped: dict[str, list[str]] = {}
    for category, pattern in _rows("modality.tsv"):
        grouped.setdefault(category, []).append(f"(?:{pattern})")
    return {cat: re.compile("|".join(pats), re.IGNORECASE) for cat, pats in grouped.items()}


_KEY = 3
_LITERAL = re.compile(r"[a-zäöüß]+")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _key(alternative: str) -> str | None:
    """A three-letter piece every match of the alternative contains, or None when unsure."""
    rest = re.sub(r"^(?:\\b|\^|\\W\*|\\s\*|\\w\*)+", "", alternative)
    m = _LITERAL.match(rest.lower())
    if m is None:
        return None
    literal = m.group(0)
    if rest[m.end() : m.end() + 1] in {"?", "*", "{"}:
        literal = literal[:-1]
    return literal[:_KEY] if len(literal) >= _KEY else None


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Cue rows by the letter trigrams their matches must contain; rows with no sure key run always."""
    by_key: dict[str, set[int]] = {}
    always: list[int] = []
    for i, cue in enumerate(cue_table()):
        keys = [_key(alt) for alt in _alternatives(cue.pattern.pattern)]
        if any(k is None for k in keys):
            always.append(i)
            continue
        for k in keys:
            by_key.setdefault(k, set()).add(i)
    return {k: tuple(sorted(v)) for k, v in by_key.items()}, tuple(always)


def _candidates(text: str) -> list[Cue]:
    """The cue rows that can match: those whose trigram occurs in a word of the sentence."""
    by_key, always = _index()
    grams = {w[i : i + _KEY] for w in _LITERAL.findall(text.lower()) for i in range(len(w) - _KEY + 1)}
    rows = set(always)
    for gram in grams & by_key.keys():
        rows.update(by_key[gram])
    table = cue_table()
    return [table[i] for i in sorted(rows)]


def find_cues(text: str) -> list[CueSpan]:
    """Every cue match in a sentence, sorted by start.

    text (str): one sentence.
    RETURNS (list[CueSpan]): cue matches; overlapping matches of different types are kept.
    """
    found: list[CueSpan] = []
    seen: set[tuple[int, str, frozenset[str]]] = set()
    for cue in _candidates(text):
        for m in cue.pattern.finditer(text):
            if m.end() == m.start() or (m.start(), cue.type, cue.flags) in seen:
                continue
            seen.add((m.start(), cue.type, cue.flags))
            found.append(CueSpan(m.start(), m.end(), m.group(0), cue.type, cue.mode, cue.flags))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def find_force_nouns(text: str) -> list[ForceNoun]:
    """Nouns naming forces or materiel in a sentence, sorted by start."""
    out: dict[int, ForceNoun] = {}
    for mode, pattern in _force_patterns():
        for m in pattern.finditer(text):
            if m.start() not in out:
                out[m.start()] = ForceNoun(m.start(), m.end(), m.group(0), mode)
    return [out[k] for k in sorted(out)]


def modality(text: str) -> dict[str, list[tuple[int, int]]]:
    """Modality categories (negation, planned, announced, ...) found in a text span.

    text (str): a sentence or clause.
    RETURNS (dict[str, list[tuple[int, int]]]): category -> match offsets.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    for category, pattern in _modality_patterns().items():
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
        if spans:
            out[category] = spans
    return out
