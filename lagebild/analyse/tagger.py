"""Part-of-speech tags and lemmas for German tokens: HanTa's model, at table speed.

HanTa, the Hanover Tagger (Christian Wartena, 2019; LGPL; https://github.com/wartaal/HanTa),
tags a sentence with a second-order HMM over STTS-style tags (``NN``, ``VV(FIN)``,
``PTKVZ``, ``$.`` …). The emission of a word is the log-probability of the word given the
tag, ``_tag_word(word, cutoff=5, casesensitive=…, conditional=True)``: for about 23,000
frequent forms it is read from the model's ``cache``; for every other form HanTa runs a
morphological HMM over the letters of the word (``analyze_forward``), some milliseconds a
word. The lemma of a (word, tag) pair comes from another morphological Viterbi pass
(``_analyze``).

This module reimplements HanTa's algorithm over HanTa's own model (the installed
``HanTa`` package and its ``morphmodel_ger.pgz``); it copies no HanTa code beyond the
sentence Viterbi, which it rewrites to loop over the tags the word can have rather than over
all transitions (identical results, several times faster). Emissions come from, in order:

1. HanTa's ``cache``, exactly as HanTa uses it;
2. ``data/tagger/forms.tsv.gz``: HanTa's ``analyze_forward`` results for the other word
   forms of a news corpus (built by ``scripts/build_tagger.py``), then HanTa's case and
   conditional adjustments and its cutoff, so these words are tagged as HanTa tags them;
3. for words in neither, a suffix model (as in TnT, Brants 2000): the distribution of
   HanTa's analyses over tags by the last one to five letters of the lower-cased word,
   separately for capitalised, lower-case and sentence-initial words and for words with
   ``zu`` inside (``anzugreifen``), smoothed by successive abstraction
   (``data/tagger/suffixes.tsv.gz``). Unknown words never go through ``analyze_forward``.

Lemmas come from ``data/tagger/lemmas.tsv.gz`` (HanTa's lemma for each word and tag of
the corpus); other pairs go through HanTa's ``_analyze`` once and are memoised. The lemma
is HanTa's as is: it lower-cases some names, so callers keep the surface form for ``NE``.

>>> tagger = get_tagger()
>>> words = ["Die", "USA", "kündigen", "neue", "Sanktionen", "an", "."]
>>> tagger.tag(words)
['ART', 'NE', 'VV(FIN)', 'ADJ(A)', 'NN', 'PTKVZ', '$.']
>>> tagger.lemma("kündigen", "VV(FIN)")
'kündigen'
"""

from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Tagger", "get_tagger", "HANTA_MODEL", "CUTOFF"]

HANTA_MODEL = "morphmodel_ger.pgz"
CUTOFF = 5.0  # HanTa drops computed tags this far below the best one (log space)
BEAM = 5  # HanTa's Viterbi keeps the states above the sixth best score minus one
LOWER_BOUND = -1e6  # HanTa's floor for a path's log-probability
RESCALE_BELOW = -1e5  # only very long token runs get here: shift scores up, as HanTa cannot
LEMMA_MEMO = 100_000  # (word, tag) pairs outside the lemma table analysed and kept
# HanTa's lemmatiser takes time quadratic in the length of the word (0.1 s at 100 letters,
# 0.7 s at 300): longer tokens (URLs, junk) are their own lemma.
MAX_LEMMA_LENGTH = 100
EMISSION_MEMO = 200_000  # emission rows kept before the memo is emptied

# HanTa's special tag numbers.
EMPTY, START, END, UNKNOWN = 0, 1, 2, 3

# Case modes: sentence-initial (no case term), lower-case, capitalised.
FIRST, LOWER, UPPER = 0, 1, 2
MODE_CODES = {FIRST: "*", LOWER: "a", UPPER: "A"}
MAX_SUFFIX = 5

_QUOTES = frozenset(["`", "``", "´", "´´", "'", "''", "„", "“", "”", "‚", "‘", "’", "«", "»", "‹", "›"])  # typographic quotes too: HanTa knows only the ASCII ones

Analysis = tuple[tuple[int, float], ...]

# A Viterbi state, the pair of the last two tag numbers (HanTa's run from -117 to 122), as
# one integer (Tagger checks that the model's numbers fit).
_TAG_OFFSET = 128
_STATE_WIDTH = 256


def state_code(first: int, second: int) -> int:
    """The integer of the tag pair (first, second); ``code % 256 - 128`` is ``second``."""
    return (first + _TAG_OFFSET) * _STATE_WIDTH + second + _TAG_OFFSET


def normalize(word: str) -> str:
    """HanTa's lookup key of a word: lower-cased; ASCII and acute quote marks become ``"``."""
    return '"' if word in _QUOTES else word.lower()


