"""Shallow German syntax over a sentence: prepositions, clauses, coordination.

Without a parser (none ships offline for German under a permissive licence),
the extractor reads a few surface signals that German marks reliably:

- the preposition governing a noun phrase: skip determiners, inflected
  adjectives, numbers and role nouns back to it ("nach dem russischen Angriff",
  "mit seinem Kollegen Gabrielius Landsbergis");
- clause boundaries: commas, semicolons, colons and dashes; a zu-infinitive
  clause ("keine Pläne, Truppen zu schicken") belongs to the clause before;
- coordination with "und", "sowie", "oder" ("nach Deutschland und Polen");
- genitive attributes after a noun ("die Solidarität der USA", "Abschreckung Russlands"),
  which are never the subject.

>>> governing_preposition("Truppen nach dem baltischen Land", 19)
'nach'
>>> clause_bounds("Er sagte, sie kommen.", 10, 13)
(9, 20)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from .recognize import read_tsv

__all__ = [
    "governing_preposition",
    "clause_bounds",
    "coordinated_after",
    "is_genitive_attribute",
    "prep_phrase_start",
]


class _Span(Protocol):
    start: int
    end: int
    text: str


_WORD = re.compile(r"[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*|[^\s\w]")
_CLAUSE_BREAK = re.compile(r"[,;:–]|\s-\s")
_ZU_INFINITIVE = re.compile(r"(?:\bzu\s+\w+|\w+zu\w+en)\s*$", re.IGNORECASE)
_ADJECTIVE = re.compile(r"[a-zäöüß]+(?:e|en|er|es|em)")
_COORDINATION = re.compile(
    r"\s*(?:,|und|sowie|oder)\s+(?:(?:in|nach|an|mit|zu|gegen)\s+)?(?:(?:die|den|das|der|dem|des|sein|seine|seinem|seinen|ihr|ihre|ihrem|ihren)\s+)?"
    r"(?:[a-zäöüß]+e[nrsm]?\s+)?"
)
_ROLE_GAP = re.compile(r"(?:Kollege|Kollegen|Kollegin|Amtskollege|Amtskollegen|Amtskollegin|Gesprächspartner\w*)\s+")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """Word classes from lagebild/data/function_words.tsv (class, words)."""
    out: dict[str, set[str]] = {}
    for cls, words in read_tsv("function_words.tsv"):
        out.setdefault(cls, set()).update(words.split())
    return {k: frozenset(v) for k, v in out.items()}


def governing_preposition(text: str, start: int) -> str | None:
    """The preposition that governs the phrase starting at ``start``, if any.

    Skips determiners, inflected adjectives, numbers and role nouns (Kollege,
    Gesprächspartner) back to a preposition within the same clause.
    """
    words = _words()
    tokens = _WORD.findall(text[max(0, start - 80) : start])
    for token in reversed(tokens[-6:]):
        low = token.lower()
        if low in words["preposition"]:
            return low
        if low in words["determiner"] or low in words["role"] or re.fullmatch(r"[\d.,]+", token):
            continue
        if token[:1].islower() and _ADJECTIVE.fullmatch(token) and low not in words["verb"]:
            continue
        return None
    return None


def prep_phrase_start(text: str, start: int) -> int:
    """Where the prepositional phrase of the mention at ``start`` begins ("in das Baltikum")."""
    words = _words()
    offset = max(0, start - 40)
    begin = start
    for m in reversed(list(_WORD.finditer(text[offset:start]))[-4:]):
        low = m.group(0).lower()
        if low in words["preposition"]:
            return offset + m.start()
        if low in words["determiner"] or (m.group(0)[:1].islower() and _ADJECTIVE.fullmatch(m.group(0))):
            begin = offset + m.start()
            continue
        break
    return begin


def clause_bounds(text: str, start: int, end: int, *, widen_infinitive: bool = False) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the previous to the next clause break.

    widen_infinitive (bool): a zu-infinitive clause is widened to the clause before it.
    """
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    right = m.start() if m else len(text)
    if widen_infinitive and left > 0 and _ZU_INFINITIVE.search(text[left:end]):
        left = clause_bounds(text, left - 1, left - 1)[0]
    return left, right


def coordinated_after(text: str, first: _Span, second: _Span, *, allow_role: bool = False) -> bool:
    """Whether ``second`` is joined to ``first`` by "und", "sowie", "oder" or a comma."""
    if second.start < first.end:
        return False
    gap = text[first.end : second.start]
    m = _COORDINATION.fullmatch(gap)
    if m:
        return True
    if allow_role:
        m = _COORDINATION.match(gap)
        return bool(m and _ROLE_GAP.fullmatch(gap[m.end() :]))
    return False


def is_genitive_attribute(text: str, mention: _Span) -> bool:
    """A genitive after a noun ("die Solidarität der USA", "Abschreckung Russlands") is no subject."""
    before = text[max(0, mention.start - 40) : mention.start]
    m = re.search(r"(\S+)\s+(?:der|des)\s+(?:[a-zäöüß]+e[nrsm]?\s+)?$", before)
    if m and m.group(1)[:1].isupper():
        return m.group(1) not in _words()["role_head"]
    if mention.text.endswith("s") and re.search(r"\b[A-ZÄÖÜ][a-zäöüß]+(?:ung|keit|heit|schaft|ion|tät)\s+$", before):
        return True
    return False
