"""Antecedents of third-person pronouns within the sentence.

German news resolves a pronoun in the same sentence far more often than across sentences:
"Kurz meinte, **er** würde solche Eingriffe befürworten", "Die belgische Regierung sucht
den Anfängen zu wehren: **Sie** hat … aufgeboten". The antecedent is the speaker of the
frame whose content holds the pronoun, else the nearest subject of an earlier clause that
agrees with the pronoun in gender and number where its determiner tells. The extract stage
tries these before the document context (``resolve.Context.pronoun``).
"""

from __future__ import annotations

from .clauses import gender_number
from .model import Analysis, Chunk

__all__ = ["antecedents", "pronoun_agreement"]

_NOUN_KINDS = frozenset({"noun", "name"})


def pronoun_agreement(word: str, plural: bool | None, possessive: bool = False) -> frozenset[str] | None:
    """Gender/number a third-person pronoun allows (m, f, n, pl), or None when it is no such
    pronoun ("es", "ihr" as a 2nd person, "ich", "wir" …).

    word (str): the pronoun as written. plural (bool | None): whether its clause's verb is plural.
    possessive (bool): a possessive determiner ("sein Land": m/n, "ihre Regierung": f/pl).
    """
    low = word.lower()
    if possessive:
        if low.startswith("sein"):
            return frozenset({"m", "n"})
        if low.startswith("ihr"):
            return frozenset({"f", "pl"})
        return None
    if low in ("er", "ihn", "ihm"):
        return frozenset({"m"})
    if low == "es":
        return frozenset({"n"})  # "Das Militär teilte mit, es habe …" (an expletive "es" finds no neuter subject)
    if low == "ihnen":
        return frozenset({"pl"})
    if low == "sie":
        if plural is True:
            return frozenset({"pl"})
        if plural is False:
            return frozenset({"f"})
        return frozenset({"f", "pl"})
    return None


def antecedents(a: Analysis, chunk: Chunk, allowed: frozenset[str], same_clause: bool = False) -> list[tuple[int, bool]]:
    """The chunks earlier in the sentence a pronoun chunk may stand for, most likely first.

    a (Analysis): the sentence. chunk (Chunk): the pronoun (or the phrase of a possessive).
    allowed: ``pronoun_agreement``. same_clause: the subject of the pronoun's own clause may
    be its antecedent (a possessive: "Orban und **seine** Regierung").
    RETURNS (list[tuple[int, bool]]): (chunk index, whether agreement was told by a
        determiner or coordination; False: unknown, e.g. a bare name).
    """
    out: list[tuple[int, bool]] = []
    seen: set[int] = set()

    def consider(idx: int | None) -> None:
        if idx is None or idx in seen:
            return
        c = a.chunks[idx]
        if c.kind not in _NOUN_KINDS or c.end > chunk.start or (c.clause == chunk.clause and not same_clause) or c.prep is not None:
            return
        seen.add(idx)
        told = {"pl"} if len(c.parts) > 1 else gender_number(a.tokens, c, subject=True)
        if told is None:
            out.append((idx, False))
        elif told & allowed:
            out.append((idx, True))

    for frame in a.frames:
        if frame.speaker is not None and not frame.report and frame.kind in ("say", "colon") and _in_content(a, frame.content, chunk.clause):
            consider(frame.speaker)
    subjects = [cl.subj for cl in a.clauses if cl.subj is not None and not cl.shared_subject and not cl.passive]
    for idx in sorted(subjects, key=lambda i: -a.chunks[i].start):
        consider(idx)
    return out


def _in_content(a: Analysis, content: list[int], clause: int) -> bool:
    """The clause is one of the frame's content clauses or embedded in one."""
    seen = 0
    while clause is not None and clause >= 0 and seen < 20:
        if clause in content:
            return True
        clause = a.clauses[clause].parent
        seen += 1
    return False