def suffix_model(key: str, mode: int) -> str:
    """The name of the suffix model for a word outside the tables.

    One model per case mode (``*``, ``a``, ``A``), each split by whether ``zu`` sits inside
    the word (``zu`` suffix): the infinitive with ``zu`` of a separable verb
    (``anzugreifen``, VV(IZU)) differs from other verb forms only there, not at the end.

    key (str): normalised word. mode (int): FIRST, LOWER or UPPER.
    RETURNS (str): ``*``, ``a``, ``A``, ``*zu``, ``azu`` or ``Azu``.
    """
    return MODE_CODES[mode] + ("zu" if "zu" in key[2:-3] else "")


def case_mode(word: str, first: bool) -> int:
    """Which case adjustment HanTa applies: none for the first word, else by the first letter.

    word (str): the token. first (bool): whether it opens the sentence.
    RETURNS (int): FIRST, LOWER or UPPER.
    """
    if first:
        return FIRST
    return UPPER if word[:1].isupper() else LOWER


class Tagger:
    """HanTa's tagger and lemmatiser over precomputed emission and lemma tables.

    hanta (HanoverTagger): the loaded HanTa model (transitions, cache, lemmatiser).
    forms (dict[str, str]): ``analyze_forward`` result by key, as text (``NN=-9.1 NE=-11.4``).
    suffixes (dict[str, dict[str, str]]): by ``suffix_model`` name, smoothed analysis by suffix.
    lemmas (dict[str, dict[str, str]]): lemma by tag, then by lower-cased word.
    """

    def __init__(
        self,
        hanta: Any,
        forms: dict[str, str],
        suffixes: dict[str, dict[str, str]],
        lemmas: dict[str, dict[str, str]],
    ) -> None:
        self.hanta = hanta
        self.forms = forms
        self.suffixes = suffixes
        self.lemmas = lemmas
        self._trans: dict[tuple[int, int], dict[int, float]] = hanta.LP_trans_word
        if any(not -_TAG_OFFSET <= tag < _TAG_OFFSET for tag in hanta.int2tag):
            raise ValueError("HanTa's tag numbers do not fit the tagger's state codes (-128 to 127)")
        self._trans_by_code = {state_code(*state): lp_t for state, lp_t in self._trans.items()}
        self._cache: dict[str, list[tuple[int, float]]] = hanta.cache
        self._int2tag: dict[int, str] = hanta.int2tag
        self._tag2int: dict[str, int] = hanta.tag2int
        # The case and prior terms of _tag_word(conditional=True), per case mode.
        self._adjust: list[dict[int, float]] = [
            {tag: -lp for tag, lp in hanta.LP_wtag.items()},
            {tag: hanta.LP_case_t[tag][False] - lp for tag, lp in hanta.LP_wtag.items()},
            {tag: hanta.LP_case_t[tag][True] - lp for tag, lp in hanta.LP_wtag.items()},
        ]
        self._emissions: dict[tuple[str, bool], dict[int, float] | None] = {}
        self._analysed = lru_cache(maxsize=LEMMA_MEMO)(self._analyse)

    # ------------------------------------------------------------------ public API

    def tag(self, words: Sequence[str]) -> list[str]:
        """Tag a sentence as HanTa's ``tag_sent(words, taglevel=0)`` does.

        words (Sequence[str]): the tokens of one sentence.
        RETURNS (list[str]): one HanTa tag per word (``NN``, ``VV(FIN)``, ``$.`` …).
        """
        if not words:
            return []
        memo = self._emissions
        emissions = []
        for i, word in enumerate(words):
            row = memo.get((word, i == 0), False)  # emission()'s memo, looked up here: most words are in it
            emissions.append(self.emission(word, i == 0) if row is False else row)
        int2tag = self._int2tag
        return [int2tag[t] for t in self._viterbi(emissions)]

    def lemma(self, word: str, tag: str) -> str:
        """HanTa's lemma of a word with a given tag (``_analyze(word, tag, taglevel=1)``).

        word (str): the token. tag (str): its HanTa tag, as ``tag`` returns it.
        RETURNS (str): the lemma (``verlegt``/``VV(PP)`` → ``verlegen``); a word longer than
            ``MAX_LEMMA_LENGTH`` is returned as it is.
        """
        key = word.lower()
        by_word = self.lemmas.get(tag)
        if by_word is not None:
            found = by_word.get(key)
            if found is not None:
                return found
        if tag not in self._tag2int:
            raise ValueError(f"Unknown tag {tag!r} for {word!r}: use a tag that Tagger.tag returns.")
        if len(key) > MAX_LEMMA_LENGTH:
            return word
        return self._analysed(key, tag)

    def emission(self, word: str, first: bool = False) -> dict[int, float] | None:
        """The log-probabilities of the word given each of its possible tags.

        word (str): the token. first (bool): whether it opens the sentence (no case term).
        RETURNS (dict[int, float] | None): by HanTa tag number; None if any tag goes.
        """
        memo = (word, first)  # the case mode follows from these
        found = self._emissions.get(memo, False)
        if found is not False:
            return found  # type: ignore[return-value]
        if len(self._emissions) >= EMISSION_MEMO:
            self._emissions.clear()
        row = self._emissions[memo] = self._emission(word, case_mode(word, first))
        return row

    def possible_tags(self, word: str, first: bool = False) -> frozenset[str] | None:
        """The tags the word may take (those of its emission row).

        word (str): the token. first (bool): whether it opens the sentence.
        RETURNS (frozenset[str] | None): HanTa tags; None if any tag goes.
        """
        row = self.emission(word, first)
        return None if row is None else frozenset(self._int2tag[code] for code in row)

    # ------------------------------------------------------------------ emissions

    def _emission(self, word: str, mode: int) -> dict[int, float] | None:
        """Compute an emission row as HanTa's ``_tag_word(..., conditional=True)`` does."""
        key = normalize(word)
        analysis: Iterable[tuple[int, float]] | None = self._cache.get(key)
        cached = analysis is not None
        if analysis is None:
            text = self.forms.get(key)
            analysis = self.guess(key, mode) if text is None else self.parse(text)
        adjust = self._adjust[mode]
        row = {tag: lp + adjust[tag] for tag, lp in analysis if tag != UNKNOWN}
        if not row:
            return None  # HanTa: an unanalysable word may take any tag
        if not cached:
            limit = max(row.values()) - CUTOFF
            row = {tag: lp for tag, lp in row.items() if lp >= limit}
        return row

    def guess(self, key: str, mode: int) -> Analysis:
        """The suffix model's analysis of a lower-cased word outside the tables.

        key (str): normalised word. mode (int): FIRST, LOWER or UPPER.
        RETURNS (Analysis): (tag number, log p) pairs, as ``analyze_forward`` gives them.
        """
        table = self.suffixes.get(suffix_model(key, mode)) or self.suffixes[MODE_CODES[mode]]
        for n in range(min(MAX_SUFFIX, len(key)), 0, -1):
            found = table.get(key[-n:])
            if found is not None:
                return self.parse(found)
        return self.parse(table[""])

    def parse(self, text: str) -> Analysis:
        """Read an analysis stored as text: ``NN=-9.1 NE=-11.4`` → ((tag number, -9.1), …)."""
        tag2int = self._tag2int
        pairs = []
        for item in text.split(" "):
            tag, _, lp = item.rpartition("=")
            pairs.append((tag2int[tag], float(lp)))
        return tuple(pairs)

    # ------------------------------------------------------------------ Viterbi

    def _viterbi(self, emissions: list[dict[int, float] | None]) -> list[int]:
        """HanTa's ``tag_sent_viterbi``, looping over each word's own tags.

        A state (the last two tags) is kept as one integer, ``state_code``: the loop builds
        and hashes no tuples. The column step of a word with an emission row is written
        out here rather than called (``_step``): it runs once per token, and the call, its
        tuple result and the re-bound names were a fifth of the tagger's time. The sums
        are formed as in ``_step`` (``lp0 + lp_tc + lpw``, left to right), so every score,
        and so every tag, is the same.

        emissions (list): per word, log p(word | tag) by tag number, or None for any tag.
        RETURNS (list[int]): the best tag sequence.
        """
        trans = self._trans_by_code
        prev: dict[int, float] = {state_code(EMPTY, START): 0.0}
        back: list[dict[int, int]] = []
        for wp in emissions:
            if len(prev) > BEAM:
                ranked = sorted(prev.values(), reverse=True)
                top, bound = ranked[0], ranked[BEAM] - 1
            else:
                top, bound = max(prev.values()), LOWER_BOUND
            if top < RESCALE_BELOW:  # keep thousands of tokens above LOWER_BOUND
                prev = {state: lp - top for state, lp in prev.items()}
                bound = LOWER_BOUND if bound == LOWER_BOUND else bound - top
            row: dict[int, float] = {}
            pointers: dict[int, int] = {}
            if wp is not None:  # _step(prev, bound, wp), inlined
                options = wp.items()
                for state, lp0 in prev.items():
                    if lp0 < bound:
                        continue
                    lp_t = trans[state]
                    base = (state % _STATE_WIDTH) * _STATE_WIDTH + _TAG_OFFSET  # state_code(state's last tag, 0)
                    for c, lpw in options:
                        lp_tc = lp_t.get(c)
                        if lp_tc is None:
                            continue
                        lp = lp0 + lp_tc + lpw
                        if lp > LOWER_BOUND:
                            new = base + c
                            old = row.get(new)
                            if old is None or lp > old:
                                row[new] = lp
                                pointers[new] = state
            if not row:  # any tag goes, or no path through the word's tags: let any tag through
                row, pointers = self._step(prev, bound, None)
            back.append(pointers)
            prev = row
        best = max(prev, key=lambda state: prev[state] + trans[state].get(END, -1e300))
        tags = []
        state = best
        for pointers in reversed(back):
            tags.append(state % _STATE_WIDTH - _TAG_OFFSET)
            state = pointers[state]
        return tags[::-1]

    def _step(
        self,
        prev: dict[int, float],
        bound: float,
        wp: dict[int, float] | None,
    ) -> tuple[dict[int, float], dict[int, int]]:
        """One Viterbi column: extend every state above the bound by the word's tags (by
        every tag when ``wp`` is None; ``_viterbi`` has the same loop inlined for a row)."""
        trans = self._trans_by_code
        row: dict[int, float] = {}
        pointers: dict[int, int] = {}
        for state, lp0 in prev.items():
            if lp0 < bound:
                continue
            lp_t = trans[state]
            base = (state % _STATE_WIDTH) * _STATE_WIDTH + _TAG_OFFSET  # state_code(state's last tag, 0)
            options: Iterable[tuple[int, float]]
            if wp is None:
                options = ((c, 0.0) for c in lp_t if c != END)
            else:
                options = wp.items()
            for c, lpw in options:
                lp_tc = lp_t.get(c)
                if lp_tc is None:
                    continue
                lp = lp0 + lp_tc + lpw
                if lp > LOWER_BOUND:
                    new = base + c
                    old = row.get(new)
                    if old is None or lp > old:
                        row[new] = lp
                        pointers[new] = state
        return row, pointers

    # ------------------------------------------------------------------ lemmas

    def _analyse(self, key: str, tag: str) -> str:
        """HanTa's lemma of a (lower-cased word, tag) pair outside the table."""
        return str(self.hanta._analyze(key, self._tag2int[tag], taglevel=1)[0])

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, directory: Path | None = None, hanta: Any = None) -> Tagger:
        """Load HanTa's model and the shipped tables.

        directory (Path | None): where the tables are (default: ``lagebild/data/tagger``).
        hanta (HanoverTagger | None): an already loaded HanTa model to reuse.
        RETURNS (Tagger): the tagger.
        """
        if hanta is None:
            hanta = load_hanta()
        forms = dict(line.split("\t") for line in _lines(directory, "forms.tsv.gz"))
        suffixes: dict[str, dict[str, str]] = {}
        for line in _lines(directory, "suffixes.tsv.gz"):
            model, suffix, analysis = line.split("\t")
            suffixes.setdefault(model, {})[suffix] = analysis
        lemmas: dict[str, dict[str, str]] = {}
        for line in _lines(directory, "lemmas.tsv.gz"):
            key, tag, lemma = line.split("\t")
            lemmas.setdefault(tag, {})[key] = lemma or key
        return cls(hanta, forms, suffixes, lemmas)


