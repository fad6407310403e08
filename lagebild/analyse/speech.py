"""Speech and attribution frames: who says, or reports, what.

German news attributes content in a few fixed shapes, each a frame of speaker, cue and
content:

* a verb of saying with a content clause: "X sagte, dass …", "X erklärte, die Lage sei
  ernst", "…, sagte X." (the inserted V1 clause after the content), "X: …" (interviews and
  headlines);
* an attribution phrase: "X zufolge", "laut X", "nach Angaben von X" / "nach Angaben der
  Polizei" / "nach russischen Angaben", "wie X mitteilte", ", so X";
* reporting verbs and media nouns ("berichtete die Zeitung", "meldete die Agentur") mark
  the speaker as a source that only reports (``Frame.report``).

The lexicon of verbs, attribution nouns and media nouns is ``data/cues/speech.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..recognize import read_tsv
from .model import Analysis, Frame

__all__ = ["find_frames", "speech_lexicon", "SpeechLexicon"]


@dataclass(frozen=True)
class SpeechLexicon:
    """Verbs of saying, reporting verbs, attribution nouns and prepositions, media nouns."""

    say: frozenset[str]
    report: frozenset[str]
    according_preps: frozenset[str]
    according_nouns: frozenset[str]
    media: frozenset[str]


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """Load ``data/cues/speech.tsv`` once."""
    say: set[str] = set()
    report: set[str] = set()
    preps: set[str] = set()
    nouns: set[str] = set()
    media: set[str] = set()
    for row in read_tsv("cues/speech.tsv"):
        kind, lemma = row[0], row[1]
        notes = row[3] if len(row) > 3 else ""
        if kind == "say":
            say.add(lemma)
            if "report" in notes:
                report.add(lemma)
        elif kind == "according":
            words = lemma.split()
            if len(words) == 1 and words[0][:1].islower():
                preps.add(words[0])
            else:
                nouns.add(words[-1])
        elif kind == "media":
            media.add(lemma)
    return SpeechLexicon(frozenset(say), frozenset(report), frozenset(preps), frozenset(nouns), frozenset(media))


def find_frames(a: Analysis) -> list[Frame]:
    """Find the speech and attribution frames of an analysed sentence.

    a (Analysis): tokens, chunks and clauses of the sentence.
    RETURNS (list[Frame]): frames in order of their cue.
    """
    lex = speech_lexicon()
    frames: list[Frame] = []
    top = [c for c in a.clauses if c.kind in ("main", "frag")]
    for clause in a.clauses:
        if clause.lemma in lex.say and clause.kind in ("main", "sub"):
            frame = _say_frame(a, clause, top, lex)
            if frame is not None:
                frames.append(frame)
    for chunk in a.chunks:
        if chunk.prep in lex.according_preps or (chunk.prep == "nach" and _according_noun(a.tokens[chunk.head].lemma, lex.according_nouns)):
            speaker = _according_speaker(a, chunk)
            host = a.clauses[chunk.clause] if chunk.clause >= 0 else None
            content = [host.i] if host is not None else []
            cue = chunk.end - 1 if chunk.post else chunk.start
            frames.append(Frame(kind="according", cue=cue, speaker=speaker, content=content, report=_is_media(a, speaker, lex)))
    for clause in a.clauses:
        if clause.kind == "frag" and clause.conj == "colon":
            spk = [c for c in a.chunks if c.clause == clause.i and c.owner is None and c.appos is None]
            if len(spk) == 1 and spk[0].prep is None:
                content = [c.i for c in a.clauses if c.first > clause.last]
                frames.append(Frame(kind="colon", cue=clause.last + 1, speaker=spk[0].i, content=content, report=_is_media(a, spk[0].i, lex)))
        elif clause.kind == "frag" and a.tokens[clause.first].text.lower() == "so" and clause.i > 0:
            spk = [c for c in a.chunks if c.clause == clause.i and c.owner is None and c.appos is None and c.prep is None]
            if spk:
                content = [c.i for c in a.clauses if c.last < clause.first and c.kind != "frag"]
                frames.append(Frame(kind="say", cue=clause.first, speaker=spk[0].i, content=content, report=False))
    frames.sort(key=lambda f: f.cue)
    return frames


def _say_frame(a: Analysis, clause, top, lex: SpeechLexicon) -> Frame | None:
    """The frame of a verb of saying: its subject speaks; the content is where the clauses say."""
    children = [c.i for c in a.clauses if c.parent == clause.i and c.kind == "sub" and c.meaning == "complement"]
    if clause.kind == "sub" and clause.conj == "wie":
        content = [clause.parent] if clause.parent is not None else []
        return Frame(kind="according", cue=clause.main or clause.first, speaker=clause.subj, content=content, report=True)
    content: list[int] = []
    if children:
        content = children + [c.i for c in a.clauses if c.parent in children]
    elif clause.finite is not None and clause.finite == clause.first and clause.i > 0:
        content = [c.i for c in a.clauses if c.last < clause.first]  # "…, sagte er."
    else:
        content = [c.i for c in a.clauses if c.first > clause.last and c.kind in ("main", "frag", "sub") and c.parent in (None, clause.i)]
        if not content:
            content = [c.i for c in a.clauses if c.first > clause.last]
    if not content:
        return None
    report = clause.lemma in lex.report or _is_media(a, clause.subj, lex)
    return Frame(kind="say", cue=clause.main if clause.main is not None else clause.first, speaker=clause.subj, content=content, report=report)


def _according_noun(lemma: str, nouns: frozenset[str]) -> bool:
    """An attribution noun, or a compound of one: "nach Angaben", "nach **Polizeiangaben**",
    "nach **UNO-Angaben**", "nach Militärangaben" (the modifier names the source; a plural the
    tagger left as it was counts too)."""
    if lemma in nouns:
        return True
    low = lemma.lower()
    for noun in nouns:
        n = noun.lower()
        for form in (n, n + "n", n + "en"):
            if low == form or (low.endswith(form) and (low[-len(form) - 1 : -len(form)] == "-" or len(low) - len(form) >= 3)):
                return True
    return False


def _according_speaker(a: Analysis, chunk) -> int | None:
    """The source of "nach Angaben der Polizei" (the genitive), "laut X" / "X zufolge" (the phrase)."""
    if chunk.prep == "nach":
        for other in a.chunks:
            if other.owner == chunk.i:
                return other.i
        nxt = next((c for c in a.chunks if c.start == chunk.end and c.prep == "von"), None)
        if nxt is not None:
            return nxt.i
    return chunk.i


def _is_media(a: Analysis, speaker: int | None, lex: SpeechLexicon) -> bool:
    """The speaker is a medium or agency (or a report): a source, not an actor."""
    if speaker is None:
        return False
    chunk = a.chunks[speaker]
    for k in range(chunk.core_start, chunk.core_end):
        tok = a.tokens[k]
        if tok.is_noun and any(tok.lemma == m or tok.lemma.endswith(m.lower()) for m in lex.media):
            return True
    return False