def format_analysis(analysis: Iterable[tuple[int, float]], int2tag: dict[int, str], digits: int = 3) -> str:
    """An analysis as text, log-probabilities rounded: ``NN=-9.100 NE=-11.400``."""
    return " ".join(f"{int2tag[tag]}={lp:.{digits}f}" for tag, lp in analysis)


def _lines(directory: Path | None, name: str) -> Iterator[str]:
    """The lines of a gzip-compressed table, from the directory or the package data."""
    if directory is not None:
        raw = (Path(directory) / name).open("rb")
    else:
        raw = resources.files("lagebild").joinpath("data", "tagger", name).open("rb")
    with raw, io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8", newline="\n") as text:
        for line in text:
            yield line.rstrip("\n")


def load_hanta() -> Any:
    """Load HanTa's German model from the installed ``HanTa`` package.

    RETURNS (HanoverTagger): the model.
    """
    from HanTa import HanoverTagger as ht  # LGPL, a dependency; imported late as it loads numpy

    return ht.HanoverTagger(HANTA_MODEL)


_lock = threading.Lock()
_tagger: Tagger | None = None


def get_tagger() -> Tagger:
    """The process-wide tagger, loaded on first use (about half a second).

    RETURNS (Tagger): the shared instance.
    """
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger = Tagger.load()
    return _tagger
